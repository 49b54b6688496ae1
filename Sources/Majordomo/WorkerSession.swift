import Foundation
import ZeroMQ

public struct WorkerOptions: Sendable {
    public var endpoint: String
    public var service: String
    public var framing: Framing = .rfc
    public var heartbeatMs = MDP.defaultHeartbeatMs
    public var liveness = MDP.defaultLiveness
    /// Reconnect backoff after the broker went silent: starts here, doubles up to the max.
    public var reconnectInitialMs = 250
    public var reconnectMaxMs = 8_000

    public init(endpoint: String, service: String) {
        self.endpoint = endpoint
        self.service = service
    }
}

/// One MDP worker connection. The session thread (the caller of `run`) owns the broker socket:
/// it registers, heartbeats both ways, and reconnects with backoff. Each job runs on a separate
/// job thread and comes back over an inproc PAIR socket, so heartbeats keep flowing while the
/// handler works and the broker never mistakes a long job for a dead worker.
public final class WorkerSession {
    public let options: WorkerOptions
    private let context: Context
    private let handler: RequestHandler
    private let service: [UInt8]

    private var socket: Socket?
    private var poller = Poller([])
    private let pipe: Socket                  // session side of the job pipe
    private let pipeEndpoint: String
    private let jobDone = DispatchSemaphore(value: 0)

    private var busyClient: [UInt8]? = nil    // the client whose job is in hand
    private var staleJob = false              // the connection the job came on is gone: drop its reply
    private var lastHeardMs = 0
    private var nextHeartbeatMs = 0
    private var backoffMs: Int

    /// Jobs served since start (for logs and tests).
    public private(set) var served = 0

    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var counter = 0

    public init(context: Context, options: WorkerOptions, handler: RequestHandler) throws {
        self.context = context
        self.options = options
        self.handler = handler
        self.service = Array(options.service.utf8)
        backoffMs = options.reconnectInitialMs
        WorkerSession.counterLock.lock()
        WorkerSession.counter += 1
        let n = WorkerSession.counter
        WorkerSession.counterLock.unlock()
        pipeEndpoint = "inproc://mdp-worker-job-\(n)"
        pipe = try context.socket(.pair)
        try pipe.setLinger(0)
        try pipe.bind(pipeEndpoint)
    }

    /// Serves requests until `stop` is set; then finishes the job in hand, sends DISCONNECT and returns.
    public func run(stop: StopFlag) throws {
        let jobThread = try startJobThread()
        defer {
            try? pipe.send([JobOp.quit])
            jobDone.wait()
            _ = jobThread
        }
        try connect()
        while true {
            if stop.isSet && busyClient == nil {
                sendToBroker(WorkerCommand.header(.disconnect, framing: options.framing))
                socket?.close()
                return
            }
            let now = MonotonicClock.nowMs()
            let wait = max(0, min(nextHeartbeatMs - now, 100))
            try poller.poll(timeoutMs: wait)
            if poller.isReadable(0) { try readBroker() }
            if poller.isReadable(1) { try readJobResult() }
            try keepAlive(stop: stop)
        }
    }

    // MARK: broker connection

    private func connect() throws {
        socket?.close()
        let s = try context.socket(.dealer)
        try s.setLinger(0)
        try s.connect(options.endpoint)
        socket = s
        poller = Poller([s, pipe])
        sendToBroker(WorkerCommand.header(.ready, address: service, framing: options.framing))
        let now = MonotonicClock.nowMs()
        lastHeardMs = now
        nextHeartbeatMs = now + options.heartbeatMs
    }

    /// Best effort: a message the broker cannot take now is dropped (heartbeats and expiry recover).
    private func sendToBroker(_ head: [[UInt8]], _ body: ArraySlice<[UInt8]> = [][...]) {
        guard let s = socket else { return }
        do { try s.send(head, body, dontWait: true) } catch {}
    }

    private func readBroker() throws {
        guard let s = socket else { return }
        while true {
            let frames: [[UInt8]]
            do { frames = try s.receive(dontWait: true) } catch ZMQError.wouldBlock { return }
            guard let command = try? WorkerCommand.decode(frames[...], framing: options.framing) else { continue }
            lastHeardMs = MonotonicClock.nowMs()
            backoffMs = options.reconnectInitialMs
            switch command {
            case .request(let client, let body):
                guard busyClient == nil else { continue }   // the broker never sends two; ignore
                busyClient = client
                try pipe.send([[JobOp.run]], body[...])
            case .disconnect:
                // The broker forgot us (e.g. it restarted). Register again once the hands are free.
                if busyClient != nil { staleJob = true } else { try connect(); return }
            case .heartbeat, .ready, .partial, .final:
                continue
            }
        }
    }

    private func readJobResult() throws {
        let result = try pipe.receive()
        guard let client = busyClient else { return }
        busyClient = nil
        served += 1
        if staleJob {
            staleJob = false
            try connect()
            return
        }
        let head = WorkerCommand.header(.final, address: client, framing: options.framing)
        if result.first == JobOp.ok {
            sendToBroker(head, result.dropFirst())
        } else {
            let message = result.count > 1 ? String(decoding: result[1], as: UTF8.self) : "handler failed"
            sendToBroker(head, ErrorReply(status: 500, message: message).body[...])
        }
        nextHeartbeatMs = MonotonicClock.nowMs() + options.heartbeatMs
    }

    /// Sends our heartbeat when due; reconnects (with backoff) when the broker has gone silent.
    private func keepAlive(stop: StopFlag) throws {
        let now = MonotonicClock.nowMs()
        if now >= nextHeartbeatMs {
            sendToBroker(WorkerCommand.header(.heartbeat, framing: options.framing))
            nextHeartbeatMs = now + options.heartbeatMs
        }
        guard now - lastHeardMs > options.heartbeatMs * options.liveness else { return }
        if busyClient != nil { staleJob = true; return }
        // Wait out the backoff in short slices so a stop request is not delayed.
        let until = now + backoffMs
        while MonotonicClock.nowMs() < until && !stop.isSet { sleepMs(20) }
        backoffMs = min(backoffMs * 2, options.reconnectMaxMs)
        if !stop.isSet { try connect() }
    }

    // MARK: job thread

    enum JobOp {
        static let run: UInt8 = 1
        static let quit: [UInt8] = [0]
        static let ok: [UInt8] = [1]
        static let failed: [UInt8] = [2]
    }

    private func startJobThread() throws -> Thread {
        let peer = try context.socket(.pair)
        try peer.setLinger(0)
        try peer.connect(pipeEndpoint)
        let handler = self.handler
        let done = jobDone
        let thread = Thread {
            defer { peer.close(); done.signal() }
            while let message = try? peer.receive(), message.first == [JobOp.run] {
                let reply: [[UInt8]]
                do { reply = [JobOp.ok] + (try handler.handle(Array(message.dropFirst()))) }
                catch { reply = [JobOp.failed, Array(String(describing: error).utf8)] }
                do { try peer.send(reply) } catch { return }
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        return thread
    }
}
