// The one call site into ReportExtraction: metadata, targets, review-year indicators and
// quantities from the structured text, each written by the module's own JSONWritable types.
import ReportExtraction
import ReportText

struct ExtractionResult {
    /// What was read of the document, for the not-a-report check (ReportSignals).
    var info: DocumentInfo
    var targetCount: Int
    var indicatorCount: Int
    var document: (inout JSONWriter) -> Void
    var titleBlock: TitleBlock
    var targets: (inout JSONWriter) -> Void
    var indicators: (inout JSONWriter) -> Void
    var quantities: (inout JSONWriter) -> Void
}

enum ExtractionBridge {
    static func extract(_ st: StructuredText, quantities: Bool = true) -> ExtractionResult {
        let x = Extractor.extract(st, quantities: quantities)
        return ExtractionResult(
            // A stated "not set" is found by its phrase alone (a README quoting one is no report).
            info: x.document, targetCount: x.targets.filter { $0.measure != .notSet }.count, indicatorCount: x.indicators.count,
            document: { w in x.document.writeJSON(to: &w) },
            titleBlock: x.titleBlock,
            targets: { w in w.array(x.targets) },
            indicators: { w in w.array(x.indicators) },
            quantities: { w in w.array(x.quantities) })
    }
}
