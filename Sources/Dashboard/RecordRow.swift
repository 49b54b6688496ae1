import JobContract
import JSONOutput
import Panel
import ReportExtraction

/// One row of the results table: what a reader scans for as reports land. Read from a record
/// through the panel's reader (PanelRecord: the record envelope of JobContract, the body through
/// the extraction's own types), so the table and the panel charts read records one way.
public struct RecordRow: Sendable, Equatable {
    public var jobID: String
    public var status: RecordStatus
    public var name: String
    public var path: String?
    public var errorCode: String?
    public var region: String?
    public var level: RegionLevel?
    public var planYear: Int?
    public var reviewYear: Int?
    /// The plan year's GDP target: its growth target, else any GDP target (a level, or not set).
    public var gdpTarget: Target?
    /// Last year's GDP growth as the report's review gives it, when it does.
    public var gdpActual: Indicator?
    public var targets: Int

    public init(_ record: PanelRecord) {
        let envelope = record.envelope
        jobID = envelope.jobID
        status = envelope.status
        name = envelope.source.name
        path = envelope.source.path
        if case .error(let e) = envelope.outcome { errorCode = e.code.rawValue }
        region = record.document?.region
        level = record.document?.regionLevel
        planYear = record.document?.planYear
        let reviewYear = record.document?.reviewYear
        self.reviewYear = reviewYear
        let gdp = record.targets.filter { $0.code == RecordRow.gdpCode }
        gdpTarget = gdp.first { $0.measure == .growth } ?? gdp.first
        gdpActual = record.indicators.first {
            $0.code == RecordRow.gdpCode && $0.growth != nil && ($0.year == nil || $0.year == reviewYear)
        }
        targets = record.targets.count
    }

    /// The indicator code of GDP (protocols/indicator-codes.md).
    static let gdpCode = "gdp"

    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("job_id"); w.string(jobID)
        w.key("status"); w.string(status.rawValue)
        w.key("name"); w.string(name)
        w.key("path"); w.string(path)
        w.key("error_code"); w.string(errorCode)
        w.key("region"); w.string(region)
        w.key("level"); w.string(level?.rawValue)
        w.key("plan_year"); w.int(planYear)
        w.key("review_year"); w.int(reviewYear)
        // The record's own target and result, written as the record writes them.
        w.key("gdp_target"); w.value(gdpTarget)
        w.key("gdp_actual"); w.value(gdpActual)
        w.key("targets"); w.int(targets)
        w.endObject()
    }
}
