// Number, unit, date and congress scanners on hand-written inputs.
import XCTest
@testable import ReportExtraction

final class ScannerTests: XCTestCase {
    func chinese(_ s: String, magnitudes: Bool = false) -> Double? { NumberScanner.chinese(sc(s), at: 0, allowMagnitudes: magnitudes)?.value }
    func arabic(_ s: String) -> Double? { NumberScanner.arabic(sc(s), at: 0)?.value }

    func testChineseNumerals() {
        XCTAssertEqual(chinese("二〇二六"), 2026)
        XCTAssertEqual(chinese("一九九八"), 1998)
        XCTAssertEqual(chinese("二十七"), 27)
        XCTAssertEqual(chinese("十四"), 14)
        XCTAssertEqual(chinese("十"), 10)
        XCTAssertEqual(chinese("一百二十"), 120)
        XCTAssertEqual(chinese("一百零五"), 105)
        XCTAssertEqual(chinese("两千"), 2000)
        XCTAssertEqual(chinese("三千五百万", magnitudes: true), 35_000_000)
        XCTAssertEqual(chinese("一亿二千万", magnitudes: true), 120_000_000)
        XCTAssertEqual(chinese("三千五百万"), 3500)     // 万 left for the unit
        XCTAssertNil(chinese("三四"))                    // "three or four" is not a number
        XCTAssertNil(chinese("年"))
    }

    func testChineseFigures() {
        let f = { (s: String) in NumberScanner.chineseFigure(sc(s), at: 0).map { "\($0.value)\($0.percent ? "%" : "")" } }
        XCTAssertEqual(f("百分之四点三"), "4.3%")
        XCTAssertEqual(f("百分之十二"), "12.0%")
        XCTAssertEqual(f("三百八十四亿元"), "384.0")
        XCTAssertEqual(f("四点三"), "4.3")
        XCTAssertNil(f("亿元"))
    }

    func testArabicNumerals() {
        XCTAssertEqual(arabic("12027.5亿元"), 12027.5)
        XCTAssertEqual(arabic("12,027.5"), 12027.5)
        XCTAssertEqual(arabic("1 029亿元"), 1029)            // digit groups printed with a space
        XCTAssertEqual(arabic("53 401套"), 53401)
        XCTAssertEqual(arabic("2 311.43亿元"), 2311.43)
        XCTAssertEqual(arabic("2023 123"), 2023)             // a group of four is no thousands group
        XCTAssertEqual(arabic("5 12个"), 5)                  // nor two digits after the space
        XCTAssertEqual(arabic("５.５％"), 5.5)
        XCTAssertEqual(arabic("3.42%"), 3.42)
        XCTAssertEqual(NumberScanner.arabic(sc("1.经济增长"), at: 0)?.end, 1)   // enumerator: "." not a decimal point
    }

    func testUnits() {
        func unit(_ s: String) -> ParsedUnit? { UnitScanner.unit(sc(s), at: 0) }
        XCTAssertEqual(unit("亿元")?.magnitude, 1e8)
        XCTAssertEqual(unit("万亿元")?.magnitude, 1e12)
        XCTAssertEqual(unit("万人以上")?.written, "万人")
        XCTAssertEqual(unit("万人")?.base, "人")
        XCTAssertEqual(unit("个百分点")?.written, "个百分点")
        XCTAssertEqual(unit("万千瓦")?.base, "千瓦")
        XCTAssertEqual(unit("千瓦时")?.written, "千瓦时")
        XCTAssertEqual(unit("亿斤")?.written, "亿斤")
        XCTAssertEqual(unit("微克/立方米左右")?.written, "微克/立方米")
        XCTAssertEqual(unit(" %")?.written, "%")
        XCTAssertEqual(unit("多亿元")?.written, "亿元")
        XCTAssertNil(unit("年"))
        XCTAssertNil(unit("月"))
    }

    func testDates() {
        XCTAssertEqual(DateScanner.firstDate(sc("——二〇二六年一月二十七日在甘肃省"), from: 0, to: 40)?.0.iso, "2026-01-27")
        XCTAssertEqual(DateScanner.firstDate(sc("——2025年1月8日在济南市市中区"), from: 0, to: 40)?.0.iso, "2025-01-08")
        XCTAssertEqual(DateScanner.firstDate(sc("2022年12月26日"), from: 0, to: 40)?.0.iso, "2022-12-26")
        XCTAssertNil(DateScanner.firstDate(sc("2025年13月1日"), from: 0, to: 40))
    }

    func testCongress() {
        func c(_ s: String) -> String? {
            DateScanner.congress(sc(s), from: 0, to: s.unicodeScalars.count).map { "\($0.term)/\($0.session)" }
        }
        XCTAssertEqual(c("在北京市第十六届人民代表大会第四次会议上"), "16/4")
        XCTAssertEqual(c("在甘肃省十四届人民代表大会第四次会议上"), "14/4")
        XCTAssertEqual(c("在济南市第十八届人民代表大会第二次会议上"), "18/2")
        XCTAssertEqual(c("在市十五届人大三次会议上"), "15/3")
        XCTAssertEqual(c("第二十一届人民代表大会第一次会议"), "21/1")
        XCTAssertNil(c("第十四届人民代表大会常务委员会第十次会议"))
    }
}

final class UnitSpellingTests: XCTestCase {
    func testBaseUnitsThatLookLikeMagnitudes() {
        XCTAssertEqual(UnitScanner.unit(sc("千瓦时"), at: 0)?.magnitude, 1)
        XCTAssertEqual(UnitScanner.unit(sc("千瓦"), at: 0)?.magnitude, 1)
        XCTAssertEqual(UnitScanner.unit(sc("千米"), at: 0)?.base, "千米")
        XCTAssertEqual(UnitScanner.unit(sc("千克"), at: 0)?.magnitude, 1)
        XCTAssertEqual(UnitScanner.unit(sc("万多人"), at: 0)?.written, "万人")
        XCTAssertEqual(UnitScanner.unit(sc("万多人"), at: 0)?.magnitude, 1e4)
    }
}
