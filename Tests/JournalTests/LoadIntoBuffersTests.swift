import TestSupport
import XCTest
@testable import Journal

/// The broker reads jobs and results straight into libzmq messages and writes them from
/// received messages in place: the buffer-based calls must see exactly the array-based bytes.
final class LoadIntoBuffersTests: XCTestCase {
    /// Reads every part `loadJob` offers into a fresh array, through the caller's buffers.
    func parts(_ j: Journal, _ id: JobID) throws -> [[UInt8]] {
        try j.loadJob(id) { sizes, read in
            try sizes.indices.map { k in
                var buffer = [UInt8](repeating: 0xEE, count: sizes[k])
                try buffer.withUnsafeMutableBytes { try read(k, $0) }
                return buffer
            }
        }
    }

    func testJobAndResultComeBackIntoCallerBuffers() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: quietOptions())
        let big = body(3, size: 70_000)
        let a = try big.withUnsafeBytes { b in try j.submit(body: b) { _ in header(3) } }
        let empty = try j.submit(header: [], body: [])
        XCTAssertEqual(try parts(j, a), [header(3), big])
        XCTAssertEqual(try parts(j, empty), [[], []])
        XCTAssertEqual(try j.load(a).body, big)

        XCTAssertNil(try j.loadResult(a) { count, _ in count })      // no result yet
        try j.markDispatched(a)
        let result = Array(#"{"job_id":"a","status":"ok"}"#.utf8)
        try result.withUnsafeBytes { try j.storeResult(a, result: $0) }
        let back = try j.loadResult(a) { count, read in
            var buffer = [UInt8](repeating: 0, count: count)
            try buffer.withUnsafeMutableBytes { try read($0) }
            return buffer
        }
        XCTAssertEqual(back, result)
        XCTAssertEqual(try j.result(of: a), result)

        // After a reopen (replay) the same bytes come back the same way.
        j.shutdown()
        let r = try Journal.open(directory: dir, options: quietOptions())
        XCTAssertEqual(try r.result(of: a), result)
        XCTAssertEqual(try parts(r, empty), [[], []])
    }

    func testUnknownJobIsAnError() throws {
        let j = try Journal.open(directory: temporaryDirectory(self), options: quietOptions())
        var g = JobIDGenerator()
        let stranger = g.next()
        XCTAssertThrowsError(try j.loadJob(stranger) { _, _ in 0 }) { XCTAssertEqual($0 as? JournalError, .unknownJob(stranger)) }
        XCTAssertThrowsError(try j.loadResult(stranger) { _, _ in 0 })
    }
}
