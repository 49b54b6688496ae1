// The code table and its page (protocols/indicator-codes.md) say the same, and the wordings added
// for the panel read as the statistic they name, not as a neighbour.
import XCTest
import Foundation
import ReportExtraction

final class IndicatorCodeTests: XCTestCase {
    func testTheProtocolPageListsEveryCodeAndWording() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocols/indicator-codes.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        var rows: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = Set(cells[3].split(separator: " ").map(String.init))
        }
        XCTAssertEqual(Set(rows.keys), Set(IndicatorCodes.groups.map(\.code)), "codes on the page and in the table")
        for (code, names) in IndicatorCodes.groups {
            XCTAssertEqual(rows[code], Set(names), "wordings of \(code)")
            XCTAssertTrue(names.allSatisfy { IndicatorCodes.code(for: $0) == code }, "\(code): a wording another code also claims")
        }
    }

    func testStatisticsStayApart() {
        XCTAssertEqual(IndicatorCodes.code(for: "规模以上工业增加值"), "industrial_value_added")
        XCTAssertEqual(IndicatorCodes.code(for: "工业增加值"), "industry_value_added")
        XCTAssertEqual(IndicatorCodes.code(for: "工业总产值"), "industrial_output")
        XCTAssertEqual(IndicatorCodes.code(for: "实际利用外资"), "foreign_investment")
        XCTAssertEqual(IndicatorCodes.code(for: "实际利用外商直接投资"), "foreign_direct_investment")
        XCTAssertEqual(IndicatorCodes.code(for: "社会商品零售物价总水平"), "retail_price_index")
        XCTAssertEqual(IndicatorCodes.code(for: "居民消费价格"), "cpi")
        XCTAssertEqual(IndicatorCodes.code(for: "第三产业增加值"), "service_value_added")
        XCTAssertEqual(IndicatorCodes.code(for: "服务业增加值占地区生产总值比重"), "service_share")
    }

    func testALevelWordAloneMeansTheRegionsOwn() {
        XCTAssertEqual(IndicatorCodes.code(for: "市一般公共预算收入"), "fiscal_revenue")
        XCTAssertEqual(IndicatorCodes.code(for: "省财政总收入"), "total_fiscal_revenue")
        XCTAssertNil(IndicatorCodes.code(for: "市区居民人均可支配收入"), "市区 is part of the city, not the city")
        XCTAssertNil(IndicatorCodes.code(for: "县域经济总量"), "县域 outside a county's own report is the counties' sum")
    }
}
