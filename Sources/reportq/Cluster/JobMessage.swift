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

    init(jobID: String, name: String, sha256: String = "", bytes: Int, options: JobOptions = JobOptions()) {
        self.jobID = jobID; self.name = name; self.sha256 = sha256; self.bytes = bytes; self.options = options
    }

    /// Optional fields may be absent (job.schema.json requires only job_id, name, bytes).
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        jobID = try c.decode(String.self, forKey: .jobID)
        name = try c.decode(String.self, forKey: .name)
        bytes = try c.decode(Int.self, forKey: .bytes)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256) ?? ""
        options = try c.decodeIfPresent(JobOptions.self, forKey: .options) ?? JobOptions()
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
