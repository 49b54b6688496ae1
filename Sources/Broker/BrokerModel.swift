import Majordomo
import ZeroMQ

/// A client peer of the broker: its routing id and the framing it speaks.
public struct ClientAddress: Hashable, Sendable {
    public let id: FrameKey
    public let framing: Framing
    public var identity: [UInt8] { id.bytes }
}

/// A built-in service that submits requests to worker services itself (Titanic dispatches
/// stored jobs and their results this way). Replies come back here.
public protocol InternalRequester: AnyObject {
    /// The FINAL reply's body: the worker's messages themselves (moved, not copied).
    func workerReplied(_ body: OwnedFrames, tag: [UInt8], service: [UInt8], broker: Broker)
    /// The worker holding the request died, or it was cancelled: the broker forgets the request
    /// (it does not requeue it); the owner decides whether to send it again.
    func requestLost(tag: [UInt8], service: [UInt8], reason: String, broker: Broker)
}

/// Who is waiting for a request's reply.
public enum Requester {
    case client(ClientAddress)
    case internalService(InternalRequester, tag: [UInt8])
}

// The broker is single-threaded and never holds two accesses to one of these properties at
// once, so they skip the runtime's exclusivity checks (a measurable share of a request's cost).

/// A request on its way to a worker. A class: it moves between its service's queue and the
/// worker holding it as one reference (a struct this size was copied through value witnesses),
/// and only one of them holds it at a time.
final class PendingRequest {
    let requester: Requester
    let body: OwnedFrames         // libzmq messages: forwarded without copying
    @exclusivity(unchecked) var attempts = 0   // how many workers were lost while holding it
    let submittedAtMs: Int        // arrival time, for the latency histogram

    init(requester: Requester, body: OwnedFrames, submittedAtMs: Int) {
        self.requester = requester
        self.body = body
        self.submittedAtMs = submittedAtMs
    }

    var isFromClient: Bool { if case .client = requester { return true } else { return false } }
}

/// A worker known to the broker.
final class WorkerRecord {
    let identity: FrameKey
    let framing: Framing
    let service: ServiceRecord
    @exclusivity(unchecked) var expiresAtMs: Int
    @exclusivity(unchecked) var job: PendingRequest? = nil

    init(identity: FrameKey, framing: Framing, service: ServiceRecord, expiresAtMs: Int) {
        self.identity = identity
        self.framing = framing
        self.service = service
        self.expiresAtMs = expiresAtMs
    }
}

/// A named service: its line of requests and its line of idle workers (least recently used first).
final class ServiceRecord {
    let name: [UInt8]
    let key: FrameKey
    @exclusivity(unchecked) var requests = Queue<PendingRequest>()
    @exclusivity(unchecked) var waiting = Queue<WorkerRecord>()
    @exclusivity(unchecked) var workerCount = 0

    init(name: [UInt8]) {
        self.name = name
        key = FrameKey(name)
    }
}
