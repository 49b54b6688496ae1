import Foundation
import XCTest

/// `worker --prefetch`: extra sessions hold the next job, but no more jobs run at once than
/// --concurrency, and every job still ends as exactly one line.
final class WorkerPrefetchTests: ClusterTestCase {
    func testPrefetchHoldsJobsButRunsOneAtATime() throws {
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<6 { try Data("二〇二六年政府工作报告 \(i)\n".utf8).write(to: input.appendingPathComponent("p\(i).txt")) }

        try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        try startAggregator(ep, out: out)
        let ids = try push(ep, [input.path])
        XCTAssertEqual(ids.count, 6)
        // One slot, one job held ahead: 6 jobs of 300 ms take at least 1.8 s if they never overlap.
        let started = Date()
        try startWorker(ep, ["--echo", "--service", "ingest", "--delay-ms", "300", "--prefetch", "1"])
        let lines = waitForLines(out, count: 6, seconds: 60)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(lines.count, 6)
        XCTAssertEqual(Set(lines.compactMap { $0["job_id"] as? String }), Set(ids), "one line per job")
        XCTAssertGreaterThanOrEqual(elapsed, 1.8, "jobs overlapped: more than one ran at a time")
    }

    func testPrefetchOutOfRangeIsRefused() throws {
        let p = try reportq(["worker", "--connect", ipcEndpoint(), "--prefetch", "-1"])
        XCTAssertNotEqual(waitExit(p, seconds: 10), 0)
    }
}
