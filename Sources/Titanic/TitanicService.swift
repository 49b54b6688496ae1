import Broker
import Foundation
import JobContract
import Journal
import Logging
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

/// The server side of Titanic (RFC 9), after the ZeroMQ Guide's titanic.c but inside the broker:
/// built-in services over the journal, one function per command — `request`, `reply`, `close`
/// (and reportq's `status`; job control's `list`, `show`, `retry`, `cancel`, `purge` in
/// TitanicJobControl.swift) — and, in TitanicDispatch.swift, the dispatch loop that titanic.c runs
/// in its main thread: journal → `ingest` worker → journal (result) → `collect` → journal (done).
/// The client side is TitanicClient, TitanicPusher and JobWaiter beside it.
public final class TitanicService: BuiltinService, InternalRequester {
    static let requestService = ServiceName.titanicRequest.bytes
    static let replyService = ServiceName.titanicReply.bytes
    static let closeService = ServiceName.titanicClose.bytes
    static let statusService = ServiceName.status.bytes
    static let listService = ServiceName.titanicList.bytes
    static let showService = ServiceName.titanicShow.bytes
    static let retryService = ServiceName.titanicRetry.bytes
    static let cancelService = ServiceName.titanicCancel.bytes
    static let purgeService = ServiceName.titanicPurge.bytes
    static let ingest = ServiceName.ingest.bytes
    static let collect = ServiceName.collect.bytes

    public let journal: Journal
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
    var completions = CompletionRate()                        // jobs done per second, recently
    var replacements: [JobID: [UInt8]] = [:]                  // error lines for results collect refused as bad_record
    var cancelling = Set<JobID>()                             // cancelled while a worker holds them: its result is dropped
    var results: [JobID: OwnedFrames] = [:]                   // worker results waiting for collect, in memory (one frame each)
    var resultBytes = 0
    var lostJobs = Set<JobID>()                               // lost to a damaged journal record, recovered at start
    var room = JournalRoom()                                  // whether the journal takes dispatch writes
    var deferred: [DeferredWrite] = []                        // writes it refused, made in order once it does
    weak var broker: Broker?                                  // for its metrics, where no broker is passed in
    /// Where the service says what goes wrong (collect refusals, jobs given up on).
    public var logger = Logger(label: "broker")

    struct Counters { var submitted = 0, known = 0, done = 0, failedAttempts = 0, poisoned = 0, refused = 0 }
    /// A job in a collect batch, and whether its line is an error record and with which code (kept with JobDone).
    struct Collecting { var id: JobID; var errorLine: Bool; var errorCode: String? = nil }

    public init(journal: Journal, options: TitanicOptions = TitanicOptions()) {
        self.journal = journal
        self.options = options
        // After a restart: stored results are collected again; queued (and formerly in-flight)
        // jobs are already in the journal's queue.
        for id in journal.pendingResults() { toCollect.append(id) }
        recoverLostJobs()
    }

    // MARK: jobs the journal lost

    static let lostPrefix = "the journal lost this job's file"

    /// Jobs whose stored file replay found damaged (acknowledged, so owed a line): each is stored
    /// again as given up on, with an error line `journal_corrupt` that names it. So are those
    /// reinstated at an earlier start whose error line was not stored yet.
    func recoverLostJobs() {
        for lost in journal.replayReport.lostJobs {
            let error = RecordError(.journalCorrupt, "\(TitanicService.lostPrefix) (\(lost.label)): its record in \(lost.segment) is damaged; push it again")
            let header = JobHeader(jobID: lost.id, name: lost.label.isEmpty ? "?" : lost.label, bytes: 0,
                                   submittedAt: Timestamp(milliseconds: lost.id.milliseconds)).encoded()
            do { try journal.reinstate(lost, header: header, reason: error.message) } catch {
                logger.error("job \(lost.id) (\(lost.label)) was lost and cannot be stored again: \(error)")
                continue
            }
            lostJobs.insert(lost.id)
            giveUp(lost.id, error)
        }
        let unwritten = journal.jobIDs { _, s in
            if case .failed = s.status { return !s.hasResult && (s.givenUpBecause ?? "").hasPrefix(TitanicService.lostPrefix) }
            return false
        }
        for id in unwritten where !lostJobs.contains(id) {
            lostJobs.insert(id)
            perform(.giveUp(id, RecordError(.journalCorrupt, journal.summary(id)?.givenUpBecause ?? TitanicService.lostPrefix)))
        }
    }

    /// A job the journal lost (titanic.reply says `lost`, not `unknown`).
    func isLost(_ id: JobID, _ summary: JobSummary) -> Bool {
        lostJobs.contains(id) || (summary.givenUpBecause ?? "").hasPrefix(TitanicService.lostPrefix)
            || journal.errorCode(of: id) == ErrorCode.journalCorrupt.rawValue
    }

    /// Journal options for a Titanic journal: the content key of a replayed job is read from its
    /// stored header (JobHeader.contentKey), so that a restarted broker still finds known content.
    public static func journalOptions(_ base: Journal.Options = Journal.Options()) -> Journal.Options {
        var options = base
        options.contentKey = { header in JobHeader.contentKey(of: header) }
        options.jobLabel = { header in (try? JobHeader.decode(header, as: .stored)).map { Array($0.name.utf8) } }
        return options
    }

    /// Registers the services with the broker.
    public func install(on broker: Broker) {
        self.broker = broker
        for name in [ServiceName.titanicRequest, .titanicReply, .titanicClose, .status,
                     .titanicList, .titanicShow, .titanicRetry, .titanicCancel, .titanicPurge] {
            broker.register(builtin: self, name: name.rawValue)
        }
    }

    /// Routes a client's request to its command; titanic.request waits for the end of the cycle.
    public func handle(_ body: OwnedFrames, from client: ClientAddress, service: [UInt8], broker: Broker) {
        switch service {
        case TitanicService.requestService: pendingRequests.append((client, body))   // answered at end of cycle
        case TitanicService.replyService: broker.reply(to: client, service: service, body: reply(body.bytes))
        case TitanicService.closeService: broker.reply(to: client, service: service, body: close(body.bytes))
        case TitanicService.statusService: broker.reply(to: client, service: service, body: [status(broker).encoded()])
        case TitanicService.listService: broker.reply(to: client, service: service, body: list(body.bytes))
        case TitanicService.showService: broker.reply(to: client, service: service, body: show(body.bytes))
        case TitanicService.retryService: broker.reply(to: client, service: service, body: retry(body.bytes, broker: broker))
        case TitanicService.cancelService: broker.reply(to: client, service: service, body: cancel(body.bytes, broker: broker))
        case TitanicService.purgeService: broker.reply(to: client, service: service, body: purge(body.bytes))
        default: broker.reply(to: client, service: service, body: [Array("501".utf8)])
        }
    }

    // MARK: titanic.request

    /// [service, header, body] → stored (the header as the journal keeps it: the client's with
    /// the broker's `job_id` and `submitted_at`) or refused. Written from the frames where they
    /// lie. With `sync: false` the job is not durable yet: `commit` the cycle's acknowledgements.
    public func request(_ frames: [UnsafeRawBufferPointer], sync: Bool = true) -> TitanicAcknowledgement {
        guard frames.count == 3 else {
            return .refused(TitanicRefusal(.badRequest, "titanic.request takes 3 frames: service, header, body; got \(frames.count)"))
        }
        guard frames[0].elementsEqual(TitanicService.ingest) else {
            return .refused(TitanicRefusal(.unknownService, "no Titanic-backed service \"\(String(decoding: frames[0], as: UTF8.self))\""))
        }
        let body = frames[2]
        let header: JobHeader
        do {
            header = try JobHeader.decode(frames[1], as: .request)
            try header.check(bodyCount: body.count)
        } catch {
            return .refused(TitanicRefusal(.badRequest, error.description))
        }
        // Content the journal already holds (pushed before, queued or done): that job, not a second one.
        let key = header.contentKey
        if let key, !header.force, let known = journal.job(withContentKey: key), let status = journal.status(known) {
            return .known(known, TitanicJobReport.State(status))
        }
        do {
            return .stored(try journal.submit(body: body, sync: sync, contentKey: key ?? 0, label: Array(header.name.utf8)) { id in
                TitanicService.stored(header, as: id)
            })
        } catch {
            return .refused(TitanicService.refusal(for: error))
        }
    }

    /// The header as the journal keeps it: the client's, with the broker's `job_id` and `submitted_at`.
    static func stored(_ header: JobHeader, as id: JobID) -> [UInt8] {
        var header = header
        header.jobID = id
        header.submittedAt = Timestamp(milliseconds: id.milliseconds)
        return header.encoded()
    }

    /// `request` over frames held as arrays.
    public func request(_ frames: [[UInt8]], sync: Bool = true) -> TitanicAcknowledgement {
        withBuffers(frames[...], []) { request($0, sync: sync) }
    }

    /// Group commit of `request(_:sync: false)` calls: one fsync, and if it fails every
    /// acknowledgement becomes the refusal (none of those jobs may be reported stored).
    public func commit(_ acknowledgements: [TitanicAcknowledgement]) -> [TitanicAcknowledgement] {
        guard acknowledgements.contains(where: { if case .stored = $0 { return true } else { return false } }) else { return acknowledgements }
        do { try journal.sync() } catch {
            let refusal = TitanicAcknowledgement.refused(TitanicService.refusal(for: error))
            return acknowledgements.map { if case .stored = $0 { return refusal } else { return $0 } }
        }
        return acknowledgements
    }

    /// Stores every request, fsyncs once, answers them all (`commit` of `request`s).
    public func requestBatch(_ requests: [[[UInt8]]]) -> [TitanicAcknowledgement] {
        commit(requests.map { request($0, sync: false) })
    }

    /// Group commit: every titanic.request of the cycle is stored (written from the received
    /// messages in place), one fsync, then all replies.
    func commitRequests(_ broker: Broker) {
        guard !pendingRequests.isEmpty else { return }
        let batch = pendingRequests
        pendingRequests.removeAll(keepingCapacity: true)
        let acknowledgements = commit(batch.map { _, frames in frames.withAllBytes { request($0, sync: false) } })
        for ((client, _), acknowledgement) in zip(batch, acknowledgements) {
            switch acknowledgement {
            case .stored:
                counters.submitted += 1
                broker.metrics?.jobStored()
            case .known: counters.known += 1
            case .refused: counters.refused += 1
            }
            broker.reply(to: client, service: TitanicService.requestService, body: acknowledgement.frames)
        }
    }

    /// The refusal for a journal error (codes in protocols/titanic.md).
    static func refusal(for error: Error) -> TitanicRefusal {
        guard let e = error as? JournalError else { return TitanicRefusal(.journalFailed, "\(error)") }
        switch e {
        case .full: return TitanicRefusal(.journalFull, e.description)
        case .readOnly: return TitanicRefusal(.journalReadOnly, e.description)
        case .tooLarge: return TitanicRefusal(.tooLarge, e.description)
        case .failed, .io, .locked, .unknownJob, .invalidTransition: return TitanicRefusal(.journalFailed, e.description)
        }
    }

    // MARK: titanic.reply

    /// [id] → where the job stands (TitanicJobReport), or ["400"] for a job the journal does not know.
    public func reply(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard let id = TitanicService.jobID(frames), let summary = journal.summary(id) else { return TitanicJobReport.unknownFrames }
        let (state, line) = TitanicService.stateAndLine(summary)
        if isLost(id, summary) {
            // Its error line (journal_corrupt) is written (200) or on its way (300).
            return TitanicJobReport(jobID: id, state: .lost, line: state == .done ? .error : nil,
                                    errorCode: ErrorCode.journalCorrupt.rawValue).frames
        }
        // A done job's status is its line's; the states before report attempts (failed: an error line is on its way).
        let doneLine = state == .done ? line : nil
        return TitanicJobReport(jobID: id, state: state, attempts: summary.attempts, line: doneLine,
                                errorCode: doneLine == .error ? journal.errorCode(of: id) : nil).frames
    }

    /// A job's state as Titanic reports it, and the status of its line: written (done), or known
    /// to be an error (given up on: its error line is on its way); nil while unknown.
    static func stateAndLine(_ summary: JobSummary) -> (TitanicJobReport.State, RecordStatus?) {
        switch summary.status {
        case .queued: return (.queued, nil)
        case .inFlight: return (.inFlight, nil)
        case .resultPending: return (.resultPending, summary.givenUpBecause != nil ? .error : nil)
        case .failed: return (.failed, .error)
        case .done: return (.done, summary.errorLine ? .error : .ok)
        }
    }

    // MARK: titanic.close

    /// [id] → ["200"], idempotent: the journal forgets the job.
    public func close(_ frames: [[UInt8]]) -> [[UInt8]] {
        if let id = TitanicService.jobID(frames) {
            do { try journal.closeJob(id) } catch { return TitanicService.refusal(for: error).frames }
        }
        return [TitanicStatus.ok.frame]
    }

    static func jobID(_ frames: [[UInt8]]) -> JobID? {
        frames.count == 1 ? JobID(String(decoding: frames[0], as: UTF8.self)) : nil
    }

    // MARK: reportq.status

    func status(_ broker: Broker) -> QueueStatus {
        let s = journal.stats
        let now = MonotonicClock.nowMs()
        // Titanic's own services always; others only while served (names nobody serves are not services).
        var workers: [String: Int] = [ServiceName.ingest.rawValue: 0, ServiceName.collect.rawValue: 0]
        for name in broker.serviceNames {
            let count = broker.workerCount(service: name)
            if count > 0 { workers[String(decoding: name, as: UTF8.self)] = count }
        }
        return QueueStatus(queued: s.queued, inFlight: s.inFlight, resultPending: s.resultPending, done: s.done,
                           failed: s.failed + s.errorLines, errorLines: s.errorLines, known: counters.known,
                           submitted: counters.submitted, completed: counters.done, failedAttempts: counters.failedAttempts,
                           poisoned: counters.poisoned, refused: counters.refused,
                           jobsPerSecond: completions.perSecond(at: now),
                           journalBytes: s.bytesOnDisk, workers: workers)
    }
}

/// Calls `body` with the bytes of every frame (arrays give up their storage one at a time).
private func withBuffers<R>(_ frames: ArraySlice<[UInt8]>, _ done: [UnsafeRawBufferPointer],
                            _ body: ([UnsafeRawBufferPointer]) -> R) -> R {
    guard let first = frames.first else { return body(done) }
    return first.withUnsafeBytes { withBuffers(frames.dropFirst(), done + [$0], body) }
}

extension TitanicJobReport.State {
    /// Where a job the journal holds stands, as titanic.reply names it.
    init(_ status: JobStatus) {
        switch status {
        case .queued: self = .queued
        case .inFlight: self = .inFlight
        case .resultPending: self = .resultPending
        case .failed: self = .failed
        case .done: self = .done
        }
    }
}
