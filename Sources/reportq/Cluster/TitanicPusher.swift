import Foundation
import Majordomo
import ReportKit
import ZeroMQ

/// What became of one pushed file.
enum PushOutcome {
    case stored(jobID: String)
    case refused(code: String, message: String)
}

/// Pushes files through `titanic.request` over several MDP clients at once (MDP allows one
/// request in flight per client), so the broker's group commit shares one fsync among them.
/// Each client is a Lazy Pirate: on timeout it reconnects and resends (a resend after a lost
/// reply can store the file twice under two ids; titanic.md §3 says why that is the safe side).
final class TitanicPusher {
    private let clients: [MDPClient]
    private static let service = Array("titanic.request".utf8)
    private static let ingest = Array("ingest".utf8)

    /// With `checkSize: false` an oversized file is pushed anyway and comes back as an error line.
    private let checkSize: Bool

    init(context: Context, endpoint: String, inFlight: Int = 16, timeoutMs: Int = 10_000, attempts: Int = 3, checkSize: Bool = true,
         curve: CurveClientKeys? = nil) throws {
        self.checkSize = checkSize
        clients = try (0..<max(1, inFlight)).map { _ in
            try MDPClient(context: context, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts, curve: curve)
        }
    }

    /// Calls `done(path, outcome)` for every file, in completion order.
    func push(_ paths: [String], stop: StopFlag, done: (String, PushOutcome) -> Void) throws {
        struct Slot { var path: String; var body: [[UInt8]]; var deadline: Int; var attempt: Int }
        var slots = [Slot?](repeating: nil, count: clients.count)
        var next = 0
        var poller = Poller(clients.map { $0.socket })

        func start(_ i: Int) throws {
            while next < paths.count {
                let path = paths[next]
                next += 1
                switch TitanicPusher.requestBody(path, checkSize: checkSize) {
                case .failure(let refusal): done(path, refusal.outcome)
                case .success(let body):
                    try clients[i].send(service: TitanicPusher.service, body: body)
                    slots[i] = Slot(path: path, body: body, deadline: MonotonicClock.nowMs() + clients[i].timeoutMs, attempt: 1)
                    return
                }
            }
            slots[i] = nil
        }

        for i in clients.indices { try start(i) }
        while slots.contains(where: { $0 != nil }) {
            if stop.isSet { throw CancellationError() }
            try poller.poll(timeoutMs: 100)
            let now = MonotonicClock.nowMs()
            for i in clients.indices {
                guard let slot = slots[i] else { continue }
                if poller.isReadable(i), let reply = try clients[i].receive() {
                    done(slot.path, TitanicPusher.outcome(reply))
                    try start(i)
                } else if now >= slot.deadline {
                    if slot.attempt >= clients[i].attempts {
                        done(slot.path, .refused(code: "timeout", message: "no reply from the broker after \(slot.attempt) attempt(s)"))
                        try start(i)
                    } else {
                        try clients[i].reconnect()
                        poller.replace(i, with: clients[i].socket)
                        try clients[i].send(service: TitanicPusher.service, body: slot.body)
                        slots[i] = Slot(path: slot.path, body: slot.body, deadline: now + clients[i].timeoutMs, attempt: slot.attempt + 1)
                    }
                }
            }
        }
    }

    /// [service, header JSON, bytes], or a refusal made here (too large, unreadable).
    static func requestBody(_ path: String, checkSize: Bool) -> Result<[[UInt8]], PushRefusal> {
        let name = fileName(of: path)
        let data: [UInt8]
        switch InputFile.read(path, limit: checkSize ? InputDecoder.maxBytes : nil) {
        case .success(let bytes): data = bytes
        case .failure(.tooLarge(let size)):
            return .failure(PushRefusal(.refused(code: "too_large", message: "\(path) has \(size) bytes; the limit is \(InputDecoder.maxBytes)")))
        case .failure(.unreadable(let code)):
            return .failure(PushRefusal(.refused(code: "unreadable", message: "cannot read \(path): \(String(cString: strerror(code)))")))
        }
        var w = JSONWriter(reservingCapacity: 128)
        w.beginObject()
        w.key("name"); w.string(name)
        w.key("bytes"); w.int(data.count)
        w.endObject()
        return .success([ingest, w.bytes, data])
    }

    static func outcome(_ reply: [[UInt8]]) -> PushOutcome {
        if let failure = ErrorReply(body: reply) { return .refused(code: "broker_error", message: failure.description) }
        let text = reply.map { String(decoding: $0, as: UTF8.self) }
        if text.count == 2, text[0] == "200" { return .stored(jobID: text[1]) }
        if text.first == "500", text.count >= 3 { return .refused(code: text[1], message: text[2]) }
        return .refused(code: "bad_reply", message: "unexpected reply: " + text.joined(separator: " | "))
    }
}

/// A local refusal, as an Error so it fits in a Result.
struct PushRefusal: Error {
    let outcome: PushOutcome
    init(_ o: PushOutcome) { outcome = o }
}
