#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed after a burst (message buffers, grown tables) back to the OS, so the
/// broker's resident size follows what it holds now rather than its busiest moment.
/// glibc's malloc_trim is not in Swift's Glibc module (it lives in malloc.h): looked up once.
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    static var isAvailable: Bool { trim != nil }

    /// Returns the free pages of every malloc arena (a no-op where malloc_trim does not exist).
    static func release() { _ = trim?(0) }
}
