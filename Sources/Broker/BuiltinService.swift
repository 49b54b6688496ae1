import Majordomo
import ZeroMQ

/// A service the broker answers itself (mmi.service here; titanic.* and reportq.status from the
/// Titanic module). Registered by name; requests to it never reach a worker.
public protocol BuiltinService: AnyObject {
    /// A request's body: the received messages themselves (moved, not copied); read them in
    /// place, copy only small frames that must become arrays.
    func handle(_ body: OwnedFrames, from client: ClientAddress, service: [UInt8], broker: Broker)
    /// Called once per heartbeat interval (timers, retries).
    func tick(broker: Broker, nowMs: Int)
    /// Called at the end of a poll cycle, after every message that arrived together was handled
    /// (group commit: store a batch, fsync once, then reply): in cycles where something reached
    /// a built-in service (a request, a worker's reply or loss) or a worker came or went, after a
    /// heartbeat tick, and once `endOfCycleDueMs` has passed; skipped in other cycles.
    func endOfCycle(broker: Broker)
    /// When (monotonic ms) `endOfCycle` is due by the service's own timers (read after each call).
    /// Default 0: every cycle.
    var endOfCycleDueMs: Int { get }
}

extension BuiltinService {
    public func tick(broker: Broker, nowMs: Int) {}
    public func endOfCycle(broker: Broker) {}
    public var endOfCycleDueMs: Int { 0 }
}

/// RFC 8 (MMI) `mmi.service`: body [service name] → reply ["200"] when the service has
/// workers, ["404"] when not. Any other mmi.* name gets ["501"] (see Broker.clientRequest).
final class MMIService: BuiltinService {
    static let ok: [UInt8] = Array("200".utf8)
    static let notFound: [UInt8] = Array("404".utf8)
    static let notImplemented: [UInt8] = Array("501".utf8)
    var endOfCycleDueMs: Int { .max }         // nothing to do at the end of a cycle

    func handle(_ body: OwnedFrames, from client: ClientAddress, service: [UInt8], broker: Broker) {
        let name = body.count > 0 ? body.copy(0) : []
        let code = broker.workerCount(service: name) > 0 ? MMIService.ok : MMIService.notFound
        broker.reply(to: client, service: service, body: [code])
    }
}
