import Foundation
import TestSupport
import XCTest

/// The aggregator's disk full or read-only: it must not confirm, so jobs wait in the broker's
/// journal and are written once the disk recovers. Needs root (mount -t tmpfs).
final class OutputDiskTests: ClusterTestCase {
    func mountTmpfs(bytes: Int) throws -> String {
        guard let path = TestSupport.mountTmpfs(self, bytes: bytes, prefix: "rq-out") else {
            throw XCTSkip("mount -t tmpfs not permitted here (needs root): output-disk tests skipped")
        }
        return path
    }

    func smallReports(_ n: Int, prefix: String) throws -> URL {
        let folder = dir.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for i in 0..<n {
            try Data("二〇二六年政府工作报告 \(prefix)\(i)\n各位代表：今年地区生产总值增长5%左右。\n".utf8)
                .write(to: folder.appendingPathComponent("\(prefix)\(i).txt"))
        }
        return folder
    }

    func testDiskFullOutputWaitsAndRecovers() throws {
        let mnt = try mountTmpfs(bytes: 2 << 20)
        let out = URL(fileURLWithPath: mnt).appendingPathComponent("out.jsonl")
        let ep = ipcEndpoint()
        try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        try startWorker(ep)
        try startAggregator(ep, out: out)
        XCTAssertEqual(try push(ep, [try smallReports(5, prefix: "a").path]).count, 5)
        XCTAssertEqual(waitForLines(out, count: 5, seconds: 60).count, 5)

        // Fill the disk to the last byte.
        let filler = URL(fileURLWithPath: mnt).appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let h = try FileHandle(forWritingTo: filler)
        let chunk = Data(count: 4096)
        while (try? h.write(contentsOf: chunk)) != nil {}
        var one = Data(count: 1)
        while (try? h.write(contentsOf: one.prefix(1))) != nil { one = Data(count: 1) }
        try? h.close()

        // Real reports: their lines (tens of KB) cannot fit in the slack of the file's last page.
        let big = dir.appendingPathComponent("big")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        for (i, src) in ClusterTestCase.corpusFiles.prefix(5).enumerated() {
            try FileManager.default.copyItem(at: src, to: big.appendingPathComponent("b\(i).txt"))
        }
        guard ClusterTestCase.corpusFiles.count >= 5 else { throw XCTSkip("no corpus at ../shared/corpus") }
        let ids = try push(ep, [big.path])
        XCTAssertEqual(ids.count, 5)
        sleep(4)
        XCTAssertEqual(outputLines(out).count, 5, "nothing can be written to a full disk")

        try FileManager.default.removeItem(at: filler)
        let lines = waitForLines(out, count: 10, seconds: 90)
        XCTAssertEqual(lines.count, 10)
        XCTAssertEqual(Set(lines.compactMap { $0["job_id"] as? String }).count, 10)
        XCTAssertTrue(Set(lines.compactMap { $0["job_id"] as? String }).isSuperset(of: ids))
    }

    func testReadOnlyOutputWaitsAndRecovers() throws {
        let mnt = try mountTmpfs(bytes: 1 << 20)
        let out = URL(fileURLWithPath: mnt).appendingPathComponent("out.jsonl")
        guard remountTmpfs(mnt, bytes: 1 << 20) else {
            throw XCTSkip("remount read-only not permitted")
        }
        let ep = ipcEndpoint()
        try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        try startWorker(ep)
        let aggregator = try startAggregator(ep, out: out)
        let ids = try push(ep, [try smallReports(6, prefix: "r").path])
        XCTAssertEqual(ids.count, 6)
        sleep(3)
        XCTAssertTrue(aggregator.isRunning, "the aggregator must wait, not die")
        XCTAssertEqual(outputLines(out).count, 0)

        XCTAssertTrue(remountTmpfs(mnt, bytes: 1 << 20, readOnly: false))
        let lines = waitForLines(out, count: 6, seconds: 60)
        XCTAssertEqual(Set(lines.compactMap { $0["job_id"] as? String }), Set(ids))
        XCTAssertEqual(lines.count, 6)
    }
}
