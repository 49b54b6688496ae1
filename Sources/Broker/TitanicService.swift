import Foundation
import Journal
import Majordomo
import ZeroMQ

/// Options of the durable queue (protocols/titanic.md).
public struct TitanicOptions: Sendable {
    /// Attempts (dispatches that died, timed out or errored) before a job becomes an error line.
    public var maxAttempts = 3
    /// A worker that holds a job longer than this is taken to be stuck: the job is requeued.
    public var jobTimeoutMs = 300_000
    /// Result pairs per `collect` request (one aggregator fsync covers them).
    public var collectBatch = 256
    /// A result waits up to this long for others to share its `collect` request (and so the
    /// aggregator's fsync, whose system call and device flush dominate its cost per line), unless
    /// `collectLingerCount` are waiting. 0: send at once.
    public var collectLingerMs = 20
    public var collectLingerCount = 16
    /// Extra ingest requests handed to the broker beyond one per worker (keeps workers busy).
    public var prefetch = 1
    /// Worker results wait for `collect` in memory up to this many bytes. With `journalResults`
    /// on, that is a cache (past it, results are read back from the journal); off, it is the only
    /// copy (after a broker crash those jobs simply run again), so past it no new job is
    /// dispatched and memory stays bounded while the aggregator is slow or down.
    public var maxWaitingResultBytes = 64 << 20
    /// Journal worker results (default): a broker crash does not re-run finished jobs. Off, results
    /// wait in memory only (bounded by `maxWaitingResultBytes`), saving a journal write per job.
    public var journalResults = true
    public init() {}
}

/// The durable queue as built-in services of the broker, over the journal:
///   titanic.request / titanic.reply / titanic.close (RFC 9), reportq.status,
/// and the dispatch loop: journal → `ingest` worker → journal (result) → `collect` → journal (done).
/// Top to bottom: client commands, end of cycle (group commit + dispatch), worker replies, losses, timers.
public final class TitanicService: BuiltinService, InternalRequester {
    public static let requestService = Array("titanic.request".utf8)
    public static let replyService = Array("titanic.reply".utf8)
    public static let closeService = Array("titanic.close".utf8)
    public static let statusService = Array("reportq.status".utf8)
    static let ingest = Array("ingest".utf8)
    static let collect = Array("collect".utf8)

    public let journal: Journal
    let titanic: Titanic
    let options: TitanicOptions
    var pendingRequests: [(ClientAddress, OwnedFrames)] = [] // titanic.request of this cycle
    var running: [JobID: Int] = [:]                           // jobs at the broker/worker → dispatch time (ms)
    var toCollect = Queue<JobID>()                            // results waiting for a collect request
    var collecting: [[UInt8]: [Collecting]] = [:]             // collect batch tag → its jobs
    var collectRetryAtMs = 0
    var collectDueAtMs = 0                                    // when the oldest waiting result must go
    var collectBackoffMs = 0
    var nextBatch: UInt64 = 0
    var counters = Counters()
    var completions = Queue<Int>()                            // done times (ms) in the last minute
    var replacements: [JobID: [UInt8]] = [:]                  // error lines for results collect refused as bad_record
    var results: [JobID: OwnedFrames] = [:]                   // worker results waiting for collect, in memory (one frame each)
    var resultBytes = 0
    weak var broker: Broker?                                  // for its metrics, where no broker is passed in

    struct Counters { var submitted = 0, done = 0, failedAttempts = 0, poisoned = 0, refused = 0 }
    /// A job in a collect batch, and whether its line is an error record (kept with JobDone).
    struct Collecting { var id: JobID; var errorLine: Bool }

    public init(journal: Journal, options: TitanicOptions = TitanicOptions()) {
        self.journal = journal
        self.titanic = Titanic(journal: journal)
        self.options = options
        // After a restart: stored results are collected again; queued (and formerly in-flight)
        // jobs are already in the journal's queue.
        for id in journal.pendingResults() { toCollect.append(id) }
    }

    /// Registers the services with the broker.
    public func install(on broker: Broker) {
        self.broker = broker
        for name in [TitanicService.requestService, TitanicService.replyService,
                     TitanicService.closeService, TitanicService.statusService] {
            broker.register(builtin: self, name: String(decoding: name, as: UTF8.self))
        }
    }

    // MARK: client commands

    public func handle(_ body: OwnedFrames, from client: ClientAddress, service: [UInt8], broker: Broker) {
        switch service {
        case TitanicService.requestService: pendingRequests.append((client, body))   // answered at end of cycle
        case TitanicService.replyService: broker.reply(to: client, service: service, body: titanic.reply(body.bytes))
        case TitanicService.closeService: broker.reply(to: client, service: service, body: titanic.close(body.bytes))
        case TitanicService.statusService: broker.reply(to: client, service: service, body: [Array(statusJSON(broker).utf8)])
        default: broker.reply(to: client, service: service, body: [Array("501".utf8)])
        }
    }

    // MARK: end of cycle

    public func endOfCycle(broker: Broker) {
        commitRequests(broker)
        dispatchIngest(broker)
        dispatchCollect(broker, nowMs: MonotonicClock.nowMs())
    }

    /// With nothing for it to do in a cycle (no message for Titanic, no worker change), only the
    /// collect linger and retry backoff make end of cycle due: when `dispatchCollect` would send.
    public var endOfCycleDueMs: Int {
        if toCollect.isEmpty { return .max }
        return max(collectRetryAtMs, toCollect.count >= options.collectLingerCount ? 0 : collectDueAtMs)
    }

    /// Group commit: every titanic.request of the cycle is stored (written from the received
    /// messages in place), one fsync, then all replies.
    func commitRequests(_ broker: Broker) {
        guard !pendingRequests.isEmpty else { return }
        let batch = pendingRequests
        pendingRequests.removeAll(keepingCapacity: true)
        let replies = titanic.commitBatch(batch.map { _, frames in frames.withAllBytes { titanic.request($0, sync: false) } })
        for ((client, _), reply) in zip(batch, replies) {
            if reply.first == Array("200".utf8) {
                counters.submitted += 1
                broker.metrics?.jobStored()
            } else {
                counters.refused += 1
            }
            broker.reply(to: client, service: TitanicService.requestService, body: reply)
        }
    }

    /// Hands queued jobs to `ingest`, one per worker (+ prefetch), header and body read from the
    /// journal straight into the messages that carry them.
    func dispatchIngest(_ broker: Broker) {
        let limit = broker.workerCount(service: TitanicService.ingest)
        guard limit > 0, options.journalResults || resultBytes < options.maxWaitingResultBytes else { return }
        while running.count < limit + options.prefetch, let id = journal.nextQueued() {
            do {
                let job = try journal.loadJob(id) { sizes, read in try OwnedFrames(sizes: sizes, fill: read) }
                try journal.markDispatched(id)
                running[id] = MonotonicClock.nowMs()
                broker.submit(service: TitanicService.ingest, body: job, from: self, tag: Array(id.description.utf8))
            } catch {
                // The job cannot be read back (a damaged segment): it becomes an error line.
                giveUp(id, code: "journal_error", message: "cannot read the job back: \(error)")
            }
        }
    }

    /// Queues a result for `collect`; the first of a batch starts the linger.
    func queueForCollect(_ id: JobID) {
        if toCollect.isEmpty { collectDueAtMs = MonotonicClock.nowMs() + options.collectLingerMs }
        toCollect.append(id)
    }

    /// Sends waiting results to `collect` in batches, one batch per aggregator at a time. A batch
    /// shares the results' messages (held in memory or read from the journal into messages).
    func dispatchCollect(_ broker: Broker, nowMs: Int) {
        guard nowMs >= collectRetryAtMs else { return }
        if toCollect.count < options.collectLingerCount, nowMs < collectDueAtMs { return }
        let limit = max(1, broker.workerCount(service: TitanicService.collect))
        while collecting.count < limit, !toCollect.isEmpty {
            var ids: [Collecting] = []
            var body: [OwnedFrames.Part] = []
            while ids.count < options.collectBatch, let id = toCollect.popFirst() {
                guard let header = try? journal.header(of: id), let result = resultToCollect(id) else {
                    if let r = results.removeValue(forKey: id) { resultBytes -= r.size(0) }   // e.g. a late duplicate of a done job
                    continue
                }
                ids.append(Collecting(id: id, errorLine: result.withBytes(0, TitanicService.isErrorRecord)))
                body.append(.copy(header))
                body.append(.share(result, index: 0))
            }
            guard !ids.isEmpty else { return }
            nextBatch += 1
            let tag = Array("c\(nextBatch)".utf8)
            collecting[tag] = ids
            if !broker.submit(service: TitanicService.collect, body: OwnedFrames(body), from: self, tag: tag) {
                collecting[tag] = nil
                for c in ids.reversed() { toCollect.pushFront(c.id) }
                return
            }
        }
    }

    /// The line to collect for a job (one frame): an error line that replaces a bad record, the
    /// result waiting in memory, or the one stored in the journal; nil when there is none.
    func resultToCollect(_ id: JobID) -> OwnedFrames? {
        if let line = replacements[id] { return OwnedFrames([line]) }
        if let result = results[id] { return result }
        return try? journal.loadResult(id) { count, read in try OwnedFrames(sizes: [count]) { _, buffer in try read(buffer) } }
    }

    // MARK: worker replies

    public func workerReplied(_ body: OwnedFrames, tag: [UInt8], service: [UInt8], broker: Broker) {
        if service == TitanicService.ingest { ingestReplied(body, tag: tag, broker) }
        else if service == TitanicService.collect { collectReplied(body, tag: tag, broker) }
        dispatchIngest(broker)
        dispatchCollect(broker, nowMs: MonotonicClock.nowMs())
    }

    func ingestReplied(_ body: OwnedFrames, tag: [UInt8], _ broker: Broker) {
        guard let id = JobID(String(decoding: tag, as: UTF8.self)), running.removeValue(forKey: id) != nil else { return }
        if let failure = TitanicService.errorReply(in: body) {
            attemptFailed(id, reason: "worker error: \(failure.description)")
            return
        }
        // The record is the first frame (an echo worker sends the header back, then the bytes).
        guard body.count > 0, body.withBytes(0, { $0.first == UInt8(ascii: "{") }) else {
            attemptFailed(id, reason: "worker replied with \(body.count) frame(s), not a JSON record")
            return
        }
        if options.journalResults {
            do { try body.withBytes(0) { try journal.storeResult(id, result: $0) } } catch {
                attemptFailed(id, reason: "cannot store the result: \(error)")
                return
            }
        }
        // Kept in memory for collect, so it is not read back from the journal (journaled: only
        // while the cache has room; in memory only: dispatch stops at the bound instead). The
        // worker's message itself is kept: no copy.
        let size = body.size(0)
        if !options.journalResults || resultBytes + size <= options.maxWaitingResultBytes,
           results.updateValue(TitanicService.keepable(body), forKey: id) == nil {
            resultBytes += size
        }
        queueForCollect(id)
    }

    /// The record frame to keep waiting for collect. A large one is the worker's message itself;
    /// one under `smallResult` is copied: libzmq receives small messages into a shared 8 KB
    /// buffer, and keeping such a message would hold the whole buffer (thousands of short error
    /// lines could pin far more memory than `maxWaitingResultBytes` counts).
    static func keepable(_ body: OwnedFrames) -> OwnedFrames {
        if body.size(0) < smallResult { return OwnedFrames([body.copy(0)]) }
        return body.count == 1 ? body : OwnedFrames([.share(body, index: 0)])
    }
    static let smallResult = 16 << 10

    /// The error a worker replied with, if the body is an error reply (its small frames are
    /// copied only then).
    static func errorReply(in body: OwnedFrames) -> ErrorReply? {
        guard body.count == 3, body.withBytes(0, { $0.elementsEqual(MDP.errorTag) }) else { return nil }
        return ErrorReply(body: body.bytes)
    }

    /// One status frame per pair: "200"/"208" done; "500 …" kept and sent again after a backoff.
    func collectReplied(_ body: OwnedFrames, tag: [UInt8], _ broker: Broker) {
        guard let ids = collecting.removeValue(forKey: tag) else { return }
        var retry: [JobID] = []
        var firstFailure: String?
        let now = MonotonicClock.nowMs()
        for (i, c) in ids.enumerated() {
            let id = c.id
            let status = i < body.count ? body.copy(i) : []
            if status.starts(with: Array("500 bad_record".utf8)), replacements[id] == nil {
                // The worker's record can never be written: an error line takes its place.
                let header = (try? journal.header(of: id)) ?? []
                replacements[id] = Titanic.failureRecord(header: header, code: "bad_record",
                                                         message: String(decoding: status.dropFirst(4), as: UTF8.self))
                queueForCollect(id)
            } else if status == Array("200".utf8) || status == Array("208".utf8) {
                replacements[id] = nil
                if let r = results.removeValue(forKey: id) { resultBytes -= r.size(0) }
                try? journal.markDone(id, errorLine: c.errorLine)
                counters.done += 1
                broker.metrics?.jobDone()
                completions.append(now)
            } else {
                retry.append(id)
                if firstFailure == nil { firstFailure = String(decoding: status, as: UTF8.self) }
            }
        }
        if retry.isEmpty { collectBackoffMs = 0; return }
        for id in retry.reversed() { toCollect.pushFront(id) }
        collectBackoffMs = min(max(collectBackoffMs * 2, 1_000), 60_000)
        collectRetryAtMs = now + collectBackoffMs
        FileHandle.standardError.write(Data("broker: collect refused \(retry.count) line(s) (\(firstFailure ?? "no status")); retrying in \(collectBackoffMs) ms\n".utf8))
    }

    // MARK: losses

    public func requestLost(tag: [UInt8], service: [UInt8], reason: String, broker: Broker) {
        if service == TitanicService.collect {
            // The aggregator died holding a batch: send it again (dedup makes that safe).
            if let ids = collecting.removeValue(forKey: tag) { for c in ids.reversed() { toCollect.pushFront(c.id) } }
        } else if let id = JobID(String(decoding: tag, as: UTF8.self)), running.removeValue(forKey: id) != nil {
            attemptFailed(id, reason: reason)
        }
    }

    /// A dispatch that failed: queued again, or after `maxAttempts` an error line (poison).
    func attemptFailed(_ id: JobID, reason: String) {
        counters.failedAttempts += 1
        var attempts = 0
        if case .inFlight(let a)? = journal.status(id) { attempts = a }
        if attempts < options.maxAttempts {
            try? journal.recordAttemptFailure(id, reason: reason, giveUp: false)
        } else {
            giveUp(id, code: "poison", message: "gave up after \(attempts) attempt(s); last: \(reason)")
        }
    }

    func giveUp(_ id: JobID, code: String, message: String) {
        counters.poisoned += 1
        broker?.metrics?.jobFailed()
        try? journal.recordAttemptFailure(id, reason: message, giveUp: true)
        let header = (try? journal.header(of: id)) ?? Array(#"{"job_id":"\#(id)"}"#.utf8)
        do {
            try journal.storeResult(id, result: Titanic.failureRecord(header: header, code: code, message: message))
            queueForCollect(id)
        } catch {
            FileHandle.standardError.write(Data("broker: cannot store the error record of \(id): \(error)\n".utf8))
        }
    }

    /// Whether a record is an error line: `"status":"error"` is the record's top-level status (the
    /// only "status" key of the record schema; compact JSON, and a string cannot hold a bare quote).
    /// Workers write it right after job_id, so the scan usually stops within the first 60 bytes.
    static func isErrorRecord(_ hay: UnsafeRawBufferPointer) -> Bool {
        errorStatus.withUnsafeBytes { needle in
            guard let base = hay.baseAddress, hay.count >= needle.count else { return false }
            let last = hay.count - needle.count
            var i = 0
            while i <= last, let q = memchr(base + i, 0x22, last - i + 1) {
                i = q - UnsafeMutableRawPointer(mutating: base)
                if memcmp(base + i, needle.baseAddress!, needle.count) == 0 { return true }
                // `"status":"ok"` also settles it: the key occurs once.
                if memcmp(base + i, okStatus, okStatus.count) == 0 { return false }
                i += 1
            }
            return false
        }
    }
    static let errorStatus = Array(#""status":"error""#.utf8)
    static let okStatus = Array(#""status":"ok""#.utf8)

    // MARK: timers

    public func tick(broker: Broker, nowMs: Int) {
        let stuck = running.filter { nowMs - $0.value > options.jobTimeoutMs }.map(\.key)
        for id in stuck {
            broker.cancel(tag: Array(id.description.utf8), service: TitanicService.ingest,
                          reason: "job timeout: no result after \(options.jobTimeoutMs) ms")
            if running[id] != nil {          // it was still queued at the broker: requeue it ourselves
                running[id] = nil
                attemptFailed(id, reason: "job timeout: not dispatched within \(options.jobTimeoutMs) ms")
            }
        }
        while let first = completions.first, nowMs - first > 60_000 { _ = completions.popFirst() }
        if let metrics = broker.metrics {
            let s = journal.stats
            metrics.journal(pendingJobs: s.queued + s.inFlight + s.resultPending, bytes: s.bytesOnDisk)
        }
        endOfCycle(broker: broker)
    }

    // MARK: reportq.status

    func statusJSON(_ broker: Broker) -> String {
        let s = journal.stats
        let now = MonotonicClock.nowMs()
        let window = completions.first.map { max(1_000, now - $0) } ?? 1_000
        let rate = Double(completions.count) * 1_000 / Double(window)
        let workers = broker.serviceNames.sorted { $0.lexicographicallyPrecedes($1) }.map {
            "\"\(jsonEscaped(String(decoding: $0, as: UTF8.self)))\":\(broker.workerCount(service: $0))"
        }.joined(separator: ",")
        return "{\"queued\":\(s.queued),\"in_flight\":\(s.inFlight),\"result_pending\":\(s.resultPending),"
            + "\"done\":\(s.done),\"failed\":\(s.failed),\"submitted\":\(counters.submitted),"
            + "\"completed\":\(counters.done),\"failed_attempts\":\(counters.failedAttempts),"
            + "\"poisoned\":\(counters.poisoned),\"refused\":\(counters.refused),"
            + "\"jobs_per_second\":\(String(format: "%.2f", rate)),"
            + "\"journal_bytes\":\(s.bytesOnDisk),\"workers\":{\(workers)}}"
    }

    func jsonEscaped(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}

