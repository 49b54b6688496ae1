#if canImport(Glibc)
import Glibc
#endif

/// Monotonic milliseconds: cheap, and immune to wall-clock jumps (heartbeats, expiry, timeouts).
public enum MonotonicClock {
    @inline(__always)
    public static func nowMs() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
