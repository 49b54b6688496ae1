import Foundation
import XCTest

/// Pieces of a durable cluster (broker with journal, workers, aggregator) as real child
/// processes, and readers for the aggregator's output.
extension ClusterTestCase {
    @discardableResult
    func startBroker(_ endpoint: String, journal: URL, _ extra: [String] = [], log: String = "broker") throws -> Process {
        try reportq(["broker", "--bind", endpoint, "--journal", journal.path, "--heartbeat-ms", "500"] + extra,
                    errors: dir.appendingPathComponent("\(log)-\(UUID().uuidString.prefix(4)).log"))
    }

    @discardableResult
    func startWorker(_ endpoint: String, _ extra: [String] = []) throws -> Process {
        try reportq(["worker", "--connect", endpoint, "--concurrency", "1", "--heartbeat-ms", "500"] + extra)
    }

    @discardableResult
    func startAggregator(_ endpoint: String, out: URL, _ extra: [String] = []) throws -> Process {
        try reportq(["aggregator", "--connect", endpoint, "--out", out.path, "--heartbeat-ms", "500"] + extra,
                    errors: dir.appendingPathComponent("aggregator-\(UUID().uuidString.prefix(4)).log"))
    }

    /// `reportq push --force` as a child (each file a job of its own, also copies of one file:
    /// these tests count jobs); returns the job ids it printed.
    func push(_ endpoint: String, _ paths: [String], seconds: Double = 60) throws -> [String] {
        let out = dir.appendingPathComponent("push-\(UUID().uuidString.prefix(6)).out")
        let p = try reportq(["push", "--broker", endpoint, "--force"] + paths, output: out)
        XCTAssertEqual(waitExit(p, seconds: seconds), 0, "reportq push failed")
        return try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }

    /// Complete lines of the output (a torn last line is left out).
    func outputLines(_ out: URL) -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: out.path) else { return [] }
        var records: [[String: Any]] = []
        var start = data.startIndex
        while let nl = data[start...].firstIndex(of: 0x0A) {
            if let obj = try? JSONSerialization.jsonObject(with: data[start..<nl]) as? [String: Any] { records.append(obj) }
            else { records.append(["unparseable": true]) }
            start = nl + 1
        }
        return records
    }

    /// Waits until the output holds `count` lines; returns them.
    func waitForLines(_ out: URL, count: Int, seconds: Double) -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var lines = outputLines(out)
        while lines.count < count && Date() < deadline {
            usleep(200_000)
            lines = outputLines(out)
        }
        return lines
    }

    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { if condition() { return true }; usleep(100_000) }
        return condition()
    }

    static var corpusFiles: [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { root.appendingPathComponent($0) }
    }

    /// The bad files of the chaos test: each must come back as an error line.
    func writeBadFiles(into folder: URL, count: Int) throws -> Set<String> {
        var names = Set<String>()
        for i in 0..<count {
            let name: String
            let data: Data
            switch i % 3 {
            case 0: name = "bad\(i)_empty.txt"; data = Data()
            case 1: name = "bad\(i)_random.bin"; data = Data([0] + (0..<4095).map { _ in UInt8.random(in: 0...255) })
            default: name = "bad\(i)_truncated.docx"; data = Data([0x50, 0x4B, 0x03, 0x04] + (0..<2000).map { _ in UInt8.random(in: 0...255) })
            }
            try data.write(to: folder.appendingPathComponent(name))
            names.insert(name)
        }
        return names
    }

    /// A record without the fields that differ between runs (job id, timing, file name and path).
    static func comparable(_ record: [String: Any]) -> NSDictionary {
        var r = record
        r["job_id"] = nil
        if var source = r["source"] as? [String: Any] { source["name"] = nil; source["path"] = nil; r["source"] = source }
        if var stats = r["stats"] as? [String: Any] { stats["ms"] = nil; r["stats"] = stats }
        return r as NSDictionary
    }
}
