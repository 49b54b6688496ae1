// Behaviour that does not need the Python oracle: loading errors, user-dictionary line syntax,
// UTF-8 handling, term counts, thread safety, token ranges.
import Foundation
@testable import Segmenter
import XCTest

final class SegmenterUnitTests: XCTestCase {
    private func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("segunit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: d) }
        return d
    }

    func testMissingDictionaryIsAClearError() {
        XCTAssertThrowsError(try Segmenter(Segmenter.Configuration(dictionaryPath: "/nonexistent/dict.txt"))) { e in
            guard case SegmenterError.fileUnreadable(let path, _) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(path, "/nonexistent/dict.txt")
            XCTAssertEqual((e as! SegmenterError).code, "segmenter_file_unreadable")
        }
    }

    func testMalformedDictionaryLineIsReportedWithLineNumber() throws {
        let d = try tempDir().appendingPathComponent("dict.txt")
        try "中国 100 ns\n坏行没有频率\n".write(to: d, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Segmenter(Segmenter.Configuration(dictionaryPath: d.path))) { e in
            guard case SegmenterError.invalidDictionaryLine(_, let line, let text) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(line, 2)
            XCTAssertEqual(text, "坏行没有频率")
        }
    }

    func testBrokenHMMTableIsReported() throws {
        let dir = try tempDir()
        for name in ["prob_start.py", "prob_trans.py"] {
            try FileManager.default.copyItem(atPath: Segmenter.defaultJiebaDirectory + "/finalseg/" + name,
                                             toPath: dir.appendingPathComponent(name).path)
        }
        try "P={'B': {'\\u4e00': oops}}".write(to: dir.appendingPathComponent("prob_emit.py"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Segmenter(Segmenter.Configuration(hmmDirectory: dir.path))) { e in
            guard case SegmenterError.invalidModel = e else { return XCTFail("\(e)") }
        }
    }

    func testSmallCustomDictionary() throws {
        // A dictionary where the two-character word is far more likely than its parts.
        let d = try tempDir().appendingPathComponent("dict.txt")
        try "甲 10 n\n乙 10 n\n甲乙 1000 n\n丙 5 n\n".write(to: d, atomically: true, encoding: .utf8)
        let seg = try Segmenter(Segmenter.Configuration(dictionaryPath: d.path))
        XCTAssertEqual(seg.total, 1025)
        XCTAssertEqual(seg.frequency(of: "甲乙"), 1000)
        XCTAssertEqual(seg.frequency(of: "丁"), nil)
        XCTAssertEqual(seg.lcut("甲乙丙", hmm: false), ["甲乙", "丙"])
        XCTAssertEqual(seg.lcut("x甲乙 y", hmm: false), ["x", "甲乙", " ", "y"])
    }

    func testUserDictionaryLineSyntax() {
        func split(_ s: String) -> (String, Int?) {
            let sc = UTF8Scalars.scalars(of: s)
            let (w, f) = DictionaryBuilder.splitUserLine(sc[...])
            return (UTF8Scalars.string(w), f)
        }
        // ^(.+?)( [0-9]+)?( [a-z]+)?$ — the lazy word takes the longest matching suffix.
        XCTAssertTrue(split("新质生产力") == ("新质生产力", nil))
        XCTAssertTrue(split("新质生产力 100") == ("新质生产力", 100))
        XCTAssertTrue(split("新质生产力 100 n") == ("新质生产力", 100))
        XCTAssertTrue(split("新质生产力 n") == ("新质生产力", nil))
        XCTAssertTrue(split("a 1 2") == ("a 1", 2))
        XCTAssertTrue(split("ab cd") == ("ab", nil))
        XCTAssertTrue(split("x ab 1") == ("x ab", 1))
        XCTAssertTrue(split("abc 12 x1") == ("abc 12 x1", nil))
        XCTAssertTrue(split("12") == ("12", nil))
        XCTAssertTrue(split("ab  5") == ("ab ", 5))
    }

    func testInvalidUTF8DecodesToReplacementPerByte() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xE4, 0xB8, 0xAD, 0xE4, 0xB8]
        var out: [UInt32] = []
        let ok = bytes.withUnsafeBufferPointer { UTF8Scalars.decode($0, into: &out) }
        XCTAssertFalse(ok)
        XCTAssertEqual(out, [0x61, 0xFFFD, 0x4E2D, 0xFFFD, 0xFFFD])
    }

    func testTokenRangesTileTheText() {
        let text = "2026年，全市地区生产总值增长5.5%左右。\r\nNew line 新质生产力"
        let ranges = Shared.plain.tokenRanges(in: text)
        XCTAssertEqual(ranges.first?.lowerBound, 0)
        XCTAssertEqual(ranges.last?.upperBound, text.unicodeScalars.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
        XCTAssertEqual(Shared.plain.cut(text).joined(), text)
    }

    func testConcurrentCuttingGivesTheSameTokens() throws {
        let lines = try Corpus.lines(of: try Corpus.files()[5]).filter { !$0.isEmpty }.prefix(40).map { $0 }
        let expected = lines.map { Shared.plain.lcut($0) }
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 8)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let cutter = Shared.plain.makeCutter()
            var ok = true
            for (i, l) in lines.enumerated() {
                let sc = UTF8Scalars.scalars(of: l)
                var ends: [Int32] = []
                sc.withUnsafeBufferPointer { cutter.cut($0, appendingEndsTo: &ends) }
                var start = 0
                var toks: [String] = []
                for e in ends { toks.append(UTF8Scalars.string(sc[start..<Int(e)])); start = Int(e) }
                if toks != expected[i] { ok = false }
            }
            results[k] = ok
        }
        XCTAssertTrue(results.allSatisfy { $0 })
    }

    func testTermCountsPerDocumentAndSpan() {
        let text = "新质生产力新质生产力，发展新质生产力。两新两重，两新。"
        let counter = TermCounter(terms: ["新质生产力", "两新", "生产力", "不存在"])
        XCTAssertEqual(counter.counts(in: text), [3, 2, 3, 0])
        let sc = UTF8Scalars.scalars(of: text)
        let spans = [0..<10, 10..<sc.count, 5..<1000]
        XCTAssertEqual(counter.counts(in: sc, spans: spans), [[2, 0, 2, 0], [1, 2, 1, 0], [2, 2, 2, 0]])
        // Non-overlapping like str.count.
        XCTAssertEqual(TermCounter(terms: ["aa"]).counts(in: "aaaa a aaa"), [3])
        // Token mode counts whole tokens only, in the span holding the token's start.
        let t2 = UTF8Scalars.scalars(of: "两新两重新质生产力两新")
        let tok = counter.tokenCounts(in: t2, ends: [2, 4, 9, 11], spans: [0..<t2.count, 0..<4, 4..<11])
        XCTAssertEqual(tok, [[1, 2, 0, 0], [0, 1, 0, 0], [1, 1, 0, 0]])
    }

    func testKeywordEdgeCases() throws {
        XCTAssertTrue(try Shared.plain.keywords(in: "").isEmpty)
        XCTAssertTrue(try Shared.plain.keywords(in: "的 了 。\r\n the THE And").isEmpty)
        let all = try Shared.plain.keywords(in: "发展经济，发展经济，改革", topK: 0)
        XCTAssertEqual(Set(all.map(\.term)), ["发展", "经济", "改革"])
        XCTAssertEqual(all.map(\.weight), all.map(\.weight).sorted(by: >))
        let ex = try Shared.plain.keywordExtractor()
        XCTAssertNotNil(ex.idf(of: "经济"))
        XCTAssertNil(ex.idf(of: "不可能出现的词语甲乙丙"))
    }
}
