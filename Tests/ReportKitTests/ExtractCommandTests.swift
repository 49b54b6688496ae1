// `reportq extract` as a real child process: one JSON line per file, directories walked,
// bad files as error lines, -o and --text honoured.
import Foundation
import XCTest
import TestSupport

final class ExtractCommandTests: XCTestCase {
    func binary() throws -> URL {
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
        XCTAssertEqual(p.terminationStatus, 1, "two files give error lines")
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

/// Reports as users have them: `reportq extract` on a PDF made from every corpus file gives the
/// .txt file's targets and document; on the same pages scanned, an error that names --ocr, and
/// with --ocr the GDP target and the region.
extension ExtractCommandTests {
    /// `status`: the exit status expected (1 when a file gives an error line).
    private func extract(_ arguments: [String], status: Int32 = 0) throws -> [[String: Any]] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = try binary()
        p.arguments = ["extract", "-o", out.path] + arguments
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, status)
        return try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testEveryCorpusReportAsPDFGivesTheTextFilesTargets() throws {
        let dir = URL(fileURLWithPath: temporaryDirectory(self, prefix: "pdf-corpus"))
        let texts = try DocumentFixtures.corpusFiles()
        let pdfs = texts.map { dir.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".pdf") }
        let failures = FailureCount()
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            do { try DocumentFixtures.textPDF(texts[i], to: pdfs[i]) } catch { failures.add() }
        }
        XCTAssertEqual(failures.count, 0)
        let fromPDF = try extract(["--no-words"] + pdfs.map(\.path))
        let fromText = try extract(["--no-words"] + texts.map(\.path))
        XCTAssertEqual(fromPDF.count, texts.count)
        for (p, t) in zip(fromPDF, fromText) {
            let name = (t["source"] as? [String: Any])?["name"] as? String ?? "?"
            XCTAssertEqual(p["status"] as? String, "ok", "\(name): \(p["error"] ?? "")")
            XCTAssertEqual((p["source"] as? [String: Any])?["format"] as? String, "pdf", name)
            XCTAssertEqual(p["targets"] as? NSArray, t["targets"] as? NSArray, name)
            XCTAssertEqual(p["document"] as? NSDictionary, t["document"] as? NSDictionary, name)
            XCTAssertEqual(p["indicators"] as? NSArray, t["indicators"] as? NSArray, name)
        }
    }

    func testScannedPDFIsAnErrorWithoutOCRAndReadWithIt() throws {
        let dir = URL(fileURLWithPath: temporaryDirectory(self, prefix: "pdf-ocr"))
        // One page: the title block and the paragraph with the plan year's targets.
        let lines = try String(contentsOf: try DocumentFixtures.corpusFile("2026_北京市"), encoding: .utf8).split(separator: "\n")
        let head = lines.prefix { !$0.hasPrefix("各位代表") }
        let targets = try XCTUnwrap(lines.first { $0.contains("地区生产总值增长5%左右") })
        let excerpt = dir.appendingPathComponent("excerpt.txt")
        try (head + ["各位代表：", targets]).joined(separator: "\n").write(to: excerpt, atomically: true, encoding: .utf8)
        let pdf = try DocumentFixtures.textPDF(excerpt, to: dir.appendingPathComponent("bj.pdf"), header: "2026年北京市政府工作报告")
        let scan = try DocumentFixtures.scannedPDF(pdf, pages: [1], dpi: 200, to: dir.appendingPathComponent("bj-scan.pdf"))

        let refused = try XCTUnwrap(try extract([scan.path], status: 1).first)
        XCTAssertEqual((refused["error"] as? [String: Any])?["code"] as? String, "pdf_no_text")

        let read = try XCTUnwrap(try extract(["--ocr", "--no-words", "--timings", scan.path]).first)
        XCTAssertEqual(read["status"] as? String, "ok", "\(read["error"] ?? "")")
        XCTAssertEqual((read["source"] as? [String: Any])?["format"] as? String, "pdf-ocr")
        let stats = try XCTUnwrap(read["stats"] as? [String: Any])
        XCTAssertEqual(stats["ocr_pages"] as? Int, 1)
        XCTAssertGreaterThan(stats["ocr_ms"] as? Double ?? 0, 0)
        XCTAssertEqual((read["document"] as? [String: Any])?["region"] as? String, "北京市")
        let gdp = try XCTUnwrap((read["targets"] as? [[String: Any]])?.first { $0["code"] as? String == "gdp" })
        XCTAssertEqual(gdp["value"] as? Double, 5)
        XCTAssertEqual(gdp["qualifier"] as? String, "左右")
    }
}

private final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
}
