import Foundation
import XCTest

/// `reportq run` end to end: it starts its own broker and worker processes.
final class RunCommandTests: ClusterTestCase {
    func makeTree() throws -> (URL, Set<String>) {
        let root = dir.appendingPathComponent("in")
        var names = Set<String>()
        for i in 0..<12 {
            let sub = root.appendingPathComponent(i % 3 == 0 ? "" : "d\(i % 3)/e")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let name = "f\(i).txt"
            try Data(String(repeating: "二〇二六年政府工作报告 \(i)\n", count: 50 * (i + 1)).utf8).write(to: sub.appendingPathComponent(name))
            names.insert(name)
        }
        try Data("hidden".utf8).write(to: root.appendingPathComponent(".hidden"))
        return (root, names)
    }

    func lines(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// `extract` walks a tree as `push` and `run` do: hidden entries skipped, a link to a file
    /// followed, a link back up the tree not (no cycle: an error line says so); names are the last
    /// path component.
    func testExtractWalksTreesLikePush() throws {
        var (root, names) = try makeTree()
        let chinese = "二〇二六年 政府工作报告.txt"
        try Data("二〇二六年政府工作报告\n各位代表：\n".utf8).write(to: root.appendingPathComponent("d1").appendingPathComponent(chinese))
        names.insert(chinese)
        XCTAssertEqual(symlink(root.appendingPathComponent("f0.txt").path, root.appendingPathComponent("link.txt").path), 0)
        names.insert("link.txt")
        XCTAssertEqual(symlink(root.path, root.appendingPathComponent("d2").appendingPathComponent("loop").path), 0)
        let out = dir.appendingPathComponent("extract.jsonl")
        let p = try reportq(["extract", root.path + "/", "-o", out.path, "--no-words"])
        XCTAssertEqual(waitExit(p, seconds: 60), 1, "the loop's error line makes the exit status 1")
        let records = try lines(out)
        XCTAssertEqual(records.count, names.count + 1)
        XCTAssertEqual(Set(records.compactMap { ($0["source"] as? [String: Any])?["name"] as? String }), names.union(["loop"]))
        let errors = records.filter { $0["status"] as? String != "ok" }
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertEqual((errors.first?["source"] as? [String: Any])?["name"] as? String, "loop")
        XCTAssertTrue(((errors.first?["error"] as? [String: Any])?["message"] as? String ?? "").contains("symbolic link loop"), "\(errors)")
    }

    /// `extract` takes glob patterns like `push`; a path or pattern that names nothing becomes an
    /// error line in its place (where `push` refuses the whole list before queueing anything).
    func testExtractTakesGlobsAndTurnsMissingPathsIntoErrorLines() throws {
        let (root, _) = try makeTree()
        let out = dir.appendingPathComponent("extract.jsonl")
        let missing = root.appendingPathComponent("absent.txt").path
        let err = dir.appendingPathComponent("extract.err")
        let p = try reportq(["extract", root.path + "/f*.txt", missing, root.path + "/none-*.txt", "-o", out.path, "--no-words"], errors: err)
        XCTAssertEqual(waitExit(p, seconds: 60), 1, "an error line makes the exit status 1")
        let summary = try String(contentsOf: err, encoding: .utf8)
        XCTAssertTrue(summary.contains("6 files → \(out.path): 4 ok, 2 failed"), summary)
        XCTAssertTrue(summary.contains("failed  unreadable  \(missing)"), summary)
        let records = try lines(out)
        let names = records.map { ($0["source"] as? [String: Any])?["name"] as? String ?? $0["name"] as? String ?? "?" }
        XCTAssertEqual(names, ["f0.txt", "f3.txt", "f6.txt", "f9.txt", "absent.txt", "none-*.txt"])
        XCTAssertEqual(records.map { $0["status"] as? String }, ["ok", "ok", "ok", "ok", "error", "error"])
        let push = try reportq(["push", "--broker", ipcEndpoint(), root.path + "/none-*.txt"])
        XCTAssertEqual(waitExit(push, seconds: 30), 64, "push refuses a pattern that matches nothing")
    }

    func testRunEchoesEveryFileOnceThroughTheCluster() throws {
        let (root, names) = try makeTree()
        let out = dir.appendingPathComponent("out.jsonl")
        let p = try reportq(["run", root.path, "-o", out.path, "--workers", "2", "--echo"])
        XCTAssertEqual(waitExit(p, seconds: 60), 0)
        let records = try lines(out)
        XCTAssertEqual(records.count, names.count)
        XCTAssertEqual(Set(records.compactMap { $0["name"] as? String }), names)
        XCTAssertEqual(Set(records.compactMap { $0["job_id"] as? String }).count, names.count)
        for r in records {
            let name = r["name"] as! String
            let i = Int(name.dropFirst().prefix { $0.isNumber })!
            XCTAssertEqual(r["bytes"] as? Int, String(repeating: "二〇二六年政府工作报告 \(i)\n", count: 50 * (i + 1)).utf8.count)
        }
    }

    func testRunWritesOneRecordPerFileFromTheIngestService() throws {
        let (root, names) = try makeTree()
        let out = dir.appendingPathComponent("out.jsonl")
        let p = try reportq(["run", root.path, "--out", out.path, "--workers", "2"])
        XCTAssertEqual(waitExit(p, seconds: 120), 0)
        let records = try lines(out)
        XCTAssertEqual(records.count, names.count)
        let sourceNames = records.compactMap { ($0["source"] as? [String: Any])?["name"] as? String }
        XCTAssertEqual(Set(sourceNames), names)
        for r in records { XCTAssertNotNil(r["status"] as? String) }
    }

    func testRunRejectsMissingPath() throws {
        let p = try reportq(["run", dir.appendingPathComponent("nope").path, "-o", dir.appendingPathComponent("o").path])
        XCTAssertNotEqual(waitExit(p, seconds: 20), 0)
    }
}
