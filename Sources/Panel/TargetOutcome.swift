// Targets against what happened: the target a region set for year Y (in the report whose plan year
// is Y) beside the result for Y that the next report gives (the one whose review year is Y), per
// indicator code and measure. docs/PANEL.md states the rules; they are all here.
import ReportExtraction

/// Which side of the target a result must fall on.
public enum TargetDirection: String, Sendable {
    case floor      // at least the target: growth, income, revenue, jobs
    case ceiling    // at most the target: prices, unemployment, energy use per unit of GDP
}

public enum TargetStatus: String, Sendable {
    case set                        // a numeric target with this code and measure
    case notSet = "not_set"         // the report says it sets none (不提出全年经济增长具体目标)
    case notFound = "not_found"     // the report of that plan year is there, no such target was read from it
    case noDocument = "no_document" // no report of that region planning that year among the inputs
}

public enum ActualStatus: String, Sendable {
    case reported                   // the next report gives the year's figure
    case notFound = "not_found"     // the next report is there, no such figure was read from it
    case noDocument = "no_document" // no report of that region reviewing that year among the inputs
}

/// What the pair says: the measures the panel compares are growth (a target growth against the
/// growth reported) and level (a target level against the level reported, in the same unit).
public enum ComparedMeasure: String, Sendable, CaseIterable { case growth, level }

public struct OutcomeRow: Sendable, Equatable {
    public var region: String
    public var regionCode: String?
    public var year: Int
    public var code: String
    public var measure: ComparedMeasure
    public var targetDocumentID: Int?
    public var targetStatus: TargetStatus
    public var targetValue: Double?
    public var targetValueMax: Double?
    public var targetUnit: String?
    public var qualifier: String?
    public var targetText: String?
    public var actualDocumentID: Int?
    public var actualStatus: ActualStatus
    public var actualValue: Double?
    public var actualUnit: String?
    public var actualText: String?
    public var direction: TargetDirection?
    /// actual − target (the lower bound of a range for a floor, the upper for a ceiling).
    public var gap: Double?
    /// nil unless both a target and a result are there.
    public var met: Bool?
}

public enum MetRule {
    /// Indicators whose targets are upper bounds when the qualifier does not say.
    public static let ceilingCodes: Set<String> = [
        "cpi", "registered_unemployment", "urban_unemployment", "population_growth", "pm25", "energy_intensity", "carbon_intensity",
    ]
    /// Qualifier words and the side they put the target on, negated words first (不低于 holds 低于).
    static let qualifierDirections: [(word: String, direction: TargetDirection)] = [
        ("不低于", .floor), ("不少于", .floor), ("不超过", .ceiling), ("不高于", .ceiling),
        ("以内", .ceiling), ("以下", .ceiling), ("低于", .ceiling), ("控制在", .ceiling),
        ("以上", .floor), ("超过", .floor), ("高于", .floor),
    ]

    /// The qualifier decides first (控制在…以内 is a ceiling, …以上 a floor); else the indicator.
    public static func direction(code: String, qualifier: String?) -> TargetDirection {
        if let q = qualifier, let hit = qualifierDirections.first(where: { q.contains($0.word) }) { return hit.direction }
        return ceilingCodes.contains(code) ? .ceiling : .floor
    }

    /// "About X" (左右) is met by a result that rounds to X at the precision X is stated in: half a unit
    /// of X's last digit on the wrong side (7%左右: 6.5; 6.5%左右: 6.45). Otherwise the bound is exact.
    public static func tolerance(value: Double, qualifier: String?) -> Double {
        guard let q = qualifier, q.contains("左右") else { return 0 }
        return 0.5 * lastDigitUnit(value)
    }

    /// 7 → 1, 6.5 → 0.1, 3.25 → 0.01, 300 → 1.
    static func lastDigitUnit(_ v: Double) -> Double {
        var unit = 1.0
        for _ in 0..<4 {
            let scaled = v / unit
            if abs(scaled - scaled.rounded()) < 1e-9 { return unit }
            unit /= 10
        }
        return unit
    }

    /// gap and met for a target [value, valueMax] against a result.
    public static func judge(code: String, value: Double, valueMax: Double?, qualifier: String?, actual: Double)
        -> (direction: TargetDirection, gap: Double, met: Bool) {
        let direction = direction(code: code, qualifier: qualifier)
        let tolerance = tolerance(value: direction == .floor ? value : (valueMax ?? value), qualifier: qualifier)
        switch direction {
        case .floor:
            let gap = actual - value
            return (direction, gap, gap >= -tolerance - 1e-9)
        case .ceiling:
            let bound = valueMax ?? value
            let gap = actual - bound
            return (direction, gap, gap <= tolerance + 1e-9)
        }
    }
}

enum OutcomeTable {
    struct Key: Hashable { var region: String; var year: Int; var code: String; var measure: ComparedMeasure }   // region: Panel.regionKey

    static func build(documents: [DocumentRow], targets: [TargetRow], indicators: [IndicatorRow]) -> [OutcomeRow] {
        let canonical = documents.filter(\.isCanonical)
        // A region's report planning Y and the one reviewing Y (a development plan and a work report of the
        // same year both qualify; the work report is preferred, as it is the one that reviews and sets).
        var planning: [String: [Int: DocumentRow]] = [:], reviewing: [String: [Int: DocumentRow]] = [:]
        func prefer(_ a: DocumentRow?, _ b: DocumentRow) -> DocumentRow {
            guard let a else { return b }
            if a.docType != .governmentWorkReport && b.docType == .governmentWorkReport { return b }
            return a
        }
        // Regions by code where they have one: a region spelled two ways is one region.
        var names: [String: String] = [:]
        for d in canonical {
            let key = Panel.regionKey(d)!
            if names[key] == nil { names[key] = d.region! }
            planning[key, default: [:]][d.planYear!] = prefer(planning[key]?[d.planYear!], d)
            if let r = d.reviewYear { reviewing[key, default: [:]][r] = prefer(reviewing[key]?[r], d) }
        }
        var targetsOf: [Int: [TargetRow]] = [:], indicatorsOf: [Int: [IndicatorRow]] = [:]
        for t in targets { targetsOf[t.documentID, default: []].append(t) }
        for i in indicators { indicatorsOf[i.documentID, default: []].append(i) }

        var rows: [Key: OutcomeRow] = [:]
        func row(_ key: Key, regionCode: String?) -> OutcomeRow {
            rows[key] ?? OutcomeRow(region: names[key.region] ?? key.region, regionCode: regionCode, year: key.year, code: key.code, measure: key.measure,
                                    targetDocumentID: planning[key.region]?[key.year]?.documentID,
                                    targetStatus: planning[key.region]?[key.year] == nil ? .noDocument : .notFound,
                                    actualDocumentID: reviewing[key.region]?[key.year]?.documentID,
                                    actualStatus: reviewing[key.region]?[key.year] == nil ? .noDocument : .notFound)
        }
        // Targets: the first numeric target of each code and measure in the plan-year report.
        for (region, byYear) in planning {
            for (year, d) in byYear {
                for t in targetsOf[d.documentID] ?? [] {
                    guard let code = t.code else { continue }
                    if t.measure == .notSet {
                        let key = Key(region: region, year: year, code: code, measure: .growth)
                        var r = row(key, regionCode: d.regionCode)
                        if r.targetStatus != .set { r.targetStatus = .notSet; r.targetText = t.text; rows[key] = r }
                        continue
                    }
                    guard let measure = ComparedMeasure(rawValue: t.measure.rawValue), let value = t.value else { continue }
                    let key = Key(region: region, year: year, code: code, measure: measure)
                    var r = row(key, regionCode: d.regionCode)
                    guard r.targetStatus != .set else { continue }
                    r.targetStatus = .set; r.targetValue = value; r.targetValueMax = t.valueMax; r.targetUnit = t.unit
                    r.qualifier = t.qualifier; r.targetText = t.text
                    rows[key] = r
                }
            }
        }
        // Results: the review-year figures of the report reviewing that year.
        for (region, byYear) in reviewing {
            for (year, d) in byYear {
                for i in indicatorsOf[d.documentID] ?? [] where i.year == year {
                    guard let code = i.code else { continue }
                    if let g = i.growth {
                        let key = Key(region: region, year: year, code: code, measure: .growth)
                        var r = row(key, regionCode: d.regionCode)
                        if r.actualStatus != .reported {
                            r.actualStatus = .reported; r.actualValue = g; r.actualUnit = "%"; r.actualText = i.text; rows[key] = r
                        }
                    }
                    if let v = i.value {
                        let key = Key(region: region, year: year, code: code, measure: .level)
                        var r = row(key, regionCode: d.regionCode)
                        if r.actualStatus != .reported {
                            r.actualStatus = .reported; r.actualValue = v; r.actualUnit = i.unit; r.actualText = i.text; rows[key] = r
                        }
                    }
                }
            }
        }
        // Judge the pairs; a level in another unit (亿元 against 万亿元) is converted, else not compared.
        for (key, var r) in rows where r.targetStatus == .set && r.actualStatus == .reported {
            guard let tv = r.targetValue, var actual = r.actualValue else { continue }
            if key.measure == .level {
                guard let tu = r.targetUnit, let au = r.actualUnit, let scale = unitScale(from: au, to: tu) else { continue }
                actual *= scale
            } else if let tu = r.targetUnit, tu != "%" {
                continue
            }
            let verdict = MetRule.judge(code: key.code, value: tv, valueMax: r.targetValueMax, qualifier: r.qualifier, actual: actual)
            r.direction = verdict.direction; r.gap = (verdict.gap * 1e6).rounded() / 1e6; r.met = verdict.met
            rows[key] = r
        }
        return rows.values.sorted {
            ($0.code == "gdp" ? 0 : 1, $0.code, $0.region, $0.year, $0.measure.rawValue)
                < ($1.code == "gdp" ? 0 : 1, $1.code, $1.region, $1.year, $1.measure.rawValue)
        }
    }

    /// How many `to` one `from` is, for the money and count units that results and targets share.
    static func unitScale(from: String, to: String) -> Double? {
        if from == to { return 1 }
        let scales: [String: Double] = ["元": 1, "万元": 1e4, "亿元": 1e8, "万亿元": 1e12, "万亿": 1e12]
        guard let f = scales[from], let t = scales[to] else { return nil }
        return f / t
    }
}
