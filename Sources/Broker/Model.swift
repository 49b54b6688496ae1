import Majordomo
import ZeroMQ

/// A client peer of the broker: its routing id and the framing it speaks.
public struct ClientAddress: Hashable, Sendable {
    public let identity: [UInt8]
    public let framing: Framing
}

/// A built-in service that submits requests to worker services itself (the seam for Titanic:
/// it will dispatch stored jobs to "ingest" and results to "collect"). Replies come back here.
public protocol InternalRequester: AnyObject {
    func workerReplied(_ body: [[UInt8]], tag: [UInt8], service: [UInt8], broker: Broker)
    /// The worker holding the request died, or it was cancelled: the broker forgets the request
    /// (it does not requeue it); the owner decides whether to send it again.
    func requestLost(tag: [UInt8], service: [UInt8], reason: String, broker: Broker)
}

/// Who is waiting for a request's reply.
public enum Requester {
    case client(ClientAddress)
    case internalService(InternalRequester, tag: [UInt8])
}

/// A request on its way to a worker.
struct PendingRequest {
    let requester: Requester
    let body: [Message]           // libzmq messages: forwarded without copying
    var attempts = 0              // how many workers were lost while holding it
    var submittedAtMs = 0         // arrival time, for the latency histogram
}

/// A worker known to the broker.
final class WorkerRecord {
    let identity: [UInt8]
    let framing: Framing
    let service: ServiceRecord
    var expiresAtMs: Int
    var job: PendingRequest? = nil

    init(identity: [UInt8], framing: Framing, service: ServiceRecord, expiresAtMs: Int) {
        self.identity = identity
        self.framing = framing
        self.service = service
        self.expiresAtMs = expiresAtMs
    }
}

/// A named service: its line of requests and its line of idle workers (least recently used first).
final class ServiceRecord {
    let name: [UInt8]
    var requests = Queue<PendingRequest>()
    var waiting = Queue<WorkerRecord>()
    var workerCount = 0

    init(name: [UInt8]) { self.name = name }
}
