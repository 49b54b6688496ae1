#if canImport(Glibc)
import Glibc
#endif

/// A one-way "please stop" flag shared between a signal watcher and session threads.
/// A plain pthread mutex: cheap when uncontended, and no Foundation in loops that check it.
public final class StopFlag: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var stopped = false
    /// The read end of a pipe that turns readable (for good: nobody reads it) once the flag is set:
    /// a loop that polls it beside its sockets stops at once instead of at its next poll timeout.
    /// -1 if no pipe could be made (loops then see the flag at their next timeout).
    public let wakeFD: Int32
    private let wakeWriteFD: Int32

    public init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC); _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        }
        wakeFD = fds[0]
        wakeWriteFD = fds[1]
    }

    deinit {
        if wakeFD >= 0 { close(wakeFD); close(wakeWriteFD) }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public var isSet: Bool {
        pthread_mutex_lock(mutex); defer { pthread_mutex_unlock(mutex) }
        return stopped
    }

    public func set() {
        pthread_mutex_lock(mutex); stopped = true; pthread_mutex_unlock(mutex)
        var byte: UInt8 = 1
        if wakeWriteFD >= 0 { _ = write(wakeWriteFD, &byte, 1) }
    }
}

func sleepMs(_ ms: Int) {
    if ms > 0 { usleep(UInt32(min(ms, 4_000_000)) * 1000) }
}
