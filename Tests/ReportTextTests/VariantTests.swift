// The same report in other clothes (GB18030, a web page, Traditional script, UTF-16,
// re-broken lines) must clean and structure like the plain file.
import Foundation
import TestSupport
import XCTest
@testable import ReportText

final class VariantTests: XCTestCase {
    private struct Shape: Equatable {
        var head: [String]
        var topHeadings: [String]
        var sentences: Int
    }
    private func shape(_ st: StructuredText) -> Shape {
        Shape(head: st.headLines, topHeadings: st.sections.filter { $0.level == 1 }.map(\.path), sentences: st.sentences.count)
    }
    private func assertSameShape(_ a: Shape, _ b: Shape, tolerance: Double = 0.03, _ what: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.head, b.head, "head lines, \(what)", file: file, line: line)
        XCTAssertEqual(a.topHeadings, b.topHeadings, "top-level headings, \(what)", file: file, line: line)
        let diff = abs(Double(a.sentences - b.sentences)) / Double(max(a.sentences, 1))
        XCTAssertLessThanOrEqual(diff, tolerance, "sentences \(a.sentences) vs \(b.sentences), \(what)", file: file, line: line)
    }

    /// Simplified corpus files (the plain version of each variant).
    private func simplifiedFiles() throws -> [(String, [UInt8], StructuredText)] {
        try Corpus.files().compactMap { url in
            let b = try Corpus.bytes(url)
            let st = try TextPipeline.process(b)
            return st.source.script == "simplified" ? (url.lastPathComponent, b, st) : nil
        }
    }

    func testGB18030AndUTF16() throws {
        for (name, bytes, plain) in try simplifiedFiles() {
            let gb = try XCTUnwrap(Encode.iconv(bytes, to: "GB18030"), name)
            let stGB = try TextPipeline.process(gb)
            XCTAssertEqual(stGB.source.encoding, "gb18030", name)
            XCTAssertEqual(stGB.text, plain.text, "GB18030 \(name)")
            let u16 = Encode.utf16(String(decoding: bytes, as: UTF8.self), littleEndian: true)
            XCTAssertEqual(try TextPipeline.process(u16).text, plain.text, "UTF-16 \(name)")
        }
    }

    func testHTMLPage() throws {
        for (name, bytes, plain) in try simplifiedFiles() {
            let page = Encode.htmlPage(String(decoding: bytes, as: UTF8.self))
            let st = try TextPipeline.process(Array(page.utf8))
            XCTAssertEqual(st.source.format, "html", name)
            assertSameShape(shape(st), shape(plain), "HTML \(name)")
        }
    }

    func testTraditional() throws {
        for (name, bytes, plain) in try simplifiedFiles() {
            let trad = try Encode.traditional(String(decoding: bytes, as: UTF8.self))
            let st = try TextPipeline.process(Array(trad.utf8))
            XCTAssertEqual(st.source.script, "traditional", name)
            assertSameShape(shape(st), shape(plain), "Traditional \(name)")
        }
    }

    /// Seed 42; REPORTQ_VARIANT_SEEDS="1-40" sweeps more (each seed re-breaks every file its own
    /// way), REPORTQ_VARIANT_DUMP=DIR writes each re-broken file and its plain text there.
    func testLinesRebrokenAtRandomWidths() throws {
        let files = try simplifiedFiles()
        for seed in Self.seeds() { try rebreak(files, seed: seed) }
    }

    private static func seeds() -> [UInt64] {
        guard let spec = ProcessInfo.processInfo.environment["REPORTQ_VARIANT_SEEDS"] else { return [42] }
        let bounds = spec.split(separator: "-").compactMap { UInt64($0) }
        return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
    }

    private func rebreak(_ files: [(String, [UInt8], StructuredText)], seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for (name, _, plain) in files {
            // Re-break every body paragraph of the cleaned text at random widths (35–120).
            let paras = plain.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            let bodyStart = paras.firstIndex { String(String.UnicodeScalarView($0)).hasPrefix("各位代表") } ?? 0
            // Wrap like a PDF export: a fixed display width per file (2 columns per Chinese character).
            let width = Int.random(in: 60...200, using: &rng)
            var out = ""
            for (k, p) in paras.enumerated() {
                if k < bodyStart { out += String(String.UnicodeScalarView(p)) + "\n"; continue }
                var line = String.UnicodeScalarView(), cols = 0
                for c in p {
                    let w = c.value < 0x1100 ? 1 : 2
                    if cols + w > width { out += String(line) + (Bool.random(using: &rng) ? "\n" : "\n\n"); line = .init(); cols = 0 }
                    line.append(c); cols += w
                }
                out += String(line) + "\n"
            }
            if let dump = ProcessInfo.processInfo.environment["REPORTQ_VARIANT_DUMP"] {
                try out.write(toFile: "\(dump)/\(seed)-\(name)", atomically: true, encoding: .utf8)
                try plain.text.write(toFile: "\(dump)/plain-\(name)", atomically: true, encoding: .utf8)
            }
            let st = try TextPipeline.process(Array(out.utf8))
            assertSameShape(shape(st), shape(plain), "seed \(seed), rebroken at \(width) columns \(name)")
            let a = st.sentences.map(\.text), b = plain.sentences.map(\.text)
            if let k = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) {
                XCTFail("seed \(seed), rebroken at \(width) columns \(name): sentence \(k) is \(a[k]) instead of \(b[k])")
            }
        }
    }
}

