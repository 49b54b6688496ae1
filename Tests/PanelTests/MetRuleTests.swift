// The met rule of docs/PANEL.md: direction from the qualifier, else from the indicator; 左右 tolerates
// half a unit of the target's last digit; a range is met from its lower bound (floor) or up to its
// upper bound (ceiling).
import XCTest
@testable import Panel

final class MetRuleTests: XCTestCase {
    func judge(_ code: String, _ value: Double, _ valueMax: Double? = nil, _ qualifier: String?, actual: Double) -> Bool {
        MetRule.judge(code: code, value: value, valueMax: valueMax, qualifier: qualifier, actual: actual).met
    }

    func testFloorTargets() {
        XCTAssertTrue(judge("gdp", 6, nil, "以上", actual: 6))
        XCTAssertFalse(judge("gdp", 6, nil, "以上", actual: 5.9))
        XCTAssertTrue(judge("gdp", 7.5, nil, nil, actual: 7.6))
        XCTAssertFalse(judge("gdp", 7.5, nil, nil, actual: 7.4))
        XCTAssertTrue(judge("retail_sales", 10, nil, "不低于", actual: 12.3))
    }

    func testAboutToleratesHalfTheLastDigit() {
        XCTAssertTrue(judge("gdp", 7, nil, "左右", actual: 6.5))
        XCTAssertFalse(judge("gdp", 7, nil, "左右", actual: 6.4))
        XCTAssertTrue(judge("gdp", 6.5, nil, "左右", actual: 6.45))
        XCTAssertFalse(judge("gdp", 6.5, nil, "左右", actual: 6.4))
        XCTAssertTrue(judge("gdp", 5, nil, "左右", actual: 9), "about X is a floor for growth: more is met")
        XCTAssertEqual(MetRule.lastDigitUnit(300), 1)
        XCTAssertEqual(MetRule.lastDigitUnit(3.25), 0.01, accuracy: 1e-12)
    }

    func testRanges() {
        XCTAssertTrue(judge("gdp", 6, 6.5, nil, actual: 6.0))
        XCTAssertFalse(judge("gdp", 6, 6.5, nil, actual: 5.9))
        XCTAssertTrue(judge("cpi", 2, 3, "控制在", actual: 3))
        XCTAssertFalse(judge("cpi", 2, 3, "控制在", actual: 3.2))
    }

    func testCeilingsFromQualifierOrIndicator() {
        XCTAssertEqual(MetRule.direction(code: "cpi", qualifier: nil), .ceiling)
        XCTAssertEqual(MetRule.direction(code: "cpi", qualifier: "左右"), .ceiling)
        XCTAssertEqual(MetRule.direction(code: "gdp", qualifier: "控制在+以内"), .ceiling)
        XCTAssertEqual(MetRule.direction(code: "registered_unemployment", qualifier: "以上"), .floor, "the qualifier decides first")
        XCTAssertTrue(judge("cpi", 3, nil, "左右", actual: 3.4))
        XCTAssertFalse(judge("cpi", 3, nil, "左右", actual: 3.6))
        XCTAssertTrue(judge("cpi", 3, nil, "左右", actual: -0.5), "prices below a ceiling meet it")
        XCTAssertTrue(judge("registered_unemployment", 4.5, nil, "控制在+以内", actual: 4.5))
        XCTAssertFalse(judge("registered_unemployment", 4.5, nil, "控制在+以内", actual: 4.51))
        let v = MetRule.judge(code: "cpi", value: 3, valueMax: nil, qualifier: "左右", actual: 2.2)
        XCTAssertEqual(v.gap, -0.8, accuracy: 1e-9)
    }
}
