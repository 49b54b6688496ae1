import Foundation
import Majordomo
import ZeroMQ

struct ClusterDied: Error {}

/// One file to process.
struct FileJob {
    let jobID: String
    let path: String
    var name: String { (path as NSString).lastPathComponent }
}

/// Sends jobs to a service over several MDP clients at once (one request in flight per client,
/// as MDP requires), so every worker stays busy. Each client is a Lazy Pirate: on timeout it
/// reconnects and resends, a bounded number of times. Results come back in completion order.
final class JobFanout {
    private let clients: [MDPClient]
    private let service: [UInt8]

    init(context: Context, endpoint: String, service: String, inFlight: Int, timeoutMs: Int, attempts: Int) throws {
        clients = try (0..<max(1, inFlight)).map { _ in
            try MDPClient(context: context, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts)
        }
        self.service = Array(service.utf8)
    }

    /// `result(job, record)` gets each job's reply record (or an error record).
    /// `healthy()` is checked about once a second; when it turns false the run stops with `ClusterDied`.
    func run(_ jobs: [FileJob], stop: StopFlag, healthy: () -> Bool = { true }, result: (FileJob, [UInt8]) -> Void) throws {
        struct Slot { var job: FileJob; var body: [[UInt8]]; var deadline: Int; var attempt: Int }
        var slots = [Slot?](repeating: nil, count: clients.count)
        var next = 0
        var poller = Poller(clients.map { $0.socket })

        func start(_ i: Int) throws {
            while next < jobs.count {
                let job = jobs[next]
                next += 1
                guard let bytes = FileManager.default.contents(atPath: job.path) else {
                    result(job, errorRecord(jobID: job.jobID, name: job.name, code: "unreadable", message: "cannot read \(job.path)"))
                    continue
                }
                let body = JobHeader.body(jobID: job.jobID, name: job.name, bytes: [UInt8](bytes))
                try clients[i].send(service: service, body: body)
                slots[i] = Slot(job: job, body: body, deadline: MonotonicClock.nowMs() + clients[i].timeoutMs, attempt: 1)
                return
            }
            slots[i] = nil
        }

        for i in clients.indices { try start(i) }
        var nextHealthCheck = MonotonicClock.nowMs() + 1_000
        while slots.contains(where: { $0 != nil }) {
            if stop.isSet { throw CancellationError() }
            if MonotonicClock.nowMs() >= nextHealthCheck {
                guard healthy() else { throw ClusterDied() }
                nextHealthCheck = MonotonicClock.nowMs() + 1_000
            }
            try poller.poll(timeoutMs: 100)
            let now = MonotonicClock.nowMs()
            for i in clients.indices {
                guard let slot = slots[i] else { continue }
                if poller.isReadable(i), let reply = try clients[i].receive() {
                    if let failure = ErrorReply(body: reply) {
                        result(slot.job, errorRecord(jobID: slot.job.jobID, name: slot.job.name, code: "cluster_error", message: failure.description))
                    } else {
                        result(slot.job, reply.first ?? [])
                    }
                    try start(i)
                } else if now >= slot.deadline {
                    if slot.attempt >= clients[i].attempts {
                        result(slot.job, errorRecord(jobID: slot.job.jobID, name: slot.job.name, code: "timeout",
                                                     message: "no reply after \(slot.attempt) attempt(s)"))
                        try start(i)
                    } else {
                        // Lazy Pirate: a fresh socket, the same request again.
                        try clients[i].reconnect()
                        poller.replace(i, with: clients[i].socket)
                        try clients[i].send(service: service, body: slot.body)
                        slots[i] = Slot(job: slot.job, body: slot.body, deadline: now + clients[i].timeoutMs, attempt: slot.attempt + 1)
                    }
                }
            }
        }
    }
}
