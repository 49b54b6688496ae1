import Foundation
import XCTest

/// Batches as a user runs them (issue 15, part A), with real processes: provenance in every line,
/// failures named in a summary and the exit status, `run` resuming without duplicates, `push`
/// skipping content the broker holds, progress and logs on stderr.
final class BatchTests: ClusterTestCase {
    /// Runs a reportq command to its end: exit status, stdout, stderr.
    func command(_ args: [String], seconds: Double = 120) throws -> (Int32?, String, String) {
        let tag = UUID().uuidString.prefix(6)
        let out = dir.appendingPathComponent("cmd-\(tag).out"), err = dir.appendingPathComponent("cmd-\(tag).err")
        let p = try reportq(args, output: out, errors: err)
        let code = waitExit(p, seconds: seconds)
        return (code, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A report text of its own for each `i` (distinct content, so distinct jobs), `lines` long.
    func report(_ i: Int, lines: Int = 20) -> Data {
        Data(("二〇二六年政府工作报告 \(i)\n——2026年1月\(i % 28 + 1)日在第十六届人民代表大会第四次会议上\n各位代表：\n"
              + String(repeating: "今年地区生产总值增长5%左右，城镇新增就业\(i)万人以上。\n", count: lines)).utf8)
    }

    /// `in/` under the test directory: two reports with the same file name in two year folders,
    /// this repository's README.md (not a report) and random bytes (not text).
    func makeFolder() throws -> URL {
        let input = dir.appendingPathComponent("in")
        for year in ["2023", "2024"] {
            try FileManager.default.createDirectory(at: input.appendingPathComponent(year), withIntermediateDirectories: true)
            try report(Int(year)!).write(to: input.appendingPathComponent(year).appendingPathComponent("beijing.txt"))
        }
        try Data(contentsOf: BatchTests.repositoryRoot.appendingPathComponent("README.md")).write(to: input.appendingPathComponent("README.md"))
        try Data([0] + (0..<2047).map { _ in UInt8.random(in: 0...255) }).write(to: input.appendingPathComponent("bad.bin"))
        return input
    }

    /// The issue's "done when": `run` over a folder with a bad file exits non-zero and names it; a
    /// second `run` writes nothing new (and still names it); records carry source.path and
    /// producer.version and no timings; --force starts over.
    func testRunNamesFailedFilesAndASecondRunWritesNothingNew() throws {
        _ = try makeFolder()
        let out = dir.appendingPathComponent("out.jsonl")
        let (code, _, err) = try command(["run", "in", "-o", "out.jsonl", "--workers", "2"])
        XCTAssertEqual(code, 1, err)
        XCTAssertTrue(err.contains("4 files → out.jsonl: 2 ok, 2 failed"), err)
        XCTAssertTrue(err.range(of: #"failed  binary +in/bad\.bin"#, options: .regularExpression) != nil, err)
        XCTAssertTrue(err.range(of: #"failed  not_a_report +in/README\.md"#, options: .regularExpression) != nil, err)
        let lines = outputLines(out)
        XCTAssertEqual(lines.count, 4)
        let sources = lines.compactMap { $0["source"] as? [String: Any] }
        XCTAssertEqual(Set(sources.compactMap { $0["path"] as? String }), ["in/2023/beijing.txt", "in/2024/beijing.txt", "in/README.md", "in/bad.bin"])
        XCTAssertEqual(sources.filter { $0["name"] as? String == "beijing.txt" }.count, 2)
        XCTAssertTrue(sources.allSatisfy { ($0["sha256"] as? String)?.count == 64 }, "\(sources)")
        let producers = Set(lines.compactMap { ($0["producer"] as? [String: Any])?["version"] as? String })
        XCTAssertEqual(producers.count, 1)
        let (versionCode, versionOut, _) = try command(["--version"])
        XCTAssertEqual(versionCode, 0)
        XCTAssertEqual(versionOut.trimmingCharacters(in: .whitespacesAndNewlines), "reportq " + producers.first!)
        XCTAssertTrue(lines.allSatisfy { ($0["stats"] as? [String: Any])?["ms"] == nil }, "timings only with --timings")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path + ".journal"), "a finished run leaves no journal")

        let before = try Data(contentsOf: out)
        let (again, _, againErr) = try command(["run", "in", "-o", "out.jsonl", "--workers", "2"])
        XCTAssertEqual(again, 1, againErr)
        XCTAssertEqual(try Data(contentsOf: out), before, "a second run writes nothing new")
        XCTAssertTrue(againErr.contains("2 already in out.jsonl"), againErr)
        XCTAssertTrue(againErr.range(of: #"failed  binary +in/bad\.bin"#, options: .regularExpression) != nil, againErr)

        let (forced, _, forcedErr) = try command(["run", "in", "-o", "out.jsonl", "--workers", "2", "--force", "--timings"])
        XCTAssertEqual(forced, 1, forcedErr)
        let redone = outputLines(out)
        XCTAssertEqual(redone.count, 4, "--force starts the output over")
        XCTAssertTrue(Set(redone.compactMap { $0["job_id"] as? String }).isDisjoint(with: lines.compactMap { $0["job_id"] as? String }))
        XCTAssertNotNil(redone.first { $0["status"] as? String == "ok" }.flatMap { ($0["stats"] as? [String: Any])?["ms"] as? Double })
    }

    /// A slim record (--profile panel) does not stand for the full one: a full run over the same output
    /// processes those files again; a second panel run writes nothing new. Error lines stand for their
    /// file whatever the profile.
    func testAPanelProfileLineDoesNotStandForAFullRecord() throws {
        _ = try makeFolder()
        let out = dir.appendingPathComponent("out.jsonl")
        let (code, _, err) = try command(["run", "in", "-o", "out.jsonl", "--workers", "1", "--profile", "panel"])
        XCTAssertEqual(code, 1, err)
        XCTAssertEqual(outputLines(out).filter { $0["profile"] as? String == "panel" }.count, 2)
        let (full, _, fullErr) = try command(["run", "in", "-o", "out.jsonl", "--workers", "1"])
        XCTAssertEqual(full, 1, fullErr)
        let lines = outputLines(out)
        XCTAssertEqual(lines.count, 6)
        XCTAssertEqual(lines.filter { $0["status"] as? String == "error" }.count, 2, "the error lines stand for their files")
        XCTAssertEqual(lines.filter { $0["status"] as? String == "ok" && $0["profile"] == nil && $0["sentences"] != nil }.count, 2)
        let before = try Data(contentsOf: out)
        let (again, _, againErr) = try command(["run", "in", "-o", "out.jsonl", "--workers", "1", "--profile", "panel"])
        XCTAssertEqual(again, 1, againErr)
        XCTAssertEqual(try Data(contentsOf: out), before, "the panel lines are there: nothing new")
    }

    /// An output (and its journal) inside the folder being run is not an input of that run, nor of
    /// the next one.
    func testOutputInsideTheFolderIsNotAnInput() throws {
        let input = dir.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<3 { try report(i).write(to: input.appendingPathComponent("r\(i).txt")) }
        for _ in 0..<2 {
            let (code, _, err) = try command(["run", "reports", "-o", "reports/out.jsonl", "--workers", "1"])
            XCTAssertEqual(code, 0, err)
            XCTAssertEqual(outputLines(input.appendingPathComponent("out.jsonl")).count, 3, err)
        }
    }

    /// Interrupted (SIGINT, as Ctrl-C) partway, `run` keeps its journal and says how to go on; the
    /// same command then writes exactly the missing lines: every file once, no duplicates.
    func testInterruptedRunContinuesWithoutDuplicates() throws {
        let input = dir.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        // Jobs long enough that the run is still busy when it is interrupted after its first lines.
        let n = 120
        for i in 0..<n { try report(i, lines: 400).write(to: input.appendingPathComponent(String(format: "r%03d.txt", i))) }
        let out = dir.appendingPathComponent("out.jsonl")
        let err = dir.appendingPathComponent("first.err")
        let first = try reportq(["run", "many", "-o", "out.jsonl", "--workers", "1"], errors: err)
        XCTAssertTrue(waitUntil(seconds: 120) { self.outputLines(out).count >= 2 }, "no line written")
        kill(first.processIdentifier, SIGINT)
        XCTAssertEqual(waitExit(first, seconds: 30), 130)
        let firstErr = try String(contentsOf: err, encoding: .utf8)
        XCTAssertTrue(firstErr.contains("interrupted"), firstErr)
        XCTAssertFalse(firstErr.contains("CancellationError"), firstErr)
        let written = outputLines(out).count
        XCTAssertLessThan(written, n, "interrupted before the end")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path + ".journal"), "the journal is kept for the rerun")

        let (code, _, rerunErr) = try command(["run", "many", "-o", "out.jsonl", "--workers", "2"], seconds: 300)
        XCTAssertEqual(code, 0, rerunErr)
        XCTAssertTrue(rerunErr.contains("continuing from"), rerunErr)
        let lines = outputLines(out)
        XCTAssertEqual(lines.count, n, "one line per file, no duplicates")
        XCTAssertEqual(Set(lines.compactMap { ($0["source"] as? [String: Any])?["path"] as? String }).count, n)
        XCTAssertEqual(Set(lines.compactMap { $0["job_id"] as? String }).count, n)
        XCTAssertTrue(lines.allSatisfy { $0["status"] as? String == "ok" })
    }

    /// `push --wait` names the failed files with their codes and exits 1; `status` counts them as
    /// failed; pushing the same files again stores nothing and says so; `--force` stores again.
    func testPushSkipsKnownContentAndWaitNamesFailures() throws {
        _ = try makeFolder()
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        try startBroker(ep, journal: dir.appendingPathComponent("journal"))
        try startWorker(ep)
        try startAggregator(ep, out: out)
        let (code, stdout, err) = try command(["push", "--broker", ep, "--wait", "in"])
        XCTAssertEqual(code, 1, err)
        XCTAssertEqual(stdout.split(separator: "\n").count, 4)
        XCTAssertTrue(err.range(of: #"failed  binary +in/bad\.bin"#, options: .regularExpression) != nil, err)
        XCTAssertTrue(err.range(of: #"failed  not_a_report +in/README\.md"#, options: .regularExpression) != nil, err)
        XCTAssertEqual(outputLines(out).count, 4)

        let (statusCode, status, _) = try command(["status", "--broker", ep, "--json"])
        XCTAssertEqual(statusCode, 0)
        let s = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        XCTAssertEqual(s["failed"] as? Int, 2, status)
        XCTAssertEqual(s["error_lines"] as? Int, 2, status)
        XCTAssertEqual(s["done"] as? Int, 4, status)

        let (againCode, againOut, againErr) = try command(["push", "--broker", ep, "in"])
        XCTAssertEqual(againCode, 0, againErr)
        XCTAssertTrue(againErr.contains("4 file(s) skipped: the broker already holds their content (4 done)"), againErr)
        XCTAssertEqual(Set(againOut.split(separator: "\n").map { $0.split(separator: "\t")[0] }),
                       Set(stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }), "the same jobs")
        let (forcedCode, _, forcedErr) = try command(["push", "--broker", ep, "--force", "--wait", "in/2023"])
        XCTAssertEqual(forcedCode, 0, forcedErr)
        XCTAssertEqual(outputLines(out).count, 5)
        let (plain, plainStatus, _) = try command(["status", "--broker", ep])
        XCTAssertEqual(plain, 0)
        XCTAssertTrue(plainStatus.contains("failed        2"), plainStatus)
    }

    /// Ctrl-C while `push --wait` waits: exit 130 and a sentence, not "Error: CancellationError()".
    func testInterruptedWaitSaysWhatHappened() throws {
        let ep = ipcEndpoint()
        try startBroker(ep, journal: dir.appendingPathComponent("journal"))      // no worker: the job waits
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("one"), withIntermediateDirectories: true)
        try report(1).write(to: dir.appendingPathComponent("one/a.txt"))
        let out = dir.appendingPathComponent("wait.out"), err = dir.appendingPathComponent("wait.err")
        let push = try reportq(["push", "--broker", ep, "--wait", "one"], output: out, errors: err)
        XCTAssertTrue(waitUntil(seconds: 30) { ((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("\t") }, "never pushed")
        usleep(300_000)
        kill(push.processIdentifier, SIGINT)
        XCTAssertEqual(waitExit(push, seconds: 10), 130)
        let text = try String(contentsOf: err, encoding: .utf8)
        XCTAssertFalse(text.contains("CancellationError"), text)
        XCTAssertTrue(text.contains("interrupted while waiting"), text)
    }

    /// Progress without a terminal: JSON lines on stderr, the last one complete. Logs: timestamps
    /// and levels, JSON lines with --log-format json, one line per job from the worker.
    func testProgressLinesAndJSONLogs() throws {
        _ = try makeFolder()
        let (_, _, err) = try command(["run", "in/2023", "in/2024", "-o", "p.jsonl", "--workers", "1"])
        let progress = err.split(separator: "\n").filter { $0.hasPrefix(#"{"progress":"run""#) }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertFalse(progress.isEmpty, err)
        XCTAssertEqual(progress.last?["done"] as? Int, 2)
        XCTAssertEqual(progress.last?["total"] as? Int, 2)
        XCTAssertNotNil(progress.last?["rate"] as? Double)
        XCTAssertEqual(progress.last?["eta_s"] as? Int, 0)

        let ep = ipcEndpoint()
        let workerLog = dir.appendingPathComponent("worker.log"), brokerLog = dir.appendingPathComponent("broker.log")
        try reportq(["broker", "--bind", ep, "--journal", dir.appendingPathComponent("journal").path], errors: brokerLog)
        try reportq(["worker", "--connect", ep, "--concurrency", "1", "--log-format", "json"], errors: workerLog)
        try startAggregator(ep, out: dir.appendingPathComponent("out.jsonl"))
        let (code, _, pushErr) = try command(["push", "--broker", ep, "--wait", "in/2023"])
        XCTAssertEqual(code, 0, pushErr)
        let jobLines = ((try? String(contentsOf: workerLog, encoding: .utf8)) ?? "").split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["message"] as? String == "job done" }
        XCTAssertEqual(jobLines.count, 1, "\(jobLines)")
        XCTAssertEqual(jobLines.first?["path"] as? String, "in/2023/beijing.txt")
        XCTAssertEqual(jobLines.first?["status"] as? String, "ok")
        XCTAssertEqual(jobLines.first?["level"] as? String, "info")
        XCTAssertNotNil((jobLines.first?["ts"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression))
        let broker = try String(contentsOf: brokerLog, encoding: .utf8)
        XCTAssertNotNil(broker.range(of: #"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info broker: listening on "#, options: .regularExpression), broker)
    }
}
