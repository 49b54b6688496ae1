import Glibc

/// The broker's durable job store: an append-only log of job events in segment files.
///
/// Durability contract (the point where a job may be acknowledged to its client):
/// - `submit(header:body:)` with `sync: true` (the default) returns only after the record is
///   written and fdatasync'ed; the job id may then be acknowledged to the client.
/// - Group commit: call `submit(..., sync: false)` for a batch, then `sync()` once; acknowledge
///   none of the batch until `sync()` returned. If `sync()` throws, acknowledge none.
/// - State changes after submit (dispatched, failed attempt, result, done, close) are written
///   without fsync by default and ride along the next sync. Losing one of them in a crash only
///   replays an earlier state (a job runs or is collected again; the aggregator dedups by id).
/// - After an fsync failure the journal refuses everything (`.failed`) until reopened.
///
/// Thread-safe: every call takes one internal lock.
public final class Journal: @unchecked Sendable {
    public enum FsyncMode: Sendable {
        case enabled
        /// Never fsyncs: for benchmarks and tests only; a crash may lose acknowledged jobs.
        case disabled
    }

    public struct Options: Sendable {
        /// Submits are refused with `.full` once the segment files would exceed this. Other
        /// records (dispatch, result, done, close) are still written past it: they are what
        /// lets jobs finish and space be reclaimed; only the disk itself can refuse them.
        public var maxBytes = 8 << 30
        /// A segment is sealed and a new one started past this size.
        public var segmentBytes = 64 << 20
        /// Largest single record (header + body or result).
        public var maxRecordBytes = 256 << 20
        /// Done jobs remembered (so `status` can still say `.done`) beyond which compaction forgets
        /// the oldest ones.
        public var doneRetention = 100_000
        /// Most live bytes one automatic compaction copies (bounds the stall of the caller).
        /// `compact()` and a submit at `maxBytes` compact everything regardless.
        public var compactionCopyBytes = 64 << 20
        public var fsync = FsyncMode.enabled
        /// A job's label (its file name) from its stored header, kept in a small `announced`
        /// record beside the job's so that a damaged record can be named (ReplayReport.lostJobs).
        public var jobLabel: (@Sendable (UnsafeRawBufferPointer) -> [UInt8]?)?
        /// A job's content key from its stored header (nil or 0: none), for the jobs replayed from
        /// disk; `submit` is given the key of a new job. Titanic keys a job by its file's SHA-256
        /// and its options, so that a second push of the same content finds the first job.
        public var contentKey: (@Sendable (UnsafeRawBufferPointer) -> UInt64?)?
        public var log: @Sendable (String) -> Void = { line in
            var l = "journal: " + line + "\n"
            l.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
        }
        public init() {}
    }

    public let directory: String
    let options: Options
    let lock = Lock()
    var lockFD: Int32 = -1

    var jobs: [JobID: JobEntry] = [:]
    var reasons: [JobID: String] = [:]  // why each failed job was given up on
    var errorCodes: [JobID: String] = [:]  // the error code of each done job whose line is an error record
    var contentIndex: [UInt64: JobID] = [:]  // content key → the newest job with it (closed jobs' entries stay until compaction)
    var queue: [JobID] = []            // FIFO of queued ids; stale entries are skipped
    var queueHead = 0
    var segments: [UInt64: SegmentFile] = [:]
    var active: SegmentFile!
    var unsynced = false
    var broken: String?
    var ids = JobIDGenerator()
    public private(set) var replayReport = ReplayReport()
    var announced: [JobID: (label: [UInt8], segment: UInt64)] = [:]   // during replay only
    /// Test seam: runs before each fdatasync of the active segment; non-zero fails the sync.
    var syncHook: (() -> Int32)?

    init(directory: String, options: Options) {
        self.directory = directory
        self.options = options
    }

    /// Opens (creating if needed) the journal in `directory`, replays every segment and
    /// rebuilds job states. Torn tails are truncated, corrupt regions skipped, both logged.
    /// In-flight jobs come back as queued with their attempt counts.
    public static func open(directory: String, options: Options = Options()) throws -> Journal {
        try checkLimits(options)
        let j = Journal(directory: directory, options: options)
        try FileSystem.makeDirectories(directory)
        j.restrictDirectory()
        try j.takeDirectoryLock()
        do {
            j.replayReport = try j.replay()
            try j.openActiveSegment()
        } catch {
            j.shutdown()
            throw error
        }
        return j
    }

    deinit { shutdown() }

    /// Record sizes are kept in 32 bits in memory (JobEntry): refuse options that could overflow.
    static func checkLimits(_ options: Options) throws {
        guard options.maxRecordBytes > 0, options.maxRecordBytes <= Int(UInt32.max) - 64 else {
            throw JournalError.failed("maxRecordBytes must be between 1 and 4 GiB")
        }
    }

    /// Releases files and the directory lock. The journal is unusable afterwards.
    public func shutdown() {
        lock.locked {
            if unsynced, broken == nil { try? active?.sync() }
            segments.removeAll()
            active = nil
            if lockFD >= 0 { Glibc.close(lockFD); lockFD = -1 }
            if broken == nil { broken = "journal shut down" }
        }
    }

    // MARK: - Writing

    /// Stores a job durably (see the type's contract) and queues it.
    @discardableResult
    public func submit(header: [UInt8], body: [UInt8], sync: Bool = true) throws -> JobID {
        try submit(body: body, sync: sync) { _ in header }
    }

    /// Like `submit(header:body:)`, with the header built once the id is known, so the stored
    /// header (the frame workers get) can carry its own "job_id".
    @discardableResult
    public func submit(body: [UInt8], sync: Bool = true, contentKey: UInt64 = 0, label: [UInt8] = [], header makeHeader: (JobID) throws -> [UInt8]) throws -> JobID {
        try body.withUnsafeBytes { try submit(body: $0, sync: sync, contentKey: contentKey, label: label, header: makeHeader) }
    }

    /// Like `submit(body:sync:header:)`, writing the body from where it lies (e.g. a received
    /// message) instead of from an array.
    /// `contentKey` (0: none) finds the job again through `job(withContentKey:)`; `label` (the
    /// file name; empty: `Options.jobLabel` of the header) names the job if its record is damaged.
    @discardableResult
    public func submit(body: UnsafeRawBufferPointer, sync: Bool = true, contentKey: UInt64 = 0, label: [UInt8] = [],
                       header makeHeader: (JobID) throws -> [UInt8]) throws -> JobID {
        try lock.locked {
            try beginWrite()
            let id = ids.next()
            let header = try makeHeader(id)
            let size = RecordFormat.frameBytes + 1 + RecordFormat.idBytes + 4 + header.count + body.count
            guard size - RecordFormat.frameBytes <= options.maxRecordBytes else { throw JournalError.tooLarge(size) }
            let announce = RecordFormat.announced(id, label: label.isEmpty ? self.label(ofHeader: header) : label)
            try makeRoom(for: announce.count + size)
            var fixed = id.bytes
            RecordFormat.append32(&fixed, UInt32(header.count))
            let loc = try header.withUnsafeBytes { h in try append(.submitted, fixed: fixed, tail: [h, body], after: announce) }
            jobs[id] = JobEntry(state: .queued, attempts: 0, submitted: loc, result: nil)
            if contentKey != 0 { contentIndex[contentKey] = id }
            queue.append(id)
            if sync { try syncLocked() }
            return id
        }
    }

    /// Makes every record written so far durable (group commit).
    public func sync() throws {
        try lock.locked { try usable(); try syncLocked() }
    }

    /// Records that `id` was sent to a worker; returns the attempt number (1 for the first).
    @discardableResult
    public func markDispatched(_ id: JobID, sync: Bool = false) throws -> Int {
        try lock.locked {
            try beginWrite()
            guard var e = jobs[id] else { throw JournalError.unknownJob(id) }
            guard e.state == .queued else { throw JournalError.invalidTransition(id, "dispatch of a job that is not queued") }
            e.attempts += 1
            var fixed = id.bytes
            RecordFormat.append32(&fixed, e.attempts)
            _ = try append(.dispatched, fixed: fixed, tail: [])
            e.state = .inFlight
            jobs[id] = e
            if sync { try syncLocked() }
            return Int(e.attempts)
        }
    }

    /// A dispatched attempt failed (worker lost, timed out or returned an error). The job is
    /// queued again at the back, or, with `giveUp`, becomes `.failed(reason)`.
    public func recordAttemptFailure(_ id: JobID, reason: String, giveUp: Bool, sync: Bool = false) throws {
        try lock.locked {
            try beginWrite()
            guard var e = jobs[id] else { throw JournalError.unknownJob(id) }
            guard e.state == .inFlight || e.state == .queued else {
                throw JournalError.invalidTransition(id, "attempt failure for a job that is not running")
            }
            let fixed = RecordFormat.attemptFailedFields(id, attempts: e.attempts, giveUp: giveUp)
            let reasonBytes = Array(reason.utf8.prefix(4096))
            _ = try reasonBytes.withUnsafeBytes { try append(.attemptFailed, fixed: fixed, tail: [$0]) }
            if giveUp {
                e.state = .failed; reasons[id] = reason
            } else if e.state == .inFlight {
                e.state = .queued
                queue.append(id)
            }
            jobs[id] = e
            if sync { try syncLocked() }
        }
    }

    /// Stores the worker's result (or the broker's error record) until `collect` confirms it.
    public func storeResult(_ id: JobID, result: [UInt8], sync: Bool = false) throws {
        try result.withUnsafeBytes { try storeResult(id, result: $0, sync: sync) }
    }

    /// Like `storeResult(_:result:sync:)`, writing the result from where it lies.
    public func storeResult(_ id: JobID, result: UnsafeRawBufferPointer, sync: Bool = false) throws {
        try lock.locked {
            try beginWrite()
            guard var e = jobs[id] else { throw JournalError.unknownJob(id) }
            switch e.state {
            case .done: return                                  // late duplicate: already written
            case .resultPending: return                         // keep the first result
            case .queued, .inFlight, .failed: break
            }
            guard result.count + RecordFormat.idBytes + 1 <= options.maxRecordBytes else { throw JournalError.tooLarge(result.count) }
            let loc = try append(.result, fixed: id.bytes, tail: [result])
            e.state = .resultPending
            e.result = loc
            jobs[id] = e
            if sync { try syncLocked() }
        }
    }

    /// The output line is durably written: the job is finished. Idempotent. `errorLine`: the
    /// line is an error record (kept in the done record; `wroteErrorLine` tells), `errorCode` its
    /// code (`errorCode(of:)` tells). A job whose line is an error keeps its header, body and error
    /// line until it is closed, so that it can be retried and its error shown; any other done job
    /// is an id only.
    public func markDone(_ id: JobID, errorLine: Bool = false, errorCode: String? = nil, sync: Bool = false) throws {
        try lock.locked {
            try beginWrite()
            guard var e = jobs[id] else { throw JournalError.unknownJob(id) }
            if e.state == .done { return }
            _ = try append(.done, fixed: RecordFormat.donePayload(id, errorLine: errorLine, errorCode: errorCode), tail: [])
            e = JobEntry(state: .done, attempts: e.attempts, submitted: errorLine ? e.submitted : nil,
                         result: errorLine ? e.result : nil, errorLine: errorLine)
            jobs[id] = e
            reasons[id] = nil
            if errorLine, let errorCode { errorCodes[id] = String(errorCode.utf8.prefix(64)) ?? errorCode }
            if sync { try syncLocked() }
        }
    }

    /// Forgets the job. Unknown ids are fine (closing is idempotent).
    public func closeJob(_ id: JobID, sync: Bool = false) throws {
        try closeJobs([id], sync: sync)
    }

    /// Forgets the jobs (unknown ids are skipped), their `closed` records written together.
    public func closeJobs(_ ids: [JobID], sync: Bool = false) throws {
        try lock.locked {
            try beginWrite()
            let known = ids.filter { jobs[$0] != nil }
            guard !known.isEmpty else { return }
            var records: [UInt8] = []
            for id in known { records += RecordFormat.prefix(.closed, fixed: id.bytes, tail: []) }
            try records.withUnsafeBytes { try appendRecords($0) }
            for id in known { jobs[id] = nil; reasons[id] = nil; errorCodes[id] = nil }
            if sync { try syncLocked() }
        }
    }

    // MARK: - Reading

    public func status(_ id: JobID) -> JobStatus? {
        lock.locked {
            guard let e = jobs[id] else { return nil }
            return publicStatus(id, e)
        }
    }

    /// What the journal holds of a job (job control: titanic.list, titanic.show, titanic.retry).
    public func summary(_ id: JobID) -> JobSummary? {
        lock.locked { jobs[id].map { summaryLocked(id, $0) } }
    }

    /// The ids of the jobs `include` picks, in submission order.
    public func jobIDs(where include: (JobID, JobSummary) -> Bool) -> [JobID] {
        lock.locked { jobs.compactMap { include($0.key, summaryLocked($0.key, $0.value)) ? $0.key : nil } }.sorted()
    }

    /// For a done job: whether its written line is an error record (false when unknown, e.g.
    /// for jobs finished by a journal version that did not record it).
    public func wroteErrorLine(_ id: JobID) -> Bool {
        lock.locked { jobs[id].map { $0.state == .done && $0.errorLine } ?? false }
    }

    /// For a done job whose line is an error record: its error code (nil when unknown, e.g. for
    /// jobs finished by a journal version that did not record it).
    public func errorCode(of id: JobID) -> String? {
        lock.locked { errorCodes[id] }
    }

    /// The newest job submitted with this content key that the journal still knows (any state).
    public func job(withContentKey key: UInt64) -> JobID? {
        guard key != 0 else { return nil }
        return lock.locked {
            guard let id = contentIndex[key] else { return nil }
            if jobs[id] == nil { contentIndex[key] = nil; return nil }     // closed or forgotten
            return id
        }
    }

    /// The oldest queued job, without changing it (call `markDispatched` when it is sent).
    public func nextQueued() -> JobID? {
        lock.locked {
            while queueHead < queue.count {
                let id = queue[queueHead]
                if jobs[id]?.state == .queued { return id }
                queueHead += 1
            }
            if queueHead > 0 { queue.removeAll(keepingCapacity: true); queueHead = 0 }
            return nil
        }
    }

    /// All queued jobs in queue order (after open: every job to recover, in submission order).
    public func queuedJobs() -> [JobID] {
        lock.locked {
            var seen = Set<JobID>()
            return queue[queueHead...].filter { jobs[$0]?.state == .queued && seen.insert($0).inserted }
        }
    }

    /// Jobs whose result waits for `collect` (after open: results to forward again).
    public func pendingResults() -> [JobID] {
        lock.locked { jobs.filter { $0.value.state == .resultPending }.map(\.key).sorted() }
    }

    /// Reads a job's header and body back from its segment.
    public func load(_ id: JobID) throws -> StoredJob {
        var attempts = 0
        let parts = try loadJob(id) { sizes, read in
            attempts = Int(jobs[id]?.attempts ?? 0)                   // (under the lock)
            return try sizes.indices.map { k in
                try [UInt8](unsafeUninitializedCapacity: sizes[k]) { buf, n in try read(k, UnsafeMutableRawBufferPointer(buf)); n = sizes[k] }
            }
        }
        return StoredJob(id: id, header: parts[0], body: parts[1], attempts: attempts)
    }

    /// Reads a job's header and body straight into buffers the caller makes (e.g. the messages
    /// that carry them to a worker), so they are not copied on the way. `make` gets the sizes of
    /// the header and the body and `read(k, buffer)`, which fills `buffer` with part k (0 header,
    /// 1 body; `buffer` must have that part's size). Runs under the journal's lock.
    public func loadJob<T>(_ id: JobID, into make: (_ sizes: [Int], _ read: (Int, UnsafeMutableRawBufferPointer) throws -> Void) throws -> T) throws -> T {
        try lock.locked {
            guard let loc = jobs[id]?.submitted else { throw JournalError.unknownJob(id) }
            let f = try file(loc.segment)
            let start = loc.offset + RecordFormat.frameBytes + 1 + RecordFormat.idBytes
            let n = try f.read(count: 4, at: start).withUnsafeBytes { Int(RecordFormat.read32($0, 0)) }
            let rest = loc.offset + loc.size - (start + 4)
            guard n <= rest else { throw JournalError.io(errno: EIO, operation: "read \(f.path): header longer than its record") }
            let offsets = [start + 4, start + 4 + n]
            return try make([n, rest - n]) { k, buffer in try f.read(into: buffer, at: offsets[k]) }
        }
    }

    /// Just the header (what `collect` gets along with the result).
    public func header(of id: JobID) throws -> [UInt8] {
        try lock.locked {
            guard let loc = jobs[id]?.submitted else { throw JournalError.unknownJob(id) }
            let fixedEnd = RecordFormat.frameBytes + 1 + RecordFormat.idBytes
            let lenBytes = try file(loc.segment).read(count: 4, at: loc.offset + fixedEnd)
            let n = lenBytes.withUnsafeBytes { Int(RecordFormat.read32($0, 0)) }
            return try file(loc.segment).read(count: n, at: loc.offset + fixedEnd + 4)
        }
    }

    public func result(of id: JobID) throws -> [UInt8]? {
        try loadResult(id) { count, read in
            try [UInt8](unsafeUninitializedCapacity: count) { buf, n in try read(UnsafeMutableRawBufferPointer(buf)); n = count }
        }
    }

    /// Reads a job's stored result straight into a buffer the caller makes (see `loadJob`):
    /// `make` gets its size and `read(buffer)`. Nil when the job has no stored result.
    public func loadResult<T>(_ id: JobID, into make: (_ count: Int, _ read: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> T) throws -> T? {
        try lock.locked {
            guard let e = jobs[id] else { throw JournalError.unknownJob(id) }
            guard let loc = e.result else { return nil }
            let f = try file(loc.segment)
            let start = RecordFormat.frameBytes + 1 + RecordFormat.idBytes
            return try make(loc.size - start) { buffer in try f.read(into: buffer, at: loc.offset + start) }
        }
    }

    public var stats: JournalStats {
        lock.locked {
            var s = JournalStats()
            for e in jobs.values {
                switch e.state {
                case .queued: s.queued += 1
                case .inFlight: s.inFlight += 1
                case .resultPending: s.resultPending += 1
                case .done: s.done += 1; if e.errorLine { s.errorLines += 1 }
                case .failed: s.failed += 1
                }
            }
            s.segments = segments.count
            s.bytesOnDisk = segments.values.reduce(0) { $0 + $1.size }
            return s
        }
    }

    // MARK: - Internals (called under the lock)

    func summaryLocked(_ id: JobID, _ e: JobEntry) -> JobSummary {
        JobSummary(status: publicStatus(id, e), attempts: Int(e.attempts), errorLine: e.state == .done && e.errorLine,
                   hasInput: e.submitted != nil, hasResult: e.result != nil, givenUpBecause: reasons[id])
    }

    func publicStatus(_ id: JobID, _ e: JobEntry) -> JobStatus {
        let a = Int(e.attempts)
        switch e.state {
        case .queued: return .queued(attempts: a)
        case .inFlight: return .inFlight(attempts: a)
        case .resultPending: return .resultPending(attempts: a)
        case .done: return .done
        case .failed: return .failed(reason: reasons[id] ?? "", attempts: a)
        }
    }

    func usable() throws {
        if let b = broken { throw JournalError.failed(b) }
    }

    /// Called first by every writing call, before it reads a job entry: rolling may compact,
    /// and compaction moves entries, so no entry copy may be held across it.
    func beginWrite() throws {
        try usable()
        if active.size >= options.segmentBytes { try roll() }
    }

    func file(_ number: UInt64) throws -> SegmentFile {
        guard let f = segments[number] else { throw JournalError.io(errno: ENOENT, operation: "segment \(number) is gone") }
        return f
    }

    /// Appends whole records (already framed) to the active segment, cut back on a failed write.
    func appendRecords(_ records: UnsafeRawBufferPointer) throws {
        let start = active.size
        do { try active.write([records], at: start) } catch {
            try? active.truncate(to: start)
            throw error
        }
        active.size = start + records.count
        unsynced = true
    }

    /// Appends one record to the active segment (after `leading`, whole records written in the
    /// same write, e.g. a job's `announced` record). On a failed write the file is cut back so
    /// no partial record stays behind; the logical end never moves past a failed record.
    func append(_ type: RecordType, fixed: [UInt8], tail: [UnsafeRawBufferPointer], after leading: [UInt8] = []) throws -> RecordLocation {
        let prefix = RecordFormat.prefix(type, fixed: fixed, tail: tail)
        let start = active.size
        do {
            try leading.withUnsafeBytes { l in
                try prefix.withUnsafeBytes { p in try active.write((l.isEmpty ? [] : [l]) + [p] + tail, at: start) }
            }
        } catch {
            try? active.truncate(to: start)
            throw error
        }
        let size = prefix.count + tail.reduce(0) { $0 + $1.count }
        active.size = start + leading.count + size
        unsynced = true
        return RecordLocation(segment: active.number, offset: start + leading.count, size: size)
    }

    /// A job's label from its header (`Options.jobLabel`), at most 255 bytes; empty without one.
    func label(ofHeader header: [UInt8]) -> [UInt8] {
        guard let jobLabel = options.jobLabel else { return [] }
        return header.withUnsafeBytes { jobLabel($0) }.map { Array($0.prefix(RecordFormat.labelBytes)) } ?? []
    }

    /// Stores a job the journal lost (ReplayReport.lostJobs) again as given up on: `header` with
    /// no body, and `reason`, in one write. Its error line is then stored like any other's.
    public func reinstate(_ lost: LostJob, header: [UInt8], reason: String) throws {
        try lock.locked {
            try beginWrite()
            guard jobs[lost.id] == nil else { throw JournalError.invalidTransition(lost.id, "reinstate of a job the journal holds") }
            var records = RecordFormat.announced(lost.id, label: Array(lost.label.utf8))
            var fixed = lost.id.bytes
            RecordFormat.append32(&fixed, UInt32(header.count))
            let at = active.size + records.count
            records += header.withUnsafeBytes { RecordFormat.prefix(.submitted, fixed: fixed, tail: [$0]) } + header
            let submitted = RecordLocation(segment: active.number, offset: at, size: active.size + records.count - at)
            let failure = RecordFormat.attemptFailedFields(lost.id, attempts: 0, giveUp: true)
            let reasonBytes = Array(reason.utf8.prefix(4096))
            records += reasonBytes.withUnsafeBytes { RecordFormat.prefix(.attemptFailed, fixed: failure, tail: [$0]) } + reasonBytes
            try records.withUnsafeBytes { try appendRecords($0) }
            jobs[lost.id] = JobEntry(state: .failed, attempts: 0, submitted: submitted, result: nil)
            reasons[lost.id] = reason
        }
    }

    func syncLocked() throws {
        guard unsynced, options.fsync == .enabled else { unsynced = false; return }
        do {
            if let hook = syncHook, hook() != 0 { throw JournalError.failed("fdatasync \(active.path): \(String(cString: strerror(errno)))") }
            try active.sync()
        } catch {
            broken = "\(error)"
            options.log("fsync failed, refusing further writes until reopened: \(error)")
            throw error
        }
        unsynced = false
    }

    /// Seals the active segment (synced) and starts the next one.
    func roll(compact: Bool = true) throws {
        try syncLocked()
        let number = active.number + 1
        active = try createSegment(number)
        if compact {
            // Automatic compaction is an optimisation: if it fails (e.g. no room for the new
            // file) nothing changed, and the write that triggered the roll goes on.
            do { try maybeCompact() } catch { options.log("compaction skipped: \(error)") }
        }
    }

    func createSegment(_ number: UInt64) throws -> SegmentFile {
        guard number <= UInt64(UInt32.max) else { throw JournalError.failed("segment numbers exhausted") }   // JobEntry keeps 32 bits
        let path = directory + "/" + SegmentFile.name(number)
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, Journal.fileMode)
        if fd < 0 { throw JournalError.from(errno: errno, "create \(path)") }
        let f = SegmentFile(number: number, path: path, fd: fd, size: 0)
        try? f.truncate(to: 0)
        if options.fsync == .enabled { try FileSystem.syncDirectory(directory) }
        segments[number] = f
        return f
    }

    func openActiveSegment() throws {
        if let last = segments.keys.max(), let f = segments[last], f.size < options.segmentBytes {
            active = f
        } else {
            active = try createSegment((segments.keys.max() ?? 0) + 1)
        }
    }

    /// Journal files hold every pushed document: only the broker's user may read them. A journal
    /// directory an older version made 0755 is tightened (its segments are, as replay opens them).
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    func restrictDirectory() {
        var st = stat()
        guard stat(directory, &st) == 0, st.st_mode & 0o077 != 0 else { return }
        if chmod(directory, Journal.directoryMode) == 0 {
            options.log("\(directory) was mode \(String(st.st_mode & 0o777, radix: 8)): now 700 (it holds every pushed file)")
        } else {
            options.log("WARNING: \(directory) is mode \(String(st.st_mode & 0o777, radix: 8)) and cannot be made 700: \(String(cString: strerror(errno)))")
        }
    }

    func takeDirectoryLock() throws {
        let path = directory + "/LOCK"
        lockFD = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, Journal.fileMode)
        if lockFD < 0 { throw JournalError.from(errno: errno, "open \(path)") }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            Glibc.close(lockFD); lockFD = -1
            throw JournalError.locked("\(directory) is in use by another process")
        }
    }

    /// Refuses a submit of `size` bytes over `maxBytes`, compacting first if that would help.
    /// Compaction runs only when what it would keep leaves room: a journal full of live jobs
    /// refuses at once, instead of rewriting every segment (and starting a new one) per refusal.
    func makeRoom(for size: Int) throws {
        func onDisk() -> Int { segments.values.reduce(0) { $0 + $1.size } }
        if onDisk() + size <= options.maxBytes { return }
        let kept = bytesCompactionKeeps()
        if kept + size <= options.maxBytes {
            if active.size > 0 { try roll(compact: false) }     // seal so compaction can reclaim everything dead
            try compactLocked(through: nil)
        }
        let now = onDisk()
        if now + size > options.maxBytes {
            throw JournalError.full("journal holds \(now) bytes (\(kept) of them live), limit \(options.maxBytes), job needs \(size)")
        }
    }

    /// About what a full compaction would leave on disk: every live job's records plus the small
    /// state records it rewrites (as `maybeCompact` counts them).
    func bytesCompactionKeeps() -> Int {
        var kept = RecordFormat.frameBytes + 1 + 8                     // the compacted marker
        for e in jobs.values {
            if let s = e.submitted { kept += s.size }
            if let r = e.result { kept += r.size }
            kept += e.stateRecordBytes
            if e.state != .done, e.submitted != nil { kept += 64 }        // its announced record
        }
        return kept
    }
}
