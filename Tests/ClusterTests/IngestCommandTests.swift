import Foundation
import XCTest

/// push / status / tail and the job timeout, with real processes.
final class IngestCommandTests: ClusterTestCase {
    func run(_ args: [String], seconds: Double = 60) throws -> (Int32?, String, String) {
        let out = dir.appendingPathComponent("cmd-\(UUID().uuidString.prefix(6)).out")
        let err = dir.appendingPathComponent("cmd-\(UUID().uuidString.prefix(6)).err")
        let p = try reportq(args, output: out, errors: err)
        let code = waitExit(p, seconds: seconds)
        return (code, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func testPushWaitStatusAndTail() throws {
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<4 { try Data("二〇二六年政府工作报告 \(i)\n各位代表：今年地区生产总值增长5%左右。\n".utf8).write(to: input.appendingPathComponent("w\(i).txt")) }
        // Over the size limit: refused by push before it is sent.
        let huge = dir.appendingPathComponent("huge.txt")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        XCTAssertEqual(truncate(huge.path, off_t(65 << 20)), 0)

        try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        try startWorker(ep)
        try startAggregator(ep, out: out)
        let (code, stdout, _) = try run(["push", "--broker", ep, "--wait", input.appendingPathComponent("w*.txt").path])
        XCTAssertEqual(code, 0)
        let ids = stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
        XCTAssertEqual(ids.count, 4)
        XCTAssertEqual(Set(outputLines(out).compactMap { $0["job_id"] as? String }), Set(ids), "--wait returned before the lines were written")

        let (refusedCode, _, refusedErr) = try run(["push", "--broker", ep, huge.path])
        XCTAssertNotEqual(refusedCode, 0)
        XCTAssertTrue(refusedErr.contains("too_large"), refusedErr)

        let (statusCode, statusJSON, _) = try run(["status", "--broker", ep, "--json"])
        XCTAssertEqual(statusCode, 0)
        let status = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(statusJSON.utf8)) as? [String: Any])
        XCTAssertEqual(status["done"] as? Int, 4)
        XCTAssertEqual(status["queued"] as? Int, 0)
        XCTAssertEqual((status["workers"] as? [String: Any])?["ingest"] as? Int, 1)
        XCTAssertEqual((status["workers"] as? [String: Any])?["collect"] as? Int, 1)

        let (tailCode, tailOut, _) = try run(["tail", "--file", out.path, "--where", "source.name=w2.txt"])
        XCTAssertEqual(tailCode, 0)
        let tailed = tailOut.split(separator: "\n")
        XCTAssertEqual(tailed.count, 1)
        XCTAssertTrue(tailed.first?.contains("w2.txt") ?? false)
    }

    /// The health-check form `status --timeout 2`: 0 while the broker answers, 1 within the
    /// timeout once it is gone (one attempt, no retry doubling the wait).
    func testStatusTimeoutForHealthChecks() throws {
        let ep = ipcEndpoint()
        let broker = try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        var (code, _, _) = try run(["status", "--broker", ep, "--timeout", "2"], seconds: 10)
        if code != 0 { usleep(500_000); (code, _, _) = try run(["status", "--broker", ep, "--timeout", "2"], seconds: 10) }
        XCTAssertEqual(code, 0)
        kill(broker.processIdentifier, SIGKILL)
        broker.waitUntilExit()
        let started = Date()
        let (downCode, _, downErr) = try run(["status", "--broker", ep, "--timeout", "1"], seconds: 10)
        XCTAssertEqual(downCode, 69, "EX_UNAVAILABLE, as every command that cannot reach its broker")
        XCTAssertTrue(downErr.contains("cannot reach the broker at \(ep)"), downErr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4, "a down broker must fail fast")
        let (badCode, _, _) = try run(["status", "--broker", ep, "--timeout", "0"], seconds: 10)
        XCTAssertEqual(badCode, 64)
    }

    /// A worker alive but stuck (it heartbeats, never answers): the job times out, is retried,
    /// and after --max-attempts becomes an error line.
    func testStuckWorkerJobTimesOut() throws {
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        try startBroker(ep, journal: dir.appendingPathComponent("journal"), ["--job-timeout", "1", "--max-attempts", "2"])
        try startWorker(ep, ["--echo", "--service", "ingest", "--delay-ms", "4000"])
        try startAggregator(ep, out: out)
        let file = dir.appendingPathComponent("slow.txt")
        try Data("政府工作报告\n".utf8).write(to: file)
        let ids = try push(ep, [file.path])
        let lines = waitForLines(out, count: 1, seconds: 60)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines.first?["job_id"] as? String, ids.first)
        let error = lines.first?["error"] as? [String: Any]
        XCTAssertEqual(error?["code"] as? String, "poison")
        XCTAssertTrue((error?["message"] as? String ?? "").contains("job timeout"), "\(error ?? [:])")
    }
}
