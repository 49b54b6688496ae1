import Foundation
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
            XCTAssertNotNil(r["document"] as? [String: Any])
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
            XCTAssertNotNil(stats["ms"] as? Double)
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
