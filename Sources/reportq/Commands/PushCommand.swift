import ArgumentParser
import Foundation
import JobContract
import Majordomo
import Titanic
import ZeroMQ

struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push files to the broker's durable ingest queue (titanic.request); prints one job id per file.",
        discussion: """
            Each id is printed once the broker has fsynced the job to its journal, as `ID<TAB>PATH` on stdout, \
            one line per file: in PATH a backslash is `\\\\`, tab, newline and carriage return are `\\t` `\\n` `\\r`, \
            other control characters and bytes that are not UTF-8 `\\xNN`. Directories are walked recursively; \
            `-` reads paths from stdin. Content the broker already holds (the same SHA-256 and options, queued \
            or done) is not stored again: its job's id is printed, and a line on stderr says how many were \
            skipped (--force stores them anyway).

            Exit status: 0 every file queued or already known (with --wait: every line ok); 1 some file was \
            refused (with --wait: or has an error line; the summary names each with its code); 69 the broker \
            could not be reached (named within --connect-timeout); 130 interrupted.
            """)

    @Argument(help: "Files, directories, glob patterns, or - for paths on stdin.")
    var paths: [String]

    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var broker = Env.broker

    @Option(name: .long, help: "Requests in flight at once (they share the broker's fsync). Env: REPORTQ_PUSH_IN_FLIGHT.")
    var inFlight = Env.int("REPORTQ_PUSH_IN_FLIGHT", 16)

    @Option(name: .long, help: "Seconds to wait for the broker's acknowledgement before resending. Env: REPORTQ_PUSH_TIMEOUT.")
    var timeout = Env.int("REPORTQ_PUSH_TIMEOUT", 10)

    @Flag(name: .long, help: "Wait until every job's line is written; exit 1 if any file failed, naming each with its error code.")
    var wait = false

    @Flag(name: .long, help: "Store a job even when the broker already holds one for the same content (sha256 and options).")
    var force = false

    @Flag(name: .long, help: "Ask the workers for the pipeline's timings (stats.ms): records then differ from run to run.")
    var timings = false

    @Option(name: .long, help: "Which fields each ok record carries: full, panel or meta (as `extract --profile`); the job header carries it to the workers.")
    var profile: RecordProfile = .full

    @OptionGroup(title: "CURVE security") var curve: ClientCurveOptions
    @OptionGroup var check: BrokerCheckOptions

    func validate() throws {
        guard inFlight > 0, timeout > 0 else { throw ValidationError("--in-flight and --timeout must be positive") }
        try BrokerCheck.endpoint(broker, option: "--broker")
    }

    func run() throws {
        try BrokerCheck.exitingWhenUnreachable { try push() }
    }

    private func push() throws {
        let started = Date()
        let files = try expandPaths(paths)
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let context = try Context()
        let keys = try curve.keys()
        let brokerCheck = { (service: ServiceName, lost: Bool) in
            try BrokerCheck.reach(broker, context: context, curve: keys, timeoutMs: check.timeoutMs, service: service, lost: lost)
        }
        if try brokerCheck(.ingest, false) != .available {
            printError("no `ingest` worker is registered at \(broker) yet: the jobs are stored and wait for one")
        }
        let pusher = try TitanicPusher(context: context, endpoint: broker, inFlight: min(inFlight, max(1, files.count)),
                                       timeoutMs: timeout * 1000, curve: keys)
        let progress = ProgressReporter(phase: "push", total: files.count)
        var outcome = BatchOutcome()
        var ids: [JobID] = []
        var pathsByID: [JobID: String] = [:]          // the path as printed (escaped: one line)
        var stored = 0, known: [TitanicJobReport.State: Int] = [:]
        var full = false
        func refuse(_ localPath: LocalPath, _ code: String, _ message: String) {
            let path = localPath.escaped
            outcome.record(failed: path, code: code, message: message)
            progress.message("\(path): refused (\(code)): \(message)")
            progress.advance(failed: true)
        }
        var options = JobOptions()
        options.includeTimings = timings
        options.profile = profile
        var jobs = PushJobs(files, checkSize: true, options: options, force: force)
        do {
            try pusher.push(next: { jobs.next(refused: refuse) }, stop: stop,
                            whenSilent: { try brokerCheck(.ingest, true) }) { localPath, result in
                let path = localPath.escaped                 // one line whatever the name holds
                switch result {
                case .acknowledged(.stored(let id)):
                    stored += 1
                    if pathsByID[id] == nil { ids.append(id); pathsByID[id] = path }
                    progress.output("\(id)\t\(path)")
                    progress.advance()
                case .acknowledged(.known(let id, let state)):
                    // The broker holds this content already: that job stands for the file.
                    known[state, default: 0] += 1
                    if pathsByID[id] == nil { ids.append(id); pathsByID[id] = path } else { outcome.sameContent += 1 }
                    progress.output("\(id)\t\(path)")
                    progress.advance()
                default:
                    if case .acknowledged(.refused(let r)) = result, r.code == .journalFull || r.code == .journalReadOnly { full = true }
                    if let why = result.refusal { refuse(localPath, why.code, why.message) }
                }
            }
        } catch is CancellationError {
            progress.finish()
            printError("interrupted after \(ids.count) of \(files.count) files")
            throw BatchExit.interrupted.exitCode
        } catch let lost as BrokerUnreachable {
            progress.finish()
            printError("\(lost); \(ids.count) of \(files.count) file(s) were stored before (their ids are above)")
            throw ExitCode(brokerUnreachableExitCode)
        }
        progress.finish()
        if full { printError("the broker's journal is full or read-only: retry later") }
        let knownCount = known.values.reduce(0, +)
        if knownCount > 0 {
            let states = known.keys.sorted { $0.rawValue < $1.rawValue }.map { "\(known[$0]!) \($0.rawValue)" }.joined(separator: ", ")
            printError("\(knownCount) file(s) skipped: the broker already holds their content (\(states)); --force pushes them again")
        }
        if !wait {
            printError("\(stored) file(s) queued, \(knownCount) already known, \(outcome.failed) refused, of \(files.count)")
            for f in outcome.failures { printError("refused  \(f.code)  \(f.path)") }
            if outcome.failed > 0 { throw BatchExit.filesFailed.exitCode }
            return
        }
        if try brokerCheck(.collect, true) != .available {
            printError("no `collect` service is registered at \(broker) (no `reportq aggregator` connected): "
                       + "no line is written until one connects; waiting (Ctrl-C stops waiting, the jobs stay queued)")
        }
        let waiting = ProgressReporter(phase: "wait", total: ids.count)
        let waiter = JobWaiter(try TitanicClient(context: context, endpoint: broker, curve: keys))
        let result: JobWaiter.Outcome
        do {
            result = try waiter.waitAll(ids, stop: stop) { done, failed in waiting.set(done: done, failed: failed) }
        } catch MDPClientError.timeout {
            waiting.finish()
            throw BrokerUnreachable(endpoint: broker, timeoutMs: 15_000, lost: true, request: "titanic.reply")   // 3 × 5 s (TitanicClient)
        } catch is CancellationError {
            waiting.finish()
            printError("interrupted while waiting: the jobs stay queued at the broker (reportq status; push --wait again to follow them)")
            throw BatchExit.interrupted.exitCode
        }
        waiting.finish()
        let failed = Set(result.failed)
        for id in ids {
            let path = pathsByID[id] ?? id.description
            if failed.contains(id) {
                outcome.record(failed: path, code: result.errorCodes[id] ?? "error", message: "job \(id)")
            } else if result.unknown.contains(id) {
                outcome.record(failed: path, code: "unknown_job", message: "job \(id) is unknown to the broker (closed or forgotten)")
            } else {
                outcome.record(ok: path)
            }
        }
        outcome.printSummary(what: " pushed and written", seconds: Date().timeIntervalSince(started))
        if outcome.exit != .allOK { throw outcome.exit.exitCode }
    }
}

