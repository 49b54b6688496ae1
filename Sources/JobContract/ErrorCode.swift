/// `error.code` of an error record: why a job has no result. Machine-readable and stable; the
/// same list is the `enum` of `error.code` in protocols/record.schema.json (a test compares them).
public enum ErrorCode: String, CaseIterable, Sendable {
    // The text pipeline could not read the file (ReportText's InputError codes; ReportKit maps them).
    case empty
    case tooLarge = "too_large"
    case binary
    case undecodable
    case noText = "no_text"
    case badDocx = "bad_docx"
    // PDF (docs/FORMATS.md): damaged, locked, empty, scanned without OCR, too long; OCR not installed or failed.
    case pdfMalformed = "pdf_malformed"
    case pdfEncrypted = "pdf_encrypted"
    case pdfCopyForbidden = "pdf_copy_forbidden"
    case pdfNoPages = "pdf_no_pages"
    case pdfNoText = "pdf_no_text"
    case tooManyPages = "too_many_pages"
    case ocrUnavailable = "ocr_unavailable"
    case ocrFailed = "ocr_failed"
    // Legacy Word .doc.
    case badDoc = "bad_doc"
    case docEncrypted = "doc_encrypted"
    case docUnsupported = "doc_unsupported"
    /// The file was read, but shows no sign of being a report: no title, no region, no year, no
    /// phrase a report uses (a README pushed by mistake). ReportKit's ReportSignals decides.
    case notAReport = "not_a_report"
    /// The pipeline failed in a way it does not classify (a bug): the message says how.
    case internalError = "internal"

    // The `ingest` service: the job's frames or header are not a job (protocols/job.schema.json).
    case badJob = "bad_job"

    // `reportq extract`: the file could not be opened or read.
    case unreadable

    // The broker.
    /// Every attempt failed (workers died, timed out or answered with an error reply).
    case poison
    /// The `collect` service refused the worker's record as unwritable; this line replaces it.
    case badRecord = "bad_record"
    /// The job could not be read back from the journal.
    case journalError = "journal_error"
    /// The journal lost the job's stored file to a damaged record (found when the broker
    /// replayed it): the job was acknowledged, but must be pushed again.
    case journalCorrupt = "journal_corrupt"
    /// A client cancelled the job (titanic.cancel, `reportq jobs cancel`) before it ran.
    case cancelled
}
