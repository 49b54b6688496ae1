import ArgumentParser
import Foundation
import JobContract
import Majordomo
import Titanic
import ZeroMQ

/// `reportq jobs`: job control over Titanic's job-control services (protocols/titanic.md §2a):
/// list the jobs by state, show one by id or path, retry failed ones, cancel one, forget one
/// (titanic.close) or all the finished (purge).
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List, show, retry, cancel and forget the broker's jobs.",
        discussion: """
            States: queued, in_flight (a worker has it), result_pending (its line waits for the aggregator), \
            failed (its line is an error record, written or on its way), done (its line is written and ok). \
            The broker keeps the file of every job until its line is written, and of failed jobs until they are \
            retried or forgotten; a job done with an ok line is an id only (its record is in the output).
            """,
        subcommands: [List.self, Show.self, Retry.self, Cancel.self, Close.self, Purge.self],
        defaultSubcommand: List.self)

    /// Which jobs `list` shows (and the query that picks them).
    enum Which: String, CaseIterable, ExpressibleByArgument {
        case all, queued, inFlight = "in_flight", resultPending = "result_pending", failed, done

        var query: TitanicJobQuery {
            switch self {
            case .all: return TitanicJobQuery()
            case .queued: return TitanicJobQuery(state: .queued)
            case .inFlight: return TitanicJobQuery(state: .inFlight)
            case .resultPending: return TitanicJobQuery(state: .resultPending)
            case .failed: return TitanicJobQuery(line: .error)
            case .done: return TitanicJobQuery(state: .done, line: .ok)
            }
        }

        init?(argument: String) { self.init(rawValue: argument.replacingOccurrences(of: "-", with: "_")) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One line per job: ID, state, attempts, path (or name), error.",
            discussion: "Lines are ID<TAB>STATE<TAB>ATTEMPTS<TAB>PATH<TAB>ERROR, in submission order (PATH and ERROR escaped as push writes paths); --json prints the broker's job objects, one per line.")

        @Argument(help: ArgumentHelp("Which jobs: \(Which.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
        var which: Which = .all

        @Option(name: .long, help: "Only jobs of this file name (as stored: the last component of the path).")
        var name: String?

        @Flag(name: .long, help: "Print each job as the broker's JSON object.")
        var json = false

        @OptionGroup var connection: JobsConnection

        func run() throws {
            try BrokerCheck.exitingWhenUnreachable {
                var query = which.query
                query.name = name
                let jobs = try connection.client().listAll(query)
                for job in jobs { print(json ? String(decoding: job.encoded(), as: UTF8.self) : JobsCommand.row(job)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where a job stands: state, attempts, error, and what the broker keeps of its file.",
            discussion: "A path finds the jobs whose stored header names it (its path as pushed, else its file name); only jobs the broker still keeps a header of can be found this way.")

        @Argument(help: "A job id, or the path of a pushed file.")
        var job: String

        @Flag(name: .long, help: "Print the broker's JSON object.")
        var json = false

        @OptionGroup var connection: JobsConnection

        func run() throws {
            try BrokerCheck.exitingWhenUnreachable {
                let jobs = try JobsCommand.resolve(job, try connection.client())
                guard !jobs.isEmpty else { printError(JobsCommand.notFound(job)); throw ExitCode(1) }
                for (i, info) in jobs.enumerated() {
                    if json { print(String(decoding: info.encoded(), as: UTF8.self)); continue }
                    if i > 0 { print("") }
                    print(JobsCommand.details(info))
                }
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Push failed jobs again (their files as the broker stored them), under new ids.",
            discussion: "Prints NEW_ID<TAB>OLD_ID<TAB>PATH per job retried; the old job is forgotten (its error line stays in the output). Only a job whose error line is written can be retried.")

        @Argument(help: "Job ids or paths of pushed files.")
        var jobs: [String] = []

        @Flag(name: .long, help: "Retry every failed job.")
        var allFailed = false

        @OptionGroup var connection: JobsConnection

        func validate() throws {
            guard allFailed != !jobs.isEmpty else { throw ValidationError("name jobs to retry, or --all-failed") }
        }

        func run() throws {
            try BrokerCheck.exitingWhenUnreachable {
                let client = try connection.client()
                let targets = allFailed ? try client.listAll(TitanicJobQuery(state: .done, line: .error))
                                        : try jobs.flatMap { try JobsCommand.resolveOne($0, client) }
                guard !targets.isEmpty else { printError(allFailed ? "no failed job to retry" : "nothing to retry"); return }
                var refused = 0
                // In batches: each titanic.retry shares one fsync among its jobs.
                for batch in stride(from: 0, to: targets.count, by: 500).map({ Array(targets[$0..<min($0 + 500, targets.count)]) }) {
                    for (job, retry) in zip(batch, try client.retry(batch.map(\.jobID))) {
                        switch retry.outcome {
                        case .retried(let new): print("\(new)\t\(job.jobID)\t\(JobsCommand.path(job))")
                        case .refused(let r): refused += 1; printError("\(job.jobID): not retried (\(r.code.rawValue)): \(r.message)")
                        }
                    }
                }
                if refused > 0 { throw ExitCode(1) }
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel jobs that have not run: their lines become error records (code cancelled).",
            discussion: "A job a worker holds is cancelled when the worker answers (its result is dropped); a job that has run cannot be cancelled.")

        @Argument(help: "Job ids or paths of pushed files.")
        var jobs: [String]

        @OptionGroup var connection: JobsConnection

        func run() throws {
            try BrokerCheck.exitingWhenUnreachable {
                let client = try connection.client()
                var failed = 0
                for job in try jobs.flatMap({ try JobsCommand.resolveOne($0, client) }) {
                    do {
                        switch try client.cancel(job.jobID) {
                        case .cancelled?: print("\(job.jobID)\tcancelled")
                        case .cancelling?: print("\(job.jobID)\tcancelling (a worker holds it; its line will be an error record, code cancelled)")
                        case nil: failed += 1; printError("\(job.jobID): no such job")
                        }
                    } catch let r as TitanicRefusal {
                        failed += 1
                        printError("\(job.jobID): not cancelled (\(r.code.rawValue)): \(r.message)")
                    }
                }
                if failed > 0 { throw ExitCode(1) }
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget jobs (titanic.close): the broker no longer knows them; a job not done yet still runs and its line is still written.")

        @Argument(help: "Job ids.")
        var ids: [String]

        @OptionGroup var connection: JobsConnection

        func validate() throws {
            for id in ids where JobID(id) == nil { throw ValidationError("\(id) is not a job id (32 hex digits)") }
        }

        func run() throws {
            try BrokerCheck.exitingWhenUnreachable {
                let client = try connection.client()
                for id in ids.compactMap(JobID.init) {
                    try client.close(id)
                    print("\(id)\tclosed")
                }
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget every finished job (titanic.purge); their lines stay in the output.",
            discussion: "Failed jobs are forgotten too (they can then no longer be retried) unless --keep-failed.")

        @Flag(name: .long, help: "Keep the failed jobs (forget only those done with an ok line).")
        var keepFailed = false

        @Flag(name: .long, help: "Forget only the failed jobs.")
        var onlyFailed = false

        @OptionGroup var connection: JobsConnection

        func validate() throws {
            if keepFailed && onlyFailed { throw ValidationError("--keep-failed and --only-failed exclude each other") }
        }

        func run() throws {
            try BrokerCheck.exitingWhenUnreachable {
                let purged = try connection.client().purge(keepFailed ? .ok : onlyFailed ? .error : .finished)
                print("forgot \(purged) finished job(s)")
            }
        }
    }

    // MARK: finding and printing jobs

    /// A job id, or the jobs whose stored header names the path (as pushed, else its file name).
    static func resolve(_ target: String, _ client: TitanicClient) throws -> [TitanicJobInfo] {
        if let id = JobID(target) { return try client.show(id).map { [$0] } ?? [] }
        let path = LocalPath(argument: target)
        let byPath = try client.listAll(TitanicJobQuery(path: path.text))
        if !byPath.isEmpty { return byPath }
        return try client.listAll(TitanicJobQuery(name: path.lastComponent.text))
    }

    /// As `resolve`, refusing a file name that several jobs of different paths share.
    static func resolveOne(_ target: String, _ client: TitanicClient) throws -> [TitanicJobInfo] {
        let jobs = try resolve(target, client)
        guard !jobs.isEmpty else { printError(notFound(target)); throw ExitCode(1) }
        if JobID(target) == nil, Set(jobs.map(path)).count > 1 {
            printError("\(target) names \(jobs.count) jobs of different paths; give their ids:")
            for job in jobs { printError(row(job)) }
            throw ExitCode(1)
        }
        return jobs
    }

    static func notFound(_ target: String) -> String {
        JobID(target) != nil
            ? "no job \(target) (never stored, forgotten, or done and purged)"
            : "no job for \(target) among those whose header the broker keeps (not yet done, or failed); find a finished one by its id (push prints ID<TAB>PATH) or in the output (reportq tail --where source.name=…)"
    }

    /// The path the job was pushed as (its header's `path`), else its file name; escaped to one line.
    static func path(_ job: TitanicJobInfo) -> String {
        guard let header = job.header else { return "" }
        if let path = header.path { return LocalPath(path).escaped }
        return (header.nameBase64.flatMap(Base64.decode).map(LocalPath.init(bytes:)) ?? LocalPath(header.name)).escaped
    }

    static func state(_ job: TitanicJobInfo) -> String { job.failed ? "failed" : job.state.rawValue }

    static func row(_ job: TitanicJobInfo) -> String {
        let error = job.error.map { LocalPath("\($0.code.rawValue): \($0.message)").escaped } ?? ""
        return "\(job.jobID)\t\(state(job))\t\(job.attempts)\t\(path(job))\t\(error)"
    }

    static func details(_ job: TitanicJobInfo) -> String {
        var lines = [("job", job.jobID.description),
                     ("state", state(job) + (job.failed && job.state != .failed ? " (\(job.state.rawValue), error line)" : "")),
                     ("attempts", String(job.attempts))]
        if let header = job.header {
            lines.append(("path", path(job)))
            lines.append(("name", header.name))
            lines.append(("bytes", String(header.bytes)))
            if let sha = header.sha256 { lines.append(("sha256", sha)) }
            if let at = header.submittedAt { lines.append(("submitted", at.description)) }
        } else {
            lines.append(("file", "not kept (done with an ok line: its record is in the output)"))
        }
        if let error = job.error { lines.append(("error", "\(error.code.rawValue): \(error.message)")) }
        return lines.map { $0.0.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}

/// The broker a `jobs` subcommand talks to, checked first (mmi.service within --connect-timeout).
struct JobsConnection: ParsableArguments {
    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var broker = Env.broker

    @OptionGroup(title: "CURVE security") var curve: ClientCurveOptions
    @OptionGroup var check: BrokerCheckOptions

    func validate() throws { try BrokerCheck.endpoint(broker, option: "--broker") }

    func client() throws -> TitanicClient {
        let context = try Context()
        let keys = try curve.keys()
        try BrokerCheck.reach(broker, context: context, curve: keys, timeoutMs: check.timeoutMs)
        return try TitanicClient(context: context, endpoint: broker, curve: keys)
    }
}
