// The panel of ../shared/corpus and ../shared/wild, extracted here in-process: every row keyed, the
// files as documented, region codes found, the GDP pairs of consecutive reports made, and a few
// pairs checked by hand against the texts (target in one report, result in the next).
import Foundation
import XCTest
import GRDB
import JobContract
import ReportExtraction
import ReportText
import TestSupport
@testable import Panel

final class CollectionPanelTests: XCTestCase {
    static let shared = DocumentFixtures.corpusDirectory.deletingLastPathComponent()

    /// Records of every file of the two collections, as `extract --no-words` makes them (made once).
    static let records: [PanelRecord] = {
        var out: [PanelRecord] = []
        for folder in ["corpus", "wild"] {
            let dir = shared.appendingPathComponent(folder)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            for name in names where name.hasSuffix(".txt") || name.hasSuffix(".md") {
                guard name != "README.md", let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { continue }
                let source = RecordSource(name: name, path: "\(folder)/\(name)", bytes: data.count)
                guard let text = try? TextPipeline.process([UInt8](data)) else {
                    out.append(PanelRecord(envelope: RecordEnvelope(jobID: "t", source: source, outcome: .error(RecordError(.noText, "-"))),
                                           document: nil, targets: [], indicators: []))
                    continue
                }
                let x = Extractor.extract(text)
                out.append(PanelRecord(envelope: RecordEnvelope(jobID: "t", source: source, outcome: .ok), document: x.document,
                                       targets: x.targets, indicators: x.indicators))
            }
        }
        return out
    }()

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: Self.shared.appendingPathComponent("wild/labels.tsv").path) else {
            throw XCTSkip("../shared/wild is absent")
        }
    }

    func testEveryRowIsKeyedAndRegionsHaveCodes() throws {
        let panel = Panel(records: Self.records)
        XCTAssertGreaterThan(panel.documents.count, 370)
        let ids = Set(panel.documents.map(\.documentID))
        XCTAssertEqual(ids.count, panel.documents.count)
        XCTAssertTrue(panel.targets.allSatisfy { ids.contains($0.documentID) })
        XCTAssertTrue(panel.indicators.allSatisfy { ids.contains($0.documentID) })
        XCTAssertTrue(panel.outcomes.allSatisfy { o in [o.targetDocumentID, o.actualDocumentID].allSatisfy { $0 == nil || ids.contains($0!) } })
        XCTAssertTrue(panel.documents.allSatisfy { d in d.duplicateOf.map { ids.contains($0) && panel.documents[$0 - 1].duplicateOf == nil } ?? true })

        let canonical = panel.canonicalDocuments
        let coded = canonical.filter { $0.regionCode != nil }
        let missing = canonical.filter { $0.regionCode == nil }.map { $0.region ?? "-" }
        print("region codes: \(coded.count)/\(canonical.count); without: \(missing)")
        XCTAssertGreaterThanOrEqual(Double(coded.count) / Double(canonical.count), 0.99)
        // A code's prefix is its province: every city code of 江苏 reports starts with 32.
        for d in canonical where d.region?.hasPrefix("苏州") == true || d.region == "宿迁市" { XCTAssertTrue(d.regionCode!.hasPrefix("32")) }

        let numeric = panel.targets.filter { $0.value != nil && [.growth, .level, .change].contains($0.measure) }
        let withCode = numeric.filter { $0.code != nil }.count
        print("numeric targets with a code: \(withCode)/\(numeric.count)")
        XCTAssertGreaterThanOrEqual(Double(withCode) / Double(numeric.count), 0.90)
    }

    /// Every region with two consecutive reports where the first sets a GDP growth target and the
    /// second states that year's GDP growth has the pair compared.
    func testConsecutiveReportsPairTheirGDPFigures() throws {
        let panel = Panel(records: Self.records)
        var byRegionYear: [String: DocumentRow] = [:]
        for d in panel.canonicalDocuments where d.docType == .governmentWorkReport { byRegionYear["\(d.region!) \(d.planYear!)"] = d }
        var expected = 0, paired = 0
        for d in panel.canonicalDocuments where d.docType == .governmentWorkReport {
            guard let next = byRegionYear["\(d.region!) \(d.planYear! + 1)"] else { continue }
            let target = panel.targets.contains { $0.documentID == d.documentID && $0.code == "gdp" && $0.measure == .growth && $0.value != nil }
            let result = panel.indicators.contains { $0.documentID == next.documentID && $0.code == "gdp" && $0.year == d.planYear && $0.growth != nil }
            guard target && result else { continue }
            expected += 1
            let row = panel.outcomes.first { $0.region == d.region && $0.year == d.planYear && $0.code == "gdp" && $0.measure == .growth }
            XCTAssertNotNil(row?.met, "\(d.region!) \(d.planYear!): target and result are there but not compared")
            if row?.met != nil { paired += 1 }
        }
        print("GDP growth pairs of consecutive reports: \(paired)/\(expected)")
        XCTAssertGreaterThanOrEqual(expected, 25)
    }

    /// Checked by hand in the texts: the target in the report planning the year, the growth in the next one.
    func testPairsCheckedByHand() throws {
        let panel = Panel(records: Self.records)
        func gdp(_ region: String, _ year: Int) -> OutcomeRow? {
            panel.outcomes.first { $0.region == region && $0.year == year && $0.code == "gdp" && $0.measure == .growth }
        }
        let cases: [(String, Int, Double, Double?, String?, Double, Bool)] = [
            ("贵阳市", 2010, 13, nil, nil, 14.3, true),      // 全市生产总值增长13% / 生产总值增长14.3%
            ("长春市", 2023, 6.5, nil, "左右", 6.6, true),   // 增长6.5％左右 / 达到7002.1亿元、增长6.6%
            ("宁波市", 2014, 8.5, nil, nil, 7.6, false),     // 增长8.5% / 7602.5亿元，增长7.6%
            ("吉林省", 2020, 5, 6, nil, 2.4, false),         // 增长5%－6% / 地区生产总值增长2.4%
        ]
        for (region, year, target, targetMax, qualifier, actual, met) in cases {
            let row = try XCTUnwrap(gdp(region, year), "\(region) \(year)")
            XCTAssertEqual(row.targetValue, target, "\(region) \(year)")
            XCTAssertEqual(row.targetValueMax, targetMax, "\(region) \(year)")
            XCTAssertEqual(row.qualifier, qualifier, "\(region) \(year)")
            XCTAssertEqual(row.actualValue, actual, "\(region) \(year)")
            XCTAssertEqual(row.met, met, "\(region) \(year)")
        }
    }

    func testFilesAndDatabaseAsDocumented() throws {
        let panel = Panel(records: Self.records)
        let dir = temporaryDirectory(self, prefix: "reportq-panel")
        try PanelOutput.write(panel, to: dir)
        // The CSVs: the schema's header, one row per table row.
        func csvRows(_ file: PanelFile) throws -> [[String]] {
            try CSVReader.rows(String(contentsOfFile: (dir as NSString).appendingPathComponent(file.rawValue), encoding: .utf8))
        }
        let documents = try csvRows(.documents), targets = try csvRows(.targets)
        let indicators = try csvRows(.indicators), outcomes = try csvRows(.targetVsActual)
        XCTAssertEqual(documents.first, PanelSchema.documents.columns.map(\.name))
        XCTAssertEqual(targets.first, PanelSchema.targets.columns.map(\.name))
        XCTAssertEqual(outcomes.first, PanelSchema.outcomes.columns.map(\.name))
        XCTAssertEqual(documents.count - 1, panel.documents.count)
        XCTAssertEqual(targets.count - 1, panel.targets.count)
        XCTAssertEqual(indicators.count - 1, panel.indicators.count)
        XCTAssertEqual(outcomes.count - 1, panel.outcomes.count)
        XCTAssertTrue(documents.dropFirst().allSatisfy { $0.count == PanelSchema.documents.columns.count })
        let met = outcomes[0].firstIndex(of: "met")!
        XCTAssertEqual(Set(outcomes.dropFirst().map { $0[met] }), ["true", "false", ""])

        // The database: same counts, keys that hold, the views.
        let db = try DatabaseQueue(path: (dir as NSString).appendingPathComponent(PanelFile.database.rawValue))
        try db.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents"), panel.documents.count)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM targets"), panel.targets.count)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM target_vs_actual"), panel.outcomes.count)
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, 0)
            let gdpPairs = panel.outcomes.filter { $0.code == "gdp" && $0.measure == .growth && $0.met != nil }.count
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM gdp_vs_actual"), gdpPairs)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM missed_targets"), panel.outcomes.filter { $0.met == false }.count)
            let wide = try Row.fetchAll(db, sql: "SELECT region, plan_year, gdp_growth FROM targets_wide WHERE region = '贵阳市' AND plan_year = 2010")
            XCTAssertEqual(wide.first?["gdp_growth"] as Double?, 13)
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
            XCTAssertTrue(indexes.contains("target_vs_actual_code_region_year"), "\(indexes)")
        }
    }
}

/// RFC 4180 rows, for reading back what CSVWriter wrote.
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r": break
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
