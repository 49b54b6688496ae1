// Scoring extraction output against the hand-made gold (protocols/targets.md), for `reportq eval`.
//
// Matching rules:
// - Records are matched to gold by source file name (file name only, no directories).
// - Metadata fields are exact matches (strings compared after removing spaces; congress and
//   speaker compare all their fields; null == null counts as correct).
// - Targets: a predicted target matches a gold target when measure, value, value_max, unit and
//   qualifier are equal (numbers within 1e-6; units and qualifiers after removing spaces) and
//   the indicators agree: equal after normalization (spaces, quotes and punctuation removed),
//   or one contains the other and the shorter has at least 4 scalars (so 居民消费价格 ~
//   居民消费价格指数, but 收入 alone matches nothing). `code` is compared only where the gold
//   code is non-null (gold annotates only "gdp"; extra producer codes are not penalized).
//   Matching is one-to-one, greedy in gold order. Precision, recall and F1 are micro-averaged.
// - GDP target: per file, the gold target with code "gdp" must be matched by a predicted target
//   with code "gdp" and the same value, value_max and qualifier.
// - gdp_actual: the predicted indicator with code "gdp" (or named like GDP) must have the gold
//   value, unit and growth (nulls included); a file whose gold gdp_actual is null needs none.
import ReportExtraction

public struct GoldTarget: Codable, Sendable {
    public var indicator: String
    public var code: String?
    public var measure: String
    public var value: Double?
    public var value_max: Double?
    public var unit: String?
    public var qualifier: String?
    public var text: String?
}

public struct GoldActual: Codable, Sendable { public var value: Double?; public var unit: String?; public var growth: Double?; public var text: String? }

public struct GoldRecord: Codable, Sendable {
    public var file: String
    public var doc_type: String?
    public var title: String?
    public var region: String?
    public var region_level: String?
    public var meeting_date: String?
    public var congress: Congress?
    public var speaker: Speaker?
    public var review_year: Int?
    public var plan_year: Int?
    public var targets: [GoldTarget]
    public var gdp_actual: GoldActual?
}

/// What eval reads from one output line.
public struct PredictedRecord: Decodable, Sendable {
    public struct Source: Decodable, Sendable { public var name: String; public init(name: String) { self.name = name } }
    public var status: String?
    public var source: Source
    public var document: DocumentInfo?
    public var targets: [Target]?
    public var indicators: [Indicator]?
    enum CodingKeys: String, CodingKey { case status, source, document, targets, indicators }
    public init(from decoder: Decoder) throws {
        // Lenient: a record missing or mangling one part still scores on the others.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try? c.decodeIfPresent(String.self, forKey: .status)
        source = try c.decode(Source.self, forKey: .source)
        document = (try? c.decodeIfPresent(DocumentInfo.self, forKey: .document)) ?? nil
        targets = (try? c.decodeIfPresent([Target].self, forKey: .targets)) ?? nil
        indicators = (try? c.decodeIfPresent([Indicator].self, forKey: .indicators)) ?? nil
    }
    public init(name: String, extraction x: Extraction) {
        status = "ok"; source = Source(name: name); document = x.document; targets = x.targets; indicators = x.indicators
    }
    /// A file the pipeline refused (with --run): scored as an error line.
    public init(errorFor name: String) {
        status = "error"; source = Source(name: name); document = nil; targets = nil; indicators = nil
    }
}

public struct FileScore: Codable, Sendable {
    public var file: String
    public var fields: [String: Bool]
    public var targetsGold: Int
    public var targetsPredicted: Int
    public var targetsMatched: Int
    public var gdpTarget: Bool
    public var gdpActual: Bool
    public var missed: [String]       // gold targets not matched (indicator measure value unit qualifier)
    public var spurious: [String]     // predicted targets not matched
    public var fieldDiffs: [String]   // "region: gold=… got=…"
}

public struct EvalReport: Codable, Sendable {
    public var files: Int
    public var missingRecords: [String]
    public var fieldAccuracy: [String: Double]
    public var targetPrecision: Double
    public var targetRecall: Double
    public var targetF1: Double
    public var gdpTargetAccuracy: Double
    public var gdpActualAccuracy: Double
    public var perFile: [FileScore]
}

public enum Evaluator {
    public static let fieldNames = ["doc_type", "title", "region", "region_level", "meeting_date", "congress", "speaker",
                                    "review_year", "plan_year"]

    public static func evaluate(gold: [GoldRecord], predicted: [PredictedRecord]) -> EvalReport {
        var byName: [String: PredictedRecord] = [:]
        for p in predicted { byName[baseName(p.source.name)] = p }
        var fieldHits: [String: Int] = [:]
        var tp = 0, nGold = 0, nPred = 0, gdpT = 0, gdpA = 0
        var missing: [String] = []
        var perFile: [FileScore] = []
        for g in gold {
            let p = byName[baseName(g.file)]
            if p == nil { missing.append(g.file) }
            let d = p?.document
            var fields: [String: Bool] = [:]
            var diffs: [String] = []
            func field(_ name: String, _ ok0: Bool, _ gv: String, _ pv: String) {
                let ok = ok0 && p != nil     // no record: every field is wrong
                fields[name] = ok
                if ok { fieldHits[name, default: 0] += 1 } else { diffs.append("\(name): gold=\(gv) got=\(pv)") }
            }
            field("doc_type", eqS(g.doc_type, d?.docType.rawValue), s(g.doc_type), s(d?.docType.rawValue))
            field("title", eqS(g.title, d?.title), s(g.title), s(d?.title))
            field("region", eqS(g.region, d?.region), s(g.region), s(d?.region))
            field("region_level", eqS(g.region_level, d?.regionLevel?.rawValue), s(g.region_level), s(d?.regionLevel?.rawValue))
            field("meeting_date", eqS(g.meeting_date, d?.meetingDate), s(g.meeting_date), s(d?.meetingDate))
            field("congress", g.congress == d?.congress, s(g.congress.map { "\($0.term)/\($0.session)" }),
                  s(d?.congress.map { "\($0.term)/\($0.session)" }))
            let spOK = g.speaker?.title == d?.speaker?.title && eqS(g.speaker?.name, d?.speaker?.name)
            field("speaker", spOK, s(g.speaker.map { "\($0.name)/\($0.title ?? "null")" }), s(d?.speaker.map { "\($0.name)/\($0.title ?? "null")" }))
            field("review_year", g.review_year == d?.reviewYear, s(g.review_year.map(String.init)), s(d?.reviewYear.map(String.init)))
            field("plan_year", g.plan_year == d?.planYear, s(g.plan_year.map(String.init)), s(d?.planYear.map(String.init)))

            // Targets.
            let preds = p?.targets ?? []
            var used = Array(repeating: false, count: preds.count)
            var matched = 0
            var missed: [String] = []
            var gdpOK = false
            for gt in g.targets {
                var hit: Int?
                for (k, pt) in preds.enumerated() where !used[k] && targetMatches(gt, pt) { hit = k; break }
                if let k = hit { used[k] = true; matched += 1 } else { missed.append(describe(gt)) }
                if gt.code == "gdp" {
                    gdpOK = preds.contains { $0.code == "gdp" && num($0.value, gt.value) && num($0.valueMax, gt.value_max)
                        && eqS($0.qualifier, gt.qualifier) && $0.measure.rawValue == gt.measure }
                }
            }
            if !g.targets.contains(where: { $0.code == "gdp" }) { gdpOK = p != nil && !preds.contains { $0.code == "gdp" } }
            let spurious = preds.indices.filter { !used[$0] }.map { describe(preds[$0]) }
            tp += matched; nGold += g.targets.count; nPred += preds.count
            if gdpOK { gdpT += 1 }

            // gdp_actual.
            let ind = (p?.indicators ?? []).first { $0.code == "gdp" || normalize($0.indicator).hasSuffix("生产总值") }
            var actualOK: Bool
            if let ga = g.gdp_actual {
                actualOK = ind != nil && num(ind!.value, ga.value) && num(ind!.growth, ga.growth) && eqS(ind!.unit, ga.unit)
                if !actualOK {
                    diffs.append("gdp_actual: gold=\(s(ga.value.map { "\($0)" }))\(s(ga.unit))/\(s(ga.growth.map { "\($0)" })) got=\(s(ind?.value.map { "\($0)" }))\(s(ind?.unit))/\(s(ind?.growth.map { "\($0)" }))")
                }
            } else { actualOK = ind == nil && p != nil }
            if actualOK { gdpA += 1 }
            perFile.append(FileScore(file: g.file, fields: fields, targetsGold: g.targets.count, targetsPredicted: preds.count,
                                     targetsMatched: matched, gdpTarget: gdpOK, gdpActual: actualOK, missed: missed,
                                     spurious: spurious, fieldDiffs: diffs))
        }
        let n = Double(max(gold.count, 1))
        var acc: [String: Double] = [:]
        for f in fieldNames { acc[f] = Double(fieldHits[f, default: 0]) / n }
        let prec = nPred == 0 ? 0 : Double(tp) / Double(nPred)
        let rec = nGold == 0 ? 0 : Double(tp) / Double(nGold)
        let f1 = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec)
        return EvalReport(files: gold.count, missingRecords: missing, fieldAccuracy: acc, targetPrecision: prec,
                          targetRecall: rec, targetF1: f1, gdpTargetAccuracy: Double(gdpT) / n,
                          gdpActualAccuracy: Double(gdpA) / n, perFile: perFile)
    }

    /// The target matching rule documented at the top of this file.
    public static func targetMatches(_ g: GoldTarget, _ p: Target) -> Bool {
        guard g.measure == p.measure.rawValue, num(g.value, p.value), num(g.value_max, p.valueMax),
              eqS(g.unit, p.unit), eqS(g.qualifier, p.qualifier) else { return false }
        if let gc = g.code, gc != p.code { return false }
        return indicatorsAgree(g.indicator, p.indicator)
    }

    public static func indicatorsAgree(_ a: String, _ b: String) -> Bool {
        let x = normalize(a), y = normalize(b)
        if x == y { return true }
        let (short, long) = x.count <= y.count ? (x, y) : (y, x)
        return short.count >= 4 && long.contains(short)
    }

    static func normalize(_ s: String) -> String {
        var v = String.UnicodeScalarView()
        for c in s.unicodeScalars where !(c == " " || c == "\t" || c.value == 0xA0 || c.value == 0x3000 || c == "“" || c == "”" || c == "\"" || c == "《" || c == "》"
                                          || c == "、" || c == "，" || c == "。" || c == "（" || c == "）") { v.append(c) }
        return String(v)
    }

    static func eqS(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return normalize(x) == normalize(y)
        default: return false
        }
    }
    static func num(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) < 1e-6
        default: return false
        }
    }
    static func s(_ v: String?) -> String { v ?? "null" }
    static func baseName(_ p: String) -> String { String(p.split(separator: "/").last ?? Substring(p)) }
    static func describe(_ t: GoldTarget) -> String {
        "\(t.indicator) \(t.measure) \(t.value.map { "\($0)" } ?? "-")\(t.value_max.map { "..\($0)" } ?? "") \(t.unit ?? "-") \(t.qualifier ?? "-")"
    }
    static func describe(_ t: Target) -> String {
        "\(t.indicator) \(t.measure) \(t.value.map { "\($0)" } ?? "-")\(t.valueMax.map { "..\($0)" } ?? "") \(t.unit ?? "-") \(t.qualifier ?? "-")"
    }
}
