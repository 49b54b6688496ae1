import Foundation
import XCTest

/// The edges of what `push`, `run` and `extract` are given (issue 15): entries of a folder that
/// cannot be read, names with control characters, names that are not UTF-8.
final class PathEdgeTests: ClusterTestCase {
    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    private func records(_ url: URL) throws -> [[String: Any]] {
        try text(url).split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// A folder with one report and four entries that are no file to read.
    private func treeWithBadEntries() throws -> (root: URL, bad: [String: String]) {
        let root = dir.appendingPathComponent("in")
        let sub = root.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("二〇二六年政府工作报告\n各位代表：\n".utf8).write(to: root.appendingPathComponent("report.txt"))
        XCTAssertEqual(symlink("self", root.appendingPathComponent("self").path), 0)              // a link to itself
        XCTAssertEqual(symlink("..", sub.appendingPathComponent("up").path), 0)                   // back up the tree
        XCTAssertEqual(symlink("nowhere.txt", root.appendingPathComponent("broken").path), 0)     // to nothing
        XCTAssertEqual(mkfifo(root.appendingPathComponent("fifo").path, 0o644), 0)                // no file at all
        return (root, ["self": "symbolic link loop", "up": "symbolic link loop", "broken": "broken symbolic link", "fifo": "not a regular file"])
    }

    /// They used to be skipped without a word: now each gets a line — an error record from
    /// `extract`, a refusal from `push` and `run` (which then exit 1).
    func testEntriesOfAFolderThatCannotBeReadGetALineEach() throws {
        let (root, bad) = try treeWithBadEntries()

        let out = dir.appendingPathComponent("extract.jsonl")
        XCTAssertEqual(waitExit(try reportq(["extract", root.path, "-o", out.path, "--no-words"]), seconds: 60), 0)
        let lines = try records(out)
        XCTAssertEqual(lines.count, 1 + bad.count)
        for (name, why) in bad {
            let line = lines.first { ($0["source"] as? [String: Any])?["name"] as? String == name }
            XCTAssertEqual(line?["status"] as? String, "error", name)
            let error = line?["error"] as? [String: Any]
            XCTAssertEqual(error?["code"] as? String, "unreadable", name)
            XCTAssertTrue((error?["message"] as? String ?? "").contains(why), "\(name): \(String(describing: error))")
        }

        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        let ids = dir.appendingPathComponent("push.out"), pushErrors = dir.appendingPathComponent("push.err")
        XCTAssertEqual(waitExit(try reportq(["push", "--broker", endpoint, root.path], output: ids, errors: pushErrors), seconds: 60), 1)
        XCTAssertEqual(text(ids).split(separator: "\n").count, 1, text(ids))
        let runOut = dir.appendingPathComponent("run.jsonl"), runErrors = dir.appendingPathComponent("run.err")
        XCTAssertEqual(waitExit(try reportq(["run", root.path, "-o", runOut.path, "--workers", "1", "--echo"], errors: runErrors), seconds: 60), 1)
        XCTAssertEqual(try records(runOut).count, 1)
        for (log, command) in [(pushErrors, "push"), (runErrors, "run")] {
            for (name, why) in bad {
                let said = text(log).split(separator: "\n").filter { $0.contains("/\(name): refused (unreadable)") }
                XCTAssertEqual(said.count, 1, "\(command) \(name): \(text(log))")
                XCTAssertTrue(said.first?.contains(why) ?? false, "\(command) \(name): \(text(log))")
            }
        }
    }
}
