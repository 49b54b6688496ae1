// Reports as a public collection publishes them (../shared/wild, Markdown with front matter), scored
// against hand annotations of their targets and review GDP (Fixtures/wild/gold.json, written from the
// texts before the rules that read them). The texts are read from ../shared/wild at run time and never
// copied into the repository; the test is skipped where that folder is absent.
// Every field is asserted: metadata (front matter included), targets, the GDP target, the review GDP.
import XCTest
import Foundation
import ReportText
@testable import ReportExtraction
import ExtractionScoring

final class WildFixtureTests: XCTestCase {
    static let gold = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/wild/gold.json")
    static let texts = CorpusRegressionTests.root.appendingPathComponent("wild")

    func testWildFixturesAgainstTheirGold() throws {
        guard FileManager.default.fileExists(atPath: Self.texts.path) else { throw XCTSkip("../shared/wild is absent") }
        let gold = try JSONDecoder().decode([GoldRecord].self, from: Data(contentsOf: Self.gold))
        XCTAssertGreaterThanOrEqual(gold.count, 12)
        let r = try scoreFixtures(gold: gold, texts: Self.texts)
        for (k, v) in r.fieldAccuracy { XCTAssertEqual(v, 1.0, "field \(k)") }
        XCTAssertEqual(r.targetF1, 1.0, accuracy: 1e-9)
        XCTAssertEqual(r.gdpTargetAccuracy, 1.0)
        XCTAssertEqual(r.gdpActualAccuracy, 1.0)
    }
}
