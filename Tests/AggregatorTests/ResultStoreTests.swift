import Foundation
import Glibc
import TestSupport
import XCTest
@testable import Aggregator

final class ResultStoreTests: XCTestCase {
    func testAppendFlushAndDedupAcrossReopen() throws {
        let path = temporaryDirectory(self) + "/results.jsonl"
        do {
            let s = try ResultStore.open(path: path, options: quiet())
            for i in 0..<100 { XCTAssertEqual(try s.append(record(i)), .appended) }
            XCTAssertEqual(try s.append(record(5)), .duplicate)       // pending duplicate
            XCTAssertEqual(s.pendingLines, 100)
            try s.flush()
            XCTAssertEqual(s.pendingLines, 0)
            XCTAssertEqual(try s.append(record(7)), .duplicate)
            s.close()
        }
        let s = try ResultStore.open(path: path, options: quiet())
        XCTAssertEqual(s.count, 100)
        XCTAssertTrue(s.contains(jobID: jobID(42)))
        XCTAssertEqual(try s.append(record(42)), .duplicate)
        XCTAssertEqual(try s.append(record(100)), .appended)
        try s.flush()
        let all = lines(path)
        XCTAssertEqual(all.count, 102)                                   // 101 lines + final empty split
        XCTAssertEqual(all.last, [])
        for l in all.dropLast() { XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(l))) }
    }

    func testCreatesMissingDirectories() throws {
        let path = temporaryDirectory(self) + "/a/b/results.jsonl"
        let s = try ResultStore.open(path: path, options: quiet())
        try s.append(record(1)); try s.flush()
        XCTAssertEqual(lines(path).count, 2)
    }

    func testRejectsLinesItCannotIndex() throws {
        let s = try ResultStore.open(path: temporaryDirectory(self) + "/r.jsonl", options: quiet())
        XCTAssertThrowsError(try s.append(Array(#"{"status":"ok"}"#.utf8)))
        XCTAssertThrowsError(try s.append(Array("{\"job_id\":\"a\",\n\"x\":1}".utf8)))
        XCTAssertThrowsError(try s.append(Array("not json".utf8)))
        XCTAssertThrowsError(try s.append(Array(#"{"job_id":"abc","x":"#.utf8)))
        XCTAssertThrowsError(try s.append(Array(#"{"job_id":"abc","x":""#.utf8) + [0] + Array(#""}"#.utf8)))
        // Slow path: job_id not first, escaped value.
        XCTAssertEqual(try s.append(Array(#"{"status":"ok","job_id":"a\"b"}"#.utf8)), .appended)
        XCTAssertTrue(s.contains(jobID: "a\"b"))
        XCTAssertEqual(try s.append(Array(#"{"job_id" : "plain-id", "x":1}"#.utf8)), .appended)
        XCTAssertTrue(s.contains(jobID: "plain-id"))
        XCTAssertEqual(s.count, 2)
    }

    func testTornLastLineIsRepairedAtOpen() throws {
        let dir = temporaryDirectory(self)
        let tails: [[UInt8]] = [
            Array(record(999).prefix(40)),                          // cut mid-line
            [UInt8](repeating: 0, count: 4096),                     // zeros after a size extension
            Array(#"{"job_id":"00000000000000000000000000000abc","status":"#.utf8) + [0x0A],   // newline but cut short
            Array(#"{"job_id":"00000000000000000000000000000abc","#.utf8) + [UInt8](repeating: 0, count: 100) + Array(#"x"}"#.utf8) + [0x0A],  // lost page
        ]
        for (k, tail) in tails.enumerated() {
            let path = dir + "/r\(k).jsonl"
            do {
                let s = try ResultStore.open(path: path, options: quiet())
                for i in 0..<10 { try s.append(record(i)) }
                try s.flush()
                s.close()
            }
            let good = readFile(path)
            appendRaw(path, tail)
            let s = try ResultStore.open(path: path, options: quiet())
            XCTAssertEqual(s.repairedBytes, tail.count, "tail \(k)")
            XCTAssertEqual(readFile(path), good, "tail \(k)")
            XCTAssertEqual(s.count, 10)
            XCTAssertFalse(s.contains(jobID: "00000000000000000000000000000abc"))
            XCTAssertEqual(try s.append(record(10)), .appended)
            try s.flush()
            XCTAssertEqual(lines(path).count, 12)
        }
    }

    func testRotationKeepsDedupAcrossFiles() throws {
        let dir = temporaryDirectory(self)
        let path = dir + "/results.jsonl"
        var o = quiet()
        o.rotateBytes = 2000
        do {
            let s = try ResultStore.open(path: path, options: o)
            for i in 0..<60 { try s.append(record(i, pad: 50)); if i % 7 == 0 { try s.flush() } }
            try s.flush()
            s.close()
        }
        let rotated = PosixFile.rotatedFiles(of: path)
        XCTAssertGreaterThan(rotated.count, 3)
        XCTAssertEqual(rotated.map(\.number), Array(1...rotated.count))
        var seen: [[UInt8]] = []
        for f in rotated.map(\.path) + [path] {
            let ls = lines(f).dropLast()
            XCTAssertLessThanOrEqual(readFile(f).count, 2000)
            seen += ls
        }
        XCTAssertEqual(text(seen), text((0..<60).map { record($0, pad: 50) }))      // each once, in order
        let s = try ResultStore.open(path: path, options: o)
        XCTAssertEqual(s.count, 60)
        for i in [0, 1, 30, 59] { XCTAssertEqual(try s.append(record(i, pad: 50)), .duplicate) }
    }

    func testFailedFlushRollsBackUnflushedLines() throws {
        let path = temporaryDirectory(self) + "/r.jsonl"
        let s = try ResultStore.open(path: path, options: quiet())
        for i in 0..<5 { try s.append(record(i)) }
        try s.flush()
        let durable = readFile(path)
        for i in 5..<9 { try s.append(record(i)) }
        s.syncHook = { _ in errno = EIO; return -1 }
        XCTAssertThrowsError(try s.flush()) { XCTAssertEqual($0 as? ResultStoreError, .io(errno: EIO, operation: "fdatasync \(path)")) }
        XCTAssertEqual(readFile(path), durable, "nothing unflushed stays in the file")
        XCTAssertEqual(s.count, 5)
        XCTAssertFalse(s.contains(jobID: jobID(6)))
        // The broker redelivers; the retry works.
        s.syncHook = nil
        for i in 5..<9 { XCTAssertEqual(try s.append(record(i)), .appended) }
        try s.flush()
        s.close()
        let again = try ResultStore.open(path: path, options: quiet())
        XCTAssertEqual(again.count, 9)
        XCTAssertEqual(lines(path).count, 10)
    }

    /// A real full file system: a 64 KiB tmpfs (needs CAP_SYS_ADMIN; skipped otherwise).
    func testDiskFullRollsBackAndRecoversWhenSpaceReturns() throws {
        guard let mnt = mountTmpfs(self, bytes: 64 << 10) else { throw XCTSkip("mount -t tmpfs not permitted here") }
        let path = mnt + "/results.jsonl"
        let filler = mnt + "/filler"
        appendRaw(filler, [UInt8](repeating: 7, count: 16 << 10))
        let s = try ResultStore.open(path: path, options: quiet())
        var written = 0
        var failure: ResultStoreError?
        for i in 0..<10_000 {
            do { try s.append(record(i, pad: 900)); written += 1 } catch { failure = error as? ResultStoreError; break }
            if i % 4 == 3 { try s.flush() }
        }
        guard case .full? = failure else { return XCTFail("expected .full, got \(String(describing: failure))") }
        try s.flush()
        XCTAssertEqual(readFile(path).last, 0x0A, "only whole lines on disk")
        XCTAssertEqual(text(lines(path).dropLast()), text((0..<written).map { record($0, pad: 900) }))
        XCTAssertFalse(s.contains(jobID: jobID(written)))

        // Space comes back (the operator deletes a file): the same job now goes through.
        unlink(filler)
        XCTAssertEqual(try s.append(record(written, pad: 900)), .appended)
        try s.flush()
        s.close()
        let reopened = try ResultStore.open(path: path, options: quiet())
        XCTAssertEqual(reopened.count, written + 1)
        XCTAssertEqual(reopened.repairedBytes, 0)
        XCTAssertEqual(text(lines(path).dropLast()), text((0...written).map { record($0, pad: 900) }))
    }

    func testReadOnlyFileSystemIsAClearError() throws {
        guard let mnt = mountTmpfs(self, bytes: 64 << 10) else { throw XCTSkip("mount -t tmpfs not permitted here") }
        XCTAssertEqual(mount("tmpfs", mnt, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=65536"), 0)
        XCTAssertThrowsError(try ResultStore.open(path: mnt + "/results.jsonl", options: quiet())) {
            guard case .readOnly = $0 as? ResultStoreError else { return XCTFail("\($0)") }
        }
    }

    func testSecondWriterIsRefused() throws {
        let path = temporaryDirectory(self) + "/r.jsonl"
        let s = try ResultStore.open(path: path, options: quiet())
        XCTAssertThrowsError(try ResultStore.open(path: path, options: quiet())) {
            guard case .locked = $0 as? ResultStoreError else { return XCTFail("\($0)") }
        }
        s.close()
    }

    func testGroupCommitBounds() throws {
        var o = quiet()
        o.groupCommitMaxLines = 3
        o.groupCommitInterval = 0.5
        let s = try ResultStore.open(path: temporaryDirectory(self) + "/r.jsonl", options: o)
        XCTAssertFalse(s.flushDue())
        XCTAssertNil(s.flushDeadline)
        try s.append(record(1))
        let t0 = ResultStore.monotonicNow
        XCTAssertFalse(s.flushDue(now: t0))
        XCTAssertTrue(s.flushDue(now: t0 + 0.6))
        XCTAssertNotNil(s.flushDeadline)
        try s.append(record(2)); try s.append(record(3))
        XCTAssertTrue(s.flushDue(now: t0))
        try s.flush()
        XCTAssertFalse(s.flushDue(now: t0 + 10))
    }
}
