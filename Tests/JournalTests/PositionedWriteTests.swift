import Glibc
import PositionedIO
import TestSupport
import XCTest

/// The shared positioned write, through the paths a plain test never takes: a short pwritev
/// finished by pwrite, and an error in the middle (RLIMIT_FSIZE makes the kernel cut writes short).
final class PositionedWriteTests: XCTestCase {
    func testPartsLandBackToBackAtTheOffset() throws {
        let path = temporaryDirectory(self) + "/f"
        writeFile(path, Array(repeating: 0x2E, count: 4))
        let fd = open(path, O_RDWR)
        defer { close(fd) }
        let a: [UInt8] = Array("head".utf8), b: [UInt8] = Array(repeating: 0x41, count: 100_000), c: [UInt8] = [0x0A]
        let e = a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in c.withUnsafeBytes { pc in
            PositionedWrite.write(fd, [pa, UnsafeRawBufferPointer(start: nil, count: 0), pb, pc], at: 4)
        } } }
        XCTAssertEqual(e, 0)
        XCTAssertEqual(readFile(path), Array(repeating: 0x2E, count: 4) + a + b + c)
    }

    func testShortWriteIsFinishedThenTheErrorReturned() throws {
        let path = temporaryDirectory(self) + "/f"
        writeFile(path, [])
        let fd = open(path, O_RDWR)
        defer { close(fd) }
        var saved = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, SIG_IGN)
        var limit = saved
        limit.rlim_cur = 10
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit), 0)
        let a = [UInt8](repeating: 0x31, count: 8), b = [UInt8](repeating: 0x32, count: 8)
        let e = a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in PositionedWrite.write(fd, [pa, pb], at: 0) } }
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved), 0)
        signal(SIGXFSZ, SIG_DFL)
        // The kernel wrote up to the limit (10 bytes: all of a, 2 of b); the rest failed with EFBIG.
        XCTAssertEqual(e, EFBIG)
        XCTAssertEqual(readFile(path), a + b.prefix(2))
    }
}
