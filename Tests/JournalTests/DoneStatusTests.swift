import TestSupport
import XCTest
@testable import Journal

/// The done record's error-line flag: kept across replay and compaction, absent (read as "ok")
/// in records written before the flag existed.
final class DoneStatusTests: XCTestCase {
    func testErrorLineFlagSurvivesReplayAndCompaction() throws {
        let dir = temporaryDirectory(self)
        var ok: JobID, bad: JobID
        do {
            let j = try Journal.open(directory: dir, options: quietOptions())
            ok = try j.submit(header: header(1), body: body(1))
            bad = try j.submit(header: header(2), body: body(2))
            for id in [ok, bad] { try j.markDispatched(id); try j.storeResult(id, result: [0x7B, 0x7D]) }
            try j.markDone(ok)
            try j.markDone(bad, errorLine: true)
            XCTAssertFalse(j.wroteErrorLine(ok))
            XCTAssertTrue(j.wroteErrorLine(bad))
            try j.sync()
            j.shutdown()
        }
        do {
            let j = try Journal.open(directory: dir, options: quietOptions())
            XCTAssertEqual(j.status(bad), .done)
            XCTAssertTrue(j.wroteErrorLine(bad))
            XCTAssertFalse(j.wroteErrorLine(ok))
            try j.compact()                      // done tombstones are rewritten
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: quietOptions())
        XCTAssertTrue(j.wroteErrorLine(bad))
        XCTAssertFalse(j.wroteErrorLine(ok))
    }

    /// A job's content key finds it while queued and once done, across replay (from the stored
    /// header, through Options.contentKey) and compaction (which drops the submit record: the key
    /// goes into the done record); a closed job is not found. An error line's code survives too.
    func testContentKeyAndErrorCodeSurviveReplayAndCompaction() throws {
        let dir = temporaryDirectory(self)
        // header(i) is {"name":"file-i.txt","n":i}: the key is the digit before the closing brace.
        let keyOf: @Sendable (UnsafeRawBufferPointer) -> UInt64? = { h in h.count > 2 ? UInt64(h[h.count - 2]) : nil }
        func key(_ i: Int) -> UInt64 { UInt64(UInt8(ascii: "0") + UInt8(i)) }
        var options = quietOptions()
        options.contentKey = keyOf
        var a: JobID, b: JobID
        do {
            let j = try Journal.open(directory: dir, options: options)
            a = try j.submit(body: body(7), contentKey: key(7)) { _ in header(7) }
            b = try j.submit(body: body(8), contentKey: key(8)) { _ in header(8) }
            let c = try j.submit(body: body(9), contentKey: key(9)) { _ in header(9) }
            XCTAssertEqual(j.job(withContentKey: key(7)), a)
            XCTAssertNil(j.job(withContentKey: key(6)))
            for id in [a, b] { try j.markDispatched(id); try j.storeResult(id, result: [0x7B, 0x7D]) }
            try j.markDone(a)
            try j.markDone(b, errorLine: true, errorCode: "not_a_report")
            try j.closeJob(c)
            XCTAssertNil(j.job(withContentKey: key(9)), "closed: forgotten")
            try j.sync()
            j.shutdown()
        }
        do {
            let j = try Journal.open(directory: dir, options: options)
            XCTAssertEqual(j.job(withContentKey: key(7)), a, "replayed from the stored header")
            XCTAssertEqual(j.job(withContentKey: key(8)), b)
            XCTAssertNil(j.job(withContentKey: key(9)))
            XCTAssertEqual(j.errorCode(of: b), "not_a_report")
            XCTAssertNil(j.errorCode(of: a))
            try j.compact()
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: quietOptions())   // no key reader: only the done records can tell
        XCTAssertEqual(j.job(withContentKey: key(7)), a)
        XCTAssertEqual(j.job(withContentKey: key(8)), b)
        XCTAssertEqual(j.errorCode(of: b), "not_a_report")
        XCTAssertTrue(j.wroteErrorLine(b))
        XCTAssertEqual(j.stats.errorLines, 1)
        XCTAssertEqual(j.stats.done, 2)
    }

    func testDoneRecordWithoutFlagReadsAsOk() throws {
        // A done record of the earlier format (id only), framed by hand.
        let dir = temporaryDirectory(self)
        var id: JobID
        do {
            let j = try Journal.open(directory: dir, options: quietOptions())
            id = try j.submit(header: header(1), body: body(1))
            try lockedAppendOldDone(j, id)
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: quietOptions())
        XCTAssertEqual(j.status(id), .done)
        XCTAssertFalse(j.wroteErrorLine(id))
    }

    private func lockedAppendOldDone(_ j: Journal, _ id: JobID) throws {
        try j.lock.locked {
            _ = try j.append(.done, fixed: id.bytes, tail: [])
            try j.syncLocked()
        }
    }

    func testEntryStaysSmall() {
        XCTAssertLessThanOrEqual(MemoryLayout<JobEntry>.stride, 40)
    }
}
