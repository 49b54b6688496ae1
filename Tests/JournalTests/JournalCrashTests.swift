import Foundation
import Glibc
import TestSupport
import XCTest
@testable import Journal

/// Torn and corrupted journals: replay must never crash and never lose a synced job whose
/// own bytes are intact.
final class JournalCrashTests: XCTestCase {
    /// Writes `n` jobs into one segment; returns ids and each record's end offset.
    private func writeJobs(_ n: Int, in dir: String, size: (Int) -> Int = { 100 + ($0 * 37) % 400 }) throws -> ([JobID], [Int]) {
        let j = try Journal.open(directory: dir, options: quietOptions())
        var ids: [JobID] = [], ends: [Int] = []
        for i in 0..<n {
            ids.append(try j.submit(header: header(i), body: body(i, size: size(i))))
            ends.append(j.stats.bytesOnDisk)
        }
        j.shutdown()
        return (ids, ends)
    }

    func testTruncationAtManyOffsetsKeepsEveryCompleteRecord() throws {
        let dir = temporaryDirectory(self)
        let (ids, ends) = try writeJobs(40, in: dir)
        let total = ends.last!
        var cuts = Set((0..<150).map { _ in Int.random(in: 0...total) })
        for e in ends { cuts.formUnion([e - 1, e, e + 1, e - 13, e + 12].filter { $0 >= 0 && $0 <= total }) }
        let work = temporaryDirectory(self)
        for (k, cut) in cuts.sorted().enumerated() {
            let copy = work + "/c\(k)"
            copyJournal(dir, to: copy) { Array($0[0..<cut]) }
            let j = try Journal.open(directory: copy, options: quietOptions())
            let complete = ends.filter { $0 <= cut }.count
            for i in 0..<ids.count {
                if i < complete {
                    XCTAssertEqual(try j.load(ids[i]).body, body(i, size: 100 + (i * 37) % 400), "cut \(cut) job \(i)")
                } else {
                    XCTAssertNil(j.status(ids[i]), "cut \(cut) job \(i) must not appear")
                }
            }
            // The torn tail is gone: new writes land after the last good record and survive.
            XCTAssertEqual(j.stats.bytesOnDisk, complete == 0 ? 0 : ends[complete - 1])
            let fresh = try j.submit(header: [1], body: [2, 3])
            j.shutdown()
            let again = try Journal.open(directory: copy, options: quietOptions())
            XCTAssertEqual(try again.load(fresh).body, [2, 3])
            XCTAssertEqual(again.stats.queued, complete + 1)
            again.shutdown()
            removeTree(copy)
        }
    }

    func testByteFlipsLoseAtMostTheDamagedRecord() throws {
        let dir = temporaryDirectory(self)
        let (ids, ends) = try writeJobs(30, in: dir)
        let total = ends.last!
        let work = temporaryDirectory(self)
        var offsets = Set((0..<200).map { _ in Int.random(in: 0..<total) })
        for e in ends.dropLast() { offsets.formUnion([e, e + 4, e + 8, e + 12]) }   // frame fields
        for (k, off) in offsets.sorted().enumerated() {
            let copy = work + "/f\(k)"
            copyJournal(dir, to: copy) { var b = $0; b[off] ^= UInt8.random(in: 1...255); return b }
            let j = try Journal.open(directory: copy, options: quietOptions())
            let damaged = ends.firstIndex { off < $0 }!
            for i in 0..<ids.count where i != damaged {
                XCTAssertEqual(try j.load(ids[i]).body, body(i, size: 100 + (i * 37) % 400), "flip at \(off), job \(i)")
            }
            XCTAssertNil(j.status(ids[damaged]), "flip at \(off): damaged record must be rejected")
            j.shutdown()
            removeTree(copy)
        }
    }

    func testGarbageAndZeroFilledTailsAreCut() throws {
        let dir = temporaryDirectory(self)
        let (ids, _) = try writeJobs(5, in: dir)
        let work = temporaryDirectory(self)
        // A crash can leave the file longer than its data (zeros) or with random junk.
        for (k, tail) in [[UInt8](repeating: 0, count: 4096), body(99, size: 777), Array("RQJ1".utf8)].enumerated() {
            let copy = work + "/g\(k)"
            copyJournal(dir, to: copy) { $0 + tail }
            let j = try Journal.open(directory: copy, options: quietOptions())
            XCTAssertEqual(j.stats.queued, 5)
            XCTAssertEqual(j.replayReport.truncatedBytes, tail.count)
            XCTAssertEqual(try j.load(ids[4]).body, body(4, size: 100 + (4 * 37) % 400))
            j.shutdown()
        }
    }

    /// A writer thread submits (fsync per job) while the test snapshots the files at random
    /// moments, as a crash would leave them. Every job acknowledged before a snapshot began
    /// must be in that snapshot.
    func testSnapshotsTakenWhileWritingRecoverAllAcknowledgedJobs() throws {
        let dir = temporaryDirectory(self)
        var o = quietOptions()
        o.segmentBytes = 16 << 10         // several segments, so rolls happen under the snapshots
        let j = try Journal.open(directory: dir, options: o)
        let shared = Shared()
        let writer = Thread {
            var i = 0
            while !shared.lock.locked({ shared.stop }) {
                guard let id = try? j.submit(header: header(i), body: body(i, size: 200 + i % 900)) else { break }
                shared.lock.locked { shared.acked.append(id) }
                i += 1
            }
            shared.lock.locked { shared.finished = true }
        }
        writer.start()
        let work = temporaryDirectory(self)
        for k in 0..<25 {
            usleep(UInt32.random(in: 2_000...20_000))
            let before = shared.lock.locked { shared.acked }
            let copy = work + "/s\(k)"
            copyJournal(dir, to: copy)
            let r = try Journal.open(directory: copy, options: quietOptions())
            for id in before { XCTAssertNotNil(r.status(id), "snapshot \(k) lost acknowledged job \(id)") }
            if let last = before.last { XCTAssertFalse(try r.load(last).header.isEmpty) }
            r.shutdown()
            removeTree(copy)
        }
        shared.lock.locked { shared.stop = true }
        while !shared.lock.locked({ shared.finished }) { usleep(1000) }
        XCTAssertGreaterThan(shared.acked.count, 25)
    }
}

private final class Shared: @unchecked Sendable {
    let lock = Lock()
    var acked: [JobID] = []
    var stop = false
    var finished = false
}
