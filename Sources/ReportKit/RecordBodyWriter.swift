// The body of an ok record (docs/DESIGN.md §3): everything after the envelope (JobContract's
// RecordEnvelope writes job_id, status and source), written with JSONWriter.
import JobContract
import JSONOutput
import ReportExtraction
import ReportText

enum RecordBodyWriter {
    /// `source`: the file as the job names it (name, path, sha256); how it was read is added here.
    static func ok(jobID: String, source file: RecordSource, structured st: StructuredText,
                   extraction x: ExtractionResult, words: WordsResult, options: PipelineOptions, ms: Double) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: options.profile == .full || options.includeText ? st.text.utf8.count * 3 + 4096 : 16384)
        var source = file
        source.bytes = st.source.bytes
        source.encoding = st.source.encoding; source.format = st.source.format; source.script = st.source.script
        RecordEnvelope(jobID: jobID, source: source, outcome: .ok).writeOpening(to: &w)
        let profile = options.profile
        if profile != .full { w.key("profile"); w.string(profile.rawValue) }   // absent: full
        w.key("document"); x.document(&w)
        w.key("title_block"); writeTitleBlock(x.titleBlock, &w)
        if profile != .meta {
            w.key("targets"); x.targets(&w)
            w.key("indicators"); x.indicators(&w)
        }
        if profile == .full { writeTextFields(st, x, words, &w) }
        w.key("stats"); w.beginObject()
        w.key("chars"); w.int(st.paragraphs.last?.end ?? 0)
        w.key("paragraphs"); w.int(st.paragraphs.count)
        w.key("sentences"); w.int(st.sentences.count)
        if profile == .full { w.key("tokens"); w.int(words.tokenCount) }
        // Timings only on request: without them a record is the same bytes for the same input.
        if options.includeTimings { w.key("ms"); w.double((ms * 100).rounded() / 100) }
        if let pages = st.source.pages {   // PDFs: OCR takes most of `ms` when it ran
            w.key("pages"); w.int(pages.pages)
            w.key("ocr_pages"); w.int(pages.ocrPages)
            if options.includeTimings { w.key("ocr_ms"); w.double((pages.ocrMs * 100).rounded() / 100) }
        }
        w.endObject()
        if options.includeText { w.key("text"); w.string(st.text) }
        w.endObject()
        return w.bytes
    }

    /// The full profile's fields between indicators and stats: sections, sentences, quantities,
    /// keywords, term counts and the segmenter's warning.
    private static func writeTextFields(_ st: StructuredText, _ x: ExtractionResult, _ words: WordsResult, _ w: inout JSONWriter) {
        w.key("sections"); w.beginArray()
        for s in st.sections {
            w.beginObject()
            w.key("path"); w.string(s.path)
            w.key("level"); w.int(s.level)
            w.key("heading"); w.string(s.heading)
            w.key("start"); w.int(s.start)
            w.key("end"); w.int(s.end)
            w.endObject()
        }
        w.endArray()
        w.key("sentences"); w.beginArray()
        for (i, s) in st.sentences.enumerated() {
            w.beginObject()
            w.key("id"); w.int(s.id)
            w.key("section"); w.string(s.section)
            w.key("paragraph"); w.int(s.paragraph)
            w.key("start"); w.int(s.start)
            w.key("end"); w.int(s.end)
            w.key("text"); w.string(s.text)
            if let tokens = words.sentenceTokens?[i] {
                w.key("tokens"); w.beginArray(); for t in tokens { w.string(t) }; w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.key("quantities"); x.quantities(&w)
        w.key("keywords"); w.beginArray()
        for k in words.keywords {
            w.beginObject(); w.key("term"); w.string(k.term); w.key("weight"); w.double(k.weight); w.endObject()
        }
        w.endArray()
        if let tc = words.termCounts { w.key("term_counts"); writeTermCounts(tc, &w) }
        if let warning = words.warning { w.key("warnings"); w.beginArray(); w.string(warning); w.endArray() }
    }

    /// {"document": {term: n}, "sections": [{"path": p, "counts": {term: n}}]}, terms in list order.
    private static func writeTermCounts(_ tc: TermCountsResult, _ w: inout JSONWriter) {
        func counts(_ c: [Int], _ w: inout JSONWriter) {
            w.beginObject(); for (t, n) in zip(tc.terms, c) { w.key(t); w.int(n) }; w.endObject()
        }
        w.beginObject()
        w.key("document"); counts(tc.document, &w)
        w.key("sections"); w.beginArray()
        for s in tc.sections {
            w.beginObject(); w.key("path"); w.string(s.path); w.key("counts"); counts(s.counts, &w); w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func writeTitleBlock(_ tb: TitleBlock, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("title"); w.string(tb.title)
        w.key("date_line"); w.string(tb.dateLine)
        w.key("congress_line"); w.string(tb.congressLine)
        w.key("speaker_line"); w.string(tb.speakerLine)
        w.key("metadata"); w.beginObject()
        for k in tb.metadata.keys.sorted() { w.key(k); w.string(tb.metadata[k]) }
        w.endObject()
        w.endObject()
    }
}
