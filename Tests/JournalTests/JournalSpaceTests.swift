import Foundation
import Glibc
import TestSupport
import XCTest
@testable import Journal

/// The journal must not grow forever, and a full or read-only disk is a clear error.
final class JournalSpaceTests: XCTestCase {
    func testCompactionKeepsLiveJobsAndShrinksFiles() throws {
        let dir = temporaryDirectory(self)
        var o = quietOptions()
        o.segmentBytes = 8 << 10
        var ids: [JobID] = []
        var peak = 0
        do {
            let j = try Journal.open(directory: dir, options: o)
            for i in 0..<400 {
                ids.append(try j.submit(header: header(i), body: body(i, size: 1000), sync: false))
                peak = max(peak, j.stats.bytesOnDisk)
                // Most jobs finish soon after they arrive; every 10th stays queued.
                if i >= 3, (i - 3) % 10 != 0 {
                    let id = ids[i - 3]
                    try j.markDispatched(id)
                    try j.storeResult(id, result: body(i, size: 200))
                    try j.markDone(id)
                }
            }
            try j.compact()
            let s = j.stats
            XCTAssertLessThan(s.bytesOnDisk, 400 * 1000 / 5, "compaction must reclaim done jobs")
            XCTAssertLessThanOrEqual(s.segments, 3)
            XCTAssertLessThan(peak, 400 * 1000 / 2, "compaction runs while writing, not only on demand")
            for i in stride(from: 0, to: 397, by: 10) { XCTAssertEqual(try j.load(ids[i]).body, body(i, size: 1000)) }
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: o)
        for (i, id) in ids.enumerated() {
            let expectQueued = i >= 397 || i % 10 == 0
            XCTAssertEqual(j.status(id), expectQueued ? .queued(attempts: 0) : .done, "job \(i)")
            if expectQueued { XCTAssertEqual(try j.load(id).body, body(i, size: 1000)) }
        }
    }

    func testBoundedCompactionsReclaimSpaceBehindAnOldBacklog() throws {
        // Five old jobs stay queued at the front; each automatic compaction may copy only 16 KiB.
        let dir = temporaryDirectory(self)
        var o = quietOptions()
        o.segmentBytes = 4 << 10
        o.compactionCopyBytes = 16 << 10
        var ids: [JobID] = []
        var peak = 0
        do {
            let j = try Journal.open(directory: dir, options: o)
            for i in 0..<600 {
                let id = try j.submit(header: header(i), body: body(i, size: 500), sync: false)
                ids.append(id)
                if i >= 5 { try j.markDispatched(id); try j.storeResult(id, result: [1]); try j.markDone(id) }
                if i > 100 { peak = max(peak, j.stats.bytesOnDisk) }
            }
            XCTAssertLessThan(peak, 600 * 500 / 4, "space is reclaimed while writing")
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: o)
        for i in 0..<5 { XCTAssertEqual(try j.load(ids[i]).body, body(i, size: 500)) }
        for i in 5..<600 { XCTAssertEqual(j.status(ids[i]), .done) }
    }

    func testDoneRetentionForgetsOldestTombstones() throws {
        var o = quietOptions()
        o.doneRetention = 10
        let j = try Journal.open(directory: temporaryDirectory(self), options: o)
        var ids: [JobID] = []
        for i in 0..<30 {
            let id = try j.submit(header: [], body: body(i, size: 10), sync: false)
            try j.markDone(id)
            ids.append(id)
        }
        try j.compact()
        XCTAssertEqual(j.stats.done, 10)
        XCTAssertNil(j.status(ids[19]))
        XCTAssertEqual(j.status(ids[20]), .done)
    }

    func testCrashDuringCompactionReplaysCorrectly() throws {
        // Old segments left next to their compacted copy (crash before the unlinks) and a
        // half-written .compact file must replay to the same states.
        let dir = temporaryDirectory(self)
        var o = quietOptions()
        o.segmentBytes = 4 << 10
        let j = try Journal.open(directory: dir, options: o)
        var ids: [JobID] = []
        for i in 0..<60 { ids.append(try j.submit(header: header(i), body: body(i, size: 500), sync: false)) }
        for i in 0..<30 { try j.markDispatched(ids[i]); try j.markDone(ids[i]) }
        for i in 30..<35 { try j.markDispatched(ids[i]); try j.storeResult(ids[i], result: [UInt8(i)]) }
        try j.closeJob(ids[0])
        try j.sync()
        let snapshotBefore = temporaryDirectory(self) + "/before"
        copyJournal(dir, to: snapshotBefore)
        try j.compact()
        j.shutdown()
        // Merge: the old segments plus the compacted result, as a crash between rename and unlink leaves them.
        for name in segmentNames(dir) { writeFile(snapshotBefore + "/" + name, readFile(dir + "/" + name)) }
        writeFile(snapshotBefore + "/" + SegmentFile.name(1) + ".compact", Array(body(1, size: 99)))
        let oldSegments = segmentNames(snapshotBefore).count
        let r = try Journal.open(directory: snapshotBefore, options: o)
        XCTAssertLessThan(segmentNames(snapshotBefore).count, oldSegments, "superseded segments are removed")
        XCTAssertNil(r.status(ids[0]), "a closed job stays closed")
        for i in 1..<30 { XCTAssertEqual(r.status(ids[i]), .done) }
        for i in 30..<35 {
            XCTAssertEqual(r.status(ids[i]), .resultPending(attempts: 1))
            XCTAssertEqual(try r.result(of: ids[i]), [UInt8(i)])
        }
        for i in 35..<60 { XCTAssertEqual(try r.load(ids[i]).body, body(i, size: 500)) }
        XCTAssertFalse(((try? FileSystem.list(snapshotBefore)) ?? []).contains { $0.hasSuffix(".compact") })
    }

    func testSizeLimitRefusesSubmitsUntilSpaceIsReclaimed() throws {
        var o = quietOptions()
        o.maxBytes = 64 << 10
        o.segmentBytes = 16 << 10
        let j = try Journal.open(directory: temporaryDirectory(self), options: o)
        var ids: [JobID] = []
        var refusal: JournalError?
        for i in 0..<200 {
            do { ids.append(try j.submit(header: header(i), body: body(i, size: 1000))) } catch {
                refusal = error as? JournalError; break
            }
        }
        guard case .full(let message)? = refusal else { return XCTFail("expected .full, got \(String(describing: refusal))") }
        XCTAssertTrue(message.contains("limit"), message)
        XCTAssertLessThanOrEqual(j.stats.bytesOnDisk, o.maxBytes)
        XCTAssertGreaterThan(ids.count, 40)
        for id in ids { XCTAssertNotNil(j.status(id)) }               // nothing already stored was harmed
        // Finishing jobs frees the space again.
        for id in ids.prefix(ids.count / 2) { try j.markDispatched(id); try j.markDone(id) }
        XCTAssertNoThrow(try j.submit(header: [], body: body(1, size: 1000)))
    }

    /// A journal at its limit with nothing dead in it refuses at once: no compaction that frees
    /// nothing, no new segment per refused submit.
    func testRefusalsOfALiveJournalCompactNothing() throws {
        let log = LogLines()
        var o = quietOptions()
        o.maxBytes = 64 << 10
        o.segmentBytes = 16 << 10
        o.log = { log.add($0) }
        let j = try Journal.open(directory: temporaryDirectory(self), options: o)
        var i = 0
        while (try? j.submit(header: header(i), body: body(i, size: 1000))) != nil { i += 1 }
        let segments = j.stats.segments, compactions = log.count { $0.hasPrefix("compacted") }
        for k in 0..<20 { XCTAssertThrowsError(try j.submit(header: header(1000 + k), body: body(k, size: 1000))) }
        XCTAssertEqual(j.stats.segments, segments, "a refused submit started a segment")
        XCTAssertEqual(log.count { $0.hasPrefix("compacted") }, compactions, "a refused submit compacted a journal of live jobs")
    }

    /// A real full file system (a 256 KiB tmpfs) and a real read-only remount. Needs
    /// CAP_SYS_ADMIN; skipped where mounting is not allowed.
    func testRealDiskFullAndReadOnlyFileSystem() throws {
        let size = 256 << 10
        guard let mnt = mountTmpfs(self, bytes: size) else { throw XCTSkip("mount -t tmpfs not permitted here") }
        let dir = mnt + "/journal"
        var o = quietOptions()
        o.segmentBytes = 1 << 20
        var ids: [JobID] = []
        do {
            let j = try Journal.open(directory: dir, options: o)
            var refusal: JournalError?
            for i in 0..<1000 {
                do { ids.append(try j.submit(header: header(i), body: body(i, size: 3000))) } catch {
                    refusal = error as? JournalError; break
                }
            }
            guard case .full? = refusal else { return XCTFail("expected .full from ENOSPC, got \(String(describing: refusal))") }
            XCTAssertGreaterThan(ids.count, 20)
            // Small state records still fit or fail cleanly; the journal stays usable.
            XCTAssertNoThrow(try j.markDispatched(ids[0]))
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: o)
        XCTAssertEqual(j.replayReport.truncatedBytes, 0, "a refused write left no partial record")
        for (i, id) in ids.enumerated() { XCTAssertEqual(try j.load(id).body, body(i, size: 3000)) }
        j.shutdown()

        XCTAssertTrue(remountTmpfs(mnt, bytes: size))
        XCTAssertThrowsError(try Journal.open(directory: dir, options: o)) {
            guard case .readOnly = $0 as? JournalError else { return XCTFail("\($0)") }
        }
    }
}

/// Log lines a journal wrote (from any thread).
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    func count(where match: (String) -> Bool) -> Int { lock.lock(); defer { lock.unlock() }; return lines.filter(match).count }
}
