// ReportKit: the whole text pipeline behind one call, used by `reportq extract` in-process
// and by cluster workers. Returns the output record (DESIGN.md §3) as one JSON object.

public struct PipelineOptions: Sendable {
    public var includeText = false        // carry the cleaned text as "text"
    public var includeTokens = false      // per-sentence tokens
    public init() {}
}

public enum ReportPipeline {
    /// Runs decode → clean → normalize → structure → segment → extract on one file's bytes.
    /// Never throws: bad input becomes a record with "status":"error". `jobID` is echoed.
    public static func record(jobID: String, fileName: String, bytes: [UInt8],
                              options: PipelineOptions = PipelineOptions()) -> [UInt8] {
        // Placeholder until the text pipeline lands: an honest error record.
        var w = JSONWriter()
        w.beginObject()
        w.key("job_id"); w.string(jobID)
        w.key("status"); w.string("error")
        w.key("source"); w.beginObject(); w.key("name"); w.string(fileName); w.key("bytes"); w.int(bytes.count); w.endObject()
        w.key("error"); w.beginObject(); w.key("code"); w.string("not_implemented")
        w.key("message"); w.string("the text pipeline is not built yet"); w.endObject()
        w.endObject()
        return w.bytes
    }
}
