// `reportq extract` as a real child process: one JSON line per file, directories walked,
// bad files as error lines, -o and --text honoured.
import Foundation
import XCTest

final class ExtractCommandTests: XCTestCase {
    private func binary() throws -> URL {
        // The test bundle lives in the build directory next to the reportq executable.
        var dir = Bundle(for: Self.self).bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("reportq")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw XCTSkip("reportq binary not built next to the tests")
    }

    func testExtractWritesOneLinePerFile() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID().uuidString)")
        let inDir = tmp.appendingPathComponent("in/sub")
        try FileManager.default.createDirectory(at: inDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = try CorpusFiles.all()
        try Data(corpus[0].1).write(to: inDir.appendingPathComponent("a.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0]).write(to: inDir.appendingPathComponent("b.png"))
        try Data().write(to: tmp.appendingPathComponent("in/empty.txt"))
        let out = tmp.appendingPathComponent("out.jsonl")

        let p = Process()
        p.executableURL = try binary()
        p.arguments = ["extract", tmp.appendingPathComponent("in").path, "-o", out.path, "--text"]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        let records = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let byName = Dictionary(uniqueKeysWithValues: records.map { (($0["source"] as? [String: Any])?["name"] as? String ?? "", $0) })
        XCTAssertEqual(byName["a.txt"]?["status"] as? String, "ok")
        XCTAssertNotNil(byName["a.txt"]?["text"] as? String)
        XCTAssertEqual((byName["b.png"]?["error"] as? [String: Any])?["code"] as? String, "binary")
        XCTAssertEqual((byName["empty.txt"]?["error"] as? [String: Any])?["code"] as? String, "empty")
    }
}
