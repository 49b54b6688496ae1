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

    /// `push` prints `ID<TAB>PATH`: a newline or tab in a name used to break that in two.
    /// Now PATH is one line, nothing lost: `\\`, `\t`, `\n`, `\r`, `\xNN`.
    func testPushPrintsEveryPathOnOneLineWithEscapes() throws {
        let folder = dir.appendingPathComponent("names")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names: [[UInt8]] = [
            Array("two\nlines.txt".utf8), Array("a\ttab.txt".utf8), Array("back\\slash.txt".utf8),
            Array("bell\u{07}.txt".utf8), Array("北京.txt".utf8), [0x67, 0x62, 0xB1, 0xB1, 0xBE, 0xA9] + Array(".txt".utf8),   // GBK 北京
        ]
        for name in names {
            let path = folder.path.utf8 + [UInt8(ascii: "/")] + name + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            XCTAssertGreaterThanOrEqual(fd, 0)
            _ = "二〇二六年政府工作报告\n".withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        let out = dir.appendingPathComponent("push.out")
        XCTAssertEqual(waitExit(try reportq(["push", "--broker", endpoint, folder.path], output: out), seconds: 60), 0)
        let lines = text(out).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, names.count, text(out))
        var printed = Set<[UInt8]>()
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, 2, String(line))
            XCTAssertEqual(fields.first?.count, 32, String(line))
            printed.insert(Self.unescape(String(fields.last ?? "")))
        }
        XCTAssertEqual(printed, Set(names.map { Array(folder.path.utf8) + [UInt8(ascii: "/")] + $0 }))
        XCTAssertTrue(text(out).contains("names/two\\nlines.txt"), text(out))
        XCTAssertTrue(text(out).contains("names/gb\\xb1\\xb1\\xbe\\xa9.txt"), text(out))
        XCTAssertTrue(text(out).contains("names/bell\\x07.txt"), text(out))
    }

    /// The bytes a push output path stands for.
    static func unescape(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            guard b == UInt8(ascii: "\\"), let e = bytes.popFirst() else { out.append(b); continue }
            switch e {
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "x"): out.append(UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)!); bytes = bytes.dropFirst(2)
            default: out.append(e)
            }
        }
        return out
    }
}
