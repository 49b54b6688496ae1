#if canImport(Glibc)
import Glibc
#endif

/// A one-way "please stop" flag shared between a signal watcher and session threads.
/// A plain pthread mutex: cheap when uncontended, and no Foundation in loops that check it.
public final class StopFlag: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var stopped = false

    public init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public var isSet: Bool {
        pthread_mutex_lock(mutex); defer { pthread_mutex_unlock(mutex) }
        return stopped
    }

    public func set() {
        pthread_mutex_lock(mutex); stopped = true; pthread_mutex_unlock(mutex)
    }
}

func sleepMs(_ ms: Int) {
    if ms > 0 { usleep(UInt32(min(ms, 4_000_000)) * 1000) }
}
