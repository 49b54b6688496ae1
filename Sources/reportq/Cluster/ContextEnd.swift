import Foundation
import ZeroMQ

extension Context {
    /// Ends the context before the process exits, so that what its closed sockets still hold
    /// (a last reply, a DISCONNECT) leaves: exiting does not wait for libzmq's I/O thread.
    /// Waits at most `milliseconds`: a socket that something still holds open would otherwise
    /// keep the process from exiting at all. Returns whether the context ended in time.
    @discardableResult
    func terminateBeforeExit(waitingAtMostMs milliseconds: Int = 2_000) -> Bool {
        let ended = DispatchSemaphore(value: 0)
        Thread.detachNewThread { self.terminate(); ended.signal() }
        return ended.wait(timeout: .now() + .milliseconds(milliseconds)) == .success
    }
}
