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
