// PDFs as reports are published, made from the corpus text: the text layer reads back as the
// plain text file does; scans without OCR, damaged, encrypted, empty and bomb PDFs are refused
// with their own error codes; legacy .doc reads through antiword.
import Foundation
import XCTest
import TestSupport
@testable import ReportText

final class PDFReaderTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: temporaryDirectory(self, prefix: "pdf-test"))
    }

    private func refusal(_ bytes: [UInt8], ocr: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
        do {
            _ = try TextPipeline.process(bytes, options: DecodeOptions(ocr: ocr))
            XCTFail("the file was read", file: file, line: line)
            return nil
        } catch let e as InputError {
            return e
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    private func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// Nine pages with a running header that is also the title, page numbers "— n —",
    /// paragraphs broken at line and page ends: the cleaned text is the .txt file's, byte for byte.
    func testTextPDFReadsAsItsTextFile() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let pdf = try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("hb.pdf"))
        let fromPDF = try TextPipeline.process(try bytes(pdf))
        let fromText = try TextPipeline.process(try bytes(txt))
        XCTAssertEqual(fromPDF.source.format, "pdf")
        XCTAssertEqual(fromPDF.source.pages, PageStats(pages: 9))
        XCTAssertEqual(fromPDF.headLines, fromText.headLines)
        XCTAssertEqual(fromPDF.metadata, fromText.metadata)
        XCTAssertEqual(fromPDF.sections, fromText.sections)
        XCTAssertEqual(fromPDF.text, fromText.text)
        XCTAssertFalse(fromPDF.text.contains("— 3 —"))
    }

    /// Encryption with only an owner password that allows copying: read as any other PDF.
    func testEncryptedPDFThatAllowsCopyingIsRead() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let pdf = try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("owner.pdf"), ["--owner-password", "secret", "--max-chars", "3000"])
        let st = try TextPipeline.process(try bytes(pdf))
        XCTAssertEqual(st.headLines.first, "2026年河北省政府工作报告")
    }

    func testRefusedPDFsHaveTheirOwnCodes() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let userPassword = try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("user.pdf"), ["--user-password", "secret", "--max-chars", "3000"])
        XCTAssertEqual(refusal(try bytes(userPassword))?.code, "pdf_encrypted")
        let noCopy = try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("nocopy.pdf"), ["--no-copy", "--max-chars", "3000"])
        XCTAssertEqual(refusal(try bytes(noCopy))?.code, "pdf_copy_forbidden")
        XCTAssertEqual(refusal(try bytes(try DocumentFixtures.oddPDF("zero-pages", to: dir.appendingPathComponent("zero.pdf"))))?.code, "pdf_no_pages")
        // 300 MiB of content stream in 300 KB: refused before poppler spends seconds inflating it.
        let bomb = try bytes(try DocumentFixtures.oddPDF("bomb", to: dir.appendingPathComponent("bomb.pdf")))
        let started = Date()
        XCTAssertEqual(refusal(bomb)?.code, "too_large")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(refusal(try bytes(try DocumentFixtures.oddPDF("huge-image", to: dir.appendingPathComponent("image.pdf"))), ocr: true)?.code, "too_large")

        let whole = try bytes(try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("whole.pdf"), ["--max-chars", "3000"]))
        for cut in [200, whole.count / 3] {
            XCTAssertEqual(refusal(Array(whole[..<cut]))?.code, "pdf_malformed", "cut at \(cut)")
        }
        XCTAssertEqual(refusal(Array("%PDF-1.7\n".utf8))?.code, "pdf_malformed")
    }

    /// Damaged PDFs (cut, bytes flipped, runs zeroed) are each a record or an error, never a crash.
    func testDamagedPDFsNeverCrash() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let whole = try bytes(try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("whole.pdf"), ["--max-chars", "6000"]))
        var rng = SplitMix64(seed: 16)
        for round in 0..<30 {
            var d = whole
            switch round % 3 {
            case 0: d = Array(d[..<Int(rng.next() % UInt64(d.count))])
            case 1: for _ in 0..<40 { d[Int(rng.next() % UInt64(d.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            default:
                let at = Int(rng.next() % UInt64(d.count))
                for k in at..<min(d.count, at + 2000) { d[k] = 0 }
            }
            do { _ = try TextPipeline.process(d) } catch let e as InputError { XCTAssertFalse(e.code.isEmpty) }
        }
    }

    /// A scan has no text layer: without OCR an error that says how to enable it.
    func testScannedPDFWithoutOCRSaysHowToEnableIt() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let pdf = try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("hb.pdf"), ["--max-chars", "3000"])
        let scan = try DocumentFixtures.scannedPDF(pdf, pages: [1, 2], dpi: 100, to: dir.appendingPathComponent("scan.pdf"))
        let e = refusal(try bytes(scan))
        XCTAssertEqual(e?.code, "pdf_no_text")
        XCTAssertTrue(e?.message.contains("--ocr") ?? false, e?.message ?? "")
    }

    func testLegacyWordDocumentReadsAsItsTextFile() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let doc = try bytes(DocumentFixtures.wordDocument)
        let fromDoc = try TextPipeline.process(doc)
        XCTAssertEqual(fromDoc.source.format, "doc")
        XCTAssertEqual(fromDoc.text, try TextPipeline.process(try bytes(txt)).text)
        XCTAssertEqual(refusal(Array(doc[..<(doc.count / 2)]))?.code, "bad_doc")
    }
}

final class PageLayoutTests: XCTestCase {
    private func line(_ s: String, x0: Double, y: Double, x1: Double) -> PlacedText {
        PlacedText(scalars: u32(s), x0: x0, y0: y, x1: x1, y1: y + 12)
    }

    private func page(_ lines: [PlacedText]) -> LaidOutPage { LaidOutPage(width: 600, height: 800, lines: lines) }

    /// Full lines continue; an indented line or one after a short line starts a paragraph;
    /// a paragraph goes on across the page end; headers at the same height on every page go,
    /// the title that reads like them (lower on page 1) stays, and so do words joined mid-token.
    func testParagraphsAcrossLinesAndPages() {
        let p1 = page([
            line("工作报告", x0: 270, y: 40, x1: 330),
            line("工作报告", x0: 96, y: 80, x1: 150),
            line("一、开头一行写满到右边", x0: 96, y: 110, x1: 500),
            line("接着写完。", x0: 72, y: 130, x1: 200),
            line("新段落缩进并且写满了这", x0: 96, y: 150, x1: 500),
            line("一行液化天然气(LN", x0: 72, y: 170, x1: 499),
            line("— 1 —", x0: 280, y: 760, x1: 320),
        ])
        let p2 = page([
            line("工作报告", x0: 270, y: 40, x1: 330),
            line("G)跨页接续。", x0: 72, y: 80, x1: 200),
            line("— 2 —", x0: 280, y: 760, x1: 320),
        ])
        let text = String(decoding: PageLayout.paragraphs([p1, p2]), as: UTF8.self)
        XCTAssertEqual(text, "工作报告\n一、开头一行写满到右边接着写完。\n新段落缩进并且写满了这一行液化天然气(LNG)跨页接续。\n")
    }

    /// Poppler's words become one line while they share the line's height; a Latin word gap it saw is kept.
    func testWordsBecomeLines() {
        var a = line("自治区主席", x0: 96, y: 100, x1: 156); a.spaceAfter = true
        let b = line("张三", x0: 160, y: 100, x1: 184)
        let c = line("下一行", x0: 96, y: 120, x1: 132)
        let lines = PageLayout.lines(of: [a, b, c])
        XCTAssertEqual(lines.map { UTF8Out.string($0.scalars) }, ["自治区主席 张三", "下一行"])
    }

    func testOCRTextIsTidiedForChinese() {
        XCTAssertEqual(UTF8Out.string(OCREngine.tidy(u32("收 入 增 长 4.8% , 城 镇 (试点) 2.5 mg\n"))), "收入增长4.8%，城镇（试点）2.5 mg")
        XCTAssertEqual(UTF8Out.string(OCREngine.tidy(u32("一一2026年1月25日在会议上"))), "——2026年1月25日在会议上")
        XCTAssertEqual(UTF8Out.string(OCREngine.tidy(u32("一一对应"))), "一一对应")
    }
}
