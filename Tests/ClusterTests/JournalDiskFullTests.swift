import Foundation
import TestSupport
import XCTest

/// The broker's journal on a full disk (a 2 MiB tmpfs: a real ENOSPC, which `--journal-max-bytes`
/// cannot give, since it limits only new jobs). Out of space must be a state, not a loop: the
/// broker answers, stops on SIGTERM, logs the condition a few times (not thousands of lines a
/// second), also after a restart on the still-full disk, and once space returns every
/// acknowledged job is written exactly once. Needs root (mount -t tmpfs); skipped elsewhere.
final class JournalDiskFullTests: ClusterTestCase {
    func testFullJournalDiskIsAStateNotALoop() throws {
        guard let mnt = TestSupport.mountTmpfs(self, bytes: 2 << 20, prefix: "rq-journal") else {
            throw XCTSkip("mount -t tmpfs not permitted here (needs root): the journal disk-full test is skipped")
        }
        // Space to give back later, then jobs until the journal is refused, then the last bytes.
        let reserve = URL(fileURLWithPath: mnt).appendingPathComponent("reserve")
        try Data(count: 512 << 10).write(to: reserve)
        let journal = URL(fileURLWithPath: mnt).appendingPathComponent("journal")
        let out = dir.appendingPathComponent("out.jsonl")
        let ep = ipcEndpoint()
        var logs: [URL] = []
        func broker() throws -> Process {
            let log = dir.appendingPathComponent("broker\(logs.count).log")
            logs.append(log)
            return try reportq(["broker", "--bind", ep, "--journal", journal.path, "--heartbeat-ms", "500"], errors: log)
        }
        var b = try broker()
        try startAggregator(ep, out: out)

        // 24 files of 100 KB (bytes no decoder takes: each job's line is a short error record).
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<24 {
            try Data((0..<(100 << 10)).map { _ in UInt8.random(in: 0...255) }).write(to: input.appendingPathComponent("f\(i).bin"))
        }
        let ids = try pushAllowingRefusals(ep, input)
        XCTAssertGreaterThan(ids.count, 5, "some jobs should fit")
        XCTAssertLessThan(ids.count, 24, "the journal should have refused some (journal_full)")
        fillToTheLastByte(URL(fileURLWithPath: mnt).appendingPathComponent("filler"))

        // A worker now: its dispatch and result writes meet the full disk.
        try startWorker(ep)
        sleep(3)
        try assertAnswersAndIdles(b, "on the full disk")

        // SIGTERM stops it within 5 s.
        var started = Date()
        kill(b.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(b, seconds: 5), 0, "SIGTERM on a full disk")
        print("broker stopped \(String(format: "%.2f", Date().timeIntervalSince(started))) s after SIGTERM (full disk)")

        // A restart on the still-full disk does the same.
        b = try broker()
        sleep(3)
        try assertAnswersAndIdles(b, "after a restart on the full disk")

        // Space returns: every acknowledged job is written, once.
        started = Date()
        try FileManager.default.removeItem(at: reserve)
        try FileManager.default.removeItem(at: URL(fileURLWithPath: mnt).appendingPathComponent("filler"))
        let lines = waitForLines(out, count: ids.count, seconds: 60)
        print("\(lines.count) line(s) written \(String(format: "%.1f", Date().timeIntervalSince(started))) s after space returned")
        usleep(1_500_000)
        let final = outputLines(out)
        let written = final.compactMap { $0["job_id"] as? String }
        XCTAssertEqual(written.count, ids.count, "one line per acknowledged job")
        XCTAssertEqual(Set(written), Set(ids))
        XCTAssertEqual(Set(written).count, written.count, "a job written twice")

        kill(b.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(b, seconds: 5), 0)
        let total = logs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let text = logs.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined()
        print("broker logs: \(total) bytes:\n" + text)
        XCTAssertLessThan(total, 1 << 20, "broker logs over 1 MB")
        XCTAssertTrue(text.contains("the journal refuses writes"), text.suffix(2_000).description)
        XCTAssertTrue(text.contains("the journal takes writes again"), text.suffix(2_000).description)
    }

    /// status within 2 s, and the broker mostly idle (not spinning on a write it cannot make).
    func assertAnswersAndIdles(_ broker: Process, _ when: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(broker.isRunning, "broker died \(when)", file: file, line: line)
        let c = try client(ipcEndpoint(), timeoutMs: 2_000)
        let asked = Date()
        let reply = try? c.request(service: "reportq.status", body: [])
        let answeredMs = Int(Date().timeIntervalSince(asked) * 1000)
        XCTAssertNotNil(reply, "no status within 2 s \(when)", file: file, line: line)
        let cpu = ProcessProbe.cpuShare(broker.processIdentifier, over: 2) ?? 1
        print("status answered in \(answeredMs) ms, broker CPU \(Int(cpu * 100)) % \(when)")
        XCTAssertLessThan(cpu, 0.25, "the broker spins \(when)", file: file, line: line)
    }

    /// `reportq push --force` of a folder; the ids of the jobs stored (some may be refused).
    func pushAllowingRefusals(_ endpoint: String, _ folder: URL) throws -> [String] {
        let out = dir.appendingPathComponent("push.out")
        let p = try reportq(["push", "--broker", endpoint, "--force", folder.path], output: out,
                            errors: dir.appendingPathComponent("push.err"))
        XCTAssertNotNil(waitExit(p, seconds: 60))
        return try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }

    /// Writes `path` until the file system has no byte left.
    func fillToTheLastByte(_ path: URL) {
        FileManager.default.createFile(atPath: path.path, contents: nil)
        guard let h = try? FileHandle(forWritingTo: path) else { return }
        while (try? h.write(contentsOf: Data(count: 4096))) != nil {}
        while (try? h.write(contentsOf: Data(count: 1))) != nil {}
        try? h.close()
    }
}
