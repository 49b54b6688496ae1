import Majordomo
import ReportKit

/// The `ingest` service: runs the text pipeline on one file and replies with its record.
/// A malformed job becomes an error record (never a crash, never a silent drop).
struct IngestHandler: RequestHandler {
    /// Scanned PDF pages are read by OCR (the worker's --ocr).
    var ocr = false

    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        guard body.count == 2 else {
            return [errorRecord(jobID: "", name: "", code: "bad_job",
                                message: "expected 2 frames (JSON header, file bytes), got \(body.count)")]
        }
        let header: JobHeader
        do { header = try JobHeader.decode(body[0]) } catch {
            return [errorRecord(jobID: "", name: "", code: "bad_job", message: "unreadable job header: \(error)")]
        }
        guard header.bytes == body[1].count else {
            return [errorRecord(jobID: header.jobID, name: header.name, code: "bad_job",
                                message: "header says \(header.bytes) bytes, frame has \(body[1].count)")]
        }
        var options = header.pipelineOptions
        options.ocr = ocr
        return [ReportPipeline.record(jobID: header.jobID, fileName: header.name, bytes: body[1], options: options)]
    }
}
