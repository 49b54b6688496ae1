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
        // Exit 1: some file has an error line (docs/BATCHES.md).
        XCTAssertEqual(waitExit(try reportq(["extract", root.path, "-o", out.path, "--no-words"]), seconds: 60), 1)
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

    /// A GBK file name (common on Chinese systems) could not be pushed at all: Swift repaired its
    /// bytes and the repaired path named no file. Now it is read, processed and named in its
    /// record: `source.name` as text (decoded as GB18030), `source.name_base64` its exact bytes.
    func testNamesThatAreNotUTF8ArePushedAndNamedInTheirRecords() throws {
        let folder = dir.appendingPathComponent("gbk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let gbk: [UInt8] = Array("2026".utf8) + [0xB1, 0xB1, 0xBE, 0xA9, 0xCA, 0xD0] + Array(".txt".utf8)   // 2026北京市.txt in GBK
        let undecodable: [UInt8] = Array("x".utf8) + [0xFF, 0xFE] + Array(".txt".utf8)                      // neither UTF-8 nor GB18030
        let report = try String(contentsOf: try XCTUnwrap(ClusterTestCase.corpusFiles.first), encoding: .utf8)
        for name in [gbk, undecodable] {
            let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            XCTAssertGreaterThanOrEqual(fd, 0)
            _ = report.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        let expected: [String: (String, [UInt8])] = [
            Data(gbk).base64EncodedString(): ("2026北京市.txt", gbk), Data(undecodable).base64EncodedString(): ("x\u{FFFD}\u{FFFD}.txt", undecodable),
        ]
        func check(_ lines: [[String: Any]], _ what: String) {
            XCTAssertEqual(lines.count, 2, what)
            for line in lines {
                let source = line["source"] as? [String: Any] ?? [:]
                XCTAssertEqual(line["status"] as? String, "ok", "\(what): \(line)")
                let base64 = source["name_base64"] as? String ?? ""
                XCTAssertEqual(source["name"] as? String, expected[base64]?.0, "\(what): \(source)")
                XCTAssertEqual(Data(base64Encoded: base64).map(Array.init), expected[base64]?.1, "\(what): \(source)")
            }
        }

        let out = dir.appendingPathComponent("extract.jsonl")
        XCTAssertEqual(waitExit(try reportq(["extract", folder.path, "-o", out.path, "--no-words"]), seconds: 60), 0)
        check(try records(out), "extract")
        // Named on the command line (the shell puts the raw bytes in argv; Foundation's Process cannot).
        let octal = gbk.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\" + String($0, radix: 8) }.joined()
        let byArgument = dir.appendingPathComponent("argv.jsonl")
        let shell = try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", "exec \"$0\" extract \"$(printf '\(folder.path)/\(octal)')\" -o \(byArgument.path) --no-words",
                                                                ClusterTestCase.binary.path])
        XCTAssertEqual(waitExit(shell, seconds: 60), 0)
        let named = try records(byArgument)
        XCTAssertEqual(named.count, 1)
        XCTAssertEqual(named.first?["status"] as? String, "ok", "\(named)")
        XCTAssertEqual((named.first?["source"] as? [String: Any])?["name_base64"] as? String, Data(gbk).base64EncodedString())

        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        try startWorker(endpoint)
        let results = dir.appendingPathComponent("results.jsonl")
        try startAggregator(endpoint, out: results)
        XCTAssertEqual(try push(endpoint, [folder.path]).count, 2)
        check(waitForLines(results, count: 2, seconds: 60), "push")
        // A UTF-8 name has no name_base64.
        let plain = dir.appendingPathComponent("北京.txt")
        try Data(report.utf8).write(to: plain)
        XCTAssertEqual(try push(endpoint, [plain.path]).count, 1)
        let third = waitForLines(results, count: 3, seconds: 60).last?["source"] as? [String: Any]
        XCTAssertEqual(third?["name"] as? String, "北京.txt")
        XCTAssertNil(third?["name_base64"])
    }
}
