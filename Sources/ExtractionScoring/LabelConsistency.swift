// Consistency of extraction output with what a collection's folders say about each report
// (`labels.tsv`: file name, level, region, delivery year), for `reportq eval --labels`.
//
// No target gold is needed; the checks are the ones a careful user runs first on a panel:
// - region: equal to the label's full official name;
// - level: equal to the label's level (province for provinces, autonomous regions and the four
//   municipalities; city for prefecture-level cities, autonomous prefectures and sub-provincial
//   cities; district and national are levels a label may also carry);
// - plan year: the delivery year or the next one (reports delivered in November or December
//   plan the next year);
// - review year: the plan year − 1;
// - GDP growth target: for reports delivered in 2000 or later, a target with code "gdp" and
//   measure "growth", or one with measure "not_set" (a report that says it sets no growth
//   target has answered the question).
// A label without a record, or a record with status "error", fails every check.
import ReportExtraction

/// One row of `labels.tsv`.
public struct ReportLabel: Sendable, Equatable {
    public var file: String
    public var level: String
    public var region: String
    public var year: Int
    public init(file: String, level: String, region: String, year: Int) {
        self.file = file; self.level = level; self.region = region; self.year = year
    }

    /// Rows of a tab-separated file with a header line naming at least `name`, `level`,
    /// `region` and `year` (in any order; other columns are ignored).
    public static func parse(tsv: String) throws -> [ReportLabel] {
        var lines = tsv.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) throws -> Int {
            guard let k = header.firstIndex(of: name) else { throw LabelError.missingColumn(name) }
            return k
        }
        let (n, l, r, y) = (try column("name"), try column("level"), try column("region"), try column("year"))
        return try lines.enumerated().compactMap { (k, line) in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count > max(n, l, r, y) else { throw LabelError.shortRow(k + 2) }
            guard let year = Int(f[y]) else { throw LabelError.badYear(k + 2, f[y]) }
            return ReportLabel(file: f[n], level: f[l], region: f[r], year: year)
        }
    }
}

public enum LabelError: Error, CustomStringConvertible {
    case missingColumn(String), shortRow(Int), badYear(Int, String)
    public var description: String {
        switch self {
        case .missingColumn(let c): return "the header has no column \"\(c)\""
        case .shortRow(let n): return "line \(n) has too few columns"
        case .badYear(let n, let v): return "line \(n): year \"\(v)\" is not a number"
        }
    }
}

/// The checks, in the order they are printed.
public enum ConsistencyCheck: String, CaseIterable, Codable, Sendable {
    case region, level
    case planYear = "plan_year"
    case reviewYear = "review_year"
    case gdpGrowthTarget = "gdp_growth_target"

    /// The first delivery year the GDP check applies to.
    public static let gdpTargetFromYear = 2000
}

public struct ConsistencyFailure: Codable, Sendable, Equatable {
    public var file: String
    public var expected: String
    public var got: String
}

public struct CheckResult: Codable, Sendable {
    public var check: ConsistencyCheck
    public var passed: Int
    public var total: Int
    public var failures: [ConsistencyFailure]
    public var rate: Double { total == 0 ? 1 : Double(passed) / Double(total) }
}

public struct ConsistencyReport: Codable, Sendable {
    public var files: Int
    public var missingRecords: [String]
    public var errorRecords: [String]
    public var notSetGDPTargets: Int        // reports that say they set no GDP growth target
    public var checks: [CheckResult]
    public func result(_ c: ConsistencyCheck) -> CheckResult? { checks.first { $0.check == c } }
}

public enum ConsistencyScorer {
    public static func evaluate(labels: [ReportLabel], predicted: [PredictedRecord]) -> ConsistencyReport {
        var byName: [String: PredictedRecord] = [:]
        for p in predicted { byName[Evaluator.baseName(p.source.name)] = p }
        var results = Dictionary(uniqueKeysWithValues: ConsistencyCheck.allCases.map {
            ($0, CheckResult(check: $0, passed: 0, total: 0, failures: []))
        })
        var missing: [String] = [], errors: [String] = [], notSet = 0
        for label in labels {
            let record = byName[label.file]
            if record == nil { missing.append(label.file) }
            else if record?.status == "error" { errors.append(label.file) }
            let ok = record != nil && record?.status != "error"
            let d = ok ? record?.document : nil
            func check(_ c: ConsistencyCheck, _ passed: Bool, expected: String, got: String) {
                results[c]!.total += 1
                if passed { results[c]!.passed += 1 }
                else { results[c]!.failures.append(ConsistencyFailure(file: label.file, expected: expected, got: got)) }
            }
            check(.region, d?.region == label.region, expected: label.region, got: d?.region ?? "null")
            check(.level, d?.regionLevel?.rawValue == label.level, expected: label.level, got: d?.regionLevel?.rawValue ?? "null")
            let plan = d?.planYear
            check(.planYear, plan == label.year || plan == label.year + 1,
                  expected: "\(label.year) or \(label.year + 1)", got: plan.map(String.init) ?? "null")
            let review = d?.reviewYear
            check(.reviewYear, plan != nil && review == plan! - 1,
                  expected: plan.map { String($0 - 1) } ?? "plan year − 1", got: review.map(String.init) ?? "null")
            if label.year >= ConsistencyCheck.gdpTargetFromYear {
                let targets = ok ? record?.targets ?? [] : []
                let growth = targets.contains { $0.code == "gdp" && $0.measure == .growth }
                let declined = targets.contains { $0.code == "gdp" && $0.measure == .notSet }
                if !growth && declined { notSet += 1 }
                let gdp = targets.filter { $0.code == "gdp" }.map { "\($0.measure.rawValue) \($0.value.map { "\($0)" } ?? "-")" }
                check(.gdpGrowthTarget, growth || declined, expected: "a gdp growth target",
                      got: gdp.isEmpty ? "none (\(targets.count) targets)" : gdp.joined(separator: ", "))
            }
        }
        return ConsistencyReport(files: labels.count, missingRecords: missing, errorRecords: errors, notSetGDPTargets: notSet,
                                 checks: ConsistencyCheck.allCases.map { results[$0]! })
    }
}
