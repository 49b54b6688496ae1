#if canImport(Glibc)
import Glibc
#endif
import JobContract
import Majordomo
import ZeroMQ

/// A reply that is not what the Titanic service answers (protocols/titanic.md §2).
public enum TitanicClientError: Error, Equatable, CustomStringConvertible {
    /// The broker answered with reportq's error reply (e.g. 503: it refused the request).
    case errorReply(ErrorReply)
    case unexpectedReply([[UInt8]])

    public var description: String {
        switch self {
        case .errorReply(let e): return "error reply \(e)"
        case .unexpectedReply(let frames): return "unexpected reply: " + frames.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " | ")
        }
    }

    init(_ frames: [[UInt8]]) {
        self = ErrorReply(body: frames).map(TitanicClientError.errorReply) ?? .unexpectedReply(frames)
    }
}

/// The client side of Titanic's three services over one MDP client (Lazy Pirate: a lost reply
/// is asked for again on a fresh socket; MDPClientError.timeout when none comes).
public final class TitanicClient {
    public let mdp: MDPClient

    public init(_ mdp: MDPClient) { self.mdp = mdp }

    public convenience init(context: Context, endpoint: String, timeoutMs: Int = 5_000, attempts: Int = 3,
                            curve: CurveClientKeys? = nil) throws {
        self.init(try MDPClient(context: context, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts, curve: curve))
    }

    /// titanic.request: stores the job durably (or is refused). A resend after a lost reply can
    /// store it twice, under two ids (titanic.md §3 says why that is the safe side).
    public func request(header: JobHeader, body: [UInt8], service: ServiceName = .ingest) throws -> TitanicAcknowledgement {
        let reply = try mdp.request(service: ServiceName.titanicRequest.bytes, body: TitanicClient.requestBody(header: header, body: body, service: service))
        guard let acknowledgement = TitanicAcknowledgement(frames: reply) else { throw TitanicClientError(reply) }
        return acknowledgement
    }

    /// titanic.reply: where the job stands; nil when the broker does not know it (never stored,
    /// closed, or forgotten).
    public func reply(_ id: JobID) throws -> TitanicJobReport? {
        let reply = try mdp.request(service: ServiceName.titanicReply.bytes, body: [Array(id.description.utf8)])
        if reply == TitanicJobReport.unknownFrames { return nil }
        guard let report = TitanicJobReport(frames: reply) else { throw TitanicClientError(reply) }
        return report
    }

    /// titanic.close: the broker forgets the job (idempotent).
    public func close(_ id: JobID) throws {
        let reply = try mdp.request(service: ServiceName.titanicClose.bytes, body: [Array(id.description.utf8)])
        if reply == [TitanicStatus.ok.frame] { return }
        if case .refused(let r)? = TitanicAcknowledgement(frames: reply) { throw r }
        throw TitanicClientError(reply)
    }

    // MARK: job control (titanic.md §2a)

    /// titanic.list: the jobs the query picks (one page: `more` says whether others follow).
    public func list(_ query: TitanicJobQuery = TitanicJobQuery()) throws -> TitanicJobList {
        let reply = try mdp.request(service: ServiceName.titanicList.bytes, body: [query.encoded()])
        if case .refused(let r)? = TitanicAcknowledgement(frames: reply) { throw r }
        guard let list = TitanicJobList(frames: reply) else { throw TitanicClientError(reply) }
        return list
    }

    /// Every job the query picks, page after page.
    public func listAll(_ query: TitanicJobQuery = TitanicJobQuery()) throws -> [TitanicJobInfo] {
        var query = query
        var jobs: [TitanicJobInfo] = []
        while true {
            let page = try list(query)
            jobs += page.jobs
            guard page.more, let last = page.jobs.last else { return jobs }
            query.after = last.jobID
        }
    }

    /// titanic.show: the job, nil when the broker does not know it.
    public func show(_ id: JobID) throws -> TitanicJobInfo? {
        let reply = try mdp.request(service: ServiceName.titanicShow.bytes, body: [Array(id.description.utf8)])
        if reply == TitanicJobReport.unknownFrames { return nil }
        guard let info = TitanicJobInfo(frames: reply) else { throw TitanicClientError(reply) }
        return info
    }

    /// titanic.retry: each job whose line is an error stored again under a new id, or why not.
    public func retry(_ ids: [JobID]) throws -> [TitanicRetry] {
        let reply = try mdp.request(service: ServiceName.titanicRetry.bytes, body: ids.map { Array($0.description.utf8) })
        if case .refused(let r)? = TitanicAcknowledgement(frames: reply) { throw r }
        guard let retries = TitanicRetry.read(frames: reply) else { throw TitanicClientError(reply) }
        return retries
    }

    /// titanic.cancel: nil when the broker does not know the job; throws the refusal of a job that has run.
    public func cancel(_ id: JobID) throws -> TitanicCancellation? {
        let reply = try mdp.request(service: ServiceName.titanicCancel.bytes, body: [Array(id.description.utf8)])
        if reply == TitanicJobReport.unknownFrames { return nil }
        if case .refused(let r)? = TitanicAcknowledgement(frames: reply) { throw r }
        guard let cancellation = TitanicCancellation(frames: reply) else { throw TitanicClientError(reply) }
        return cancellation
    }

    /// titanic.purge: how many done jobs the broker forgot.
    public func purge(_ scope: TitanicPurgeScope = .finished) throws -> Int {
        let reply = try mdp.request(service: ServiceName.titanicPurge.bytes, body: [Array(scope.rawValue.utf8)])
        if case .refused(let r)? = TitanicAcknowledgement(frames: reply) { throw r }
        guard let purged = TitanicPurgeScope.purged(frames: reply) else { throw TitanicClientError(reply) }
        return purged
    }

    /// The body of a titanic.request: [service, job header, file bytes].
    public static func requestBody(header: JobHeader, body: [UInt8], service: ServiceName = .ingest) -> [[UInt8]] {
        [service.bytes, header.encoded(), body]
    }
}

/// Follows jobs to done through titanic.reply.
public final class JobWaiter {
    private let client: TitanicClient

    public init(_ client: TitanicClient) { self.client = client }

    static let askedPastUnfinished = 64

    /// How the jobs ended: `failed` were given up on or written as error lines (with their error
    /// codes in `errorCodes` where the broker kept them); `unknown` the broker no longer knows (so
    /// nobody can tell).
    public struct Outcome: Equatable, Sendable {
        public var failed: [JobID] = []
        public var unknown: [JobID] = []
        public var errorCodes: [JobID: String] = [:]
        public init(failed: [JobID] = [], unknown: [JobID] = [], errorCodes: [JobID: String] = [:]) {
            self.failed = failed; self.unknown = unknown; self.errorCodes = errorCodes
        }
    }

    /// Asks about every job not yet done, every `pollMs`, until all are done, given up on, or
    /// unknown; `progress(done, failed)` after each round (done counts failed and unknown ones).
    /// Throws CancellationError when `stop` is set.
    public func waitAll(_ ids: [JobID], stop: StopFlag, pollMs: Int = 200,
                        progress: (_ done: Int, _ failed: Int) -> Void = { _, _ in }) throws -> Outcome {
        var pending = ids
        var outcome = Outcome()
        while !pending.isEmpty {
            if stop.isSet { throw CancellationError() }
            var still: [JobID] = []
            var notDone = 0
            for (k, id) in pending.enumerated() {
                if stop.isSet { throw CancellationError() }
                guard let report = try client.reply(id) else { outcome.unknown.append(id); continue }
                if report.lineWritten {
                    if report.failed {
                        outcome.failed.append(id)
                        if let code = report.errorCode { outcome.errorCodes[id] = code }
                    }
                } else {
                    still.append(id)
                    // Jobs finish roughly in submission order: past a run of jobs not done yet,
                    // the rest wait for the next round (thousands of requests a round otherwise).
                    notDone += 1
                    if notDone == JobWaiter.askedPastUnfinished { still.append(contentsOf: pending[(k + 1)...]); break }
                }
            }
            pending = still
            progress(ids.count - pending.count, outcome.failed.count + outcome.unknown.count)
            if !pending.isEmpty { usleep(UInt32(pollMs) * 1000) }
        }
        return outcome
    }
}
