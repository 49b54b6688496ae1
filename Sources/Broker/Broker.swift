#if canImport(Glibc)
import Glibc
#endif
import Majordomo
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
    public private(set) var stats = BrokerStats()
    /// Prometheus metrics (nil: none); set before `run`.
    public var metrics: BrokerMetrics?
    private var metricsAtMs = 0

    private let socket: Socket
    private var services: [[UInt8]: ServiceRecord] = [:]
    private var workers: [[UInt8]: WorkerRecord] = [:]
    private var builtins: [[UInt8]: BuiltinService] = [:]
    private var nowMs = MonotonicClock.nowMs()
    private var heartbeatAtMs = 0
    private var internalAddress: [UInt8] = Array("@broker".utf8)
    private var cycleHooks: [BuiltinService] = []
    private var builtinTouched = false      // a built-in service got a message this cycle
    static let messagesPerCycle = 256

    public init(context: Context, options: BrokerOptions) throws {
        self.options = options
        socket = try context.socket(.router)
        try socket.setLinger(0)
        try socket.setRouterMandatory(true)
        try socket.setMaxMessageSize(options.maxMessageBytes)
        try socket.setSendHighWaterMark(100_000)
        try socket.setReceiveHighWaterMark(100_000)
        if let key = options.curveSecretKey { try socket.setCurveServer(secretKey: key); try socket.setZAPDomain("reportq") }
        for endpoint in options.endpoints {
            do { try socket.bind(endpoint) } catch { throw BrokerError.cannotBind(endpoint, error) }
        }
        register(builtin: MMIService(), name: "mmi.service")
    }

    /// Publishes the ROUTER socket's events (ZMQ_EVENT_* mask) on an inproc endpoint (security logs).
    public func monitor(_ endpoint: String, events: Int32) throws { try socket.monitor(endpoint, events: events) }

    /// The endpoint bound last (for `tcp://127.0.0.1:*`).
    public var boundEndpoint: String { socket.lastEndpoint }

    /// Adds a service the broker answers itself (e.g. titanic.request).
    public func register(builtin: BuiltinService, name: String) {
        builtins[Array(name.utf8)] = builtin
        if !cycleHooks.contains(where: { $0 === builtin }) { cycleHooks.append(builtin) }
    }

    // MARK: main loop

    /// Serves until `stop` is set, then tells every worker DISCONNECT and returns.
    /// A blocking receive with a short timeout (rather than zmq_poll + non-blocking reads) costs
    /// the fewest system calls per message; timers and the stop flag are checked at least every 100 ms.
    public func run(stop: StopFlag) throws {
        heartbeatAtMs = MonotonicClock.nowMs() + options.heartbeatMs
        try socket.setReceiveTimeout(min(options.heartbeatMs, 100))
        while !stop.isSet {
            if let message = try socket.receiveMessagesIfReady() {
                handle(message)
                // When a built-in service took part, drain what else arrived first, so its work of
                // the cycle is done together (one journal fsync for every titanic.request among them).
                // Plain client ⇄ worker traffic skips this: the failed non-blocking receive that ends
                // a drain costs libzmq two poll(2) calls per message.
                if builtinTouched {
                    for _ in 0..<Broker.messagesPerCycle {
                        guard let next = try socket.receiveMessagesIfReady(dontWait: true) else { break }
                        handle(next)
                    }
                    builtinTouched = false
                }
            }
            nowMs = MonotonicClock.nowMs()
            for builtin in cycleHooks { builtin.endOfCycle(broker: self) }
            if nowMs >= heartbeatAtMs {
                purgeExpiredWorkers()
                sendHeartbeats()
                for builtin in cycleHooks { builtin.tick(broker: self, nowMs: nowMs) }
                heartbeatAtMs = nowMs + options.heartbeatMs
            }
            if let metrics, nowMs >= metricsAtMs { sampleMetrics(metrics); metricsAtMs = nowMs + 1_000 }
        }
        for worker in workers.values { send(to: worker, .disconnect) }
        log("stats requests=\(stats.requests) replies=\(stats.replies) requeued=\(stats.requeued) "
            + "refused=\(stats.refused) expired=\(stats.expiredWorkers) malformed=\(stats.malformed)")
    }

    /// Header frames are decoded from copies; body frames stay libzmq messages and are forwarded
    /// without copying. Only the first frames can be header (routing id, then at most delimiter,
    /// tag, command, address, delimiter), and only short ones: the rest are not copied at all.
    func handle(_ messages: [Message]) {
        nowMs = MonotonicClock.nowMs()
        guard messages.count >= 2 else { stats.malformed += 1; return }
        var frames: [[UInt8]] = []
        frames.reserveCapacity(messages.count)
        var firstLarge = Int.max
        for (i, m) in messages.enumerated() {
            let n = m.count
            if i <= Broker.maxHeaderFrames && n <= Broker.maxHeaderFrame { frames.append(Broker.headerCopy(m)) } else {
                frames.append(Broker.bodyFrame)
                if n > Broker.maxHeaderFrame { firstLarge = min(firstLarge, i) }
            }
        }
        let sender = frames[0]
        let inbound: Inbound
        do {
            inbound = try Inbound.decode(frames[1...])
            // A long frame where a header frame belongs (service, address, tag…) is malformed.
            if firstLarge < messages.count - inbound.bodyCount { throw MDPError.badCommandFrame }
        } catch {
            stats.malformed += 1
            // A registered worker that talks garbage is cut off; anyone else is ignored.
            if let worker = workers[sender] { log("worker sent malformed message (\(error)); disconnecting"); deleteWorker(worker, notify: true) }
            return
        }
        let body = Array(messages.suffix(inbound.bodyCount))
        switch inbound {
        case .client(.request(let service, _), let framing):
            clientRequest(ClientAddress(identity: sender, framing: framing), service: service, body: body)
        case .client:
            stats.malformed += 1          // PARTIAL/FINAL only ever go broker → client
        case .worker(let command, let framing):
            workerMessage(sender, framing, command, body: body)
        }
    }

    /// A header frame as bytes; the frames every message repeats (delimiter, protocol tag,
    /// command byte) come from shared constants instead of a fresh copy each time.
    static func headerCopy(_ m: Message) -> [UInt8] {
        m.withUnsafeBytes { b in
            switch b.count {
            case 0: return []
            case 1: return oneByteFrames[Int(b[0])]
            case MDP.clientTag.count where b.elementsEqual(MDP.clientTag): return MDP.clientTag
            case MDP.workerTag.count where b.elementsEqual(MDP.workerTag): return MDP.workerTag
            default: return Array(b)
            }
        }
    }

    static let oneByteFrames: [[UInt8]] = (0...255).map { [UInt8($0)] }

    /// Header frames after the routing id, at most: delimiter, tag, command, client address, delimiter.
    static let maxHeaderFrames = 5
    /// Service names and routing ids are at most 255 bytes (ZMTP); longer frames can only be bodies.
    static let maxHeaderFrame = 255
    /// Stands in for a frame that was not copied (a body frame): never a valid header frame.
    static let bodyFrame: [UInt8] = [0xFF, 0xFF]

    // MARK: client commands

    private func clientRequest(_ client: ClientAddress, service name: [UInt8], body: [Message]) {
        stats.requests += 1
        if let builtin = builtins[name] {
            builtinTouched = true
            builtin.handle(body.map { $0.bytes }, from: client, service: name, broker: self)
            return
        }
        if name.starts(with: MDP.mmiPrefix) {
            reply(to: client, service: name, body: [MMIService.notImplemented])
            return
        }
        guard let service = serviceRecord(name) else {
            refuse(client, service: name, "too many services (limit \(options.maxServices))")
            return
        }
        guard service.requests.count < options.maxQueuedPerService else {
            refuse(client, service: name, "queue full: \(service.requests.count) requests waiting for service " + String(decoding: name, as: UTF8.self))
            return
        }
        service.requests.append(PendingRequest(requester: .client(client), body: body, submittedAtMs: nowMs))
        metrics?.submitted(name)
        dispatch(service)
    }

    private func refuse(_ client: ClientAddress, service: [UInt8], _ message: String) {
        stats.refused += 1
        metrics?.refused(service)
        reply(to: client, service: service, body: ErrorReply(status: 503, message: message).body)
    }

    // MARK: worker commands

    private func workerMessage(_ sender: [UInt8], _ framing: Framing, _ command: WorkerCommand, body: [Message]) {
        let worker = workers[sender]
        worker?.expiresAtMs = nowMs + options.heartbeatMs * options.liveness
        switch command {
        case .ready(let service): workerReady(sender, framing, service: service, known: worker)
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

    private func workerReady(_ sender: [UInt8], _ framing: Framing, service name: [UInt8], known: WorkerRecord?) {
        if let known {
            // READY twice is a protocol error (RFC 18): forget the worker and make it start over.
            deleteWorker(known, notify: true)
            return
        }
        guard !isReserved(name), let service = serviceRecord(name) else {
            sendDisconnect(sender, framing)
            return
        }
        let worker = WorkerRecord(identity: sender, framing: framing, service: service,
                                  expiresAtMs: nowMs + options.heartbeatMs * options.liveness)
        workers[sender] = worker
        service.workerCount += 1
        log("worker ready for " + String(decoding: name, as: UTF8.self))
        service.waiting.append(worker)
        dispatch(service)
    }

    private func workerReply(_ sender: [UInt8], _ framing: Framing, _ worker: WorkerRecord?, body: [Message], final: Bool) {
        guard let worker else { sendDisconnect(sender, framing); return }
        guard let job = worker.job else {
            // A reply without a request in hand: protocol error.
            stats.malformed += 1
            deleteWorker(worker, notify: true)
            return
        }
        if final {
            // The worker gets its next request first; handling this reply (e.g. journaling a
            // result) then overlaps with the worker's next job instead of idling it.
            stats.replies += 1
            metrics?.done(worker.service.name, latencyMs: nowMs - job.submittedAtMs)
            worker.job = nil
            worker.service.waiting.append(worker)
            dispatch(worker.service)
        }
        deliver(body, for: job.requester, service: worker.service.name, final: final)
    }

    // MARK: dispatch

    /// Hands queued requests to idle workers, least recently used first.
    private func dispatch(_ service: ServiceRecord) {
        while !service.requests.isEmpty, let worker = service.waiting.popFirst() {
            var request = service.requests.popFirst()!
            if sendRequest(request, to: worker) {
                worker.job = request
                metrics?.dispatched(service.name)
            } else {
                // The worker vanished under us: the request goes back to the head of the line.
                request.attempts += 1
                service.requests.pushFront(request)
                stats.requeued += 1
                metrics?.retried(service.name)
                deleteWorker(worker, notify: false)
            }
        }
    }

    private func sendRequest(_ request: PendingRequest, to worker: WorkerRecord) -> Bool {
        let address: [UInt8]
        switch request.requester {
        case .client(let c): address = c.identity
        case .internalService: address = internalAddress
        }
        let head = WorkerCommand.header(.request, address: address, framing: worker.framing, to: worker.identity)
        do { try socket.send(head, messages: request.body, dontWait: true); return true } catch { return false }
    }

    private func deliver(_ body: [Message], for requester: Requester, service: [UInt8], final: Bool) {
        switch requester {
        case .client(let client):
            let head = ClientCommand.header(final ? .final : .partial, service: service, framing: client.framing, to: client.identity)
            try? socket.send(head, messages: body, dontWait: true)   // a client that left loses its reply
        case .internalService(let owner, let tag):
            builtinTouched = true
            if final { owner.workerReplied(body.map { $0.bytes }, tag: tag, service: service, broker: self) }
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
        let service = worker.service
        service.workerCount -= 1
        service.waiting.removeAll { $0 === worker }
        if var job = worker.job {
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
                deliver(failure.body.map(Message.init), for: job.requester, service: service.name, final: true)
            } else {
                stats.requeued += 1
                metrics?.retried(service.name)
                service.requests.pushFront(job)
                dispatch(service)
            }
        }
    }

    // MARK: sending

    private func send(to worker: WorkerRecord, _ code: WorkerCommand.Code) {
        try? socket.send(WorkerCommand.header(code, framing: worker.framing, to: worker.identity), dontWait: true)
    }

    private func sendDisconnect(_ identity: [UInt8], _ framing: Framing) {
        try? socket.send(WorkerCommand.header(.disconnect, framing: framing, to: identity), dontWait: true)
    }

    // MARK: API for built-in services

    /// Sends a FINAL reply to a client.
    public func reply(to client: ClientAddress, service: [UInt8], body: [[UInt8]]) {
        let head = ClientCommand.header(.final, service: service, framing: client.framing, to: client.identity)
        try? socket.send(head, body[...], dontWait: true)
    }

    /// Queues a request from a built-in service to a worker service. False when refused (queue full).
    @discardableResult
    public func submit(service name: [UInt8], body: [[UInt8]], from owner: InternalRequester, tag: [UInt8]) -> Bool {
        guard let service = serviceRecord(name), service.requests.count < options.maxQueuedPerService else { return false }
        service.requests.append(PendingRequest(requester: .internalService(owner, tag: tag), body: body.map(Message.init), submittedAtMs: nowMs))
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
        guard let service = services[name] else { return }
        service.requests.removeAll { if case .internalService(_, let t) = $0.requester { return t == tag } else { return false } }
    }

    public func workerCount(service: [UInt8]) -> Int { services[service]?.workerCount ?? 0 }
    public func queueDepth(service: [UInt8]) -> Int { services[service]?.requests.count ?? 0 }
    public var serviceNames: [[UInt8]] { Array(services.keys) }

    /// Every service's queue, requests held by workers, and workers (for metrics and status).
    public func serviceSnapshot() -> [(name: [UInt8], queued: Int, inFlight: Int, workers: Int)] {
        services.values.map { ($0.name, $0.requests.count, $0.workerCount - $0.waiting.count, $0.workerCount) }
    }

    // MARK: helpers

    private func serviceRecord(_ name: [UInt8]) -> ServiceRecord? {
        if let s = services[name] { return s }
        if services.count >= options.maxServices {
            // Recycle services nobody serves or waits for (e.g. names from typos or garbage).
            services = services.filter { $0.value.workerCount > 0 || !$0.value.requests.isEmpty }
        }
        guard services.count < options.maxServices else { return nil }
        let s = ServiceRecord(name: name)
        services[name] = s
        return s
    }

    private func isReserved(_ name: [UInt8]) -> Bool {
        builtins[name] != nil || name.starts(with: MDP.mmiPrefix) || name.starts(with: MDP.titanicPrefix)
    }

    private func log(_ message: String) {
        guard options.verbose else { return }
        fputs("broker: " + message + "\n", stderr)
    }
}
