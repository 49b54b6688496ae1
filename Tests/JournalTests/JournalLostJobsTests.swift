import Glibc
import TestSupport
import XCTest
@testable import Journal

/// A job whose `submitted` record is damaged is named (ReplayReport.lostJobs) from its small
/// `announced` record: in the segment it was written to, and after compaction copied it.
final class JournalLostJobsTests: XCTestCase {
    func labelled() -> Journal.Options {
        var o = quietOptions()
        o.jobLabel = { Array($0) }                 // the whole (short) test header
        return o
    }

    /// Writes `n` jobs; returns ids and, per job, the byte range of its `submitted` record.
    func writeJobs(_ n: Int, in dir: String, compactFirst: Bool = false) throws -> ([JobID], String, [Range<Int>]) {
        let j = try Journal.open(directory: dir, options: labelled())
        var ids: [JobID] = []
        if compactFirst {
            // A done job and a compaction: the live jobs' records are copied with their labels.
            let old = try j.submit(header: header(999), body: body(999))
            try j.markDispatched(old); try j.storeResult(old, result: [1]); try j.markDone(old)
        }
        for i in 0..<n { ids.append(try j.submit(header: header(i), body: body(i))) }
        if compactFirst { try j.compact() }
        j.shutdown()
        // Where each submitted record lies, in the segment that holds them (after a compaction,
        // the compacted one: the active one is empty).
        let name = segmentNames(dir).max { readFile(dir + "/" + $0).count < readFile(dir + "/" + $1).count }!
        let bytes = readFile(dir + "/" + name)
        var ranges: [Range<Int>] = []
        for i in 0..<n {
            let marker = header(i)
            // The header inside the job's submitted record: type 1, the job's id, the header's length.
            // (The same bytes are the label of its `announced` record after a compaction, where
            // the byte 21 before them is the frame's CRC: 1 there by chance in ~1 run of 20.)
            let length = [UInt8(marker.count & 0xFF), UInt8(marker.count >> 8 & 0xFF), 0, 0]
            let at = (0...(bytes.count - marker.count)).first { bytes[$0] == marker[0] && Array(bytes[$0..<($0 + marker.count)]) == marker
                && $0 >= 12 + 1 + 16 + 4 && bytes[$0 - 4 - 16 - 1] == 1 && Array(bytes[($0 - 4 - 16)..<($0 - 4)]) == ids[i].bytes
                && Array(bytes[($0 - 4)..<$0]) == length }!
            let start = at - 4 - 16 - 1 - 12
            let size = 12 + (Int(bytes[start + 4]) | Int(bytes[start + 5]) << 8 | Int(bytes[start + 6]) << 16)
            ranges.append(start..<(start + size))
        }
        return (ids, name, ranges)
    }

    func check(compactFirst: Bool) throws {
        let dir = temporaryDirectory(self)
        let (ids, segment, ranges) = try writeJobs(12, in: dir, compactFirst: compactFirst)
        let work = temporaryDirectory(self)
        for (k, range) in ranges.enumerated() {
            // A flipped bit in the body, and a corrupted length field.
            for off in [range.upperBound - 7, range.lowerBound + 6] {
                let copy = work + "/c\(k)-\(off)"
                mkdir(copy, 0o700)
                for name in segmentNames(dir) {
                    var b = readFile(dir + "/" + name)
                    if name == segment { b[off] ^= 0x10 }
                    writeFile(copy + "/" + name, b)
                }
                let j = try Journal.open(directory: copy, options: labelled())
                XCTAssertEqual(j.replayReport.lostJobs.map(\.id), [ids[k]], "damage at \(off) (job \(k)), compacted: \(compactFirst)")
                XCTAssertEqual(j.replayReport.lostJobs.first?.label, String(decoding: header(k), as: UTF8.self))
                XCTAssertNil(j.status(ids[k]))
                for i in ids.indices where i != k { XCTAssertEqual(try j.load(ids[i]).body, body(i)) }
                // Stored again as given up on: replay keeps it, and names it no more.
                guard let lost = j.replayReport.lostJobs.first else { j.shutdown(); continue }
                try j.reinstate(lost, header: header(k), reason: "lost")
                j.shutdown()
                let again = try Journal.open(directory: copy, options: labelled())
                XCTAssertEqual(again.replayReport.lostJobs, [])
                XCTAssertEqual(again.summary(ids[k])?.givenUpBecause, "lost")
                again.shutdown()
                removeTree(copy)
            }
        }
    }

    func testDamagedJobsAreNamed() throws { try check(compactFirst: false) }
    func testDamagedJobsAreNamedAfterCompaction() throws { try check(compactFirst: true) }

    /// A closed or done job is not lost, whatever became of its submitted record.
    func testClosedJobsAreNotNamed() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: labelled())
        let id = try j.submit(header: header(1), body: body(1))
        try j.closeJob(id)
        j.shutdown()
        let again = try Journal.open(directory: dir, options: labelled())
        XCTAssertEqual(again.replayReport.lostJobs, [])
        again.shutdown()
    }
}
