import Foundation
import XCTest
@testable import Broker

/// The broker gives memory freed by a burst back to the OS (malloc_trim, found at run time).
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
}
