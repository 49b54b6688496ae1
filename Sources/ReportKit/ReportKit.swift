import Crypto
import JobContract
import ReportText
#if canImport(Glibc)
import Glibc
#endif
// ReportKit: the whole text pipeline behind one call, used by `reportq extract` in-process
// and by cluster workers (IngestService). Returns the output record (docs/DESIGN.md §3) as one JSON object.

public struct PipelineOptions: Sendable {
    public var includeText = false        // carry the cleaned text as "text"
    public var includeTokens = false      // per-sentence tokens as "tokens" in each sentence
    public var keywordCount = 20          // TF-IDF keywords kept, as jieba's extract_tags(topK:)
    public var terms: [String] = []       // count these terms per document and per section
    public var segmentWords = true        // false: no jieba cut (no keywords, token or term counts)
    public var ocr = false                // read scanned PDF pages by OCR (tesseract; seconds a page)
    public var includeTimings = false     // stats.ms (and ocr_ms): off, a record is the same bytes for the same input
    /// Which fields an ok record carries: panel and meta skip word segmentation and quantities
    /// (and so the segmenter's dictionaries are never loaded for them).
    public var profile: RecordProfile = .full
    public init() {}
}

public enum ReportPipeline {
    /// Larger inputs are refused (InputDecoder's limit): callers that read files check it first.
    public static let maxInputBytes = InputDecoder.maxBytes

    /// Runs decode → clean → normalize → structure → segment → extract on one file's bytes.
    /// Never throws: bad input becomes a record with "status":"error", and so does a text that
    /// shows no sign of being a report (`not_a_report`, ReportSignals). `jobID` is echoed;
    /// `path` is the path as the user named it (`source.path`); `nameBase64` the name's exact
    /// bytes when they are not UTF-8 (`source.name_base64`).
    public static func record(jobID: String, fileName: String, nameBase64: String? = nil, path: String? = nil, bytes: [UInt8],
                              options: PipelineOptions = PipelineOptions()) -> [UInt8] {
        let started = monotonicSeconds()
        let source = RecordSource(name: fileName, nameBase64: nameBase64, path: path, sha256: sha256Hex(bytes), bytes: bytes.count)
        do {
            let st = try TextPipeline.process(bytes, options: DecodeOptions(ocr: options.ocr))
            let extraction = ExtractionBridge.extract(st, quantities: options.profile == .full)
            if let missing = ReportSignals.notAReport(st, extraction) {
                var read = source
                read.encoding = st.source.encoding; read.format = st.source.format; read.script = st.source.script
                return RecordEnvelope(jobID: jobID, source: read, outcome: .error(RecordError(.notAReport, missing))).line()
            }
            let words = options.segmentWords && options.profile == .full ? SegmentationBridge.words(st, options: options) : WordsResult()
            let ms = (monotonicSeconds() - started) * 1000
            return RecordBodyWriter.ok(jobID: jobID, source: source, structured: st,
                                       extraction: extraction, words: words, options: options, ms: ms)
        } catch {
            return RecordEnvelope(jobID: jobID, source: source, outcome: .error(RecordError(pipelineError: error))).line()
        }
    }

    /// Hex SHA-256 of a file's bytes, as `source.sha256` and the job header's `sha256` carry it.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        return String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            for b in digest {
                out[i] = hexDigits[Int(b >> 4)]; out[i + 1] = hexDigits[Int(b & 0xF)]
                i += 2
            }
            return 64
        }
    }

    /// Loads, once per process, what a first record would: jieba's dictionary, HMM and IDF tables
    /// and OpenCC's dictionaries (a short Traditional sample takes every lazy path). A worker calls it
    /// at start-up, beside connecting, so its first job does not carry ~0.5 s of loading.
    public static func warmUp() {
        _ = record(jobID: "warm-up", fileName: "warm-up.txt",
                   bytes: Array("二〇二六年政府工作報告\n各位代表：經濟發展穩中向好。\n".utf8))
    }

    private static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension RecordError {
    /// The record's error for a pipeline failure: ReportText's InputError codes are ErrorCode's
    /// (a test checks every code ReportText throws); anything else is `internal`, saying what.
    init(pipelineError error: Error) {
        if let e = error as? InputError, let code = ErrorCode(rawValue: e.code) { self.init(code, e.message) }
        else if let e = error as? InputError { self.init(.internalError, "unlisted error code \(e.code): \(e.message)") }
        else { self.init(.internalError, "\(error)") }
    }
}
