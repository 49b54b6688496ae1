// The extraction result: field names follow docs/DESIGN.md §3 and protocols/targets.md exactly.
// Every type writes itself with the byte-level JSONWriter (hot path) and is Codable so
// `reportq eval` can read output records back.
import ReportText

public struct Congress: Codable, Equatable, Sendable, JSONWritable {
    public var term: Int
    public var session: Int
    public init(term: Int, session: Int) { self.term = term; self.session = session }
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject(); w.key("term"); w.int(term); w.key("session"); w.int(session); w.endObject()
    }
}

public struct Speaker: Codable, Equatable, Sendable, JSONWritable {
    public var name: String
    public var title: String?      // null when the text names the speaker without an office
    public init(name: String, title: String?) { self.name = name; self.title = title }
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject(); w.key("name"); w.string(name); w.key("title"); w.string(title); w.endObject()
    }
}

public enum DocType: String, Codable, Sendable {
    case governmentWorkReport = "government_work_report"   // 政府工作报告
    case developmentPlan = "development_plan"              // 国民经济和社会发展计划 (the plan report)
    case other
}

/// Who reports: the State Council (region 中华人民共和国), a province-level division (provinces,
/// autonomous regions, municipalities), a prefecture-level one (cities, 自治州, 地区, 盟), or a
/// county-level one (districts, counties, banners, county-level cities).
public enum RegionLevel: String, Codable, Sendable, CaseIterable {
    case national, province, city, district
}

public struct DocumentInfo: Codable, Equatable, Sendable, JSONWritable {
    public var docType: DocType
    public var title: String?
    public var region: String?
    public var regionLevel: RegionLevel?
    public var meetingDate: String?       // YYYY-MM-DD
    public var congress: Congress?
    public var speaker: Speaker?
    public var reviewYear: Int?
    public var planYear: Int?

    enum CodingKeys: String, CodingKey {
        case docType = "doc_type", title, region, regionLevel = "region_level", meetingDate = "meeting_date"
        case congress, speaker, reviewYear = "review_year", planYear = "plan_year"
    }
    public init(docType: DocType = .other, title: String? = nil, region: String? = nil, regionLevel: RegionLevel? = nil,
                meetingDate: String? = nil, congress: Congress? = nil, speaker: Speaker? = nil,
                reviewYear: Int? = nil, planYear: Int? = nil) {
        self.docType = docType; self.title = title; self.region = region; self.regionLevel = regionLevel
        self.meetingDate = meetingDate; self.congress = congress; self.speaker = speaker
        self.reviewYear = reviewYear; self.planYear = planYear
    }
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("doc_type"); w.string(docType.rawValue)
        w.key("title"); w.string(title)
        w.key("region"); w.string(region)
        w.key("region_level"); w.string(regionLevel?.rawValue)
        w.key("meeting_date"); w.string(meetingDate)
        w.key("congress"); w.value(congress)
        w.key("speaker"); w.value(speaker)
        w.key("review_year"); w.int(reviewYear)
        w.key("plan_year"); w.int(planYear)
        w.endObject()
    }
}

/// What a target's figure measures (protocols/targets.md).
public enum Measure: String, Codable, Sendable, CaseIterable {
    case growth            // 增长 x%, 涨幅 x%
    case level             // a level or amount: 15万人, 5.5%的失业率, 占比达到48%
    case change            // 提高/下降 x 个百分点 or x%
    case qualitative       // no number: 合理增长, 保持稳定
    case notSet = "not_set"  // a growth target deliberately not set (不提出全年经济增长具体目标)
}

/// One item of the main expected-targets passage (see protocols/targets.md).
public struct Target: Codable, Equatable, Sendable, JSONWritable {
    public var indicator: String
    public var code: String?
    public var measure: Measure
    public var value: Double?
    public var valueMax: Double?
    public var unit: String?
    public var qualifier: String?         // 左右, 以上, 控制在+以内, …
    public var text: String
    public var sentence: Int?
    /// Where `text` stands in the structured text (scalar offsets): the sentence is looked up from it.
    var span: Range<Int>?

    enum CodingKeys: String, CodingKey {
        case indicator, code, measure, value, valueMax = "value_max", unit, qualifier, text, sentence
    }
    /// The same target, read from `span`.
    func at(_ span: Range<Int>) -> Target { var copy = self; copy.span = span; return copy }
    public init(indicator: String, code: String? = nil, measure: Measure, value: Double? = nil, valueMax: Double? = nil,
                unit: String? = nil, qualifier: String? = nil, text: String, sentence: Int? = nil) {
        self.indicator = indicator; self.code = code; self.measure = measure; self.value = value
        self.valueMax = valueMax; self.unit = unit; self.qualifier = qualifier; self.text = text; self.sentence = sentence
    }
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("indicator"); w.string(indicator)
        w.key("code"); w.string(code)
        w.key("measure"); w.string(measure.rawValue)
        w.key("value"); w.double(value)
        w.key("value_max"); w.double(valueMax)
        w.key("unit"); w.string(unit)
        w.key("qualifier"); w.string(qualifier)
        w.key("text"); w.string(text)
        w.key("sentence"); w.int(sentence)
        w.endObject()
    }
}

/// A review-year result (what the year under review achieved), e.g. GDP level and growth.
public struct Indicator: Codable, Equatable, Sendable, JSONWritable {
    public var indicator: String
    public var code: String?
    public var year: Int?
    public var value: Double?
    public var unit: String?
    public var growth: Double?
    public var text: String
    public var sentence: Int?
    public init(indicator: String, code: String? = nil, year: Int?, value: Double?, unit: String?, growth: Double?,
                text: String, sentence: Int? = nil) {
        self.indicator = indicator; self.code = code; self.year = year; self.value = value; self.unit = unit
        self.growth = growth; self.text = text; self.sentence = sentence
    }
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("indicator"); w.string(indicator)
        w.key("code"); w.string(code)
        w.key("year"); w.int(year)
        w.key("value"); w.double(value)
        w.key("unit"); w.string(unit)
        w.key("growth"); w.double(growth)
        w.key("text"); w.string(text)
        w.key("sentence"); w.int(sentence)
        w.endObject()
    }
}

/// A number with a unit anywhere in the text, with 万/亿 magnitudes expanded.
public struct Quantity: Codable, Equatable, Sendable, JSONWritable {
    public var value: Double
    public var unit: String
    public var normalized: Double
    public var baseUnit: String
    public var sentence: Int?
    public var start: Int
    enum CodingKeys: String, CodingKey { case value, unit, normalized, baseUnit = "base_unit", sentence, start }
    public init(value: Double, unit: String, normalized: Double, baseUnit: String, sentence: Int?, start: Int) {
        self.value = value; self.unit = unit; self.normalized = normalized; self.baseUnit = baseUnit
        self.sentence = sentence; self.start = start
    }
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("value"); w.double(value)
        w.key("unit"); w.string(unit)
        w.key("normalized"); w.double(normalized)
        w.key("base_unit"); w.string(baseUnit)
        w.key("sentence"); w.int(sentence)
        w.key("start"); w.int(start)
        w.endObject()
    }
}

/// The lines before 各位代表 that say what the document is, as extraction reads them (the
/// record's `title_block`), and the file's own metadata.
public struct TitleBlock: Sendable, Equatable {
    public var title: String?          // e.g. "2026年北京市政府工作报告" or "政府工作报告"
    public var dateLine: String?       // e.g. "——2026年1月25日在北京市第十六届人民代表大会第四次会议上"
    public var congressLine: String?   // the line naming 第…届人民代表大会第…次会议 (may equal dateLine)
    public var speakerLine: String?    // e.g. "北京市市长 殷勇"
    public var metadata: [String: String]  // StructuredText.metadata: web page labels, front matter
    public init(title: String? = nil, dateLine: String? = nil, congressLine: String? = nil,
                speakerLine: String? = nil, metadata: [String: String] = [:]) {
        self.title = title; self.dateLine = dateLine; self.congressLine = congressLine
        self.speakerLine = speakerLine; self.metadata = metadata
    }
}

public struct Extraction: Sendable {
    public var document: DocumentInfo
    /// The head lines the document's metadata was read from, and the file's own metadata.
    public var titleBlock: TitleBlock
    public var targets: [Target]
    public var indicators: [Indicator]
    public var quantities: [Quantity]
    public init(document: DocumentInfo, titleBlock: TitleBlock = TitleBlock(), targets: [Target], indicators: [Indicator],
                quantities: [Quantity]) {
        self.document = document; self.titleBlock = titleBlock; self.targets = targets; self.indicators = indicators
        self.quantities = quantities
    }
    /// Writes "document", "targets", "indicators", "quantities" as keys into the object being written.
    public func writeFields(to w: inout JSONWriter) {
        w.key("document"); document.writeJSON(to: &w)
        w.key("targets"); w.array(targets)
        w.key("indicators"); w.array(indicators)
        w.key("quantities"); w.array(quantities)
    }
}
