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
    /// CURVE keys when the broker is a CURVE server (nil: plaintext).
    public var curve: CurveClientKeys? = nil
    /// Told how the session's link to the broker stands (nil: nobody listens); see BrokerLink.
    public var onLink: (@Sendable (BrokerLink) -> Void)? = nil
    /// Silence (no message from the broker since the session connected, or since it went quiet)
    /// shorter than this is not reported: the broker answers READY with a heartbeat at once.
    public var linkGraceMs = 2_000

    public init(endpoint: String, service: String) {
        self.endpoint = endpoint
        self.service = service
    }
}

/// How a worker session's link to its broker stands: what `WorkerOptions.onLink` hears, so a
/// worker pointed at a wrong or dead address can say so instead of waiting in silence.
public enum BrokerLink: Equatable, Sendable {
    /// Nothing from the broker since `sinceMs` (monotonic clock): connecting, or reconnecting
    /// after it went quiet. Repeated about once a second while it lasts.
    case waiting(sinceMs: Int)
    /// A message from the broker arrived: the first after connecting, or after `waiting`.
    case connected
}

/// One MDP worker connection. The session thread (the caller of `run`) owns the broker socket:
/// it registers, heartbeats both ways, reconnects with backoff, and runs each job inline (no thread
/// hop on the fast path). While a job runs, a timer sends the heartbeats instead, through the same
/// socket under a lock (libzmq allows a socket to change threads behind a full memory barrier), so
/// the broker never mistakes a long job for a dead worker.
public final class WorkerSession: @unchecked Sendable {
    public let options: WorkerOptions
    private let context: Context
    private let handler: RequestHandler
    private let service: [UInt8]

    private let lock = NSLock()              // guards socket and busy between the session and the timer
    private var socket: Socket?
    private var busy = false
    private var poller = Poller([])
    private let frames = ReceivedFrames()    // the last message from the broker, read in place
    private var stopFD: Int32 = -1           // the StopFlag's eventfd, polled beside the socket

    private var lastHeardMs = 0
    private var nextHeartbeatMs = 0
    private var backoffMs: Int
    /// Heard from the broker since it was last silent (or since start).
    private var linked = false
    private var waitingSinceMs = 0
    private var waitingToldAtMs = 0

    /// Jobs served since start (for logs and tests).
    public private(set) var served = 0

    public init(context: Context, options: WorkerOptions, handler: RequestHandler) throws {
        self.context = context
        self.options = options
        self.handler = handler
        self.service = Array(options.service.utf8)
        backoffMs = options.reconnectInitialMs
    }

    /// Serves requests until `stop` is set; then finishes the job in hand, sends DISCONNECT and returns.
    /// While requests flow, a blocking receive with a short timeout waits for the next one (one
    /// poll(2) inside libzmq); once that times out the session is idle and polls the socket beside
    /// the stop flag's pipe until the next heartbeat is due, so a stop request is seen at once.
    public func run(stop: StopFlag) throws {
        let timer = startBusyHeartbeats()
        defer { timer.cancel() }
        stopFD = stop.wakeFD
        waitingSinceMs = MonotonicClock.nowMs()
        try connect()
        var flowing = false
        while !stop.isSet {
            if flowing {
                flowing = try receiveAndHandle(dontWait: false)     // waits at most busyReceiveMs
            } else {
                let wait = max(0, min(nextHeartbeatMs - MonotonicClock.nowMs(), 100))
                if try poller.poll(timeoutMs: wait) > 0, poller.isReadable(0) {
                    flowing = try receiveAndHandle(dontWait: true)
                }
            }
            try keepAlive(stop: stop)
        }
        sendToBroker(MDPWorkerCommand.header(.disconnect, framing: options.framing))
        // Linger briefly so the DISCONNECT leaves before the socket closes (linger 0 drops it).
        lock.lock(); try? socket?.setLinger(500); socket?.close(); socket = nil; lock.unlock()
    }

    /// How long a receive waits for the next request before the session counts as idle.
    static let busyReceiveMs = 5

    // MARK: broker connection

    private func connect() throws {
        let s = try context.socket(.dealer)
        try s.setLinger(0)
        try s.setReceiveTimeout(WorkerSession.busyReceiveMs)
        try options.curve?.apply(to: s)
        try s.connect(options.endpoint)
        lock.lock()
        socket?.close()
        socket = s
        lock.unlock()
        poller = Poller([s], fds: stopFD >= 0 ? [stopFD] : [])
        sendToBroker(MDPWorkerCommand.header(.ready, address: service, framing: options.framing))
        let now = MonotonicClock.nowMs()
        lastHeardMs = now
        nextHeartbeatMs = now + options.heartbeatMs
    }

    /// Best effort: a message the broker cannot take now is dropped (heartbeats and expiry recover).
    private func sendToBroker(_ head: [[UInt8]], _ body: ArraySlice<[UInt8]> = [][...]) {
        lock.lock(); defer { lock.unlock() }
        guard let s = socket else { return }
        do { try s.send(head, body, dontWait: true) } catch {}
    }

    /// Receives one message from the broker and acts on it; false when none came (timeout, or
    /// nothing queued with `dontWait`). Header frames are read in place (`InboundHeader`, the
    /// broker's decoder); the body is moved out of its slots, never copied.
    private func receiveAndHandle(dontWait: Bool) throws -> Bool {
        guard let s = socket, try frames.receive(from: s, dontWait: dontWait) else { return false }
        defer { frames.release() }
        guard let header = try? InboundHeader.decode(start: 0, count: frames.count, frame: { frames.bytes($0) }),
              case .worker(let code) = header.command else { return true }      // not for a worker: dropped
        lastHeardMs = MonotonicClock.nowMs()
        backoffMs = options.reconnectInitialMs
        if !linked {
            linked = true
            options.onLink?(.connected)
        }
        switch code {
        case .request:
            serve(client: header.nameIndex, body: frames.take(header.bodyStart..<frames.count))
        case .disconnect:
            try connect()                  // the broker forgot us (e.g. it restarted): register again
        case .heartbeat, .ready, .partial, .final:
            break
        }
        return true
    }

    /// Runs the job and sends FINAL to the client whose address is frame `client` of `frames`.
    private func serve(client: Int, body: OwnedFrames) {
        lock.lock(); busy = true; lock.unlock()
        let reply: OwnedFrames
        do { reply = try handler.handle(frames: body) } catch {
            reply = OwnedFrames(ErrorReply(status: 500, message: String(describing: error)).body)
        }
        lock.lock(); busy = false; lock.unlock()
        served += 1
        sendReply(to: frames.bytes(client), reply)
        let now = MonotonicClock.nowMs()
        nextHeartbeatMs = now + options.heartbeatMs
        lastHeardMs = max(lastHeardMs, now - options.heartbeatMs)   // the job's time is not the broker's silence
    }

    /// FINAL, with the header written straight from the client address in place and the reply's
    /// frames shared. Best effort, like every send to the broker.
    private func sendReply(to client: UnsafeRawBufferPointer, _ reply: OwnedFrames) {
        lock.lock(); defer { lock.unlock() }
        guard let s = socket else { return }
        let bodyFrames = reply.count
        var left = MDPWorkerCommand.headerFrameCount(.final, framing: options.framing)
        do {
            try MDPWorkerCommand.writeHeader(.final, address: client, framing: options.framing) { frame in
                left -= 1
                try s.send(bytes: frame, more: left > 0 || bodyFrames > 0, dontWait: true)
            }
            if bodyFrames > 0 { try reply.send(on: s, dontWait: true) }
        } catch {}
    }

    /// Sends our heartbeat when due; reconnects (with backoff) when the broker has gone silent.
    private func keepAlive(stop: StopFlag) throws {
        let now = MonotonicClock.nowMs()
        if now >= nextHeartbeatMs {
            sendToBroker(MDPWorkerCommand.header(.heartbeat, framing: options.framing))
            nextHeartbeatMs = now + options.heartbeatMs
        }
        if !linked, let onLink = options.onLink, now - waitingSinceMs >= options.linkGraceMs, now - waitingToldAtMs >= 1_000 {
            waitingToldAtMs = now
            onLink(.waiting(sinceMs: waitingSinceMs))
        }
        guard now - lastHeardMs > options.heartbeatMs * options.liveness else { return }
        if linked {                        // the broker went quiet: waiting again, since it was last heard
            linked = false
            waitingSinceMs = lastHeardMs
        }
        // Wait out the backoff in short slices so a stop request is not delayed.
        let until = now + backoffMs
        while MonotonicClock.nowMs() < until && !stop.isSet { sleepMs(20) }
        backoffMs = min(backoffMs * 2, options.reconnectMaxMs)
        if !stop.isSet { try connect() }
    }

    /// Heartbeats for the time a job runs on the session thread.
    private func startBusyHeartbeats() -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let interval = DispatchTimeInterval.milliseconds(options.heartbeatMs)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(options.heartbeatMs / 10))
        let heartbeat = MDPWorkerCommand.header(.heartbeat, framing: options.framing)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock(); defer { self.lock.unlock() }
            if self.busy, let s = self.socket { try? s.send(heartbeat, dontWait: true) }
        }
        timer.resume()
        return timer
    }
}
