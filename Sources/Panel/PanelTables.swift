// The panel's tables, built from records: one row per record (documents), per target, per
// review-year result (indicators), and per region, year, indicator code and measure where a
// target or a result exists (target_vs_actual). docs/PANEL.md documents every column.
import JobContract
import ReportExtraction

public struct DocumentRow: Sendable, Equatable {
    public var documentID: Int               // 1, 2, … in input order
    public var path: String                  // source.path, else source.name
    public var status: RecordStatus
    public var errorCode: String?
    public var region: String?
    public var regionCode: String?
    public var level: RegionLevel?
    public var docType: DocType?
    public var planYear: Int?
    public var reviewYear: Int?
    public var meetingDate: String?
    public var congressTerm: Int?
    public var congressSession: Int?
    public var speakerName: String?
    public var speakerTitle: String?
    public var title: String?
    public var sha256: String?
    public var producerVersion: String?
    public var targets: Int
    public var indicators: Int
    /// The canonical document of the same region, plan year and kind, when this one is not it.
    public var duplicateOf: Int?

    /// Speaks for its region and year: ok, with a region and a plan year, not a duplicate.
    public var isCanonical: Bool { status == .ok && region != nil && planYear != nil && duplicateOf == nil }
}

public struct TargetRow: Sendable, Equatable {
    public var targetID: Int
    public var documentID: Int
    public var position: Int                 // order in the document's passage, from 1
    public var indicator: String
    public var code: String?
    public var measure: Measure
    public var value: Double?
    public var valueMax: Double?
    public var unit: String?
    public var qualifier: String?
    public var text: String
}

public struct IndicatorRow: Sendable, Equatable {
    public var indicatorID: Int
    public var documentID: Int
    public var indicator: String
    public var code: String?
    public var year: Int?
    public var value: Double?
    public var unit: String?
    public var growth: Double?
    public var text: String
}

public struct Panel: Sendable {
    public var documents: [DocumentRow] = []
    public var targets: [TargetRow] = []
    public var indicators: [IndicatorRow] = []
    public var outcomes: [OutcomeRow] = []

    public init(records: [PanelRecord], regionCodes: RegionCodeTable = .standard) {
        for (k, r) in records.enumerated() {
            let id = k + 1
            let d = r.document
            var errorCode: String?
            if case .error(let e) = r.envelope.outcome { errorCode = e.code.rawValue }
            documents.append(DocumentRow(
                documentID: id, path: r.envelope.source.path ?? r.envelope.source.name, status: r.envelope.status,
                errorCode: errorCode, region: d?.region, regionCode: regionCodes.code(for: d?.region), level: d?.regionLevel,
                docType: d?.docType, planYear: d?.planYear, reviewYear: d?.reviewYear, meetingDate: d?.meetingDate,
                congressTerm: d?.congress?.term, congressSession: d?.congress?.session, speakerName: d?.speaker?.name,
                speakerTitle: d?.speaker?.title, title: d?.title, sha256: r.envelope.source.sha256,
                producerVersion: r.envelope.producer?.version, targets: r.targets.count, indicators: r.indicators.count,
                duplicateOf: nil))
            for (p, t) in r.targets.enumerated() {
                targets.append(TargetRow(targetID: targets.count + 1, documentID: id, position: p + 1, indicator: t.indicator,
                                         code: t.code, measure: t.measure, value: t.value, valueMax: t.valueMax, unit: t.unit,
                                         qualifier: t.qualifier, text: t.text))
            }
            for i in r.indicators {
                indicators.append(IndicatorRow(indicatorID: indicators.count + 1, documentID: id, indicator: i.indicator, code: i.code,
                                               year: i.year, value: i.value, unit: i.unit, growth: i.growth, text: i.text))
            }
        }
        DuplicateRule.mark(&documents, targets: targets, indicators: indicators)
        outcomes = OutcomeTable.build(documents: documents, targets: targets, indicators: indicators)
    }

    /// The key that says two documents are of one region: its GB/T 2260 code where it has one (spellings
    /// differ: 宿迁 and 宿迁市), else its name.
    static func regionKey(_ d: DocumentRow) -> String? {
        d.regionCode.map { "code:" + $0 } ?? d.region.map { "name:" + $0 }
    }

    /// The documents that speak for their region and year.
    public var canonicalDocuments: [DocumentRow] { documents.filter(\.isCanonical) }
}

/// The same region (its code, else its name), plan year and kind of document more than once (the same report twice, a news
/// copy of a plan): one is canonical, the others point to it in `duplicate_of`. The canonical one
/// is the most complete: the most numeric targets and review-year results with figures, then one
/// that has a meeting date, then a speaker, then the first path in byte order. A copy that wraps
/// the report in a news page loses its title block's date and speaker and often part of the text.
public enum DuplicateRule {
    public struct Key: Hashable { var region: String; var planYear: Int; var docType: DocType }   // region: Panel.regionKey

    static func mark(_ documents: inout [DocumentRow], targets: [TargetRow], indicators: [IndicatorRow]) {
        var figures = [Int](repeating: 0, count: documents.count + 1)
        for t in targets where t.value != nil { figures[t.documentID] += 1 }
        for i in indicators where i.value != nil || i.growth != nil { figures[i.documentID] += 1 }
        var groups: [Key: [Int]] = [:]
        for (k, d) in documents.enumerated() where d.status == .ok {
            guard let region = Panel.regionKey(d), let year = d.planYear else { continue }
            groups[Key(region: region, planYear: year, docType: d.docType ?? .other), default: []].append(k)
        }
        for members in groups.values where members.count > 1 {
            let best = members.min { a, b in
                let x = documents[a], y = documents[b]
                let rank = { (d: DocumentRow) in (figures[d.documentID], d.meetingDate != nil ? 1 : 0, d.speakerName != nil ? 1 : 0) }
                let (rx, ry) = (rank(x), rank(y))
                if rx != ry { return rx > ry }
                return Array(x.path.utf8).lexicographicallyPrecedes(Array(y.path.utf8))
            }!
            for k in members where k != best { documents[k].duplicateOf = documents[best].documentID }
        }
    }
}
