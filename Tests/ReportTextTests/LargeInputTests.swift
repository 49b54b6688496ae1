import XCTest
@testable import ReportText

final class LargeInputTests: XCTestCase {
    /// 30 MB without a line break: one paragraph, one very long sentence; must finish.
    func testThirtyMegabyteSingleLine() throws {
        let unit = Array("地区生产总值增长5%左右，一般公共预算收入增长3%".utf8)
        var big = [UInt8](); big.reserveCapacity(30 << 20)
        while big.count + unit.count <= 30 << 20 { big.append(contentsOf: unit) }
        let st = try TextPipeline.process(big)
        XCTAssertEqual(st.paragraphs.count, 1)
        XCTAssertEqual(st.sentences.count, 1)
        let scalarsPerUnit = String(decoding: unit, as: UTF8.self).unicodeScalars.count
        XCTAssertEqual(st.paragraphs[0].end, scalarsPerUnit * (big.count / unit.count))
    }

    /// 30 MB of ASCII words: no Chinese text, a clear error.
    func testThirtyMegabytesWithoutChinese() {
        let big = [UInt8](repeating: 0x61, count: 30 << 20)
        XCTAssertThrowsError(try TextPipeline.process(big)) { e in
            XCTAssertEqual((e as? InputError)?.code, "no_text")
        }
    }
}
