/// Where a job stands. `attempts` counts dispatches (1 after the first).
public enum JobStatus: Equatable, Sendable {
    case queued(attempts: Int)
    case inFlight(attempts: Int)
    /// A worker's result is stored and waits for the `collect` service to confirm it.
    case resultPending(attempts: Int)
    /// The output line is durably written (the aggregator confirmed).
    case done
    /// Given up on (retry limit); the broker normally stores an error record next.
    case failed(reason: String, attempts: Int)
}

/// What the journal holds of a job, for job control.
public struct JobSummary: Equatable, Sendable {
    public var status: JobStatus
    /// Dispatches so far (kept for done jobs too).
    public var attempts: Int
    /// Done only: the line written for it is an error record.
    public var errorLine: Bool
    /// Its header and body are stored: it is not done, or its line is an error (it can be retried).
    public var hasInput: Bool
    /// A result is stored: the worker's record waiting for collect, or a done job's error line.
    public var hasResult: Bool
    /// Why it was given up on, until its error line is written (also once that line is stored
    /// and waits for collect); nil otherwise.
    public var givenUpBecause: String? = nil
}

/// A job's stored request: what the broker sends to a worker.
public struct StoredJob: Sendable {
    public let id: JobID
    public let header: [UInt8]
    public let body: [UInt8]
    public let attempts: Int
}

public struct JournalStats: Equatable, Sendable {
    public var queued = 0
    public var inFlight = 0
    public var resultPending = 0
    public var done = 0
    /// Done jobs whose written line is an error record (part of `done`).
    public var errorLines = 0
    public var failed = 0
    public var segments = 0
    public var bytesOnDisk = 0
}

/// What replay found, for the log and for tests.
public struct ReplayReport: Sendable {
    public var records = 0
    public var segments = 0
    public var truncatedBytes = 0      // torn tails cut off
    public var skippedBytes = 0        // corrupt regions skipped in the middle
    public var orphanRecords = 0       // records about jobs whose submit record is gone
    /// Jobs announced (acknowledged) whose submit record is gone: damaged, not closed, not done.
    public var lostJobs: [LostJob] = []
}

/// A job the journal acknowledged whose stored file it lost to a damaged record: its id, its
/// label (the file name, from its `announced` record) and the segment that held it.
public struct LostJob: Sendable, Equatable {
    public let id: JobID
    public let label: String
    public let segment: String
}

/// In-memory state per job: 40 bytes, fixed-size, no heap references (the index of 20,000
/// queued jobs costs ~1.5 MB, not a String and two optionals each). Header and body stay on
/// disk and are read by offset when the job is dispatched; failure reasons live in
/// `Journal.reasons` (only failed jobs have one), error codes of error lines in `Journal.errorCodes`,
/// content keys in `Journal.contentIndex`.
struct JobEntry {
    enum State: UInt8 { case queued, inFlight, resultPending, done, failed }
    var state: State
    /// Done only: the line written for the job is an error record (its "status" is "error").
    var errorLine = false
    var attempts: UInt32
    private var submittedAt: PackedLocation
    private var resultAt: PackedLocation

    /// About the bytes of the small state records compaction writes for the job (a `done`
    /// record, or a `dispatched` one after attempts), besides its stored file and result.
    var stateRecordBytes: Int { state == .done ? 38 : (attempts > 0 ? 33 : 0) }

    init(state: State, attempts: UInt32, submitted: RecordLocation?, result: RecordLocation?, errorLine: Bool = false) {
        self.state = state
        self.attempts = attempts
        self.errorLine = errorLine
        submittedAt = PackedLocation(submitted)
        resultAt = PackedLocation(result)
    }

    var submitted: RecordLocation? {   // nil for done tombstones
        get { submittedAt.location }
        set { submittedAt = PackedLocation(newValue) }
    }
    var result: RecordLocation? {
        get { resultAt.location }
        set { resultAt = PackedLocation(newValue) }
    }
}

/// A RecordLocation in 16 bytes; size 0 (no record is empty) means none.
struct PackedLocation {
    var offset: UInt64
    var segment: UInt32
    var size: UInt32

    init(_ loc: RecordLocation?) {
        guard let loc else { offset = 0; segment = 0; size = 0; return }
        // Journal.open refuses options under which these could overflow (see `checkLimits`).
        offset = UInt64(loc.offset); segment = UInt32(truncatingIfNeeded: loc.segment); size = UInt32(loc.size)
    }

    var location: RecordLocation? {
        size == 0 ? nil : RecordLocation(segment: UInt64(segment), offset: Int(offset), size: Int(size))
    }
}

struct RecordLocation: Equatable {
    var segment: UInt64
    var offset: Int
    var size: Int
}
