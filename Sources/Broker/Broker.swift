#if canImport(Glibc)
import Glibc
#endif
import Majordomo
import ProcessMemory
import Telemetry
import ZeroMQ

public enum BrokerError: Error, CustomStringConvertible {
    case cannotBind(String, Error)
    public var description: String {
        switch self { case .cannotBind(let endpoint, let error): return "cannot bind \(endpoint): \(error)" }
    }
}

/// The Majordomo broker (RFC 18), after the ZeroMQ Guide's mdbroker: one ROUTER socket,
/// a request queue per service, idle workers served least recently used first, heartbeats
/// both ways, and requests of lost workers requeued, never dropped. One function per command.
/// Single-threaded: everything runs on the thread that calls `run`.
public final class Broker {
    public let options: BrokerOptions
    // The broker is single-threaded and no access to its state overlaps another, so the hot
    // properties skip the runtime's exclusivity checks (a measurable share of a request's cost).
    @exclusivity(unchecked) public private(set) var stats = BrokerStats()
    /// Prometheus metrics (nil: none); set before `run`.
    @exclusivity(unchecked) public var metrics: BrokerMetrics?
    private var metricsAtMs = 0

    private let socket: Socket
    private let frames = ReceivedFrames(capacity: 16)     // the message being handled
    @exclusivity(unchecked) private var services: [FrameKey: ServiceRecord] = [:]
    @exclusivity(unchecked) private var lastService: ServiceRecord?   // the one `serviceRecord` found last
    @exclusivity(unchecked) private var workers: [FrameKey: WorkerRecord] = [:]
    @exclusivity(unchecked) private var nowMs = MonotonicClock.nowMs()
    @exclusivity(unchecked) private var builtins: [(name: [UInt8], service: BuiltinService)] = []
    @exclusivity(unchecked) private var heartbeatAtMs = 0
    private let internalAddress = FrameKey(Array("@broker".utf8))
    private let peers: PeerWatcher
    /// Client requests waiting in service queues, per client, and the connection each client's
    /// requests came on (one routing id per connection): the bound per client, and what to drop
    /// when that connection closes.
    @exclusivity(unchecked) private var queuedByClient: [FrameKey: Int] = [:]
    @exclusivity(unchecked) private var clientOnConnection: [Int32: (generation: UInt64, client: FrameKey)] = [:]
    /// Clients whose first request came before the peer watcher saw their connection accepted
    /// (a busy machine): matched to it at the next heartbeat.
    @exclusivity(unchecked) private var clientOnUnseenConnection: [Int32: FrameKey] = [:]
    nonisolated(unsafe) private static var brokers = 0
    @exclusivity(unchecked) private var cycleHooks: [BuiltinService] = []
    @exclusivity(unchecked) private var builtinTouched = false   // a built-in service got a message this cycle
    /// Something built-in services may act on happened (a message for them, a worker came or
    /// went): their end-of-cycle hooks run. Otherwise only from `hooksDueAtMs` (their own timers).
    @exclusivity(unchecked) private var hooksDue = true
    @exclusivity(unchecked) private var hooksDueAtMs = 0
    static let messagesPerCycle = 256
    /// Receive timeout while busy: past it the broker counts as idle and polls (see `run`).
    static let busyReceiveMs = 5
    /// Longest idle poll (timers are also checked this often).
    static let idlePollMaxMs = 100
    /// Quiet time after traffic before freed memory is handed back to the OS.
    static let trimAfterIdleMs = 50
    @exclusivity(unchecked) private var lastTrafficMs = 0
    private var trimmedAtMs = 0

    /// When the next timer is due: heartbeats, a built-in service's own timer, metrics sampling.
    private var nextTimerMs: Int {
        min(heartbeatAtMs, hooksDueAtMs, metrics != nil ? metricsAtMs : Int.max)
    }

    public init(context: Context, options: BrokerOptions) throws {
        self.options = options
        socket = try context.socket(.router)
        try socket.setLinger(0)
        try socket.setRouterMandatory(true)
        try socket.setMaxMessageSize(options.maxMessageBytes)
        try socket.setSendHighWaterMark(100_000)
        try socket.setReceiveHighWaterMark(100_000)
        if let key = options.curveSecretKey { try socket.setCurveServer(secretKey: key); try socket.setZAPDomain("reportq") }
        Broker.brokers += 1
        peers = try PeerWatcher(socket: socket, context: context, endpoint: "inproc://reportq.broker.peers.\(Broker.brokers)")
        for endpoint in options.endpoints {
            do { try socket.bind(endpoint) } catch { throw BrokerError.cannotBind(endpoint, error) }
        }
        register(builtin: MMIService(), name: "mmi.service")
    }

    /// Called (on another thread) for each failed handshake on the broker's socket, with the
    /// peer's address when known (security logs). Set before `run`.
    public var onHandshakeFailure: (@Sendable (MonitorEvent, String?) -> Void)? {
        get { peers.onHandshakeFailure }
        set { peers.onHandshakeFailure = newValue }
    }

    /// The endpoint bound last (for `tcp://127.0.0.1:*`).
    public var boundEndpoint: String { socket.lastEndpoint }

    /// Adds a service the broker answers itself (e.g. titanic.request).
    public func register(builtin: BuiltinService, name: String) {
        builtins.removeAll { $0.name == Array(name.utf8) }
        builtins.append((Array(name.utf8), builtin))
        if !cycleHooks.contains(where: { $0 === builtin }) { cycleHooks.append(builtin) }
    }

    // MARK: main loop

    /// Serves until `stop` is set, then tells every worker DISCONNECT, closes its socket and returns.
    /// While traffic flows, a blocking receive with a short timeout (rather than zmq_poll +
    /// non-blocking reads) costs the fewest system calls per message. Once that times out, the
    /// broker is idle: it then polls the socket and the stop flag's pipe until the next timer is
    /// due, so timers fire on time and a stop request is seen at once.
    public func run(stop: StopFlag) throws {
        heartbeatAtMs = MonotonicClock.nowMs() + options.heartbeatMs
        FreedMemory.keepUntilRelease()    // handed back once traffic pauses (below), not mid-burst
        try socket.setReceiveTimeout(Broker.busyReceiveMs)
        var idle = Poller([socket], fds: stop.wakeFD >= 0 ? [stop.wakeFD] : [])
        peers.start()
        defer { peers.stop() }
        while !stop.isSet {
            if try frames.receive(from: socket) {
                handleReceived()           // reads the clock
                lastTrafficMs = nowMs
                // When a built-in service took part, drain what else arrived first, so its work of
                // the cycle is done together (one journal fsync for every titanic.request among them).
                // Plain client ⇄ worker traffic skips this: the failed non-blocking receive that ends
                // a drain costs libzmq two poll(2) calls per message.
                if builtinTouched {
                    for _ in 0..<Broker.messagesPerCycle {
                        guard try frames.receive(from: socket, dontWait: true) else { break }
                        handleReceived()
                    }
                    builtinTouched = false
                }
            } else {
                nowMs = MonotonicClock.nowMs()
                // Quiet for a while after traffic: give back what the burst freed (once per burst).
                if lastTrafficMs > trimmedAtMs && nowMs - lastTrafficMs >= Broker.trimAfterIdleMs {
                    FreedMemory.release()
                    trimmedAtMs = nowMs
                }
                let wait = hooksDue ? 0 : min(nextTimerMs - nowMs, Broker.idlePollMaxMs)
                if wait > 0 {
                    _ = try idle.poll(timeoutMs: wait)
                    nowMs = MonotonicClock.nowMs()
                }
            }
            if hooksDue || nowMs >= hooksDueAtMs { endCycle() }
            if nowMs >= heartbeatAtMs {
                purgeExpiredWorkers()
                dropAbandonedRequests()
                expireUnservedRequests()
                forgetIdleServices()
                sendHeartbeats()
                for builtin in cycleHooks { builtin.tick(broker: self, nowMs: nowMs) }
                hooksDue = true           // ticks may have set new timers
                heartbeatAtMs = nowMs + options.heartbeatMs
            }
            if let metrics, nowMs >= metricsAtMs { sampleMetrics(metrics); metricsAtMs = nowMs + 1_000 }
        }
        // The DISCONNECTs get half a second to leave (linger 0 would drop them at close): a worker
        // that hears one re-registers at once instead of when its heartbeat liveness runs out.
        try? socket.setLinger(500)
        for worker in workers.values { send(to: worker, .disconnect) }
        socket.close()                    // what it holds leaves when the context terminates
        log("stats requests=\(stats.requests) replies=\(stats.replies) requeued=\(stats.requeued) "
            + "refused=\(stats.refused) expired=\(stats.expiredWorkers) malformed=\(stats.malformed) "
            + "unserved=\(stats.unserved) abandoned=\(stats.abandoned)")
    }

    /// Runs the built-in services' end-of-cycle hooks (group commit, dispatch of stored jobs) and
    /// notes when their own timers next need them. Their state changes only in calls from the
    /// broker, and every such call sets `hooksDue`, so in cycles without one they are skipped.
    private func endCycle() {
        hooksDue = false                  // (a hook's own work may set it again)
        var due = Int.max
        for builtin in cycleHooks {
            builtin.endOfCycle(broker: self)
            due = min(due, builtin.endOfCycleDueMs)
        }
        hooksDueAtMs = due
    }

    /// Decodes the message in `frames` in place: header frames are read where libzmq received
    /// them, body frames are moved on (to a worker or client) or into a queued request, never copied.
    func handleReceived() {
        defer { frames.release() }        // whatever was not moved on (refused, malformed…) goes now
        nowMs = MonotonicClock.nowMs()
        let count = frames.count
        guard count >= 2 else { stats.malformed += 1; return }
        let header: InboundHeader
        do {
            header = try InboundHeader.decode(start: 1, count: count) { frames.bytes($0) }
            // Routing ids, service names and client addresses are at most 255 bytes (ZMTP):
            // a longer frame where a header frame belongs (decode read those before the body) is malformed.
            if frames.largestSize(0..<header.bodyStart) > Broker.maxHeaderFrame { throw MDPError.badCommandFrame }
        } catch {
            stats.malformed += 1
            // A registered worker that talks garbage is cut off; anyone else is ignored.
            if let worker = workers[FrameKey(frames.bytes(0))] {
                log("worker sent malformed message (\(error)); disconnecting")
                deleteWorker(worker, notify: true)
            }
            return
        }
        let sender = FrameKey(frames.bytes(0))
        switch header.command {
        case .client(.request):
            clientRequest(ClientAddress(id: sender, framing: header.framing), service: header.nameIndex, body: header.bodyStart)
        case .client:
            stats.malformed += 1          // PARTIAL/FINAL only ever go broker → client
        case .worker(let code):
            workerMessage(sender, header.framing, code, name: header.nameIndex, body: header.bodyStart)
        }
    }

    /// Service names and routing ids are at most 255 bytes (ZMTP); longer frames can only be bodies.
    static let maxHeaderFrame = 255

    // MARK: client commands

    /// A REQUEST: `service` is the index of its service name frame, `body` of its first body frame.
    private func clientRequest(_ client: ClientAddress, service nameIndex: Int, body: Int) {
        stats.requests += 1
        let name = frames.bytes(nameIndex)
        if let builtin = builtin(named: name) {
            builtinTouched = true
            hooksDue = true
            builtin.service.handle(frames.take(body..<frames.count), from: client, service: builtin.name, broker: self)
            return
        }
        if name.starts(with: MDP.mmiPrefix) {
            reply(to: client, service: Array(name), body: [MMIService.notImplemented])
            return
        }
        guard let service = serviceRecord(FrameKey(name), name) else {
            refuse(client, service: Array(name), "too many services (limit \(options.maxServices))")
            return
        }
        guard service.requests.count < options.maxQueuedPerService else {
            refuse(client, service: service.name, "queue full: \(service.requests.count) requests waiting for service " + String(decoding: service.name, as: UTF8.self))
            return
        }
        let waiting = queuedByClient[client.id] ?? 0
        guard waiting < options.maxQueuedPerClient else {
            refuse(client, service: service.name, "too many requests waiting: this client has \(waiting) (limit \(options.maxQueuedPerClient))")
            return
        }
        // (Frame 0, the routing id, is made by the ROUTER socket: the first frame off the wire has the descriptor.)
        if waiting == 0 {
            let fd = frames.sourceDescriptor(1)
            // (-1: no descriptor, an inproc peer: no connection to watch.)
            if let c = peers.connection(on: fd) { clientOnConnection[c.fd] = (c.generation, client.id) } else if fd >= 0 { clientOnUnseenConnection[fd] = client.id }
        }
        queued(PendingRequest(requester: .client(client), body: frames.take(body..<frames.count), submittedAtMs: nowMs), in: service)
        metrics?.submitted(service.name)
        dispatch(service)
    }

    /// Puts a request in its service's line (at the head: a requeued one), counted for its client.
    private func queued(_ request: PendingRequest, in service: ServiceRecord, atHead: Bool = false) {
        if atHead { service.requests.pushFront(request) } else { service.requests.append(request) }
        if case .client(let c) = request.requester { queuedByClient[c.id, default: 0] += 1 }
    }

    /// A request left its service's line (to a worker, or dropped).
    private func unqueued(_ request: PendingRequest) {
        guard case .client(let c) = request.requester, let n = queuedByClient[c.id] else { return }
        queuedByClient[c.id] = n > 1 ? n - 1 : nil
    }

    private func refuse(_ client: ClientAddress, service: [UInt8], _ message: String) {
        stats.refused += 1
        metrics?.refused(service)
        reply(to: client, service: service, body: ErrorReply(status: 503, message: message).body)
    }

    // MARK: worker commands

    /// A worker command: `name` is the index of its service or client address frame (-1: none),
    /// `body` of its first body frame.
    private func workerMessage(_ sender: FrameKey, _ framing: Framing, _ command: MDPWorkerCommand.Code, name: Int, body: Int) {
        let worker = workers[sender]
        worker?.expiresAtMs = nowMs + options.heartbeatMs * options.liveness
        switch command {
        case .ready: workerReady(sender, framing, service: frames.bytes(name), known: worker)
        case .heartbeat: if worker == nil { sendDisconnect(sender, framing) }
        case .partial: workerReply(sender, framing, worker, body: body, final: false)
        case .final: workerReply(sender, framing, worker, body: body, final: true)
        case .disconnect: if let worker { deleteWorker(worker, notify: false) }
        case .request:
            // Only the broker sends REQUEST to workers: protocol error.
            stats.malformed += 1
            if let worker { deleteWorker(worker, notify: true) } else { sendDisconnect(sender, framing) }
        }
    }

    private func workerReady(_ sender: FrameKey, _ framing: Framing, service name: UnsafeRawBufferPointer, known: WorkerRecord?) {
        if let known {
            // READY twice is a protocol error (RFC 18): forget the worker and make it start over.
            deleteWorker(known, notify: true)
            return
        }
        guard !isReserved(name), let service = serviceRecord(FrameKey(name), name, forWorker: true) else {
            sendDisconnect(sender, framing)
            return
        }
        let worker = WorkerRecord(identity: sender, framing: framing, service: service,
                                  expiresAtMs: nowMs + options.heartbeatMs * options.liveness)
        workers[sender] = worker
        service.workerCount += 1
        hooksDue = true
        log("worker ready for " + String(decoding: service.name, as: UTF8.self))
        // MDP does not answer READY; a heartbeat at once tells the worker it reached a broker
        // (WorkerSession's BrokerLink) without waiting out the interval.
        send(to: worker, .heartbeat)
        service.waiting.append(worker)
        dispatch(service)
    }

    /// PARTIAL or FINAL: the body (frames `body...`) goes to whoever is waiting for the request.
    private func workerReply(_ sender: FrameKey, _ framing: Framing, _ worker: WorkerRecord?, body: Int, final: Bool) {
        guard let worker else { sendDisconnect(sender, framing); return }
        guard let job = worker.job else {
            // A reply without a request in hand: protocol error.
            stats.malformed += 1
            deleteWorker(worker, notify: true)
            return
        }
        let service = worker.service
        if final {
            // The worker gets its next request first; handling this reply (e.g. journaling a
            // result) then overlaps with the worker's next job instead of idling it.
            stats.replies += 1
            metrics?.done(service.name, latencyMs: nowMs - job.submittedAtMs)
            worker.job = nil
            service.waiting.append(worker)
            dispatch(service)
        }
        deliver(.received(from: body), for: job, service: service.name, final: final)
    }

    // MARK: dispatch

    /// Hands queued requests to idle workers, least recently used first.
    private func dispatch(_ service: ServiceRecord) {
        while !service.requests.isEmpty, let worker = service.waiting.popFirst() {
            let request = service.requests.popFirst()!
            unqueued(request)
            if sendRequest(request, to: worker) {
                worker.job = request
                metrics?.dispatched(service.name)
            } else {
                // The worker vanished under us: the request goes back to the head of the line.
                request.attempts += 1
                queued(request, in: service, atHead: true)
                stats.requeued += 1
                metrics?.retried(service.name)
                deleteWorker(worker, notify: false)
            }
        }
    }

    private func sendRequest(_ request: PendingRequest, to worker: WorkerRecord) -> Bool {
        let address: FrameKey
        switch request.requester {
        case .client(let c): address = c.id
        case .internalService: address = internalAddress
        }
        do {
            try address.withUnsafeBytes { a in
                try send(to: worker.identity, MDPWorkerCommand.headerFrameCount(.request, framing: worker.framing), body: .owned(request.body)) {
                    try MDPWorkerCommand.writeHeader(.request, address: a, framing: worker.framing, $0)
                }
            }
            return true
        } catch { return false }
    }

    private func deliver(_ body: Body, for request: PendingRequest, service: [UInt8], final: Bool) {
        switch request.requester {
        case .client(let client):
            let code: MDPClientCommand.Code = final ? .final : .partial
            // A client that left loses its reply.
            try? service.withUnsafeBytes { name in
                try send(to: client.id, MDPClientCommand.headerFrameCount(code, framing: client.framing), body: body) {
                    try MDPClientCommand.writeHeader(code, service: name, framing: client.framing, $0)
                }
            }
        case .internalService(let owner, let tag):
            builtinTouched = true
            hooksDue = true
            if final { owner.workerReplied(owned(body), tag: tag, service: service, broker: self) }
        }
    }

    // MARK: heartbeats and expiry

    private func sendHeartbeats() {
        for worker in workers.values { send(to: worker, .heartbeat) }
    }

    /// Forgets workers silent for `liveness` intervals; their requests go to other workers.
    private func purgeExpiredWorkers() {
        var expired: [WorkerRecord] = []
        for worker in workers.values where worker.expiresAtMs < nowMs { expired.append(worker) }
        for worker in expired {
            stats.expiredWorkers += 1
            log("worker expired" + (worker.job != nil ? "; requeueing its request" : ""))
            deleteWorker(worker, notify: true, reason: "worker died (no heartbeat for \(options.heartbeatMs * options.liveness) ms)")
        }
    }

    private func deleteWorker(_ worker: WorkerRecord, notify: Bool, reason: String = "worker lost") {
        if notify { send(to: worker, .disconnect) }
        workers[worker.identity] = nil
        hooksDue = true
        let service = worker.service
        service.workerCount -= 1
        service.waiting.removeAll { $0 === worker }
        if let job = worker.job {
            worker.job = nil
            if case .internalService(let owner, let tag) = job.requester {
                // The owner (Titanic) keeps its own attempt count in the journal and decides.
                stats.requeued += 1
                owner.requestLost(tag: tag, service: service.name, reason: reason, broker: self)
                return
            }
            job.attempts += 1
            if options.maxAttempts > 0 && job.attempts >= options.maxAttempts {
                // A poison request (it keeps killing workers): answer with an error instead of looping.
                stats.refused += 1
                metrics?.failed(service.name)
                let failure = ErrorReply(status: 500, message: "gave up: \(job.attempts) workers were lost while holding this request")
                deliver(.bytes(failure.body), for: job, service: service.name, final: true)
            } else {
                stats.requeued += 1
                metrics?.retried(service.name)
                queued(job, in: service, atHead: true)
                dispatch(service)
            }
        }
    }

    // MARK: sending

    /// Where the body of an outgoing message comes from.
    enum Body {
        case none
        case received(from: Int)       // frames `from...` of the message being handled: moved, not copied
        case owned(OwnedFrames)        // a request's frames: shared (it may have to be sent again)
        case bytes([[UInt8]])          // made by the broker or a built-in service
    }

    /// Sends `[peer] + header + body`; `header` writes `headerCount` frames through the function it gets.
    /// Non-blocking: a peer that is gone or full costs its message, never the broker's loop.
    private func send(to peer: FrameKey, _ headerCount: Int, body: Body,
                      header: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let bodyCount: Int
        switch body {
        case .none: bodyCount = 0
        case .received(let from): bodyCount = frames.count - from
        case .owned(let owned): bodyCount = owned.count
        case .bytes(let list): bodyCount = list.count
        }
        var left = 1 + headerCount + bodyCount
        let socket = self.socket
        try peer.withUnsafeBytes { left -= 1; try socket.send(bytes: $0, more: true, dontWait: true) }
        try header { left -= 1; try socket.send(bytes: $0, more: left > 0, dontWait: true) }
        switch body {
        case .none: break
        case .received(let from):
            for i in from..<frames.count { try frames.send(i, on: socket, more: i < frames.count - 1, dontWait: true) }
        case .owned(let owned): try owned.send(on: socket, dontWait: true)
        case .bytes(let list):
            for (i, frame) in list.enumerated() {
                try frame.withUnsafeBytes { try socket.send(bytes: $0, more: i < list.count - 1, dontWait: true) }
            }
        }
    }

    /// The body as owned frames: received frames are moved out of their slots, not copied.
    private func owned(_ body: Body) -> OwnedFrames {
        switch body {
        case .none: return OwnedFrames([[UInt8]]())
        case .received(let from): return frames.take(from..<frames.count)
        case .owned(let owned): return owned
        case .bytes(let list): return OwnedFrames(list)
        }
    }

    private func send(to worker: WorkerRecord, _ code: MDPWorkerCommand.Code) {
        sendCommand(code, to: worker.identity, worker.framing)
    }

    private func sendDisconnect(_ identity: FrameKey, _ framing: Framing) {
        sendCommand(.disconnect, to: identity, framing)
    }

    private func sendCommand(_ code: MDPWorkerCommand.Code, to identity: FrameKey, _ framing: Framing) {
        try? send(to: identity, MDPWorkerCommand.headerFrameCount(code, framing: framing), body: .none) {
            try MDPWorkerCommand.writeHeader(code, framing: framing, $0)
        }
    }

    // MARK: API for built-in services

    /// Sends a FINAL reply to a client.
    public func reply(to client: ClientAddress, service: [UInt8], body: [[UInt8]]) {
        try? service.withUnsafeBytes { name in
            try send(to: client.id, MDPClientCommand.headerFrameCount(.final, framing: client.framing), body: .bytes(body)) {
                try MDPClientCommand.writeHeader(.final, service: name, framing: client.framing, $0)
            }
        }
    }

    /// Queues a request from a built-in service to a worker service. False when refused (queue full).
    @discardableResult
    public func submit(service name: [UInt8], body: [[UInt8]], from owner: InternalRequester, tag: [UInt8]) -> Bool {
        submit(service: name, body: OwnedFrames(body), from: owner, tag: tag)
    }

    /// Like `submit(service:body:from:tag:)` with frames already held as messages: they are
    /// shared with the worker, not copied.
    @discardableResult
    public func submit(service name: [UInt8], body: OwnedFrames, from owner: InternalRequester, tag: [UInt8]) -> Bool {
        let key = FrameKey(name)
        guard let service = name.withUnsafeBytes({ serviceRecord(key, $0) }), service.requests.count < options.maxQueuedPerService else { return false }
        service.requests.append(PendingRequest(requester: .internalService(owner, tag: tag), body: body, submittedAtMs: nowMs))
        metrics?.submitted(name)
        dispatch(service)
        return true
    }

    /// Takes an internal request back: from the worker holding it (which is disconnected, as it
    /// is stuck) or from the service's queue. The owner hears `requestLost` with `reason`.
    public func cancel(tag: [UInt8], service name: [UInt8], reason: String) {
        for worker in workers.values {
            if case .internalService(_, let t)? = worker.job?.requester, t == tag, worker.service.name == name {
                log("cancelling a request: \(reason)")
                deleteWorker(worker, notify: true, reason: reason)
                return
            }
        }
        withdraw(tag: tag, service: name)
    }

    /// Takes an internal request back from the service's queue if no worker has it yet (the
    /// owner hears nothing); false when it is not waiting there.
    @discardableResult
    public func withdraw(tag: [UInt8], service name: [UInt8]) -> Bool {
        guard let service = services[FrameKey(name)] else { return false }
        let before = service.requests.count
        service.requests.removeAll { if case .internalService(_, let t) = $0.requester { return t == tag } else { return false } }
        return service.requests.count < before
    }

    public func workerCount(service: [UInt8]) -> Int { services[FrameKey(service)]?.workerCount ?? 0 }
    public func queueDepth(service: [UInt8]) -> Int { services[FrameKey(service)]?.requests.count ?? 0 }
    public var serviceNames: [[UInt8]] { services.values.map(\.name) }

    /// Every service's queue, requests held by workers, and workers (for metrics and status).
    public func serviceSnapshot() -> [(name: [UInt8], queued: Int, inFlight: Int, workers: Int)] {
        services.values.map { ($0.name, $0.requests.count, $0.workerCount - $0.waiting.count, $0.workerCount) }
    }

    // MARK: helpers

    /// The built-in service of that name: a handful, so compared in turn (no hashing).
    private func builtin(named name: UnsafeRawBufferPointer) -> (name: [UInt8], service: BuiltinService)? {
        for b in builtins where b.name.count == name.count && name.elementsEqual(b.name) { return b }
        return nil
    }

    private func serviceRecord(_ key: FrameKey, _ name: UnsafeRawBufferPointer, forWorker: Bool = false) -> ServiceRecord? {
        // Requests mostly name the service named last: one comparison instead of hashing the name.
        if let last = lastService, last.key == key { return last }
        if let s = services[key] { lastService = s; return s }
        if services.count >= options.maxServices { forgetIdleServices() }
        if services.count >= options.maxServices, forWorker {
            // Requests for services nobody serves (typos, garbage) never lock a worker out: one
            // such service makes room, its clients answered.
            if let unserved = services.values.first(where: { $0.workerCount == 0 && $0.requests.elements.allSatisfy(\.isFromClient) }) {
                answerAndDrop(unserved, status: 404, "no worker for service \(String(decoding: unserved.name, as: UTF8.self)); the service table is full") { _ in true }
                services[unserved.key] = nil
                lastService = nil
            }
        }
        guard services.count < options.maxServices else { return nil }
        let s = ServiceRecord(name: Array(name))
        services[key] = s
        return s
    }

    // MARK: bounds

    /// Forgets services with no worker and no request (names from typos or garbage, or services
    /// whose workers left): the table and `status` show only what is served or awaited.
    private func forgetIdleServices() {
        guard services.values.contains(where: { $0.workerCount == 0 && $0.requests.isEmpty }) else { return }
        services = services.filter { $0.value.workerCount > 0 || !$0.value.requests.isEmpty }
        lastService = nil                 // (it may be one of them)
    }

    /// Client requests that waited `unservedTimeoutMs` for a service with no worker get an error reply.
    private func expireUnservedRequests() {
        guard options.unservedTimeoutMs > 0 else { return }
        let limit = options.unservedTimeoutMs
        for service in services.values where service.workerCount == 0 && !service.requests.isEmpty {
            let name = String(decoding: service.name, as: UTF8.self)
            let dropped = answerAndDrop(service, status: 404, "no worker for service \(name) within \(limit) ms") {
                self.nowMs - $0.submittedAtMs >= limit
            }
            stats.unserved += dropped
        }
    }

    /// Requests of clients whose connection closed are dropped: nobody would read their replies.
    private func dropAbandonedRequests() {
        for (fd, id) in clientOnUnseenConnection {
            if let c = peers.connection(on: fd) { clientOnConnection[fd] = (c.generation, id); clientOnUnseenConnection[fd] = nil }
        }
        for connection in peers.takeClosed() {
            // Closed before it was matched: the unmatched client on that descriptor is this one.
            if let id = clientOnUnseenConnection.removeValue(forKey: connection.fd) {
                clientOnConnection[connection.fd] = (connection.generation, id)
            }
            // (A later connection on the same descriptor is another client.)
            guard let known = clientOnConnection[connection.fd], known.generation == connection.generation else { continue }
            clientOnConnection[connection.fd] = nil
            let id = known.client
            guard queuedByClient[id] != nil else { continue }
            for service in services.values where !service.requests.isEmpty {
                let before = service.requests.count
                service.requests.removeAll { if case .client(let c) = $0.requester, c.id == id { return true } else { return false } }
                stats.abandoned += before - service.requests.count
            }
            queuedByClient[id] = nil
            lastTrafficMs = nowMs         // what they held is handed back to the OS at the next pause
        }
    }

    /// Answers (status, message) and removes the client requests of `service` that `match`; the count.
    @discardableResult
    private func answerAndDrop(_ service: ServiceRecord, status: Int, _ message: String, where match: (PendingRequest) -> Bool) -> Int {
        var dropped: [PendingRequest] = []
        service.requests.removeAll { request in
            guard request.isFromClient, match(request) else { return false }
            dropped.append(request)
            return true
        }
        let body = ErrorReply(status: status, message: message).body
        for request in dropped {
            unqueued(request)
            if case .client(let c) = request.requester { reply(to: c, service: service.name, body: body) }
        }
        if !dropped.isEmpty { lastTrafficMs = nowMs }
        return dropped.count
    }

    private func isReserved(_ name: UnsafeRawBufferPointer) -> Bool {
        builtin(named: name) != nil || name.starts(with: MDP.mmiPrefix) || name.starts(with: MDP.titanicPrefix)
    }

    private func log(_ message: @autoclosure () -> String) {
        guard options.verbose else { return }
        if let log = options.log { log(message()) } else { fputs("broker: " + message() + "\n", stderr) }
    }
}
