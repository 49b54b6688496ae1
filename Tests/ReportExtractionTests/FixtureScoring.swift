import Foundation
import ReportText
@testable import ReportExtraction
import ExtractionScoring

/// Fixture reports through the text pipeline and the extractor, scored against their gold like
/// `reportq eval`; the files that differ are printed (metadata diffs only when `fields`).
func scoreFixtures(gold: [GoldRecord], texts: URL, fields: Bool = true) throws -> EvalReport {
    var preds: [PredictedRecord] = []
    for g in gold {
        let bytes = try [UInt8](Data(contentsOf: texts.appendingPathComponent(g.file)))
        preds.append(PredictedRecord(name: g.file, extraction: Extractor.extract(try TextPipeline.process(bytes))))
    }
    let r = Evaluator.evaluate(gold: gold, predicted: preds)
    for f in r.perFile where !(f.missed.isEmpty && f.spurious.isEmpty && (!fields || f.fieldDiffs.isEmpty) && f.gdpTarget && f.gdpActual) {
        print("## \(f.file) matched \(f.targetsMatched)/\(f.targetsGold) predicted \(f.targetsPredicted) gdpTarget=\(f.gdpTarget) gdpActual=\(f.gdpActual)")
        for d in f.fieldDiffs where fields || d.hasPrefix("gdp_actual") { print("   field  \(d)") }
        for m in f.missed { print("   missed \(m)") }
        for s in f.spurious { print("   extra  \(s)") }
    }
    return r
}
