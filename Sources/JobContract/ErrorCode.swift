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
}
