import Broker
import JobContract
import Journal

/// Job control, reportq's extension of Titanic (protocols/titanic.md §2a), one function per
/// command as titanic.c has them: `list`, `show`, `retry`, `cancel`, `purge`. Each takes the
/// request's body frames and returns the reply's (the types in TitanicControl.swift).
extension TitanicService {
    // MARK: titanic.list

    /// [] or [query JSON] → ["200", {"jobs": [info…], "more": bool}], in submission order.
    public func list(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard let query = TitanicJobQuery(frames: frames) else {
            return TitanicRefusal(.badRequest, "titanic.list takes no frame or one JSON query object with state, status, name, path, sha256, after, limit (1…\(TitanicJobQuery.maxLimit))").frames
        }
        let ids = journal.jobIDs { id, summary in
            if let after = query.after, id <= after { return false }
            if query.asksForHeader && !summary.hasInput { return false }
            let (state, line) = TitanicService.stateAndLine(summary)
            return query.admits(state: state, line: line)
        }
        var jobs: [TitanicJobInfo] = []
        var more = false
        for id in ids {
            guard let info = info(id) else { continue }
            if query.asksForHeader, !(info.header.map(query.admits) ?? false) { continue }
            if jobs.count == query.limit { more = true; break }
            jobs.append(info)
        }
        return TitanicJobList(jobs: jobs, more: more).frames
    }

    // MARK: titanic.show

    /// [id] → ["200", info], or ["400"] for a job the journal does not know.
    public func show(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard let id = TitanicService.jobID(frames), let info = info(id) else { return TitanicJobReport.unknownFrames }
        return info.frames
    }

    /// Everything job control shows of a job: its state and attempts, its header while the
    /// journal keeps it, and why its line is an error (from the error line itself).
    func info(_ id: JobID) -> TitanicJobInfo? {
        guard let summary = journal.summary(id) else { return nil }
        let (state, line) = TitanicService.stateAndLine(summary)
        var info = TitanicJobInfo(jobID: id, state: state, line: line, attempts: summary.attempts)
        if summary.hasInput, let stored = try? journal.header(of: id) { info.header = try? JobHeader.decode(stored, as: .stored) }
        if line == .error { info.error = lineError(id, summary) }
        return info
    }

    /// The error of a job's error line: as written in the line the broker holds (in memory or in
    /// the journal), else the reason it was given up on.
    private func lineError(_ id: JobID, _ summary: JobSummary) -> RecordError? {
        var held = replacements[id] ?? results[id].map { $0.copy(0) }
        if held == nil, summary.hasResult { held = try? journal.result(of: id) }
        if let held, case .error(let e)? = (try? RecordEnvelope.read(held))?.outcome { return e }
        return summary.givenUpBecause.map { RecordError(.poison, $0) }
    }

    // MARK: titanic.retry

    /// [id, …] → ["200", [outcome per id]]. A job whose line is an error is stored again, as a
    /// new job (the aggregator writes one line per id), and the old one closed once the new one
    /// is durable: every new job of the request shares one fsync. Anything else is refused.
    public func retry(_ frames: [[UInt8]], broker: Broker? = nil) -> [[UInt8]] {
        guard !frames.isEmpty else { return TitanicRefusal(.badRequest, "titanic.retry takes one or more job ids").frames }
        var retries: [TitanicRetry] = []
        var retried: [JobID] = []
        for frame in frames {
            let text = String(decoding: frame, as: UTF8.self)
            let outcome = retryOne(text)
            if case .retried = outcome { retried.append(JobID(text)!) }
            retries.append(TitanicRetry(jobID: text, outcome))
        }
        guard !retried.isEmpty else { return TitanicRetry.frames(retries) }
        do { try journal.sync() } catch {
            // Not durable: none of them may be reported stored (as titanic.request's group commit).
            let refusal = TitanicService.refusal(for: error)
            for i in retries.indices { if case .retried = retries[i].outcome { retries[i].outcome = .refused(refusal) } }
            return TitanicRetry.frames(retries)
        }
        try? journal.closeJobs(retried)
        counters.submitted += retried.count
        for _ in retried { (broker ?? self.broker)?.metrics?.jobStored() }
        return TitanicRetry.frames(retries)
    }

    /// Stores the job again under a new id (not yet synced), or says why not.
    private func retryOne(_ text: String) -> TitanicRetry.Outcome {
        guard let id = JobID(text), let summary = journal.summary(id) else {
            return .refused(TitanicRefusal(.unknownJob, "no job \(text)"))
        }
        let (state, line) = TitanicService.stateAndLine(summary)
        guard state == .done, line == .error else {
            return .refused(TitanicRefusal(.wrongState, "job \(id) is \(state.rawValue)\(line.map { " (\($0.rawValue))" } ?? ""): only a job whose error line is written can be retried"))
        }
        guard summary.hasInput else {
            return .refused(TitanicRefusal(.noInput, "the journal no longer holds the file of job \(id) (it finished before job control kept it)"))
        }
        do {
            let job = try journal.load(id)
            let header = try JobHeader.decode(job.header, as: .stored)
            return .retried(as: try journal.submit(body: job.body, sync: false) { TitanicService.stored(header, as: $0) })
        } catch {
            return .refused(TitanicService.refusal(for: error))
        }
    }

    // MARK: titanic.cancel

    /// [id] → ["200", "cancelled"] (it had not run: its line will be an error record, code
    /// `cancelled`), ["200", "cancelling"] (a worker holds it: its result will be dropped for that
    /// line), ["400"] unknown, or ["500", "wrong_state", …] for a job that has run already.
    public func cancel(_ frames: [[UInt8]], broker: Broker) -> [[UInt8]] {
        guard let id = TitanicService.jobID(frames), let summary = journal.summary(id) else { return TitanicJobReport.unknownFrames }
        switch summary.status {
        case .queued:
            giveUp(id, TitanicService.cancellation)
            return TitanicCancellation.cancelled.frames
        case .inFlight:
            // Still in the broker's queue for `ingest`: taken back. Held by a worker: dropped when it answers.
            if running[id] != nil, broker.withdraw(tag: Array(id.description.utf8), service: TitanicService.ingest) {
                running[id] = nil
                giveUp(id, TitanicService.cancellation)
                return TitanicCancellation.cancelled.frames
            }
            cancelling.insert(id)
            return TitanicCancellation.cancelling.frames
        case .resultPending, .failed, .done:
            let (state, _) = TitanicService.stateAndLine(summary)
            return TitanicRefusal(.wrongState, "job \(id) is \(state.rawValue): it has run already").frames
        }
    }

    static let cancellation = RecordError(.cancelled, "cancelled by a client (titanic.cancel) before it ran")

    /// A job a worker answered or lost while it was being cancelled becomes its cancelled line.
    func cancelledMeanwhile(_ id: JobID) -> Bool {
        guard !cancelling.isEmpty, cancelling.remove(id) != nil else { return false }
        giveUp(id, TitanicService.cancellation)
        return true
    }

    // MARK: titanic.purge

    /// [] or [scope: finished | ok | error] → ["200", count]: the journal forgets those done jobs
    /// (their lines stay in the output; titanic.reply then answers 400).
    public func purge(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard frames.count <= 1, let scope = frames.isEmpty ? .finished : TitanicPurgeScope(rawValue: String(decoding: frames[0], as: UTF8.self)) else {
            return TitanicRefusal(.badRequest, "titanic.purge takes no frame or one of: " + TitanicPurgeScope.allCases.map(\.rawValue).joined(separator: ", ")).frames
        }
        let ids = journal.jobIDs { _, summary in summary.status == .done && scope.admits(errorLine: summary.errorLine) }
        do { try journal.closeJobs(ids) } catch { return TitanicService.refusal(for: error).frames }
        return TitanicPurgeScope.frames(purged: ids.count)
    }
}
