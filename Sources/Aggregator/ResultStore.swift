import Foundation
import Glibc
import JobContract

/// The aggregator's output: one JSON line per job in a JSON Lines file, deduplicated by job id.
///
/// Contract with the `collect` service:
/// - `append(line)` writes the line (unless its job id is already stored) but does not fsync.
/// - `flush()` makes every line appended so far durable. Confirm a job to the broker only after
///   a `flush()` that followed its `append` returned — duplicates included.
/// - If `append` throws, that line is not written (the file is cut back to where it began);
///   earlier pending lines stay pending.
/// - If `flush` throws, every line not yet flushed is rolled back (file cut back to the last
///   durable end, ids removed from the index): confirm none of them; the broker will send them
///   again, and the store is ready for that retry.
/// - Group commit: call `flush()` when the batch in hand is done or `flushDue(now:)` says so
///   (after `groupCommitMaxLines` lines or `groupCommitInterval` seconds).
///
/// Rotation: past `rotateBytes` the file is renamed to "<path>.<n>" (n = 1, 2, … oldest first;
/// nothing is renamed twice) and a new file starts. The dedup index covers all of them.
/// Not thread-safe: one aggregator loop owns it.
public final class ResultStore {
    public struct Options {
        public var groupCommitInterval = 0.05          // seconds
        public var groupCommitMaxLines = 256
        public var rotateBytes: Int? = nil
        public var fsync = true                        // false only for benchmarks
        public var log: (String) -> Void = { FileHandle.standardError.write(Data(("results: " + $0 + "\n").utf8)) }
        /// Metrics hooks: the duration of each successful fsync of a flush, and each rotation.
        public var onFsync: ((_ nanoseconds: Int64) -> Void)? = nil
        public var onRotate: (() -> Void)? = nil
        public init() {}
    }

    public enum AppendOutcome: Equatable { case appended, duplicate }

    public let path: String
    let options: Options
    var fd: Int32 = -1
    var end = 0                       // logical end of the active file
    var durableEnd = 0                // end at the last successful fsync
    var pendingKeys: [JobKey] = []    // appended since the last flush
    var pendingSince: Double?
    var index = Set<JobKey>()
    var broken: String?
    /// Test seam: runs in place of fdatasync, so a test can make the flush fail.
    var syncHook: ((Int32) -> Int32)?

    public internal(set) var repairedBytes = 0    // torn tail cut at open
    public internal(set) var skippedLines = 0     // lines without a readable job_id

    init(path: String, options: Options) { self.path = path; self.options = options }

    /// Opens (creating) the store, repairs a torn last line, and indexes every job id in the
    /// active and rotated files.
    public static func open(path: String, options: Options = Options()) throws -> ResultStore {
        let s = ResultStore(path: path, options: options)
        let dir = PosixFile.directory(of: path)
        if !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw ResultStoreError.io(errno: (error as NSError).code == 0 ? EIO : Int32((error as NSError).code), operation: "mkdir \(dir)")
            }
        }
        try s.openActive()
        for (_, rotated) in PosixFile.rotatedFiles(of: path) { try s.index(file: rotated, repair: false) }
        try s.index(file: path, repair: true)
        return s
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    public func close() {
        if !pendingKeys.isEmpty { try? flush() }
        if fd >= 0 { Glibc.close(fd); fd = -1 }
        broken = broken ?? "closed"
    }

    /// Number of distinct jobs stored (durable or pending).
    public var count: Int { index.count }
    public var pendingLines: Int { pendingKeys.count }
    public func contains(jobID: String) -> Bool { index.contains(JobKey(jobID)) }

    /// Whether the group-commit bound says flush now.
    public func flushDue(now: Double? = nil) -> Bool {
        guard let since = pendingSince else { return false }
        let now = now ?? ResultStore.monotonicNow
        return pendingKeys.count >= options.groupCommitMaxLines || now - since >= options.groupCommitInterval
    }

    /// CLOCK_MONOTONIC in seconds, the clock of `flushDue` and `flushDeadline`.
    public static var monotonicNow: Double { PosixFile.monotonicSeconds() }

    /// When the oldest pending line must be flushed (monotonic seconds), for a poll timeout.
    public var flushDeadline: Double? { pendingSince.map { $0 + options.groupCommitInterval } }

    /// Appends one output line (a JSON object without newline; its "job_id" is the dedup key).
    @discardableResult
    public func append(_ line: [UInt8]) throws -> AppendOutcome {
        if let b = broken { throw ResultStoreError.failed(b) }
        let key = try line.withUnsafeBytes { p -> JobKey in
            if let base = p.baseAddress, memchr(base, 0x0A, p.count) != nil { throw ResultStoreError.invalidLine("contains a newline") }
            guard ResultStore.looksComplete(p) else { throw ResultStoreError.invalidLine("not one JSON object ({…}, no NUL bytes)") }
            return try ResultStore.jobKey(p)
        }
        if index.contains(key) { return .duplicate }
        if let limit = options.rotateBytes, end > 0, end + line.count + 1 > limit {
            try rollbackOnError { try rotate() }
        }
        let start = end
        do {
            try line.withUnsafeBytes { try PosixFile.writeLine(fd, $0, at: start, path: path) }
        } catch {
            // Cut back this line only; earlier pending lines are intact and still pending.
            _ = ftruncate(fd, off_t(start))
            throw error
        }
        end = start + line.count + 1
        index.insert(key)
        pendingKeys.append(key)
        if pendingSince == nil { pendingSince = PosixFile.monotonicSeconds() }
        return .appended
    }

    /// Makes all appended lines durable; see the type's contract for failures.
    public func flush() throws {
        if let b = broken { throw ResultStoreError.failed(b) }
        guard !pendingKeys.isEmpty || durableEnd != end else { return }
        if options.fsync {
            let started = DispatchTime.now().uptimeNanoseconds
            let rc = syncHook?(fd) ?? fdatasync(fd)
            if rc != 0 {
                let err = ResultStoreError.from(errno: errno, "fdatasync \(path)")
                rollback()
                throw err
            }
            options.onFsync?(Int64(DispatchTime.now().uptimeNanoseconds - started))
        }
        durableEnd = end
        pendingKeys.removeAll(keepingCapacity: true)
        pendingSince = nil
    }

    // MARK: - Internals

    /// Forgets every pending line: cut the file back to the durable end and unindex them.
    func rollback() {
        for k in pendingKeys { index.remove(k) }
        pendingKeys.removeAll()
        pendingSince = nil
        if ftruncate(fd, off_t(durableEnd)) == 0, !options.fsync || fdatasync(fd) == 0 {
            end = durableEnd
            options.log("rolled back unflushed lines to offset \(durableEnd)")
        } else {
            broken = "cannot cut \(path) back to \(durableEnd): \(String(cString: strerror(errno)))"
            options.log(broken!)
        }
    }

    private func rollbackOnError(_ body: () throws -> Void) throws {
        do { try body() } catch { rollback(); throw error }
    }

    func openActive() throws {
        fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw ResultStoreError.from(errno: errno, "open \(path)") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            Glibc.close(fd); fd = -1
            throw ResultStoreError.locked("\(path) is written by another process")
        }
        if options.fsync { try PosixFile.syncDirectory(of: path) }
    }

    /// Seals the active file (fsync), renames it to the next "<path>.<n>", starts a new one.
    func rotate() throws {
        if options.fsync, fdatasync(fd) != 0 { throw ResultStoreError.from(errno: errno, "fdatasync \(path)") }
        durableEnd = end
        pendingKeys.removeAll()          // durable now: a later rollback must not unindex them
        pendingSince = nil
        let next = (PosixFile.rotatedFiles(of: path).last?.number ?? 0) + 1
        let target = path + ".\(next)"
        if rename(path, target) != 0 { throw ResultStoreError.from(errno: errno, "rename \(path) → \(target)") }
        Glibc.close(fd); fd = -1
        try openActive()
        end = 0; durableEnd = 0
        options.log("rotated to \(target)")
        options.onRotate?()
    }

    /// The shape check shared by `append` and start-up repair: `{…}` without NUL bytes. Repair
    /// cuts a last line only if it fails this, so it can never cut a line `append` accepted and
    /// `flush` made durable (a full JSON parse could disagree on a buggy but confirmed record).
    static func looksComplete(_ line: UnsafeRawBufferPointer) -> Bool {
        var first = 0, last = line.count - 1
        while first <= last, line[first] == 0x20 || line[first] == 0x09 || line[first] == 0x0D { first += 1 }
        while last >= first, line[last] == 0x20 || line[last] == 0x09 || line[last] == 0x0D { last -= 1 }
        guard first < last, line[first] == 0x7B, line[last] == 0x7D else { return false }
        return memchr(line.baseAddress! + first, 0, last - first + 1) == nil
    }

    /// The dedup key of a line: its job id, read where the record writer puts it, else from the
    /// JSON (RecordEnvelope's reader).
    static func jobKey(_ line: UnsafeRawBufferPointer) throws -> JobKey {
        if let r = RecordEnvelope.jobIDRange(in: line) { return JobKey(UnsafeRawBufferPointer(rebasing: line[r])) }
        guard let id = RecordEnvelope.jobID(in: line) else { throw ResultStoreError.invalidLine("no \"job_id\" string") }
        return JobKey(id)
    }
}
