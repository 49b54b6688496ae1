// The one call site into ReportExtraction. Until the extraction module's
// `Extractor.extract(_:) -> Extraction` lands, this is a STUB that fills only what the
// text pipeline knows (the title block) and leaves targets/indicators/quantities empty.
// When merging, replace the body of `extract` with `Extractor.extract(st)` and the
// writers with the module's JSONWritable values.
import ReportText

struct ExtractionResult {
    var document: (inout JSONWriter) -> Void
    var targets: (inout JSONWriter) -> Void
    var indicators: (inout JSONWriter) -> Void
    var quantities: (inout JSONWriter) -> Void
}

enum ExtractionBridge {
    static func extract(_ st: StructuredText) -> ExtractionResult {
        // STUB (text branch): document from the title block only.
        let tb = st.titleBlock
        return ExtractionResult(
            document: { w in
                w.beginObject()
                w.key("doc_type"); w.null()
                w.key("title"); w.string(tb.title)
                w.key("date_line"); w.string(tb.dateLine)
                w.key("congress_line"); w.string(tb.congressLine)
                w.key("speaker_line"); w.string(tb.speakerLine)
                w.endObject()
            },
            targets: { w in w.beginArray(); w.endArray() },
            indicators: { w in w.beginArray(); w.endArray() },
            quantities: { w in w.beginArray(); w.endArray() })
    }
}
