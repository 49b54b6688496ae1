// The extractor on the raw corpus files (no cleaning at all: web chrome, markdown marks, Word
// bookmarks, spaced-out titles, ASCII punctuation left in). Extraction must not depend on a
// perfect cleaner; the Traditional file is left out (script conversion is the text stage's job).
import XCTest
import Foundation
@testable import ReportExtraction
import ExtractionScoring

final class RawTextTests: XCTestCase {
    func testRawCorpusTextStillScores() throws {
        let gold = try CorpusRegressionTests.loadGold().filter { !$0.file.hasPrefix("000_") }
        var preds: [PredictedRecord] = []
        for g in gold {
            let raw = try String(contentsOf: CorpusRegressionTests.root.appendingPathComponent("corpus/\(g.file)"), encoding: .utf8)
            preds.append(PredictedRecord(name: g.file, extraction: Extractor.extract(text: raw)))
        }
        let r = Evaluator.evaluate(gold: gold, predicted: preds)
        for f in r.perFile where !(f.missed.isEmpty && f.spurious.isEmpty && f.fieldDiffs.isEmpty) {
            print("## raw \(f.file)"); f.fieldDiffs.forEach { print("   field  \($0)") }
            f.missed.forEach { print("   missed \($0)") }; f.spurious.forEach { print("   extra  \($0)") }
        }
        print("raw: targets F1=\(r.targetF1) gdpTarget=\(r.gdpTargetAccuracy) fields=\(r.fieldAccuracy.sorted { $0.key < $1.key })")
        XCTAssertEqual(r.gdpTargetAccuracy, 1.0)
        XCTAssertGreaterThanOrEqual(r.targetF1, 0.95)
        for (k, v) in r.fieldAccuracy { XCTAssertGreaterThanOrEqual(v, 0.9, "raw field \(k)") }
    }
}
