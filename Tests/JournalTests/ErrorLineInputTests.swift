import TestSupport
import XCTest
@testable import Journal

/// A job whose line is an error keeps its request (header, body) and its error line until it is
/// closed: job control retries it and shows its error. Any other done job is an id only.
final class ErrorLineInputTests: XCTestCase {
    private let errorLine = Array(#"{"job_id":"x","status":"error","source":{"name":"a","bytes":1},"error":{"code":"poison","message":"m"}}"#.utf8)

    private func finish(_ j: Journal, _ id: JobID, errorLine isError: Bool) throws {
        try j.markDispatched(id)
        try j.storeResult(id, result: isError ? errorLine : [0x7B, 0x7D])
        try j.markDone(id, errorLine: isError)
    }

    private func checkKept(_ j: Journal, bad: JobID, ok: JobID, _ when: String) throws {
        XCTAssertEqual(j.summary(bad), JobSummary(status: .done, attempts: 1, errorLine: true, hasInput: true, hasResult: true), when)
        let done = j.summary(ok)                  // (a done tombstone's attempts are not kept by compaction)
        XCTAssertEqual(done.map { [$0.errorLine, $0.hasInput, $0.hasResult] }, [false, false, false], when)
        XCTAssertEqual(done?.status, .done, when)
        let stored = try j.load(bad)
        XCTAssertEqual(stored.header, header(2), when)
        XCTAssertEqual(stored.body, body(2), when)
        XCTAssertEqual(try j.result(of: bad), errorLine, when)
        XCTAssertThrowsError(try j.load(ok), when)
    }

    func testErrorLineJobsKeepTheirInputAcrossReplayAndCompaction() throws {
        let dir = temporaryDirectory(self)
        var ok: JobID, bad: JobID
        do {
            let j = try Journal.open(directory: dir, options: quietOptions())
            ok = try j.submit(header: header(1), body: body(1))
            bad = try j.submit(header: header(2), body: body(2))
            try finish(j, ok, errorLine: false)
            try finish(j, bad, errorLine: true)
            try checkKept(j, bad: bad, ok: ok, "live")
            try j.sync(); j.shutdown()
        }
        do {
            let j = try Journal.open(directory: dir, options: quietOptions())
            try checkKept(j, bad: bad, ok: ok, "replayed")
            try j.compact()
            try checkKept(j, bad: bad, ok: ok, "compacted")
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: quietOptions())
        try checkKept(j, bad: bad, ok: ok, "compacted, replayed")
        XCTAssertEqual(j.jobIDs { _, s in s.errorLine }, [bad])
        try j.closeJobs([bad, ok, JobID(high: 1, low: 1)])
        XCTAssertNil(j.summary(bad)); XCTAssertNil(j.summary(ok))
        j.shutdown()
        let reopened = try Journal.open(directory: dir, options: quietOptions())
        XCTAssertNil(reopened.summary(bad))
        XCTAssertEqual(reopened.jobIDs { _, _ in true }, [])
    }

    /// Compaction of a prefix that holds an error-line job's request but not its later records:
    /// they stay after it and replay still ends at done with everything kept.
    func testCompactionOfAPrefixThatEndsMidJob() throws {
        let dir = temporaryDirectory(self)
        var o = quietOptions()
        o.segmentBytes = 4096
        var bad: JobID
        do {
            let j = try Journal.open(directory: dir, options: o)
            bad = try j.submit(header: header(2), body: body(2, size: 5000))   // fills the first segment
            for i in 10..<14 { let id = try j.submit(header: header(i), body: body(i, size: 2000)); try finish(j, id, errorLine: false) }
            try finish(j, bad, errorLine: true)                                  // result and done in a later segment
            try j.compact()
            XCTAssertEqual(try j.load(bad).body, body(2, size: 5000))
            XCTAssertEqual(try j.result(of: bad), errorLine)
            try j.sync(); j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: o)
        XCTAssertEqual(j.summary(bad)?.hasInput, true)
        XCTAssertEqual(try j.load(bad).body, body(2, size: 5000))
        XCTAssertEqual(try j.result(of: bad), errorLine)
        XCTAssertEqual(j.summary(bad)?.status, .done)
    }
}
