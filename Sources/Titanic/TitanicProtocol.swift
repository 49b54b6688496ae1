import JobContract
import JSONOutput

// Titanic (ZeroMQ RFC 9) as reportq speaks it (protocols/titanic.md §2): the replies of its three
// services as types, each with the frames the broker sends (`frames`) and the reading a client
// does (`init?(frames:)`), so server and client share one definition. Job control, reportq's
// extension (titanic.list, .show, .retry, .cancel, .purge; titanic.md §2a), is in TitanicControl.swift.

/// The first frame of every Titanic reply.
public enum TitanicStatus: String, Sendable {
    case ok = "200"
    case pending = "300"
    case unknown = "400"
    case failed = "500"

    var frame: [UInt8] { Array(rawValue.utf8) }
}

/// The reply to `titanic.request` [service, job header, file bytes].
public enum TitanicAcknowledgement: Equatable, Sendable {
    /// ["200", job id]: the job is durably stored.
    case stored(JobID)
    /// ["200", job id, state]: nothing new was stored: the broker already holds a job for the same
    /// content (the header's `sha256` and `options`), here is that job and where it stands. A
    /// header with `"force": true` is always stored.
    case known(JobID, TitanicJobReport.State)
    /// ["500", code, message]: nothing was stored.
    case refused(TitanicRefusal)

    public var frames: [[UInt8]] {
        switch self {
        case .stored(let id): return [TitanicStatus.ok.frame, Array(id.description.utf8)]
        case .known(let id, let state): return [TitanicStatus.ok.frame, Array(id.description.utf8), Array(state.rawValue.utf8)]
        case .refused(let r): return r.frames
        }
    }

    /// The job that holds the request's content: stored now or before.
    public var jobID: JobID? {
        switch self {
        case .stored(let id), .known(let id, _): return id
        case .refused: return nil
        }
    }

    /// Nil for any other reply.
    public init?(frames: [[UInt8]]) {
        guard let status = frames.first.flatMap({ TitanicStatus(rawValue: String(decoding: $0, as: UTF8.self)) }) else { return nil }
        switch status {
        case .ok:
            guard frames.count == 2 || frames.count == 3, let id = JobID(String(decoding: frames[1], as: UTF8.self)) else { return nil }
            if frames.count == 3 {
                guard let state = TitanicJobReport.State(rawValue: String(decoding: frames[2], as: UTF8.self)) else { return nil }
                self = .known(id, state)
            } else {
                self = .stored(id)
            }
        case .failed:
            guard frames.count == 3, let code = TitanicRefusal.Code(rawValue: String(decoding: frames[1], as: UTF8.self)) else { return nil }
            self = .refused(TitanicRefusal(code, String(decoding: frames[2], as: UTF8.self)))
        case .pending, .unknown: return nil
        }
    }
}

/// Why `titanic.request` stored nothing (protocols/titanic.md §2, reason codes of a 500 reply).
public struct TitanicRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, CaseIterable, Sendable {
        /// The journal is at its size limit, or the disk is full: retry later.
        case journalFull = "journal_full"
        /// The journal's directory refuses writes: an operator must act.
        case journalReadOnly = "journal_read_only"
        /// An fsync failed; the broker refuses writes until restarted.
        case journalFailed = "journal_failed"
        /// Header and body exceed the journal's record limit: do not retry.
        case tooLarge = "too_large"
        /// The frames or the header are not a job (the message says which): do not retry.
        case badRequest = "bad_request"
        /// The service is not one Titanic stores jobs for: do not retry.
        case unknownService = "unknown_service"
        /// Job control: no job has that id (never stored, closed, or forgotten).
        case unknownJob = "unknown_job"
        /// Job control: the job is not in a state the command applies to (the message says which).
        case wrongState = "wrong_state"
        /// Job control: the journal no longer holds the job's file (a journal older than job control).
        case noInput = "no_input"
    }
    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    public var description: String { "\(code.rawValue): \(message)" }

    /// ["500", code, message]: how any Titanic service refuses.
    public var frames: [[UInt8]] { [TitanicStatus.failed.frame, Array(code.rawValue.utf8), Array(message.utf8)] }
}

/// The reply to `titanic.reply` [job id] for a job the broker knows: ["200", report] when it is
/// done, ["300", report] while it is not. An unknown job is answered ["400"] (`unknownFrames`).
public struct TitanicJobReport: Equatable, Sendable {
    public enum State: String, Sendable {
        case queued
        case inFlight = "in_flight"
        case resultPending = "result_pending"
        /// Given up on: its error line is on its way.
        case failed
        case done
        /// Acknowledged, but the journal lost its file to a damaged record (found at the broker's
        /// start): its error line (`journal_corrupt`) is written (200) or on its way (300).
        case lost
    }
    public var jobID: JobID
    public var state: State
    /// Dispatches so far (not reported for a done job).
    public var attempts: Int
    /// For a done job: the status of the line written for it.
    public var line: RecordStatus?
    /// For a done job whose line is an error record: its `error.code`, when the journal kept it.
    public var errorCode: String?

    public init(jobID: JobID, state: State, attempts: Int = 0, line: RecordStatus? = nil, errorCode: String? = nil) {
        self.jobID = jobID; self.state = state; self.attempts = attempts; self.line = line; self.errorCode = errorCode
    }

    /// Whether the job ended without a result: given up on, lost, or done with an error line.
    public var failed: Bool { state == .failed || state == .lost || line == .error }

    /// Whether the job's line is written: done, or lost with its error line written.
    public var lineWritten: Bool { state == .done || (state == .lost && line != nil) }

    public static let unknownFrames: [[UInt8]] = [TitanicStatus.unknown.frame]

    public var frames: [[UInt8]] {
        var w = JSONWriter(reservingCapacity: 96)
        w.beginObject()
        w.key("job_id"); w.string(jobID.description)
        w.key("state"); w.string(state.rawValue)
        if lineWritten { w.key("status"); w.string((line ?? .ok).rawValue) } else { w.key("attempts"); w.int(attempts) }
        if let errorCode { w.key("error_code"); w.string(errorCode) }
        w.endObject()
        return [(lineWritten ? TitanicStatus.ok : TitanicStatus.pending).frame, w.bytes]
    }

    /// Nil for ["400"] and anything that is not a report.
    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, let status = TitanicStatus(rawValue: String(decoding: frames[0], as: UTF8.self)),
              status == .ok || status == .pending else { return nil }
        var id: JobID?, state: State?, attempts = 0, line: RecordStatus?, errorCode: String?
        let read: Void? = try? frames[1].withUnsafeBytes { p in
            try JSONReader.document(p, malformed: { $0 }) { r in try r.readObject { r, key in
                switch key {
                case "job_id": id = JobID(try r.readString())
                case "state": state = State(rawValue: try r.readString())
                case "attempts": attempts = try r.readInt()
                case "status": line = RecordStatus(rawValue: try r.readString())
                case "error_code": errorCode = try r.readString()
                default: try r.skipValue()
                }
            } }
        }
        guard read != nil, let id, let state else { return nil }
        self.init(jobID: id, state: state, attempts: attempts, line: line, errorCode: errorCode)
        guard (status == .ok) == lineWritten else { return nil }
    }
}
