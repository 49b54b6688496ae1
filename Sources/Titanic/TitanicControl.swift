import JobContract
import JSONOutput

// Job control, reportq's extension of Titanic (protocols/titanic.md §2a): list the jobs, show one,
// retry failed ones, cancel one, purge the finished. Built-in services of the broker beside
// titanic.request/reply/close; these are their requests and replies as types both sides share:
// the broker writes `frames` (or `encoded()`), a client reads them back with `init?(frames:)`.

/// A job as job control shows it: where it stands (the states of titanic.reply), its attempts,
/// the status of its line, why that line is an error, and its header while the broker keeps it.
public struct TitanicJobInfo: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case jobID = "job_id", state, status, attempts, error, header
    }
    public var jobID: JobID
    public var state: TitanicJobReport.State
    /// The status of its line: of the line written (done), or `error` for a job given up on
    /// whose error line is on its way (failed); nil before there is a line.
    public var line: RecordStatus?
    /// Dispatches so far.
    public var attempts: Int
    /// Why its line is an error: the error record's code and message.
    public var error: RecordError?
    /// The job header as the broker stored it; nil for a job done with an ok line (the broker
    /// then keeps its id only).
    public var header: JobHeader?

    public init(jobID: JobID, state: TitanicJobReport.State, line: RecordStatus? = nil, attempts: Int = 0,
                error: RecordError? = nil, header: JobHeader? = nil) {
        self.jobID = jobID; self.state = state; self.line = line; self.attempts = attempts; self.error = error; self.header = header
    }

    /// Its line is (or will be) an error record.
    public var failed: Bool { line == .error }

    /// The reply to titanic.show: ["200", info].
    public var frames: [[UInt8]] { [TitanicStatus.ok.frame, encoded()] }

    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0] == TitanicStatus.ok.frame else { return nil }
        guard let info = try? frames[1].withUnsafeBytes({ p in
            try JSONReader.document(p, malformed: { $0 }) { r in try TitanicJobInfo.read(&r, p) }
        }) else { return nil }
        self = info
    }

    public func encoded() -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 256)
        write(to: &w)
        return w.bytes
    }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key(Field.jobID.rawValue); w.string(jobID.description)
        w.key(Field.state.rawValue); w.string(state.rawValue)
        if let line { w.key(Field.status.rawValue); w.string(line.rawValue) }
        w.key(Field.attempts.rawValue); w.int(attempts)
        if let error {
            w.key(Field.error.rawValue)
            w.beginObject()
            w.key(RecordError.Field.code.rawValue); w.string(error.code.rawValue)
            w.key(RecordError.Field.message.rawValue); w.string(error.message)
            w.endObject()
        }
        if let header { w.key(Field.header.rawValue); w.raw(header.encoded()) }
        w.endObject()
    }

    /// Reads one info object; `bytes` is the buffer `r` reads (the header is decoded from its bytes).
    static func read(_ r: inout JSONReader, _ bytes: UnsafeRawBufferPointer) throws -> TitanicJobInfo {
        var id: JobID?, state: TitanicJobReport.State?, line: RecordStatus?, attempts = 0, error: RecordError?, header: JobHeader?
        try r.readObject { r, key in
            switch Field(rawValue: key) {
            case .jobID?: id = JobID(try r.readString())
            case .state?: state = TitanicJobReport.State(rawValue: try r.readString())
            case .status?: line = RecordStatus(rawValue: try r.readString())
            case .attempts?: attempts = try r.readInt()
            case .error?:
                var code: ErrorCode?, message = ""
                try r.readObject { r, key in
                    switch RecordError.Field(rawValue: key) {
                    case .code?: code = ErrorCode(rawValue: try r.readString())
                    case .message?: message = try r.readString()
                    case nil: try r.skipValue()
                    }
                }
                error = code.map { RecordError($0, message) }
            case .header?:
                let start = r.offset
                try r.skipValue()
                header = try? JobHeader.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<r.offset]), as: .stored)
            case nil: try r.skipValue()
            }
        }
        guard let id, let state else { throw Unreadable.missing("job_id and state") }
        return TitanicJobInfo(jobID: id, state: state, line: line, attempts: attempts, error: error, header: header)
    }
}

/// The request of titanic.list: one JSON object, every member optional. Jobs match when they are
/// in `state`, their line has `status`, and their stored header has that `name`, `path` or
/// `sha256`; they come in submission order, after `after`, at most `limit` of them.
public struct TitanicJobQuery: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case state, status, name, path, sha256, after, limit
    }
    public static let defaultLimit = 1_000
    public static let maxLimit = 10_000

    public var state: TitanicJobReport.State?
    /// The status of the job's line (`error` also matches jobs given up on, whose error line is on its way).
    public var line: RecordStatus?
    public var name: String?
    /// The header's `path` member (the path the client named; a header without one never matches).
    public var path: String?
    public var sha256: String?
    public var after: JobID?
    public var limit = TitanicJobQuery.defaultLimit

    public init(state: TitanicJobReport.State? = nil, line: RecordStatus? = nil, name: String? = nil, path: String? = nil,
                sha256: String? = nil, after: JobID? = nil, limit: Int = TitanicJobQuery.defaultLimit) {
        self.state = state; self.line = line; self.name = name; self.path = path; self.sha256 = sha256
        self.after = after; self.limit = limit
    }

    /// Whether the query names header members (then only jobs whose header is kept can match).
    public var asksForHeader: Bool { name != nil || path != nil || sha256 != nil }

    public func encoded() -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 128)
        w.beginObject()
        if let state { w.key(Field.state.rawValue); w.string(state.rawValue) }
        if let line { w.key(Field.status.rawValue); w.string(line.rawValue) }
        if let name { w.key(Field.name.rawValue); w.string(name) }
        if let path { w.key(Field.path.rawValue); w.string(path) }
        if let sha256 { w.key(Field.sha256.rawValue); w.string(sha256) }
        if let after { w.key(Field.after.rawValue); w.string(after.description) }
        w.key(Field.limit.rawValue); w.int(limit)
        w.endObject()
        return w.bytes
    }

    /// The query in a request's frames: none (everything, default limit) or one JSON object. Nil
    /// when it is not one, or names an unknown state or status, or a limit outside 1…maxLimit.
    public init?(frames: [[UInt8]]) {
        self.init()
        guard let frame = frames.first else { return }
        guard frames.count == 1 else { return nil }
        var ok = true
        let read: Void? = try? frame.withUnsafeBytes { p in
            try JSONReader.document(p, malformed: { $0 }) { r in try r.readObject { r, key in
                switch Field(rawValue: key) {
                case .state?: state = TitanicJobReport.State(rawValue: try r.readString()); ok = ok && state != nil
                case .status?: line = RecordStatus(rawValue: try r.readString()); ok = ok && line != nil
                case .name?: name = try r.readString()
                case .path?: path = try r.readString()
                case .sha256?: sha256 = try r.readString()
                case .after?: after = JobID(try r.readString()); ok = ok && after != nil
                case .limit?: limit = try r.readInt(); ok = ok && (1...TitanicJobQuery.maxLimit).contains(limit)
                case nil: try r.skipValue()
                }
            } }
        }
        guard read != nil, ok else { return nil }
    }

    /// Whether a job in `state` whose line has status `line` passes the state and status members.
    public func admits(state: TitanicJobReport.State, line: RecordStatus?) -> Bool {
        (self.state == nil || self.state == state) && (self.line == nil || self.line == line)
    }

    /// Whether a stored header passes the name, path and sha256 members.
    public func admits(_ header: JobHeader) -> Bool {
        if let name, header.name != name { return false }
        if let sha256, header.sha256 != sha256 { return false }
        if let path, header.path != path { return false }
        return true
    }
}

/// The reply of titanic.list: ["200", {"jobs": [info, …], "more": bool}]; `more`: further jobs
/// match (ask again with `after` = the last one's id).
public struct TitanicJobList: Equatable, Sendable {
    public var jobs: [TitanicJobInfo]
    public var more: Bool

    public init(jobs: [TitanicJobInfo], more: Bool) { self.jobs = jobs; self.more = more }

    public var frames: [[UInt8]] {
        var w = JSONWriter(reservingCapacity: 128 + 256 * jobs.count)
        w.beginObject()
        w.key("jobs"); w.beginArray()
        for job in jobs { job.write(to: &w) }
        w.endArray()
        w.key("more"); w.bool(more)
        w.endObject()
        return [TitanicStatus.ok.frame, w.bytes]
    }

    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0] == TitanicStatus.ok.frame else { return nil }
        var jobs: [TitanicJobInfo] = [], more = false
        let read: Void? = try? frames[1].withUnsafeBytes { p in
            try JSONReader.document(p, malformed: { $0 }) { r in try r.readObject { r, key in
                switch key {
                case "jobs": try r.readArray { r in jobs.append(try TitanicJobInfo.read(&r, p)) }
                case "more": more = try r.readBool()
                default: try r.skipValue()
                }
            } }
        }
        guard read != nil else { return nil }
        self.init(jobs: jobs, more: more)
    }
}

/// What titanic.retry did with one job id. A job whose line is an error is stored again as a new
/// job (new id: the aggregator writes one line per id), and the old one is closed; anything else
/// is refused.
public struct TitanicRetry: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case retried(as: JobID)
        case refused(TitanicRefusal)
    }
    /// The id as requested.
    public var jobID: String
    public var outcome: Outcome

    public init(jobID: String, _ outcome: Outcome) { self.jobID = jobID; self.outcome = outcome }

    /// The reply: ["200", [{"job_id": …, "retried_as": …} | {"job_id": …, "refused": {"code", "message"}}, …]].
    public static func frames(_ retries: [TitanicRetry]) -> [[UInt8]] {
        var w = JSONWriter(reservingCapacity: 96 * retries.count + 16)
        w.beginArray()
        for retry in retries {
            w.beginObject()
            w.key("job_id"); w.string(retry.jobID)
            switch retry.outcome {
            case .retried(let new): w.key("retried_as"); w.string(new.description)
            case .refused(let r):
                w.key("refused"); w.beginObject()
                w.key("code"); w.string(r.code.rawValue)
                w.key("message"); w.string(r.message)
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        return [TitanicStatus.ok.frame, w.bytes]
    }

    public static func read(frames: [[UInt8]]) -> [TitanicRetry]? {
        guard frames.count == 2, frames[0] == TitanicStatus.ok.frame else { return nil }
        var retries: [TitanicRetry] = []
        let read: Void? = try? frames[1].withUnsafeBytes { p in
            try JSONReader.document(p, malformed: { $0 }) { r in try r.readArray { r in
                var id = "", new: JobID?, refusal: TitanicRefusal?
                try r.readObject { r, key in
                    switch key {
                    case "job_id": id = try r.readString()
                    case "retried_as": new = JobID(try r.readString())
                    case "refused":
                        var code: TitanicRefusal.Code?, message = ""
                        try r.readObject { r, key in
                            if key == "code" { code = TitanicRefusal.Code(rawValue: try r.readString()) }
                            else if key == "message" { message = try r.readString() } else { try r.skipValue() }
                        }
                        refusal = code.map { TitanicRefusal($0, message) }
                    default: try r.skipValue()
                    }
                }
                if let new { retries.append(TitanicRetry(jobID: id, .retried(as: new))) }
                else if let refusal { retries.append(TitanicRetry(jobID: id, .refused(refusal))) }
                else { throw Unreadable.missing("retried_as or refused") }
            } }
        }
        return read == nil ? nil : retries
    }
}

/// The reply of titanic.cancel [job id] for a job it could cancel: ["200", "cancelled"] (taken
/// off the queue; its line will be an error record, code `cancelled`) or ["200", "cancelling"]
/// (a worker holds it: its result is dropped when it comes, and the same error line written).
public enum TitanicCancellation: String, Sendable {
    case cancelled, cancelling

    public var frames: [[UInt8]] { [TitanicStatus.ok.frame, Array(rawValue.utf8)] }

    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0] == TitanicStatus.ok.frame else { return nil }
        self.init(rawValue: String(decoding: frames[1], as: UTF8.self))
    }
}

/// Which finished jobs titanic.purge forgets (its one optional frame; none: `finished`).
public enum TitanicPurgeScope: String, CaseIterable, Sendable {
    /// Every done job.
    case finished
    /// Done jobs whose line is ok.
    case ok
    /// Done jobs whose line is an error (they can no longer be retried).
    case error

    public func admits(errorLine: Bool) -> Bool {
        switch self {
        case .finished: return true
        case .ok: return !errorLine
        case .error: return errorLine
        }
    }

    /// The reply: ["200", the number of jobs forgotten].
    public static func frames(purged: Int) -> [[UInt8]] { [TitanicStatus.ok.frame, Array(String(purged).utf8)] }

    public static func purged(frames: [[UInt8]]) -> Int? {
        guard frames.count == 2, frames[0] == TitanicStatus.ok.frame else { return nil }
        return Int(String(decoding: frames[1], as: UTF8.self))
    }
}

/// A reply member missing (the readers above return nil for the whole reply).
private enum Unreadable: Error { case missing(String) }
