import Broker
import Foundation
import JobContract
import Journal
import Logging
import Majordomo
import ZeroMQ

/// Titanic's dispatch loop (titanic.c's main thread): stored jobs to `ingest` workers, their
/// results into the journal and on to `collect`, its confirmations back as done. Top to bottom:
/// end of cycle, dispatch, worker replies, losses, timers.
extension TitanicService {
    // MARK: end of cycle

    public func endOfCycle(broker: Broker) {
        commitRequests(broker)
        dispatchIngest(broker)
        dispatchCollect(broker, nowMs: MonotonicClock.nowMs())
        room.postponeProbe(nowMs: MonotonicClock.nowMs())
    }

    /// With nothing for it to do in a cycle (no message for Titanic, no worker change), only the
    /// collect linger and retry backoff make end of cycle due: when `dispatchCollect` would send;
    /// and, while the journal refuses writes, its next probe.
    public var endOfCycleDueMs: Int {
        let probe = room.isWritable && deferred.isEmpty ? Int.max : room.nextProbeMs
        if toCollect.isEmpty { return probe }
        return min(probe, max(collectRetryAtMs, lingerIsOver ? 0 : collectDueAtMs))
    }

    // MARK: dispatch

    /// Hands queued jobs to `ingest`, one per worker (+ prefetch), header and body read from the
    /// journal straight into the messages that carry them. Nothing goes while the journal refuses
    /// writes: a job is sent only once its dispatch is recorded.
    func dispatchIngest(_ broker: Broker) {
        let now = MonotonicClock.nowMs()
        flushDeferred(nowMs: now)
        guard deferred.isEmpty, room.mayWrite(nowMs: now) else { return }
        let limit = broker.workerCount(service: TitanicService.ingest)
        guard limit > 0, options.journalResults || resultBytes < options.maxWaitingResultBytes else { return }
        var handled = Set<JobID>()
        while running.count < limit + options.prefetch, let id = journal.nextQueued() {
            // A job still queued after it was handled here is one whose write waits: never a loop.
            guard handled.insert(id).inserted else { return }
            let job: OwnedFrames
            do {
                job = try journal.loadJob(id) { sizes, read in try OwnedFrames(sizes: sizes, fill: read) }
            } catch {
                // The job cannot be read back (a damaged segment): it becomes an error line.
                giveUp(id, RecordError(.journalError, "cannot read the job back: \(error)"))
                continue
            }
            do {
                try journal.markDispatched(id)
                noteWritten(nowMs: now)
            } catch let error as JournalError where error.isStorageRefusal {
                noteRefused(error, nowMs: now)      // the job stays queued; a probe retries it
                return
            } catch {
                logger.error("cannot dispatch job \(id): \(error)")
                return
            }
            running[id] = now
            broker.submit(service: TitanicService.ingest, body: job, from: self, tag: Array(id.description.utf8))
        }
    }

    // MARK: writes the journal refused

    /// Makes `write` now, or, while the journal refuses writes (or earlier ones wait), keeps it
    /// to be made in order once it takes them again.
    func perform(_ write: DeferredWrite) {
        if !deferred.isEmpty || !room.isWritable { deferred.append(write); return }
        if !make(write, nowMs: MonotonicClock.nowMs()) { deferred.append(write) }
    }

    /// The deferred writes, in order, as far as the journal takes them (at most one probe while it refuses).
    func flushDeferred(nowMs: Int) {
        guard !deferred.isEmpty, room.mayWrite(nowMs: nowMs) else { return }
        var made = 0
        while made < deferred.count, make(deferred[made], nowMs: nowMs) { made += 1 }
        deferred.removeFirst(made)
    }

    /// One write and what follows it; false when the storage refused it (it is to be made again).
    /// An error about the job itself (closed meanwhile…) leaves nothing to wait for.
    func make(_ write: DeferredWrite, nowMs: Int) -> Bool {
        do {
            switch write {
            case .result(let id, let body):
                do { try body.withBytes(0) { try journal.storeResult(id, result: $0) } } catch let error as JournalError where !error.isStorageRefusal {
                    attemptFailed(id, reason: "cannot store the result: \(error)")
                    return true
                }
                keepForCollect(id, body)
            case .attemptFailed(let id, let reason):
                try journal.recordAttemptFailure(id, reason: reason, giveUp: false)
            case .giveUp(let id, let error):
                do { try journal.recordAttemptFailure(id, reason: error.message, giveUp: true) } catch JournalError.invalidTransition {
                    // Recorded before (only its error line's write was refused), or it has a result already.
                }
                try journal.storeResult(id, result: errorLine(id, error))
                queueForCollect(id)
            case .done(let id, let errorLine, let errorCode):
                try journal.markDone(id, errorLine: errorLine, errorCode: errorCode)
            }
        } catch let error as JournalError where error.isStorageRefusal {
            noteRefused(error, nowMs: nowMs)
            return false
        } catch {
            logger.debug("journal write skipped: \(error)")
        }
        noteWritten(nowMs: nowMs)
        return true
    }

    func noteRefused(_ error: JournalError, nowMs: Int) {
        if let line = room.refused(error, nowMs: nowMs) { logger.error("\(line)") }
    }

    func noteWritten(nowMs: Int) {
        if let line = room.wrote(nowMs: nowMs) { logger.notice("\(line)") }
    }

    /// The waiting results go without waiting out the linger: enough of them share the request,
    /// or no job is at a worker, so no other result is coming to join them (a batch's last
    /// lines, a lone push).
    var lingerIsOver: Bool { toCollect.count >= options.collectLingerCount || running.isEmpty }

    /// Queues a result for `collect`; the first of a batch starts the linger.
    func queueForCollect(_ id: JobID) {
        if toCollect.isEmpty { collectDueAtMs = MonotonicClock.nowMs() + options.collectLingerMs }
        toCollect.append(id)
    }

    /// Sends waiting results to `collect` in batches, one batch per aggregator at a time. A batch
    /// shares the results' messages (held in memory or read from the journal into messages).
    func dispatchCollect(_ broker: Broker, nowMs: Int) {
        guard nowMs >= collectRetryAtMs else { return }
        if !lingerIsOver, nowMs < collectDueAtMs { return }
        let limit = max(1, broker.workerCount(service: TitanicService.collect))
        while collecting.count < limit, !toCollect.isEmpty {
            var ids: [Collecting] = []
            var body: [OwnedFrames.Part] = []
            while ids.count < options.collectBatch, let id = toCollect.popFirst() {
                guard let header = try? journal.header(of: id), let result = resultToCollect(id) else {
                    if let r = results.removeValue(forKey: id) { resultBytes -= r.size(0) }   // e.g. a late duplicate of a done job
                    continue
                }
                ids.append(result.withBytes(0) { line in
                    guard RecordEnvelope.status(of: line) == .error else { return Collecting(id: id, errorLine: false) }
                    // Error lines are short: their code is read and kept with JobDone (titanic.reply tells it).
                    var code: String?
                    if let e = try? RecordEnvelope.read(line), case .error(let error) = e.outcome { code = error.code.rawValue }
                    return Collecting(id: id, errorLine: true, errorCode: code)
                })
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
        if cancelledMeanwhile(id) { return }
        if let failure = TitanicService.errorReply(in: body) {
            attemptFailed(id, reason: "worker error: \(failure.description)")
            return
        }
        // The record is the first frame (an echo worker sends the header back, then the bytes).
        guard body.count > 0, body.withBytes(0, { $0.first == UInt8(ascii: "{") }) else {
            attemptFailed(id, reason: "worker replied with \(body.count) frame(s), not a JSON record")
            return
        }
        // An error line is journaled even when results wait in memory: job control shows its
        // error and retries the job from the journal once it is written. (Error lines are a few
        // hundred bytes; a record's status is not looked for in the large ones.)
        if options.journalResults || (body.size(0) < TitanicService.smallResult && body.withBytes(0, { RecordEnvelope.status(of: $0) == .error })) {
            perform(.result(id, TitanicService.keepable(body)))      // then kept for collect
            return
        }
        keepForCollect(id, body)
    }

    /// Keeps a result in memory for collect, so it is not read back from the journal (journaled:
    /// only while the cache has room; in memory only: dispatch stops at the bound instead). The
    /// worker's message itself is kept: no copy.
    func keepForCollect(_ id: JobID, _ body: OwnedFrames) {
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

    /// One status frame per pair (CollectStatus): written or duplicate → done; a refused bad
    /// record → an error line takes its place; anything else → kept and sent again after a backoff.
    func collectReplied(_ body: OwnedFrames, tag: [UInt8], _ broker: Broker) {
        guard let ids = collecting.removeValue(forKey: tag) else { return }
        var retry: [JobID] = []
        var firstFailure: String?
        let now = MonotonicClock.nowMs()
        for (i, c) in ids.enumerated() {
            let id = c.id
            let frame = i < body.count ? body.copy(i) : []
            switch CollectStatus(frame: frame) {
            case .written?, .duplicate?:
                replacements[id] = nil
                if let r = results.removeValue(forKey: id) { resultBytes -= r.size(0) }
                perform(.done(id, errorLine: c.errorLine, errorCode: c.errorCode))
                counters.done += 1
                broker.metrics?.jobDone()
                completions.record(at: now)
            case .refused(let refusal)? where refusal.code == .badRecord && replacements[id] == nil:
                // The worker's record can never be written: an error line takes its place.
                replacements[id] = errorLine(id, RecordError(.badRecord, "\(refusal.code.rawValue) \(refusal.message)"))
                queueForCollect(id)
            default:
                retry.append(id)
                if firstFailure == nil { firstFailure = String(decoding: frame, as: UTF8.self) }
            }
        }
        if retry.isEmpty { collectBackoffMs = 0; return }
        for id in retry.reversed() { toCollect.pushFront(id) }
        collectBackoffMs = min(max(collectBackoffMs * 2, 1_000), 60_000)
        collectRetryAtMs = now + collectBackoffMs
        logger.warning("collect refused \(retry.count) line(s) (\(firstFailure ?? "no status")); retrying in \(collectBackoffMs) ms")
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
        if cancelledMeanwhile(id) { return }
        counters.failedAttempts += 1
        var attempts = 0
        if case .inFlight(let a)? = journal.status(id) { attempts = a }
        if attempts < options.maxAttempts {
            perform(.attemptFailed(id, reason: reason))
        } else {
            giveUp(id, RecordError(.poison, "gave up after \(attempts) attempt(s); last: \(reason)"))
        }
    }

    /// The job becomes an error line: stored as its result and collected like any other.
    func giveUp(_ id: JobID, _ error: RecordError) {
        if error.code != .cancelled {                  // a cancelled job did not fail
            counters.poisoned += 1
            broker?.metrics?.jobFailed()
            logger.warning("job \(id) failed: \(error.code.rawValue): \(error.message)")
        } else {
            logger.info("job \(id) cancelled")
        }
        perform(.giveUp(id, error))
    }

    /// The error record the broker writes for a job, with the source its stored header names.
    func errorLine(_ id: JobID, _ error: RecordError) -> [UInt8] {
        let header = (try? journal.header(of: id)).flatMap { try? JobHeader.decode($0, as: .stored) }
        let source = header.map(RecordSource.init(header:)) ?? RecordSource(name: "", bytes: 0)
        return RecordEnvelope(jobID: id.description, source: source, outcome: .error(error)).line()
    }

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
        if let metrics = broker.metrics {
            let s = journal.stats
            metrics.journal(pendingJobs: s.queued + s.inFlight + s.resultPending, bytes: s.bytesOnDisk)
        }
        endOfCycle(broker: broker)
    }

}
