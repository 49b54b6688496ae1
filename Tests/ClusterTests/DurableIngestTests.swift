import Foundation
import XCTest

/// The durable queue end to end with real processes: push → journal → ingest workers →
/// collect (aggregator) → one JSON line per job, through crashes of every kind of process.
final class DurableIngestTests: ClusterTestCase {

    /// 500 files (corpus copies under distinct names plus bad files); kill -9 a worker, the
    /// aggregator and the broker while they run. Exactly one line per pushed job; ok lines equal
    /// `reportq extract` of the same file; bad files are error lines.
    func testChaosLosesNothingAndWritesNothingTwice() throws {
        let corpus = ClusterTestCase.corpusFiles
        guard !corpus.isEmpty else { throw XCTSkip("no corpus at ../shared/corpus") }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        var origin: [String: String] = [:]                 // copy name → corpus file name
        for i in 0..<480 {
            let src = corpus[i % corpus.count]
            let name = "c\(i)_" + src.lastPathComponent
            try FileManager.default.copyItem(at: src, to: input.appendingPathComponent(name))
            origin[name] = src.lastPathComponent
        }
        let bad = try writeBadFiles(into: input, count: 20)

        // What the pipeline says in one process, per corpus file.
        let expectedOut = dir.appendingPathComponent("expected.jsonl")
        let extract = try reportq(["extract"] + corpus.map(\.path) + ["-o", expectedOut.path])
        XCTAssertEqual(waitExit(extract, seconds: 60), 0)
        var expected: [String: NSDictionary] = [:]
        for r in outputLines(expectedOut) {
            expected[(r["source"] as! [String: Any])["name"] as! String] = ClusterTestCase.comparable(r)
        }

        let ep = ipcEndpoint()
        let journal = dir.appendingPathComponent("journal")
        let out = dir.appendingPathComponent("out.jsonl")
        var broker = try startBroker(ep, journal: journal, ["--job-timeout", "60"])
        let doomedWorker = try startWorker(ep)
        try startWorker(ep)
        var aggregator = try startAggregator(ep, out: out)
        let ids = try push(ep, [input.path], seconds: 90)
        XCTAssertEqual(ids.count, 500)

        // Crash each kind of process once while jobs run.
        XCTAssertTrue(waitUntil(seconds: 60) { outputLines(out).count >= 40 }, "no progress")
        kill(doomedWorker.processIdentifier, SIGKILL)
        try startWorker(ep)
        XCTAssertTrue(waitUntil(seconds: 60) { outputLines(out).count >= 120 }, "no progress after the worker crash")
        kill(aggregator.processIdentifier, SIGKILL)
        aggregator.waitUntilExit()
        aggregator = try startAggregator(ep, out: out)
        XCTAssertTrue(waitUntil(seconds: 60) { outputLines(out).count >= 200 }, "no progress after the aggregator crash")
        kill(broker.processIdentifier, SIGKILL)
        broker.waitUntilExit()
        broker = try startBroker(ep, journal: journal, ["--job-timeout", "60"])

        let lines = waitForLines(out, count: 500, seconds: 150)
        usleep(1_500_000)                                   // anything written twice would show up now
        let final = outputLines(out)
        XCTAssertEqual(lines.count, 500)
        XCTAssertEqual(final.count, 500, "lines written twice or missing")
        let lineIDs = final.compactMap { $0["job_id"] as? String }
        XCTAssertEqual(Set(lineIDs).count, lineIDs.count, "duplicate job ids")
        XCTAssertEqual(Set(lineIDs), Set(ids), "lines do not match the pushed jobs")

        var okCount = 0
        for r in final {
            let name = (r["source"] as? [String: Any])?["name"] as? String ?? "?"
            if bad.contains(name) {
                XCTAssertEqual(r["status"] as? String, "error", "\(name) should be an error line")
                continue
            }
            guard let original = origin[name], let want = expected[original] else { XCTFail("unexpected line for \(name)"); continue }
            XCTAssertEqual(ClusterTestCase.comparable(r), want, "\(name) differs from reportq extract of \(original)")
            if r["status"] as? String == "ok" { okCount += 1 }
        }
        XCTAssertGreaterThan(okCount, 400)
    }

    /// A file that kills every worker that takes it: after --max-attempts it becomes an error
    /// line, and the other jobs are not held up.
    func testPoisonJobBecomesAnErrorLine() throws {
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<6 { try Data("二〇二六年政府工作报告 \(i)\n各位代表：今年地区生产总值增长5%左右。\n".utf8).write(to: input.appendingPathComponent("ok\(i).txt")) }
        try Data("POISON-PILL 政府工作报告\n".utf8).write(to: input.appendingPathComponent("poison.txt"))
        try startBroker(ep, journal: dir.appendingPathComponent("journal"), ["--max-attempts", "3"])
        try startAggregator(ep, out: out)
        // Workers die on the poison; a supervisor loop (this test) keeps two alive.
        var workers = [try startWorker(ep, ["--crash-on", "POISON-PILL"]), try startWorker(ep, ["--crash-on", "POISON-PILL"])]
        let ids = try push(ep, [input.path])
        XCTAssertEqual(ids.count, 7)
        var crashes = 0
        let deadline = Date().addingTimeInterval(90)
        while outputLines(out).count < 7 && Date() < deadline {
            for (i, w) in workers.enumerated() where !w.isRunning {
                crashes += 1
                workers[i] = try startWorker(ep, ["--crash-on", "POISON-PILL"])
            }
            usleep(100_000)
        }
        let lines = outputLines(out)
        XCTAssertEqual(lines.count, 7)
        XCTAssertEqual(Set(lines.compactMap { $0["job_id"] as? String }), Set(ids))
        let poison = lines.first { ($0["source"] as? [String: Any])?["name"] as? String == "poison.txt" }
        XCTAssertEqual(poison?["status"] as? String, "error")
        let error = poison?["error"] as? [String: Any]
        XCTAssertEqual(error?["code"] as? String, "poison")
        XCTAssertTrue((error?["message"] as? String ?? "").contains("3 attempt"), "\(error ?? [:])")
        XCTAssertEqual(crashes, 3, "each attempt should have killed one worker")
        XCTAssertEqual(lines.filter { $0["status"] as? String == "ok" }.count, 6)
    }

    /// Four clients push at once while workers join and leave: every job exactly once.
    func testConcurrentPushesWhileWorkersComeAndGo() throws {
        let corpus = ClusterTestCase.corpusFiles
        guard corpus.count >= 4 else { throw XCTSkip("no corpus at ../shared/corpus") }
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        try startAggregator(ep, out: out)
        var folders: [URL] = []
        for c in 0..<4 {
            let folder = dir.appendingPathComponent("in\(c)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0..<40 {
                let src = corpus[(c * 40 + i) % corpus.count]
                try FileManager.default.copyItem(at: src, to: folder.appendingPathComponent("p\(c)_\(i).txt"))
            }
            folders.append(folder)
        }
        var worker = try startWorker(ep)
        let outs = (0..<4).map { dir.appendingPathComponent("push\($0).out") }
        let pushers = try (0..<4).map { try reportq(["push", "--broker", ep, "--force", "--in-flight", "4", folders[$0].path], output: outs[$0]) }
        // Workers join and leave while jobs flow: one stays; others come, and are killed.
        for round in 0..<4 {
            usleep(1_500_000)
            let extra = try startWorker(ep)
            usleep(1_500_000)
            if round % 2 == 0 { kill(extra.processIdentifier, SIGKILL) } else { kill(worker.processIdentifier, SIGTERM); worker = extra }
        }
        for p in pushers { XCTAssertEqual(waitExit(p, seconds: 60), 0) }
        let ids = try outs.flatMap { try String(contentsOf: $0, encoding: .utf8).split(separator: "\n").map { String($0.split(separator: "\t")[0]) } }
        XCTAssertEqual(ids.count, 160)
        XCTAssertEqual(Set(ids).count, 160)
        let lines = waitForLines(out, count: 160, seconds: 100)
        usleep(1_000_000)
        let final = outputLines(out)
        XCTAssertEqual(lines.count, 160)
        XCTAssertEqual(final.count, 160)
        XCTAssertEqual(Set(final.compactMap { $0["job_id"] as? String }), Set(ids))
    }
}
