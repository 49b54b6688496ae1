import JobContract
import JSONOutput

/// The reply of `reportq.status` (protocols/titanic.md §3a): one JSON object. The journal's
/// counts (`queued` … `failed`: every job whose line is or will be an error record, `error_lines`:
/// those whose error line is written), counters since the broker started, jobs/s over the last
/// 10 s (CompletionRate), and workers per service. TitanicService makes it; `reportq status` reads it.
public struct QueueStatus: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case queued, inFlight = "in_flight", resultPending = "result_pending", done, failed, errorLines = "error_lines", submitted, known, completed
        case failedAttempts = "failed_attempts", poisoned, refused, jobsPerSecond = "jobs_per_second"
        case journalBytes = "journal_bytes", workers
    }
    public var queued = 0, inFlight = 0, resultPending = 0, done = 0, failed = 0, errorLines = 0
    public var submitted = 0, known = 0, completed = 0, failedAttempts = 0, poisoned = 0, refused = 0
    public var jobsPerSecond = 0.0
    public var journalBytes = 0
    public var workers: [String: Int] = [:]

    public init(queued: Int = 0, inFlight: Int = 0, resultPending: Int = 0, done: Int = 0, failed: Int = 0, errorLines: Int = 0,
                known: Int = 0, submitted: Int = 0, completed: Int = 0, failedAttempts: Int = 0, poisoned: Int = 0, refused: Int = 0,
                jobsPerSecond: Double = 0, journalBytes: Int = 0, workers: [String: Int] = [:]) {
        self.queued = queued; self.inFlight = inFlight; self.resultPending = resultPending; self.done = done
        self.failed = failed; self.errorLines = errorLines; self.known = known
        self.submitted = submitted; self.completed = completed; self.failedAttempts = failedAttempts
        self.poisoned = poisoned; self.refused = refused; self.jobsPerSecond = jobsPerSecond
        self.journalBytes = journalBytes; self.workers = workers
    }

    private var counts: [(Field, Int)] {
        [(.queued, queued), (.inFlight, inFlight), (.resultPending, resultPending), (.done, done), (.failed, failed),
         (.errorLines, errorLines), (.submitted, submitted), (.known, known), (.completed, completed), (.failedAttempts, failedAttempts), (.poisoned, poisoned),
         (.refused, refused), (.journalBytes, journalBytes)]
    }

    public func encoded() -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 512)
        w.beginObject()
        for (field, n) in counts where field != .journalBytes { w.key(field.rawValue); w.int(n) }
        // Two decimals, as a rate is printed.
        let cents = Int((jobsPerSecond * 100).rounded())
        w.key(Field.jobsPerSecond.rawValue); w.raw(Array("\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)".utf8))
        w.key(Field.journalBytes.rawValue); w.int(journalBytes)
        w.key(Field.workers.rawValue)
        w.beginObject()
        for name in workers.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { w.key(name); w.int(workers[name]!) }
        w.endObject()
        w.endObject()
        return w.bytes
    }

    /// Nil when the frame is not a status object.
    public init?(frame: [UInt8]) {
        var s = QueueStatus()
        let read: Void? = try? frame.withUnsafeBytes { p in
            try JSONReader.document(p, malformed: { $0 }) { r in try r.readObject { r, key in
                switch Field(rawValue: key) {
                case .queued?: s.queued = try r.readInt()
                case .inFlight?: s.inFlight = try r.readInt()
                case .resultPending?: s.resultPending = try r.readInt()
                case .done?: s.done = try r.readInt()
                case .failed?: s.failed = try r.readInt()
                case .errorLines?: s.errorLines = try r.readInt()
                case .known?: s.known = try r.readInt()
                case .submitted?: s.submitted = try r.readInt()
                case .completed?: s.completed = try r.readInt()
                case .failedAttempts?: s.failedAttempts = try r.readInt()
                case .poisoned?: s.poisoned = try r.readInt()
                case .refused?: s.refused = try r.readInt()
                case .journalBytes?: s.journalBytes = try r.readInt()
                case .jobsPerSecond?:
                    let literal = try r.readNumberBytes()
                    s.jobsPerSecond = Double(String(decoding: UnsafeRawBufferPointer(rebasing: p[literal]), as: UTF8.self)) ?? 0
                case .workers?: try r.readObject { r, name in s.workers[name] = try r.readInt() }
                case nil: try r.skipValue()
                }
            } }
        }
        guard read != nil else { return nil }
        self = s
    }
}
