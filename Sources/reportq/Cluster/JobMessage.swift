import Foundation
import ReportKit

/// The body of an `ingest` request (protocols/mdp.md): frame 1 a small JSON header,
/// frame 2 the raw file bytes. The reply is one frame: the output record as JSON.
struct JobHeader: Codable, Equatable {
    var jobID: String
    var name: String
    var sha256: String = ""
    var bytes: Int
    var options: JobOptions = JobOptions()

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", name, sha256, bytes, options
    }

    struct JobOptions: Codable, Equatable {
        var includeText: Bool? = nil
        var includeTokens: Bool? = nil
        enum CodingKeys: String, CodingKey { case includeText = "include_text", includeTokens = "include_tokens" }
    }

    var pipelineOptions: PipelineOptions {
        var o = PipelineOptions()
        o.includeText = options.includeText ?? false
        o.includeTokens = options.includeTokens ?? false
        return o
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    static func decode(_ frame: [UInt8]) throws -> JobHeader {
        try JSONDecoder().decode(JobHeader.self, from: Data(frame))
    }

    /// The two-frame request body for a file.
    static func body(jobID: String, name: String, bytes: [UInt8], options: JobOptions = JobOptions()) -> [[UInt8]] {
        [JobHeader(jobID: jobID, name: name, bytes: bytes.count, options: options).encoded(), bytes]
    }
}

/// An error record in the output contract's shape (DESIGN.md §3).
func errorRecord(jobID: String, name: String, code: String, message: String) -> [UInt8] {
    var w = JSONWriter(reservingCapacity: 256)
    w.beginObject()
    w.key("job_id"); w.string(jobID)
    w.key("status"); w.string("error")
    w.key("source"); w.beginObject(); w.key("name"); w.string(name); w.endObject()
    w.key("error"); w.beginObject(); w.key("code"); w.string(code); w.key("message"); w.string(message); w.endObject()
    w.endObject()
    return w.bytes
}
