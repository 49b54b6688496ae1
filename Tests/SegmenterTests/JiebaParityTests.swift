// Exactness against Python jieba 0.42.1 (same dictionary, HMM on) on real corpus lines and on
// hand-made edge cases. Needs python3 with jieba; fails with a clear message without it.
import Foundation
import Segmenter
import XCTest

final class JiebaParityTests: XCTestCase {
    /// A subset of every corpus file (the bench script covers all lines).
    func testCorpusLinesMatchJieba() throws {
        var lines: [String] = []
        for f in try Corpus.files() {
            let all = try Corpus.lines(of: f)
            lines += all.prefix(25)
            lines += all.suffix(5)
        }
        XCTAssertGreaterThan(lines.count, 100, "corpus at \(Corpus.directory.path) looks empty")
        let ref = try JiebaOracle.ask(lines: lines)
        var same = 0
        for (i, line) in lines.enumerated() {
            let ours = Shared.plain.lcut(line)
            if ours == ref.lines[i] { same += 1 } else if same + 3 > i {
                XCTFail("line \(i) differs:\n ours : \(ours.joined(separator: "|"))\n jieba: \(ref.lines[i].joined(separator: "|"))")
            }
        }
        XCTAssertEqual(same, lines.count, "\(lines.count - same) of \(lines.count) lines differ from jieba")
    }

    /// Mixed scripts, numbers, whitespace, CRLF, unknown words (HMM), punctuation runs.
    func testEdgeCasesMatchJieba() throws {
        let cases = [
            "", " ", "\r\n", "a\r\nb", "\t\u{3000}全角空格\u{00A0}不换行",
            "2024年GDP增长5.2%，CPI上涨0.2%、PM2.5浓度下降3.1%。",
            "C++和C#以及.NET、node.js的3.14.15版本", "--- ### &&& ___ %%% +++",
            "韩冰冰和欧阳娜娜在杭研大厦讨论新质生产力", "黄河流域生态保护和高质量发展",
            "ABC中文abc123.45xyz%的",  "一二三四五六七八九十百千万亿",
            "cafe\u{301}和e\u{301}", "👨‍👩‍👧家庭🇨🇳", "葛\u{E0100}字",
            "🙂表情😀混排", "繁體中文與簡體中文混合處理", "ｆｕｌｌｗｉｄｔｈ　１２３",
            "今年主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业110万人以上",
            "专精特新“小巨人”企业达到1200家", "放管服改革、两新两重政策", "A1B2C3 x.y.z 1.2.3 1.%",
        ]
        let ref = try JiebaOracle.ask(lines: cases)
        // Compared as scalars: String equality is canonical and would hide e.g. é vs e + U+0301.
        func scalars(_ tokens: [String]) -> [[UInt32]] { tokens.map { $0.unicodeScalars.map(\.value) } }
        for (i, c) in cases.enumerated() {
            XCTAssertEqual(scalars(Shared.plain.lcut(c)), scalars(ref.lines[i]), "input \(c.debugDescription)")
        }
        XCTAssertEqual(Shared.plain.lcut("a\r\nb"), ["a", "\r\n", "b"])
        for (i, c) in cases.enumerated() {
            XCTAssertEqual(scalars(Shared.plain.cut(c).map(String.init)), scalars(ref.lines[i]), "cut \(c.debugDescription)")
        }
    }

    func testNoHMMMatchesJiebaWithoutHMM() throws {
        var lines = ["他来到了网易杭研大厦", "abc123中国 x9y", "PM2.5浓度下降3.1%", "韩冰冰和欧阳娜娜"]
        lines += try Corpus.lines(of: try Corpus.files()[3]).prefix(30)
        let ref = try JiebaOracle.ask(lines: lines, hmm: false)
        for (i, l) in lines.enumerated() {
            XCTAssertEqual(Shared.plain.lcut(l, hmm: false), ref.lines[i], l)
        }
    }

    func testKeywordsMatchJieba() throws {
        let files = try Corpus.files()
        let picked = [files.first!, files[files.count / 2], files.last!]
        let texts = try picked.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }
        let ref = try JiebaOracle.ask(texts: texts, topK: 20)
        for (i, text) in texts.enumerated() {
            let ours = try Shared.plain.keywords(in: text, topK: 20)
            XCTAssertEqual(ours.map(\.term), ref.keywords[i].map(\.0), picked[i].lastPathComponent)
            for (a, b) in zip(ours, ref.keywords[i]) {
                XCTAssertEqual(a.weight, b.1, accuracy: 1e-12, "\(a.term) in \(picked[i].lastPathComponent)")
            }
        }
    }

    /// User dictionary semantics (load_userdict, add_word, suggest_freq) against jieba with the same file.
    func testUserDictionaryMatchesJieba() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segud-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ud = dir.appendingPathComponent("user.txt")
        let content = "\u{FEFF}新质生产力\n专精特新 n\n两重 500\n杭研大厦 20 nt\n  \n放管服 3 v\n欧阳娜娜\n删掉词 0\nabc def 7\n"
        try content.write(to: ud, atomically: true, encoding: .utf8)
        let seg = try Segmenter(Segmenter.Configuration(userDictionaryPaths: [ud.path]))
        let words = ["新质生产力", "专精特新", "两重", "杭研大厦", "放管服", "欧阳娜娜", "删掉词", "abc def", "abc", "高质量"]
        let lines = ["新质生产力和专精特新，两重两新，放管服改革", "欧阳娜娜在杭研大厦", "删掉词也删掉", "高质量发展abc def"]
        let ref = try JiebaOracle.ask(lines: lines, words: words, userDictionaries: [ud.path])
        for w in words {
            XCTAssertEqual(seg.frequency(of: w), ref.freq[w] ?? nil, "FREQ[\(w)]")
        }
        for (i, l) in lines.enumerated() {
            XCTAssertEqual(seg.lcut(l), ref.lines[i], l)
        }
    }

    /// The built-in policy terms load as jieba would load the same file.
    func testPolicyTermsMatchJiebaWithSameDictionary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segpol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ud = dir.appendingPathComponent("policy.txt")
        try PolicyTerms.userDictionary.write(to: ud, atomically: true, encoding: .utf8)
        let seg = try Segmenter.shared(Segmenter.Configuration(includePolicyTerms: true))
        let lines = try Corpus.lines(of: try Corpus.files().last!).prefix(40).map { $0 }
            + ["加快发展新质生产力，培育专精特新企业，落实两新两重政策，深化放管服改革"]
        let ref = try JiebaOracle.ask(lines: lines, userDictionaries: [ud.path])
        for (i, l) in lines.enumerated() {
            XCTAssertEqual(seg.lcut(l), ref.lines[i], "line \(i)")
        }
        XCTAssertTrue(seg.lcut(lines.last!).contains("新质生产力"))
    }
}
