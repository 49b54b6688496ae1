import JobContract
import Majordomo
import ReportKit

/// The `ingest` service, as a worker session runs it: a job's two frames (protocols/mdp.md §4:
/// the job header, the file's bytes) → one frame, the file's record from the text pipeline.
/// A malformed job becomes an error record (`bad_job`): never a crash, never a silent drop.
public struct IngestHandler: RequestHandler {
    /// Scanned PDF pages are read by OCR (the worker's --ocr).
    public var ocr: Bool
    public init(ocr: Bool = false) { self.ocr = ocr }

    public func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        let fileBytes = body.count > 1 ? body[1].count : 0
        var header: JobHeader?
        var unreadable: JobHeader.Invalid?
        if let first = body.first {
            do { header = try JobHeader.decode(first, as: .stored) } catch { unreadable = error }
        }
        guard body.count == 2 else {
            return [IngestHandler.badJob(header, fileBytes, "expected 2 frames (job header, file bytes), got \(body.count)")]
        }
        guard let header else { return [IngestHandler.badJob(nil, fileBytes, "unreadable job header: \(unreadable!)")] }
        do { try header.check(bodyCount: fileBytes) } catch {
            return [IngestHandler.badJob(header, fileBytes, "\(error)")]
        }
        var options = PipelineOptions(header.options)
        options.ocr = ocr
        return [ReportPipeline.record(jobID: header.jobID!.description, fileName: header.name, nameBase64: header.nameBase64,
                                      path: header.path, bytes: body[1], options: options)]
    }

    /// The error record of a job that is not one: what its header says, if it could be read. Without
    /// a readable header the record's job_id is empty: it answers its requester, but no output can
    /// hold it (the broker only sends headers it stored, so this is a direct request's answer).
    static func badJob(_ header: JobHeader?, _ fileBytes: Int, _ message: String) -> [UInt8] {
        let source = RecordSource(name: header?.name ?? "", nameBase64: header?.nameBase64, path: header?.path, sha256: header?.sha256,
                                  bytes: fileBytes)
        return RecordEnvelope(jobID: header?.jobID?.description ?? "", source: source, outcome: .error(RecordError(.badJob, message))).line()
    }
}

extension PipelineOptions {
    /// The pipeline options a job asks for.
    public init(_ job: JobOptions) {
        self.init()
        includeText = job.includeText
        includeTokens = job.includeTokens
        includeTimings = job.includeTimings
        profile = job.profile
    }
}
