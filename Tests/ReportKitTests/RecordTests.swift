import Foundation
import JobContract
import ReportText
import TestSupport
import XCTest
@testable import ReportKit

enum CorpusFiles {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/corpus").standardized
    static func all() throws -> [(String, [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".txt") }.sorted() ?? []
        if names.isEmpty { throw XCTSkip("no corpus at \(dir.path)") }
        return try names.map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }
}

func parseRecord(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let obj = try JSONSerialization.jsonObject(with: Data(bytes))
    return try XCTUnwrap(obj as? [String: Any], file: file, line: line)
}

final class RecordTests: XCTestCase {
    func testOKRecordFollowsTheContract() throws {
        for (name, bytes) in try CorpusFiles.all() {
            var opts = PipelineOptions(); opts.includeText = true
            let r = try parseRecord(ReportPipeline.record(jobID: "j-\(name)", fileName: name, bytes: bytes, options: opts))
            XCTAssertEqual(r["job_id"] as? String, "j-\(name)")
            XCTAssertEqual(r["status"] as? String, "ok", name)
            let src = try XCTUnwrap(r["source"] as? [String: Any])
            XCTAssertEqual(src["name"] as? String, name)
            XCTAssertEqual(src["bytes"] as? Int, bytes.count)
            XCTAssertEqual((src["sha256"] as? String)?.count, 64)
            XCTAssertEqual(src["encoding"] as? String, "utf-8")
            XCTAssertNotNil(src["script"] as? String)
            for key in ["targets", "indicators", "sections", "sentences", "quantities", "keywords"] {
                XCTAssertNotNil(r[key] as? [Any], "\(key) in \(name)")
            }
            let document = try XCTUnwrap(r["document"] as? [String: Any])
            // One reading of the head: title_block shows the lines the document's fields came from.
            let titleBlock = try XCTUnwrap(r["title_block"] as? [String: Any])
            XCTAssertEqual(titleBlock["title"] as? String, document["title"] as? String, name)
            if let speaker = document["speaker"] as? [String: Any], let speakerName = speaker["name"] as? String {
                let line = try XCTUnwrap(titleBlock["speaker_line"] as? String, name)
                XCTAssertTrue(line.filter { $0 != " " }.contains(speakerName), "\(name): \(line)")
            }
            if let date = document["meeting_date"] as? String, let year = Int(date.prefix(4)) {
                let line = try XCTUnwrap(titleBlock["date_line"] as? String, name)
                XCTAssertTrue(line.contains(String(year)) || line.contains("二〇"), "\(name): \(line)")
            }
            let text = try XCTUnwrap(r["text"] as? String)
            let scalars = Array(text.unicodeScalars)
            let sentences = try XCTUnwrap(r["sentences"] as? [[String: Any]])
            for s in sentences {
                let a = try XCTUnwrap(s["start"] as? Int), b = try XCTUnwrap(s["end"] as? Int)
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[a..<b])), s["text"] as? String)
            }
            let stats = try XCTUnwrap(r["stats"] as? [String: Any])
            XCTAssertEqual(stats["sentences"] as? Int, sentences.count)
            XCTAssertEqual(stats["chars"] as? Int, scalars.count)
            XCTAssertNil(stats["ms"], "timings only on request")
        }
    }

    /// Provenance: the path as named beside the name, the producer, the content hash; the same
    /// bytes for the same input (no timings unless asked for).
    func testProvenanceAndSameBytesForTheSameInput() throws {
        let (name, bytes) = try XCTUnwrap(try CorpusFiles.all().first)
        let first = ReportPipeline.record(jobID: "j", fileName: name, path: "corpus/2026/" + name, bytes: bytes)
        XCTAssertEqual(ReportPipeline.record(jobID: "j", fileName: name, path: "corpus/2026/" + name, bytes: bytes), first, "same bytes")
        let r = try parseRecord(first)
        let src = try XCTUnwrap(r["source"] as? [String: Any])
        XCTAssertEqual(src["path"] as? String, "corpus/2026/" + name)
        XCTAssertEqual(src["name"] as? String, name)
        XCTAssertEqual(src["sha256"] as? String, ReportPipeline.sha256Hex(bytes))
        XCTAssertEqual(r["producer"] as? [String: String], ["name": "reportq", "version": ReportqVersion.current])
        var timed = PipelineOptions(); timed.includeTimings = true
        let t = try parseRecord(ReportPipeline.record(jobID: "j", fileName: name, bytes: bytes, options: timed))
        XCTAssertNotNil((t["stats"] as? [String: Any])?["ms"] as? Double)
        // An error record has them too (the bytes were read).
        let e = try parseRecord(ReportPipeline.record(jobID: "e", fileName: "bad.bin", path: "in/bad.bin", bytes: [0, 1, 2]))
        XCTAssertEqual((e["source"] as? [String: Any])?["path"] as? String, "in/bad.bin")
        XCTAssertEqual((e["source"] as? [String: Any])?["sha256"] as? String, ReportPipeline.sha256Hex([0, 1, 2]))
        XCTAssertEqual(e["producer"] as? [String: String], ["name": "reportq", "version": ReportqVersion.current])
    }

    /// A text that decodes but is no report (this repository's README, Markdown about reports)
    /// is an error record `not_a_report`; a Chinese text with no report metadata stays ok.
    func testNotAReport() throws {
        let readme = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("README.md")))
        let design = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("docs/DESIGN.md")))
        for (name, bytes) in [("README.md", readme), ("DESIGN.md", design),
                              ("BUILD.md", Array("# Build\nRun `make` then `make install`; 中文说明见下。\n".utf8))] {
            let r = try parseRecord(ReportPipeline.record(jobID: "x", fileName: name, bytes: bytes))
            XCTAssertEqual(r["status"] as? String, "error", name)
            XCTAssertEqual((r["error"] as? [String: Any])?["code"] as? String, "not_a_report", name)
            XCTAssertEqual((r["source"] as? [String: Any])?["format"] as? String, "text", "how it was read is kept")
        }
        for text in ["今天天气很好，我们去公园散步。", "关于做好春节期间安全生产工作的通知\n各单位：请认真落实。"] {
            let r = try parseRecord(ReportPipeline.record(jobID: "x", fileName: "cn.txt", bytes: Array(text.utf8)))
            XCTAssertEqual(r["status"] as? String, "ok", text)
        }
    }

    /// Every real report of the corpus and of the unseen fixtures stays ok (the wild corpus of 362
    /// reports is measured by the cluster tests' `extract` over ../shared/wild).
    func testEveryReportIsAReport() throws {
        let unseen = repositoryRoot.appendingPathComponent("Tests/ReportExtractionTests/Fixtures/unseen")
        var files = try CorpusFiles.all()
        for name in try FileManager.default.contentsOfDirectory(atPath: unseen.path).sorted()
            where (name.hasSuffix(".txt") || name.hasSuffix(".md")) && name != "README.md" {
            files.append((name, try [UInt8](Data(contentsOf: unseen.appendingPathComponent(name)))))
        }
        XCTAssertGreaterThan(files.count, 50)
        var options = PipelineOptions(); options.segmentWords = false
        for (name, bytes) in files {
            let r = try parseRecord(ReportPipeline.record(jobID: "x", fileName: name, bytes: bytes, options: options))
            XCTAssertEqual(r["status"] as? String, "ok", "\(name): \(r["error"] ?? "")")
        }
    }

    func testSHA256MatchesFoundationFreeReference() throws {
        // sha256("abc") from FIPS 180-2.
        let r = try parseRecord(ReportPipeline.record(jobID: "x", fileName: "abc.txt", bytes: Array("abc".utf8)))
        let src = try XCTUnwrap(r["source"] as? [String: Any])
        XCTAssertEqual(src["sha256"] as? String, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(r["status"] as? String, "error")
        let err = try XCTUnwrap(r["error"] as? [String: Any])
        XCTAssertEqual(err["code"] as? String, "no_text")
        XCTAssertFalse((err["message"] as? String ?? "").isEmpty)
    }

    func testErrorRecords() throws {
        for (bytes, code) in [([UInt8](), "empty"), ([0, 1, 2, 3], "binary"), (Array("%PDF-1.4".utf8), "pdf_malformed")] {
            let r = try parseRecord(ReportPipeline.record(jobID: "e", fileName: "bad", bytes: bytes))
            XCTAssertEqual(r["status"] as? String, "error")
            XCTAssertEqual((r["error"] as? [String: Any])?["code"] as? String, code)
            XCTAssertEqual((r["source"] as? [String: Any])?["name"] as? String, "bad")
        }
    }

    func testLongSingleLineFileGivesARecord() throws {
        // 4 MB on one line through the whole record (ReportTextTests covers 30 MB through
        // the text pipeline; extraction on 30 MB is too slow for a debug-build test).
        let unit = Array("地区生产总值增长5%左右，一般公共预算收入增长3%".utf8)
        var big = [UInt8](); big.reserveCapacity(4 << 20)
        while big.count < 4 << 20 { big.append(contentsOf: unit) }
        let r = try parseRecord(ReportPipeline.record(jobID: "big", fileName: "big.txt", bytes: big))
        XCTAssertEqual(r["status"] as? String, "ok")
    }
}


/// The pipeline's records against the record contract: they validate (Python's jsonschema), and
/// every error code the text pipeline throws is one of the contract's.
final class RecordContractTests: XCTestCase {
    func testRecordsValidateAgainstTheSchema() throws {
        var lines: [[UInt8]] = []
        var options = PipelineOptions()
        options.includeText = true
        options.includeTokens = true
        options.terms = ["高质量发展"]
        for (name, bytes) in try CorpusFiles.all() {
            lines.append(ReportPipeline.record(jobID: "j-\(name)", fileName: name, bytes: bytes, options: options))
        }
        for bad in [[UInt8](), [0, 1, 2], Array("abc".utf8)] { lines.append(ReportPipeline.record(jobID: "e", fileName: "bad", bytes: bad)) }
        XCTAssertEqual(try schemaViolations(lines, schema: "record.schema.json"), [])
        for line in lines { XCTAssertNoThrow(try RecordEnvelope.read(line)) }
    }

    func testEveryPipelineErrorCodeIsAContractCode() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources/ReportText")
        var codes = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: sources.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: #"InputError\(code: "([a-z0-9_]+)""#)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        XCTAssertGreaterThanOrEqual(codes.count, 5, "the scan finds ReportText's codes")
        for code in codes { XCTAssertNotNil(ErrorCode(rawValue: code), "ReportText throws \(code): add it to ErrorCode and record.schema.json") }
        let e = RecordError(pipelineError: InputError(code: "something_new", message: "m"))
        XCTAssertEqual(e, RecordError(.internalError, "unlisted error code something_new: m"))
    }
}

/// Every field a record can carry is one protocols/record.schema.json names (RecordSchema), so
/// `reportq tail --where`/`--fields` accept every path a record has.
final class RecordFieldsInSchemaTests: XCTestCase {
    func testEveryFieldOfAFullRecordIsASchemaPath() throws {
        guard let (name, bytes) = try CorpusFiles.all().first else { return }
        var options = PipelineOptions()
        options.includeText = true
        options.includeTokens = true
        options.terms = ["发展", "新质生产力"]
        let record = try parseRecord(ReportPipeline.record(jobID: "j", fileName: name, nameBase64: "AA==", bytes: bytes, options: options))
        var paths = Set<String>()
        func walk(_ node: Any, _ prefix: [String]) {
            if let object = node as? [String: Any] {
                for (key, child) in object { paths.insert((prefix + [key]).joined(separator: ".")); walk(child, prefix + [key]) }
            } else if let array = node as? [Any] {
                for element in array { walk(element, prefix) }
            }
        }
        walk(record, [])
        XCTAssertGreaterThan(paths.count, 60)
        for path in paths.sorted() {
            XCTAssertTrue(RecordSchema.hasField(path.split(separator: ".").map(String.init)), "\(path) is not in protocols/record.schema.json")
        }
    }
}
