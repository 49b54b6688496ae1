import Foundation
import XCTest
import ProcessMemory

/// The broker keeps memory freed during a burst (mallopt) and gives it back to the OS once traffic
/// pauses (malloc_trim); both found at run time.
final class FreedMemoryTests: XCTestCase {
    /// Resident bytes of this process (/proc/self/statm, second field, in pages).
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try XCTUnwrap(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func testFreedHeapPagesLeaveTheProcess() throws {
        XCTAssertTrue(FreedMemory.isAvailable, "malloc_trim not found: glibc expected here")
        // 64 MB in small blocks (heap, not mmap), all freed but the last, which keeps them
        // below the heap's top where free() itself never trims.
        let blocks = (0..<640_000).map { _ -> UnsafeMutableRawPointer in
            let p = malloc(100)!
            memset(p, 0x5A, 100)
            return p
        }
        for p in blocks.dropLast() { free(p) }
        let before = try residentBytes()
        FreedMemory.release()
        let after = try residentBytes()
        free(blocks.last!)
        XCTAssertGreaterThan(before - after, 32 << 20, "resident \(before) → \(after) bytes")
    }

    /// A 3 MiB message (a large report) freed mid-burst stays in the process, ready for the next
    /// one, instead of being unmapped (glibc's default above 128 KiB) and faulted in again; the
    /// pause's release then hands it back.
    func testFreedLargeBlockStaysUntilRelease() throws {
        // From glibc's starting thresholds (128 KiB), whatever this process freed before.
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(try XCTUnwrap(dlsym(nil, "mallopt")), to: Option.self)
        _ = mallopt(-3, 128 << 10)        // M_MMAP_THRESHOLD
        _ = mallopt(-1, 128 << 10)        // M_TRIM_THRESHOLD
        FreedMemory.keepUntilRelease()
        FreedMemory.release()             // a heap top left by earlier tests would add to this one
        let size = 3 << 20
        let block = try XCTUnwrap(malloc(size))
        memset(block, 0x5A, size)
        let inUse = try residentBytes()
        free(block)
        let freed = try residentBytes()
        XCTAssertLessThan(inUse - freed, 1 << 20, "freed block left the process: resident \(inUse) → \(freed) bytes")
        FreedMemory.release()
        let released = try residentBytes()
        XCTAssertGreaterThan(freed - released, 2 << 20, "release kept the block: resident \(freed) → \(released) bytes")
    }
}
