// GB/T 2260 codes by name from the embedded table (data/region-codes.tsv).
import XCTest
@testable import Panel

final class RegionCodeTableTests: XCTestCase {
    let table = RegionCodeTable.standard

    func testNamesOfEachLevel() {
        XCTAssertEqual(table.code(for: "北京市"), "110000")
        XCTAssertEqual(table.code(for: "广西壮族自治区"), "450000")
        XCTAssertEqual(table.code(for: "河池市"), "451200")
        XCTAssertEqual(table.code(for: "宿迁市"), "321300")
        XCTAssertEqual(table.code(for: "延边朝鲜族自治州"), "222400")
        XCTAssertEqual(table.code(for: "中华人民共和国"), RegionCodeTable.nationalCode)
    }

    func testAParentBeforeAChildNamesTheChild() {
        XCTAssertEqual(table.code(for: "济南市市中区"), "370103")
        XCTAssertEqual(table.code(for: "北京市朝阳区"), "110105")
        XCTAssertEqual(table.code(for: "长春市朝阳区"), "220104")
    }

    func testAmbiguousAndUnknownNamesGetNoCode() {
        guard case .ambiguous(let codes) = table.match("朝阳区") else { return XCTFail("朝阳区 is two districts") }
        XCTAssertTrue(codes.contains("110105") && codes.contains("220104"))
        XCTAssertNil(table.code(for: "朝阳区"))
        XCTAssertEqual(table.match("不存在市"), .unknown)
        XCTAssertNil(table.code(for: nil))
    }

    func testFormerNamesStillFindTheirDivision() {
        // 海门市 became 海门区 (320614) in 2020: reports before that name the city.
        XCTAssertEqual(table.code(for: "海门市"), "320684")
        XCTAssertEqual(table.code(for: "海门区"), "320614")
    }

    func testTheTableIsTheGeneratedOne() {
        XCTAssertGreaterThan(table.byName.count, 2_500)
        XCTAssertTrue(RegionCodes.table.hasPrefix("# GB/T 2260"), "data/region-codes.tsv is embedded as written by scripts/region-codes.py")
    }
}
