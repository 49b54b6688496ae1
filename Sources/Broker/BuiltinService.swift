import Majordomo

/// A service the broker answers itself (mmi.*, later titanic.*). Registered by name;
/// requests to it never reach a worker.
public protocol BuiltinService: AnyObject {
    func handle(_ body: [[UInt8]], from client: ClientAddress, service: [UInt8], broker: Broker)
    /// Called once per heartbeat interval (timers, retries).
    func tick(broker: Broker, nowMs: Int)
    /// Called once per poll cycle, after every message that arrived together was handled
    /// (group commit: store a batch, fsync once, then reply).
    func endOfCycle(broker: Broker)
}

extension BuiltinService {
    public func tick(broker: Broker, nowMs: Int) {}
    public func endOfCycle(broker: Broker) {}
}

/// RFC 8 (MMI) `mmi.service`: body [service name] → reply ["200"] when the service has
/// workers, ["404"] when not. Any other mmi.* name gets ["501"] (see Broker.clientRequest).
final class MMIService: BuiltinService {
    static let ok: [UInt8] = Array("200".utf8)
    static let notFound: [UInt8] = Array("404".utf8)
    static let notImplemented: [UInt8] = Array("501".utf8)

    func handle(_ body: [[UInt8]], from client: ClientAddress, service: [UInt8], broker: Broker) {
        let name = body.first ?? []
        let code = broker.workerCount(service: name) > 0 ? MMIService.ok : MMIService.notFound
        broker.reply(to: client, service: service, body: [code])
    }
}
