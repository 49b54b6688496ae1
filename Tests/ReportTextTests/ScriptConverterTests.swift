// The scalar t2s converter against libopencc itself (opencc_convert_utf8 with the same
// configuration): corpus files, corpus files first turned Traditional by libopencc's s2t,
// and thousands of random strings built around the dictionaries' keys. Any difference fails.
import Foundation
import TestSupport
import XCTest
@testable import ReportText

final class ScriptConverterTests: XCTestCase {
    private func config(_ name: String) throws -> String {
        guard let p = OpenCCLibrary.configPath(name) else { throw XCTSkip("no OpenCC \(name)") }
        return p
    }
    private func library(_ name: String) throws -> OpenCCLibrary {
        guard let l = OpenCCLibrary(configPath: try config(name)) else { throw XCTSkip("libopencc cannot open \(name)") }
        return l
    }

    /// libopencc's output for the whole input in one call (no chunking).
    private func reference(_ lib: OpenCCLibrary, _ s: [UInt32], file: StaticString = #filePath, line: UInt = #line) -> [UInt32] {
        guard let out = lib.convert(UTF8Out.bytes(s)) else { XCTFail("libopencc failed", file: file, line: line); return [] }
        return UTF8In.scalars(out)
    }

    private func assertSame(_ got: [UInt32], _ want: [UInt32], _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        if got == want { return }
        let k = zip(got, want).prefixMatchCount()
        let g = UTF8Out.string(got[max(0, k - 10)..<min(got.count, k + 10)])
        let w = UTF8Out.string(want[max(0, k - 10)..<min(want.count, k + 10)])
        XCTFail("\(what): differs from libopencc at scalar \(k): got …\(g)… want …\(w)…", file: file, line: line)
    }

    func testTheScalarConverterIsTheOneInUse() throws {
        _ = try config("t2s.json")
        XCTAssertNotNil(ScriptConverter.scalarConverter, "t2s.json should load into the scalar converter")
        // Real dictionaries, not empty ones: TSCharacters has thousands of entries.
        let sizes = ScriptConverter.scalarConverter?.chain.first?.map(\.entryCount) ?? []
        XCTAssertEqual(sizes.count, 2)
        XCTAssertGreaterThan(sizes.last ?? 0, 3000)
        XCTAssertEqual(UTF8Out.string(ScriptConverter.toSimplified(u32("這個國家的經濟發展"))), "这个国家的经济发展")
    }

    func testCorpusFilesMatchLibOpenCC() throws {
        let lib = try library("t2s.json")
        let fast = try XCTUnwrap(ScriptConverter.scalarConverter)
        for url in try Corpus.files() {
            let s = UTF8In.scalars(try Corpus.bytes(url))
            assertSame(fast.convert(s), reference(lib, s), url.lastPathComponent)
        }
    }

    func testCorpusFilesTurnedTraditionalMatchLibOpenCC() throws {
        let lib = try library("t2s.json")
        let s2t = try library("s2t.json")
        let fast = try XCTUnwrap(ScriptConverter.scalarConverter)
        var changed = 0
        for url in try Corpus.files() {
            let simplified = UTF8In.scalars(try Corpus.bytes(url))
            let traditional = try XCTUnwrap(s2t.convert(scalars: simplified))
            if traditional != simplified { changed += 1 }
            let got = fast.convert(traditional)
            assertSame(got, reference(lib, traditional), "s2t(\(url.lastPathComponent))")
            // And what the pipeline calls gives the same.
            assertSame(ScriptConverter.toSimplified(traditional), got, "toSimplified(s2t(\(url.lastPathComponent)))")
        }
        XCTAssertGreaterThan(changed, 0, "s2t changed nothing: the comparison would be empty")
    }

    func testRandomStringsMatchLibOpenCC() throws {
        try compareRandom(config: "t2s.json", count: 3000, seed: 1)
    }

    /// Two-step chains (variants first, then t2s) and other dictionaries.
    func testTaiwanAndHongKongConfigurationsMatchLibOpenCC() throws {
        try compareRandom(config: "tw2s.json", count: 800, seed: 2)
        try compareRandom(config: "hk2s.json", count: 800, seed: 3)
    }

    private func compareRandom(config name: String, count: Int, seed: UInt64) throws {
        let path = try config(name)
        let lib = try library(name)
        let fast = try OpenCCConfigLoader.load(configPath: path)
        let dir = (path as NSString).deletingLastPathComponent
        // Keys of every dictionary the configuration names, and their values (already Simplified).
        var keys: [[UInt32]] = [], values: [[UInt32]] = []
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for file in Set(text.matches(#""file"\s*:\s*"([^"]+)""#)) {
            for e in try OpenCCConfigLoader.entries(ocd2Path: dir + "/" + file) { keys.append(e.key); values.append(e.value) }
        }
        XCTAssertGreaterThan(keys.count, 1000)
        let phrases = keys.filter { $0.count >= 2 }
        let supplementary = keys.filter { $0.contains { $0 >= 0x10000 } }
        XCTAssertFalse(phrases.isEmpty)
        let common = u32("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车")
        let punctuation = u32("，。、；：？！“”‘’（）《》【】—…·％．,.;:?!()[]%-/ \u{3000}")
        let ascii = u32("abcXYZ0123456789")
        let astral: [UInt32] = [0x20000, 0x2A6D6, 0x1F600, 0x2B820] + supplementary.prefix(20).flatMap { $0 }
        var rng = SplitMix64(seed: seed)
        for n in 0..<count {
            var s: [UInt32] = []
            let pieces = 1 + Int(rng.next() % 12)
            for _ in 0..<pieces {
                switch rng.next() % 12 {
                case 0, 1, 2: s += phrases[Int(rng.next() % UInt64(phrases.count))]
                case 3: let k = phrases[Int(rng.next() % UInt64(phrases.count))]; s += k.prefix(1 + Int(rng.next() % UInt64(k.count)))
                case 4: let k = phrases[Int(rng.next() % UInt64(phrases.count))]; s += k.suffix(1 + Int(rng.next() % UInt64(k.count)))
                case 5, 6: s += keys[Int(rng.next() % UInt64(keys.count))]
                case 7: s += values[Int(rng.next() % UInt64(values.count))]
                case 8: s.append(common[Int(rng.next() % UInt64(common.count))])
                case 9: s.append(punctuation[Int(rng.next() % UInt64(punctuation.count))])
                case 10: s.append(rng.next() % 3 == 0 ? 0x0A : ascii[Int(rng.next() % UInt64(ascii.count))])
                default: s.append(astral[Int(rng.next() % UInt64(astral.count))])
                }
            }
            assertSame(fast.convert(s), reference(lib, s), "\(name) random string #\(n) \(UTF8Out.string(s))")
        }
    }

    func testUnknownConfigurationShapesAreRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("opencc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let textDict = dir.appendingPathComponent("text.json")
        try Data(#"{"segmentation":{"type":"mmseg","dict":{"type":"text","file":"x.txt"}},"conversion_chain":[]}"#.utf8).write(to: textDict)
        XCTAssertThrowsError(try OpenCCConfigLoader.load(configPath: textDict.path))
        let missing = dir.appendingPathComponent("missing.json")
        try Data(#"{"segmentation":{"type":"mmseg","dict":{"type":"ocd2","file":"nope.ocd2"}},"conversion_chain":[{"dict":{"type":"ocd2","file":"nope.ocd2"}}]}"#.utf8).write(to: missing)
        XCTAssertThrowsError(try OpenCCConfigLoader.load(configPath: missing.path)) { e in
            XCTAssertTrue("\(e)".contains("nope.ocd2"), "\(e)")
        }
        let garbage = dir.appendingPathComponent("garbage.ocd2")
        try Data("not a marisa trie".utf8).write(to: garbage)
        XCTAssertThrowsError(try OpenCCConfigLoader.entries(ocd2Path: garbage.path))
    }
}

private extension Zip2Sequence where Sequence1.Element: Equatable, Sequence1.Element == Sequence2.Element {
    func prefixMatchCount() -> Int { var k = 0; for (a, b) in self { if a != b { break }; k += 1 }; return k }
}

private extension String {
    /// First capture group of every match of a (simple) regular expression.
    func matches(_ pattern: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = self as NSString
        return re.matches(in: self, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}
