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
}

/// In-memory state per job: small and fixed-size. Header and body stay on disk and are
/// read by offset when the job is dispatched.
struct JobEntry {
    enum State: UInt8 { case queued, inFlight, resultPending, done, failed }
    var state: State
    var attempts: UInt32
    var submitted: RecordLocation?     // nil for done tombstones
    var result: RecordLocation?
    var reason: String?                // only for .failed
}

struct RecordLocation: Equatable {
    var segment: UInt64
    var offset: Int
    var size: Int
}
