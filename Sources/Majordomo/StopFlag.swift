import Foundation

/// A one-way "please stop" flag shared between a signal watcher and session threads.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    public init() {}

    public var isSet: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    public func set() {
        lock.lock(); stopped = true; lock.unlock()
    }
}

func sleepMs(_ ms: Int) {
    if ms > 0 { usleep(UInt32(min(ms, 4_000_000)) * 1000) }
}
