#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A one-way "please stop" flag shared between a signal watcher and session threads.
/// An atomic flag: loops read it on every pass (the broker once per message), so a read is a
/// plain load, no lock; setting it publishes with release ordering.
public final class StopFlag: Sendable {
    private let stopped = Atomic<Bool>(false)
    /// The read end of a pipe that turns readable (for good: nobody reads it) once the flag is set:
    /// a loop that polls it beside its sockets stops at once instead of at its next poll timeout.
    /// -1 if no pipe could be made (loops then see the flag at their next timeout).
    public let wakeFD: Int32
    private let wakeWriteFD: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC); _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        }
        wakeFD = fds[0]
        wakeWriteFD = fds[1]
    }

    deinit {
        if wakeFD >= 0 { close(wakeFD); close(wakeWriteFD) }
    }

    public var isSet: Bool { stopped.load(ordering: .acquiring) }

    public func set() {
        stopped.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        if wakeWriteFD >= 0 { _ = write(wakeWriteFD, &byte, 1) }
    }
}

func sleepMs(_ ms: Int) {
    if ms > 0 { usleep(UInt32(min(ms, 4_000_000)) * 1000) }
}
