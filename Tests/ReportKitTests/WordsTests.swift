import Foundation
import XCTest
@testable import ReportKit

/// Keywords, token counts, per-sentence tokens and term counts in the record.
final class WordsTests: XCTestCase {
    private func record(_ name: String, _ configure: (inout PipelineOptions) -> Void = { _ in }) throws -> [String: Any] {
        let file = CorpusFiles.dir.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: file.path) else { throw XCTSkip("no corpus file \(name)") }
        var opts = PipelineOptions()
        configure(&opts)
        return try parseRecord(ReportPipeline.record(jobID: "w", fileName: name, bytes: [UInt8](data), options: opts))
    }

    func testKeywordsAndTokenCount() throws {
        let r = try record("2026_北京市.txt")
        XCTAssertNil(r["warnings"], "the jieba dictionary must be installed (scripts/setup installs python3-jieba)")
        let keywords = try XCTUnwrap(r["keywords"] as? [[String: Any]])
        XCTAssertEqual(keywords.count, 20)
        let weights = keywords.compactMap { $0["weight"] as? Double }
        XCTAssertEqual(weights, weights.sorted(by: >), "keywords are ranked by weight")
        let terms = keywords.compactMap { $0["term"] as? String }
        XCTAssertTrue(terms.allSatisfy { $0.unicodeScalars.count >= 2 }, "jieba skips one-character keywords: \(terms)")
        let stats = try XCTUnwrap(r["stats"] as? [String: Any])
        let tokens = try XCTUnwrap(stats["tokens"] as? Int)
        let chars = try XCTUnwrap(stats["chars"] as? Int)
        XCTAssertGreaterThan(tokens, chars / 3, "tokens are words, not the whole text")
        XCTAssertLessThan(tokens, chars)
    }

    func testSentenceTokensRebuildTheSentence() throws {
        let r = try record("2026_上海市.txt") { $0.includeTokens = true }
        let sentences = try XCTUnwrap(r["sentences"] as? [[String: Any]])
        XCTAssertFalse(sentences.isEmpty)
        for s in sentences {
            let text = try XCTUnwrap(s["text"] as? String)
            let tokens = try XCTUnwrap(s["tokens"] as? [String], "tokens of sentence \(s["id"] ?? "?")")
            let squeezed = text.unicodeScalars.filter { $0 != " " && $0 != "\n" && $0 != "\u{3000}" }
            XCTAssertEqual(tokens.joined(), String(String.UnicodeScalarView(squeezed)))
        }
    }

    func testTermCountsPerDocumentAndSection() throws {
        let r = try record("2026_北京市.txt") { $0.terms = ["高质量发展", "新质生产力", "不存在的词语"] }
        let tc = try XCTUnwrap(r["term_counts"] as? [String: Any])
        let doc = try XCTUnwrap(tc["document"] as? [String: Int])
        XCTAssertEqual(doc["不存在的词语"], 0)
        XCTAssertGreaterThan(doc["高质量发展"] ?? 0, 0)
        let sections = try XCTUnwrap(tc["sections"] as? [[String: Any]])
        let sectionsOnTop = try XCTUnwrap(r["sections"] as? [[String: Any]]).filter { ($0["level"] as? Int) == 1 }
        XCTAssertFalse(sectionsOnTop.isEmpty)
        // Top-level sections tile the body, so their counts add up to at most the document's.
        let topPaths = Set(sectionsOnTop.compactMap { $0["path"] as? String })
        let topSum = sections.filter { topPaths.contains($0["path"] as? String ?? "") }
            .compactMap { ($0["counts"] as? [String: Int])?["高质量发展"] }.reduce(0, +)
        XCTAssertGreaterThan(topSum, 0)
        XCTAssertLessThanOrEqual(topSum, doc["高质量发展"] ?? 0)
    }
}
