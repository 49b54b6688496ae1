// The wild corpus (../shared/wild: 362 reports 1983–2026 as a public collection publishes them)
// against its labels.tsv, scored as `reportq eval --labels` scores it. No target gold exists for
// these files; the checks are consistency at scale: region, level, plan year, review year, and a
// GDP growth target (or a stated "no target") in every report from 2000 on.
import XCTest
import Foundation
import ReportText
import ReportExtraction
import ExtractionScoring

final class WildConsistencyTests: XCTestCase {
    static let wild = CorpusRegressionTests.root.appendingPathComponent("wild")

    func testWildCorpusAgainstItsLabels() throws {
        let labelsURL = Self.wild.appendingPathComponent("labels.tsv")
        guard let tsv = try? String(contentsOf: labelsURL, encoding: .utf8) else {
            throw XCTSkip("no wild corpus at \(Self.wild.path)")
        }
        let labels = try ReportLabel.parse(tsv: tsv)
        XCTAssertGreaterThanOrEqual(labels.count, 300)
        var predicted: [PredictedRecord] = []
        for label in labels {
            let bytes = try [UInt8](Data(contentsOf: Self.wild.appendingPathComponent(label.file)))
            if let st = try? TextPipeline.process(bytes) {
                predicted.append(PredictedRecord(name: label.file, extraction: Extractor.extract(st)))
            } else {
                predicted.append(PredictedRecord(errorFor: label.file))
            }
        }
        let report = ConsistencyScorer.evaluate(labels: labels, predicted: predicted)
        for c in report.checks {
            print("wild \(c.check.rawValue): \(c.passed)/\(c.total) = \(String(format: "%.3f", c.rate))")
            for f in c.failures.prefix(10) { print("   \(f.file) expected \(f.expected) got \(f.got)") }
        }
        XCTAssertEqual(report.errorRecords, [])
        XCTAssertGreaterThanOrEqual(report.result(.region)!.rate, 0.98)
        XCTAssertGreaterThanOrEqual(report.result(.level)!.rate, 0.98)
        XCTAssertGreaterThanOrEqual(report.result(.planYear)!.rate, 0.98)
        XCTAssertGreaterThanOrEqual(report.result(.reviewYear)!.rate, 0.98)
        XCTAssertGreaterThanOrEqual(report.result(.gdpGrowthTarget)!.rate, 0.97)
    }
}
