// The panel's tables from records made here: keys, the duplicate rule, and the pairing of a year's
// target with the result the next report gives, with the statuses that tell "not set" from "not found".
import Foundation
import XCTest
import JobContract
import ReportExtraction
@testable import Panel

final class PanelTablesTests: XCTestCase {
    func record(_ path: String, region: String?, plan: Int?, docType: DocType = .governmentWorkReport, meeting: String? = nil,
                targets: [Target] = [], indicators: [Indicator] = []) -> PanelRecord {
        let source = RecordSource(name: (path as NSString).lastPathComponent, path: path, sha256: String(repeating: "a", count: 64), bytes: 100)
        let document = DocumentInfo(docType: docType, title: "政府工作报告", region: region, regionLevel: .city, meetingDate: meeting,
                                    reviewYear: plan.map { $0 - 1 }, planYear: plan)
        return PanelRecord(envelope: RecordEnvelope(jobID: "local-1", source: source, outcome: .ok), document: document,
                           targets: targets, indicators: indicators)
    }

    func gdpTarget(_ v: Double, _ q: String? = nil) -> Target {
        Target(indicator: "地区生产总值", code: "gdp", measure: .growth, value: v, unit: "%", qualifier: q, text: "地区生产总值增长\(v)%")
    }

    func gdpResult(_ year: Int, growth: Double?, level: Double? = nil) -> Indicator {
        Indicator(indicator: "地区生产总值", code: "gdp", year: year, value: level, unit: level == nil ? nil : "亿元", growth: growth, text: "…")
    }

    func testTargetMeetsTheNextReportsResult() throws {
        let panel = Panel(records: [
            record("a/2021.txt", region: "河池市", plan: 2021, targets: [gdpTarget(7, "左右")]),
            record("a/2022.txt", region: "河池市", plan: 2022, targets: [gdpTarget(6.5, "以上")],
                   indicators: [gdpResult(2021, growth: 6.6, level: 1000.3)]),
            record("a/2023.txt", region: "河池市", plan: 2023, indicators: [gdpResult(2022, growth: 5.1)]),
            record("a/2024.txt", region: "河池市", plan: 2024, targets: [gdpTarget(5)], indicators: [gdpResult(2023, growth: 5.3)]),
        ])
        XCTAssertEqual(panel.documents.map(\.regionCode), ["451200", "451200", "451200", "451200"])
        let growth = panel.outcomes.filter { $0.code == "gdp" && $0.measure == .growth }
        XCTAssertEqual(growth.map(\.year), [2021, 2022, 2023, 2024])
        XCTAssertEqual(growth[0].targetValue, 7); XCTAssertEqual(growth[0].actualValue, 6.6)
        XCTAssertEqual(growth[0].met, true, "6.6 is about 7 (7左右 tolerates 0.5)")
        XCTAssertEqual(growth[0].targetDocumentID, 1); XCTAssertEqual(growth[0].actualDocumentID, 2)
        XCTAssertEqual(growth[1].met, false); XCTAssertEqual(growth[1].gap!, -1.4, accuracy: 1e-9)
        // 2023: the report planning it sets no GDP target; the result is there.
        XCTAssertEqual(growth[2].targetStatus, .notFound)
        XCTAssertEqual(growth[2].actualStatus, .reported)
        XCTAssertNil(growth[2].met)
        // 2024: nothing reviews it yet.
        XCTAssertEqual(growth[3].targetStatus, .set)
        XCTAssertEqual(growth[3].actualStatus, .noDocument)
        XCTAssertNil(growth[3].met)
        // The 2021 level is a result without a level target: reported, not compared.
        let level = try XCTUnwrap(panel.outcomes.first { $0.measure == .level })
        XCTAssertEqual(level.actualValue, 1000.3); XCTAssertEqual(level.targetStatus, .notFound); XCTAssertNil(level.met)
    }

    func testNotSetIsNeitherATargetNorAMiss() throws {
        let notSet = Target(indicator: "经济增长", code: "gdp", measure: .notSet, text: "不提出全年经济增长具体目标")
        let panel = Panel(records: [
            record("b/2020.txt", region: "湖北省", plan: 2020, targets: [notSet]),
            record("b/2021.txt", region: "湖北省", plan: 2021, indicators: [gdpResult(2020, growth: -5)]),
        ])
        let row = try XCTUnwrap(panel.outcomes.first { $0.year == 2020 && $0.code == "gdp" })
        XCTAssertEqual(row.targetStatus, .notSet)
        XCTAssertEqual(row.actualStatus, .reported)
        XCTAssertEqual(row.actualValue, -5)
        XCTAssertNil(row.met)
        XCTAssertNil(row.gap)
    }

    func testDuplicatesPointToTheMostCompleteCopy() {
        let panel = Panel(records: [
            record("news/济南.html", region: "济南市", plan: 2023, targets: [gdpTarget(6)]),
            record("reports/济南.txt", region: "济南市", plan: 2023, meeting: "2023-01-10", targets: [gdpTarget(6)]),
            record("reports/济南-plan.txt", region: "济南市", plan: 2023, docType: .developmentPlan, targets: [gdpTarget(6)]),
            record("reports/济南-2024.txt", region: "济南市", plan: 2024, targets: [gdpTarget(5)]),
        ])
        XCTAssertEqual(panel.documents.map(\.duplicateOf), [2, nil, nil, nil],
                       "same region, year and kind: the copy with a meeting date is canonical; a plan is another kind")
        XCTAssertEqual(panel.canonicalDocuments.count, 3)
        XCTAssertEqual(panel.outcomes.filter { $0.year == 2023 && $0.code == "gdp" }.first?.targetDocumentID, 2,
                       "the work report, not the development plan, gives the year's target")
    }

    /// Two spellings of one division are one region: its code joins them; a name several divisions share
    /// joins nothing.
    func testRegionsJoinByTheirCode() throws {
        let panel = Panel(records: [
            record("x/2021.txt", region: "江苏省宿迁市", plan: 2021, targets: [gdpTarget(7)]),
            record("x/2022.txt", region: "宿迁市", plan: 2022, indicators: [gdpResult(2021, growth: 9)]),
            record("y/2021.txt", region: "济南市市中区", plan: 2021, targets: [gdpTarget(6)]),
            record("y/2022.txt", region: "市中区", plan: 2022, indicators: [gdpResult(2021, growth: 6.2)]),
        ])
        XCTAssertEqual(panel.documents.map(\.regionCode), ["321300", "321300", "370103", nil])
        let suqian = try XCTUnwrap(panel.outcomes.first { $0.regionCode == "321300" && $0.code == "gdp" })
        XCTAssertEqual(suqian.met, true)
        XCTAssertEqual(suqian.region, "江苏省宿迁市", "the name of the first document of the region")
        let jinan = try XCTUnwrap(panel.outcomes.first { $0.regionCode == "370103" && $0.code == "gdp" })
        XCTAssertEqual(jinan.actualStatus, .noDocument, "市中区 alone cannot be told from 枣庄's or 乐山's")
    }

    func testErrorRecordsAreRowsButNeverPaired() {
        let source = RecordSource(name: "bad.pdf", path: "in/bad.pdf", bytes: 10)
        let bad = PanelRecord(envelope: RecordEnvelope(jobID: "x", source: source, outcome: .error(RecordError(.pdfNoText, "scanned"))),
                              document: nil, targets: [], indicators: [])
        let panel = Panel(records: [bad, record("ok.txt", region: "河池市", plan: 2022, targets: [gdpTarget(6)])])
        XCTAssertEqual(panel.documents.count, 2)
        XCTAssertEqual(panel.documents[0].status, .error)
        XCTAssertEqual(panel.documents[0].errorCode, "pdf_no_text")
        XCTAssertEqual(panel.outcomes.count, 1)
    }

    func testReadingLinesSkipsWhatIsNoRecordAndLeavesAHalfWrittenLastLine() throws {
        let good = record("ok.txt", region: "河池市", plan: 2022, targets: [gdpTarget(6)])
        var w = JSONWriterLine.line(for: good)
        w += Array("{\"not\": \"a record\"}\n".utf8)
        w += Array("{\"job_id\":\"local-9\",\"status\":\"ok\"".utf8)   // no newline yet
        var reading = PanelReading()
        reading.add(w, from: "out.jsonl")
        XCTAssertEqual(reading.records.count, 1)
        XCTAssertEqual(reading.records.first?.targets.first?.value, 6)
        XCTAssertEqual(reading.skipped.count, 1)
        XCTAssertTrue(reading.skipped[0].hasPrefix("out.jsonl:2:"), reading.skipped[0])
        XCTAssertEqual(reading.incompleteLastLines, ["out.jsonl:3"])
    }
}

/// A record as `extract` writes it: the contract's envelope, then the body's members.
enum JSONWriterLine {
    static func line(for r: PanelRecord) -> [UInt8] {
        var envelope = r.envelope.line()
        envelope.removeLast()                           // "}"
        let encoder = JSONEncoder()
        let document = try! encoder.encode(r.document)
        let targets = try! encoder.encode(r.targets)
        let indicators = try! encoder.encode(r.indicators)
        return envelope + Array(",\"document\":".utf8) + Array(document) + Array(",\"targets\":".utf8) + Array(targets)
            + Array(",\"indicators\":".utf8) + Array(indicators) + Array("}\n".utf8)
    }
}
