import Foundation
import XCTest
import ZIPFoundation
@testable import ReportText

final class DecoderTests: XCTestCase {
    private func code(_ bytes: [UInt8]) -> String? {
        do { _ = try TextPipeline.process(bytes); return nil } catch let e as InputError { return e.code } catch { return "other" }
    }

    func testEmptyAndTinyInputsGiveClearErrors() {
        XCTAssertEqual(code([]), "empty")
        XCTAssertEqual(code([0x41]), "no_text")
        XCTAssertEqual(code([0xE4]), "no_text")            // a truncated UTF-8 sequence and nothing else
        XCTAssertEqual(code([0x00]), "binary")
        XCTAssertEqual(code(Array("   \n\n  ".utf8)), "no_text")
    }

    func testBinarySignaturesAndNoise() {
        // A PDF signature goes to the PDF reader, which finds no document behind it.
        XCTAssertEqual(code(Array("%PDF-1.7\n".utf8) + [0xE2, 0xE3, 0xCF, 0xD3]), "pdf_malformed")
        XCTAssertEqual(code([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "binary")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let c = code(noise)
            XCTAssertTrue(c == "binary" || c == "undecodable", "random bytes gave \(c ?? "ok")")
        }
    }

    func testUnicodeEncodings() throws {
        let text = "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
        for (bytes, enc) in [(Array(text.utf8), "utf-8"), ([0xEF, 0xBB, 0xBF] + Array(text.utf8), "utf-8-bom"),
                             (Encode.utf16(text, littleEndian: true), "utf-16le"),
                             (Encode.utf16(text, littleEndian: false), "utf-16be")] {
            let st = try TextPipeline.process(bytes)
            XCTAssertEqual(st.source.encoding, enc)
            XCTAssertEqual(st.text, "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。")
        }
    }

    func testUTF16WithoutBOMIsDetectedByContent() throws {
        let text = "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
        for le in [true, false] {
            let bytes = Array(Encode.utf16(text, littleEndian: le).dropFirst(2))
            let st = try TextPipeline.process(bytes)
            XCTAssertEqual(st.source.encoding, le ? "utf-16le" : "utf-16be")
            XCTAssertEqual(st.text, "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。")
        }
        // GB18030 bytes are not mistaken for UTF-16.
        let gb = try XCTUnwrap(Encode.iconv(Array(text.utf8), to: "GB18030"))
        XCTAssertEqual(try TextPipeline.process(gb).source.encoding, "gb18030")
    }

    func testGB18030IsDetectedByContent() throws {
        let text = "政府工作报告\n各位代表：\n地区生产总值增长5%左右，一般公共预算收入增长3%。\n"
        let gb = try XCTUnwrap(Encode.iconv(Array(text.utf8), to: "GB18030"))
        XCTAssertNil(UTF8Validation.validLength(gb))
        let st = try TextPipeline.process(gb)
        XCTAssertEqual(st.source.encoding, "gb18030")
        XCTAssertTrue(st.text.contains("地区生产总值增长5%左右"))
        // GBK bytes are GB18030 too; a truncated last character is tolerated.
        let gbk = try XCTUnwrap(Encode.iconv(Array(text.utf8), to: "GBK"))
        let cut = Array(gbk[..<(gbk.count - 2)]) + [gbk[gbk.count - 3]]   // ends in half a character
        XCTAssertNoThrow(try TextPipeline.process(cut))
    }

    func testTruncatedUTF8IsTolerated() throws {
        let bytes = Array("各位代表：现在我代表市人民政府报告工作。".utf8)
        let st = try TextPipeline.process(Array(bytes.dropLast(1)))
        XCTAssertTrue(st.text.hasPrefix("各位代表：现在"))
        XCTAssertEqual(st.source.encoding, "utf-8")
    }

    func testInvalidUTF8InTheMiddleFallsBackOrFails() {
        // A lone continuation byte in the middle of ASCII is not GB18030 Chinese either.
        XCTAssertEqual(code(Array("abc".utf8) + [0x80] + Array("def".utf8)), "undecodable")
    }

    func testDocx() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        <w:p><w:r><w:t>政府工作报告</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">各位代表</w:t></w:r><w:r><w:t>：</w:t></w:r></w:p>
        <w:p><w:r><w:t>地区生产总值增长</w:t></w:r><w:r><w:t>5%左右。</w:t></w:r><w:r><w:br/><w:t>第二行。</w:t></w:r></w:p>
        </w:body></w:document>
        """
        let archive = try Archive(accessMode: .create)
        let data = Data(xml.utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: .deflate) { (pos: Int64, size: Int) -> Data in data.subdata(in: Int(pos)..<Int(pos) + size) }
        let st = try TextPipeline.process([UInt8](try XCTUnwrap(archive.data)))
        XCTAssertEqual(st.source.format, "docx")
        XCTAssertEqual(st.text, "政府工作报告\n各位代表：\n地区生产总值增长5%左右。\n第二行。")

        // A ZIP that is not a .docx, and a broken ZIP.
        let other = try Archive(accessMode: .create)
        try other.addEntry(with: "a.txt", type: .file, uncompressedSize: 3, compressionMethod: .none) { (_: Int64, _: Int) -> Data in Data("abc".utf8) }
        XCTAssertEqual(code([UInt8](try XCTUnwrap(other.data))), "bad_docx")
        XCTAssertEqual(code([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), "bad_docx")
    }

    func testTooLarge() {
        XCTAssertEqual(code([UInt8](repeating: 0x41, count: InputDecoder.maxBytes + 1)), "too_large")
    }
}

final class RepairTests: XCTestCase {
    func testAFewCorruptBytesInUTF8AreDropped() throws {
        var b = Array(String(repeating: "地区生产总值增长5%左右，一般公共预算收入增长3%。\n", count: 40).utf8)
        b[100] = 0xFF
        b[700] = 0x80
        let st = try TextPipeline.process(b)
        XCTAssertEqual(st.source.encoding, "utf-8-repaired")
        XCTAssertGreaterThanOrEqual(st.sentences.count, 39)
        // Many bad bytes: not repaired.
        var noisy = b
        for k in stride(from: 0, to: noisy.count, by: 50) { noisy[k] = 0xFF }
        XCTAssertThrowsError(try TextPipeline.process(noisy))
    }
}
