import Journal
import JobContract
import ZeroMQ

/// Whether the journal takes the dispatch loop's writes. A full disk (or a read-only or failed
/// journal) is a state the loop waits out, not an error to retry at once: while it lasts nothing
/// is dispatched, the writes that could not be made wait (`DeferredWrite`), and one write is
/// tried again per `probeEveryMs`. The condition is logged when it starts, then at most once per
/// `logEveryMs`, and when it ends.
struct JournalRoom {
    /// What the journal last refused; nil while it takes writes.
    private(set) var refusal: JournalError?
    private(set) var sinceMs = 0
    private(set) var nextProbeMs = 0
    private var loggedAtMs = 0
    private var refusalsSinceLog = 0

    static let probeEveryMs = 1_000
    static let logEveryMs = 60_000

    var isWritable: Bool { refusal == nil }

    /// A write may be tried now: the journal takes writes, or the next probe is due.
    func mayWrite(nowMs: Int) -> Bool { refusal == nil || nowMs >= nextProbeMs }

    /// The journal refused a write; returns what to log now, if anything.
    mutating func refused(_ error: JournalError, nowMs: Int) -> String? {
        nextProbeMs = nowMs + JournalRoom.probeEveryMs
        guard refusal != nil else {
            refusal = error
            sinceMs = nowMs
            loggedAtMs = nowMs
            refusalsSinceLog = 0
            return "the journal refuses writes (\(error)): dispatch paused; retrying every \(JournalRoom.probeEveryMs / 1000) s"
        }
        refusal = error
        refusalsSinceLog += 1
        guard nowMs - loggedAtMs >= JournalRoom.logEveryMs else { return nil }
        defer { loggedAtMs = nowMs; refusalsSinceLog = 0 }
        return "the journal still refuses writes after \((nowMs - sinceMs) / 1000) s (\(error)); \(refusalsSinceLog) retries since last logged"
    }

    /// While the journal refuses writes, keeps the next probe in the future when none was tried
    /// (nothing queued, no worker): the broker's loop must not find its due time always past.
    mutating func postponeProbe(nowMs: Int) {
        if refusal != nil, nextProbeMs <= nowMs { nextProbeMs = nowMs + JournalRoom.probeEveryMs }
    }

    /// A write went through; returns what to log when that ends a refusal.
    mutating func wrote(nowMs: Int) -> String? {
        guard refusal != nil else { return nil }
        refusal = nil
        return "the journal takes writes again after \((nowMs - sinceMs) / 1000) s: dispatch resumed"
    }
}

/// A journal write of the dispatch loop that the journal refused for want of room, kept in
/// memory and made, in order, once it takes writes again (before anything is dispatched).
enum DeferredWrite {
    /// A worker's result (its message is kept: at most one per job a worker held).
    case result(JobID, OwnedFrames)
    /// A failed attempt: the job is queued again, or given up on.
    case attemptFailed(JobID, reason: String)
    /// The job becomes an error line.
    case giveUp(JobID, RecordError)
    /// The job's line is written.
    case done(JobID, errorLine: Bool, errorCode: String?)
}
