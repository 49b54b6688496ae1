#if canImport(Glibc)
import Glibc
#endif

/// When a process's freed memory goes back to the OS (the broker after a burst, a worker after a
/// large job). For the broker: not in the middle of a burst, where glibc
/// would hand back the top of a heap after a few freed 64 KiB messages and libzmq's I/O thread
/// would then fault the same pages in again for the next ones (3–4 page faults per 64 KiB request
/// measured), but mostly once traffic pauses (`release`), so the resident size still follows what
/// the broker holds rather than its busiest moment.
/// mallopt and malloc_trim are not in Swift's Glibc module (they live in malloc.h): looked up once.
public enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private static let trim: Trim? = symbol("malloc_trim")
    private static let option: Option? = symbol("mallopt")

    private static func symbol<F>(_ name: String) -> F? {
        #if canImport(Glibc)
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: F.self)
        #else
        return nil
        #endif
    }

    public static var isAvailable: Bool { trim != nil }

    // malloc.h's option numbers.
    private static let trimThreshold: Int32 = -1
    private static let mmapThreshold: Int32 = -3

    /// Lets each heap keep up to 8 MiB of freed memory at its top while traffic flows (glibc's
    /// default starts at 128 KiB: two 64 KiB messages). Fixing the trim threshold also ends glibc's
    /// own raising of the mmap threshold, so that one is fixed too, at 4 MiB: otherwise every
    /// message over 128 KiB (a typical report) would get fresh pages from mmap, fault them in and
    /// unmap them again. malloc_trim (`release`) still empties the bins of every heap and the top
    /// of the main one; a libzmq thread's heap keeps at most these 8 MiB at its top.
    public static func keepUntilRelease() {
        _ = option?(mmapThreshold, 4 << 20)
        _ = option?(trimThreshold, 8 << 20)
    }

    /// Returns the free pages of every malloc arena (a no-op where malloc_trim does not exist).
    public static func release() { _ = trim?(0) }
}
