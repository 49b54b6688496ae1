// The columns of each panel table, defined once: the CSV files and the SQLite tables are both
// written from these lists, so a column's name, type and meaning cannot differ between them.
// docs/PANEL.md describes each column in this order.
import ReportExtraction

public enum Cell: Equatable, Sendable {
    case null, integer(Int), real(Double), text(String)

    init(_ s: String?) { self = s.map(Cell.text) ?? .null }
    init(_ i: Int?) { self = i.map(Cell.integer) ?? .null }
    init(_ d: Double?) { self = d.map(Cell.real) ?? .null }
    init(_ b: Bool?) { self = b.map { .integer($0 ? 1 : 0) } ?? .null }
}

public enum SQLType: String, Sendable { case integer = "INTEGER", real = "REAL", text = "TEXT" }

public struct Column<Row>: Sendable {
    public var name: String
    public var type: SQLType
    /// "documents(document_id)" for a key into another table.
    public var references: String?
    public var value: @Sendable (Row) -> Cell

    init(_ name: String, _ type: SQLType, references: String? = nil, _ value: @escaping @Sendable (Row) -> Cell) {
        self.name = name; self.type = type; self.references = references; self.value = value
    }
}

public struct TableSchema<Row>: Sendable {
    public var name: String
    /// The key's columns in SQLite.
    public var primaryKey: [String]
    public var columns: [Column<Row>]
    /// Columns to index in SQLite (each list one index).
    public var indexes: [[String]]
}

public enum PanelSchema {
    public static let documents = TableSchema<DocumentRow>(name: "documents", primaryKey: ["document_id"], columns: [
        Column("document_id", .integer) { .integer($0.documentID) },
        Column("path", .text) { .text($0.path) },
        Column("status", .text) { .text($0.status.rawValue) },
        Column("error_code", .text) { Cell($0.errorCode) },
        Column("region", .text) { Cell($0.region) },
        Column("region_code", .text) { Cell($0.regionCode) },
        Column("level", .text) { Cell($0.level?.rawValue) },
        Column("doc_type", .text) { Cell($0.docType?.rawValue) },
        Column("plan_year", .integer) { Cell($0.planYear) },
        Column("review_year", .integer) { Cell($0.reviewYear) },
        Column("meeting_date", .text) { Cell($0.meetingDate) },
        Column("congress_term", .integer) { Cell($0.congressTerm) },
        Column("congress_session", .integer) { Cell($0.congressSession) },
        Column("speaker_name", .text) { Cell($0.speakerName) },
        Column("speaker_title", .text) { Cell($0.speakerTitle) },
        Column("title", .text) { Cell($0.title) },
        Column("sha256", .text) { Cell($0.sha256) },
        Column("producer_version", .text) { Cell($0.producerVersion) },
        Column("targets", .integer) { .integer($0.targets) },
        Column("indicators", .integer) { .integer($0.indicators) },
        Column("duplicate_of", .integer, references: "documents(document_id)") { Cell($0.duplicateOf) },
    ], indexes: [["region", "plan_year"], ["region_code"], ["sha256"]])

    public static let targets = TableSchema<TargetRow>(name: "targets", primaryKey: ["target_id"], columns: [
        Column("target_id", .integer) { .integer($0.targetID) },
        Column("document_id", .integer, references: "documents(document_id)") { .integer($0.documentID) },
        Column("position", .integer) { .integer($0.position) },
        Column("indicator", .text) { .text($0.indicator) },
        Column("code", .text) { Cell($0.code) },
        Column("measure", .text) { .text($0.measure.rawValue) },
        Column("value", .real) { Cell($0.value) },
        Column("value_max", .real) { Cell($0.valueMax) },
        Column("unit", .text) { Cell($0.unit) },
        Column("qualifier", .text) { Cell($0.qualifier) },
        Column("text", .text) { .text($0.text) },
    ], indexes: [["document_id"], ["code", "measure"]])

    public static let indicators = TableSchema<IndicatorRow>(name: "indicators", primaryKey: ["indicator_id"], columns: [
        Column("indicator_id", .integer) { .integer($0.indicatorID) },
        Column("document_id", .integer, references: "documents(document_id)") { .integer($0.documentID) },
        Column("indicator", .text) { .text($0.indicator) },
        Column("code", .text) { Cell($0.code) },
        Column("year", .integer) { Cell($0.year) },
        Column("value", .real) { Cell($0.value) },
        Column("unit", .text) { Cell($0.unit) },
        Column("growth", .real) { Cell($0.growth) },
        Column("text", .text) { .text($0.text) },
    ], indexes: [["document_id"], ["code", "year"]])

    public static let outcomes = TableSchema<OutcomeRow>(name: "target_vs_actual", primaryKey: ["region", "year", "code", "measure"], columns: [
        Column("region", .text) { .text($0.region) },
        Column("region_code", .text) { Cell($0.regionCode) },
        Column("year", .integer) { .integer($0.year) },
        Column("code", .text) { .text($0.code) },
        Column("measure", .text) { .text($0.measure.rawValue) },
        Column("target_document_id", .integer, references: "documents(document_id)") { Cell($0.targetDocumentID) },
        Column("target_status", .text) { .text($0.targetStatus.rawValue) },
        Column("target_value", .real) { Cell($0.targetValue) },
        Column("target_value_max", .real) { Cell($0.targetValueMax) },
        Column("target_unit", .text) { Cell($0.targetUnit) },
        Column("qualifier", .text) { Cell($0.qualifier) },
        Column("target_text", .text) { Cell($0.targetText) },
        Column("actual_document_id", .integer, references: "documents(document_id)") { Cell($0.actualDocumentID) },
        Column("actual_status", .text) { .text($0.actualStatus.rawValue) },
        Column("actual_value", .real) { Cell($0.actualValue) },
        Column("actual_unit", .text) { Cell($0.actualUnit) },
        Column("actual_text", .text) { Cell($0.actualText) },
        Column("direction", .text) { Cell($0.direction?.rawValue) },
        Column("gap", .real) { Cell($0.gap) },
        Column("met", .integer) { Cell($0.met) },
    ], indexes: [["code", "region", "year"], ["region_code", "year"]])
}
