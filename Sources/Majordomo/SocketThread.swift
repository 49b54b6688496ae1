import Dispatch
import Foundation
import ZeroMQ

/// A thread of its own serving one socket until stopped (the broker's peer watcher, the ZAP
/// handler, the metrics server): it polls the socket beside a StopFlag's pipe, so `stop` returns
/// at once rather than after a poll timeout, and wakes at least every `tickMs` for timers. The
/// socket is closed on that thread when it ends (a ZeroMQ socket belongs to one thread).
public final class SocketThread: @unchecked Sendable {
    private let stopFlag = StopFlag()
    private let finished = DispatchSemaphore(value: 0)
    private var started = false

    public init() {}

    /// Starts serving `socket`: `readable` when the poll says something arrived (it reads without
    /// blocking), `tick` after every wake-up.
    public func start(name: String, socket: Socket, tickMs: Int = 200,
                      readable: @escaping @Sendable () -> Void, tick: @escaping @Sendable () -> Void = {}) {
        started = true
        let stop = stopFlag, done = finished
        let thread = Thread {
            defer { socket.close(); done.signal() }
            var poller = Poller([socket], fds: stop.wakeFD >= 0 ? [stop.wakeFD] : [])
            while !stop.isSet {
                if (try? poller.poll(timeoutMs: tickMs)) ?? 0 > 0 { readable() }
                tick()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Ends the thread (which closes its socket) and waits for it. False when it was never
    /// started: the socket is then the caller's to close.
    @discardableResult
    public func stop() -> Bool {
        guard started else { return false }
        stopFlag.set()
        finished.wait()
        started = false
        return true
    }
}
