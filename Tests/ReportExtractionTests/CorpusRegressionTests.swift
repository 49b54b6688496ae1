// Regression against the hand-made gold for the corpus files (../shared/corpus, ../shared/gold):
// the text pipeline prepares each file, the extractor runs, the evaluator scores. The bars are
// the project's: GDP target right on every file, metadata ≥ 98 %, targets F1 ≥ 0.95.
import XCTest
import Foundation
import ReportText
@testable import ReportExtraction
import ExtractionScoring

final class CorpusRegressionTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    static func loadGold() throws -> [GoldRecord] {
        let data = try Data(contentsOf: root.appendingPathComponent("gold/gold_dev.json"))
        return try JSONDecoder().decode([GoldRecord].self, from: data)
    }

    static func run(_ file: String) throws -> Extraction {
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("corpus").appendingPathComponent(file)))
        return Extractor.extract(try TextPipeline.process(bytes))
    }

    func testCorpusAgainstGold() throws {
        let gold = try Self.loadGold()
        var preds: [PredictedRecord] = []
        for g in gold { preds.append(PredictedRecord(name: g.file, extraction: try Self.run(g.file))) }
        let r = Evaluator.evaluate(gold: gold, predicted: preds)
        for f in r.perFile where !(f.missed.isEmpty && f.spurious.isEmpty && f.fieldDiffs.isEmpty) {
            print("## \(f.file) matched \(f.targetsMatched)/\(f.targetsGold) predicted \(f.targetsPredicted)")
            for d in f.fieldDiffs { print("   field  \(d)") }
            for m in f.missed { print("   missed \(m)") }
            for s in f.spurious { print("   extra  \(s)") }
        }
        print("fields:", r.fieldAccuracy.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print("targets P=\(r.targetPrecision) R=\(r.targetRecall) F1=\(r.targetF1) gdpTarget=\(r.gdpTargetAccuracy) gdpActual=\(r.gdpActualAccuracy)")
        XCTAssertEqual(r.gdpTargetAccuracy, 1.0, "GDP target must be right on every file")
        XCTAssertGreaterThanOrEqual(r.targetF1, 0.95)
        for (k, v) in r.fieldAccuracy { XCTAssertGreaterThanOrEqual(v, 0.98, "field \(k)") }
    }
}
