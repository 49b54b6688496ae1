import JobContract
import Majordomo
import ZeroMQ

/// Pushes jobs through `titanic.request` over several MDP clients at once (MDP allows one request
/// in flight per client), so the broker's group commit shares one fsync among them. Each client
/// is a Lazy Pirate: on timeout it reconnects and resends (a resend after a lost reply can store
/// the job twice under two ids; titanic.md §3 says why that is the safe side).
public final class TitanicPusher {
    private let clients: [MDPClient]

    /// What became of one job.
    public enum Outcome: Equatable, Sendable {
        /// The broker's answer: stored, or refused.
        case acknowledged(TitanicAcknowledgement)
        /// No answer after every attempt.
        case noReply(attempts: Int)
        /// An answer that is not Titanic's (e.g. the broker's error reply).
        case unexpected(TitanicClientError)
    }

    /// A job to push, and the caller's tag for it (a path, say), handed back with its outcome.
    public struct Job<Tag> {
        public var tag: Tag
        public var header: JobHeader
        public var body: [UInt8]
        public init(tag: Tag, header: JobHeader, body: [UInt8]) { self.tag = tag; self.header = header; self.body = body }
    }

    /// A job in flight on one client.
    private struct Slot<Tag> { var tag: Tag; var body: [[UInt8]]; var deadline: Int; var attempt: Int }

    public init(context: Context, endpoint: String, inFlight: Int = 16, timeoutMs: Int = 10_000, attempts: Int = 3,
                curve: CurveClientKeys? = nil) throws {
        clients = try (0..<max(1, inFlight)).map { _ in
            try MDPClient(context: context, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts, curve: curve)
        }
    }

    /// Pushes every job `next()` gives until it gives nil, calling `done(tag, outcome)` in
    /// completion order. Throws CancellationError once `stop` is set. `whenSilent` runs when a
    /// request's reply is overdue, before it is sent again: it may check the broker (mmi.service)
    /// and throw to end the push at once rather than after every attempt of every job in flight.
    public func push<Tag>(next: () -> Job<Tag>?, stop: StopFlag, whenSilent: () throws -> Void = {},
                          done: (Tag, Outcome) -> Void) throws {
        var slots = [Slot<Tag>?](repeating: nil, count: clients.count)
        var poller = Poller(clients.map { $0.socket })
        let service = ServiceName.titanicRequest.bytes

        func start(_ i: Int) throws {
            guard let job = next() else { slots[i] = nil; return }
            let body = TitanicClient.requestBody(header: job.header, body: job.body)
            try clients[i].send(service: service, body: body)
            slots[i] = Slot(tag: job.tag, body: body, deadline: MonotonicClock.nowMs() + clients[i].timeoutMs, attempt: 1)
        }

        for i in clients.indices { try start(i) }
        while slots.contains(where: { $0 != nil }) {
            if stop.isSet { throw CancellationError() }
            try poller.poll(timeoutMs: 100)
            let now = MonotonicClock.nowMs()
            for i in clients.indices {
                guard let slot = slots[i] else { continue }
                if poller.isReadable(i), let reply = try clients[i].receive() {
                    done(slot.tag, TitanicAcknowledgement(frames: reply).map(Outcome.acknowledged) ?? .unexpected(TitanicClientError(reply)))
                    try start(i)
                } else if now >= slot.deadline {
                    try whenSilent()
                    if slot.attempt >= clients[i].attempts {
                        done(slot.tag, .noReply(attempts: slot.attempt))
                        try start(i)
                    } else {
                        try clients[i].reconnect()
                        poller.replace(i, with: clients[i].socket)
                        try clients[i].send(service: service, body: slot.body)
                        slots[i] = Slot(tag: slot.tag, body: slot.body, deadline: now + clients[i].timeoutMs, attempt: slot.attempt + 1)
                    }
                }
            }
        }
    }
}
