// The files of `reportq panel -o DIR`, each written whole to a temporary name and then renamed,
// so a reader never sees half a table.
import Foundation

public enum PanelFile: String, CaseIterable, Sendable {
    case documents = "documents.csv"
    case targets = "targets.csv"
    case indicators = "indicators.csv"
    case targetVsActual = "target_vs_actual.csv"
    case database = "panel.sqlite"
    case report = "report.html"
}

public enum PanelOutput {
    public static func write(_ panel: Panel, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ f: PanelFile) -> String { (directory as NSString).appendingPathComponent(f.rawValue) }
        try replace(path(.documents), CSVWriter.csv(PanelSchema.documents, panel.documents))
        try replace(path(.targets), CSVWriter.csv(PanelSchema.targets, panel.targets))
        try replace(path(.indicators), CSVWriter.csv(PanelSchema.indicators, panel.indicators))
        try replace(path(.targetVsActual), CSVWriter.csv(PanelSchema.outcomes, panel.outcomes))
        try PanelDatabase.write(panel, to: path(.database))
        try replace(path(.report), PanelReport.html(panel))
    }

    static func replace(_ path: String, _ text: String) throws {
        let temporary = path + ".partial"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}

/// Counts for the command's summary.
public struct PanelSummary: Sendable {
    public var documents: Int, errors: Int, duplicates: Int, regions: Int
    public var targets: Int, numericTargets: Int, codedNumericTargets: Int
    public var indicators: Int
    public var outcomeRows: Int, compared: Int, met: Int, missed: Int
    public var gdpPairs: Int

    public init(_ p: Panel) {
        documents = p.documents.count
        errors = p.documents.filter { $0.status == .error }.count
        duplicates = p.documents.filter { $0.duplicateOf != nil }.count
        regions = Set(p.canonicalDocuments.compactMap(\.region)).count
        targets = p.targets.count
        let numeric = p.targets.filter { $0.value != nil }
        numericTargets = numeric.count
        codedNumericTargets = numeric.filter { $0.code != nil }.count
        indicators = p.indicators.count
        outcomeRows = p.outcomes.count
        compared = p.outcomes.filter { $0.met != nil }.count
        met = p.outcomes.filter { $0.met == true }.count
        missed = p.outcomes.filter { $0.met == false }.count
        gdpPairs = p.outcomes.filter { $0.code == "gdp" && $0.measure == .growth && $0.met != nil }.count
    }
}
