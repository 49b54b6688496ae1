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
        discussion: "Each id is printed once the broker has fsynced the job to its journal, as `ID<TAB>PATH`, one line per file: in PATH a backslash is `\\\\`, tab, newline and carriage return are `\\t` `\\n` `\\r`, other control characters and bytes that are not UTF-8 `\\xNN`. Directories are walked recursively; `-` reads paths from stdin.")

    @Argument(help: "Files, directories, glob patterns, or - for paths on stdin.")
    var paths: [String]

    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var broker = Env.broker

    @Option(name: .long, help: "Requests in flight at once (they share the broker's fsync). Env: REPORTQ_PUSH_IN_FLIGHT.")
    var inFlight = Env.int("REPORTQ_PUSH_IN_FLIGHT", 16)

    @Option(name: .long, help: "Seconds to wait for the broker's acknowledgement before resending. Env: REPORTQ_PUSH_TIMEOUT.")
    var timeout = Env.int("REPORTQ_PUSH_TIMEOUT", 10)

    @Flag(name: .long, help: "Wait until every job's line is written; exit non-zero if any job failed.")
    var wait = false

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
        let progress = Progress(total: files.count)
        var ids: [JobID] = []
        var refused = 0
        var full = false
        func refuse(_ path: LocalPath, _ code: String, _ message: String) {
            refused += 1
            progress.error("\(path.escaped): refused (\(code)): \(message)")
            progress.advance()
        }
        var jobs = PushJobs(files, checkSize: true)
        do {
            try pusher.push(next: { jobs.next(refused: refuse) }, stop: stop, whenSilent: { try brokerCheck(.ingest, true) }) { path, outcome in
                if case .acknowledged(.stored(let id)) = outcome {
                    ids.append(id)
                    progress.line("\(id)\t\(path.escaped)")   // one line whatever the name holds
                    progress.advance()
                } else if let why = outcome.refusal {
                    if case .acknowledged(.refused(let r)) = outcome, r.code == .journalFull || r.code == .journalReadOnly { full = true }
                    refuse(path, why.code, why.message)
                }
            }
        } catch is CancellationError {
            progress.finish()
            printError("interrupted after \(ids.count) of \(files.count) files")
            throw ExitCode(130)
        } catch let lost as BrokerUnreachable {
            progress.finish()
            printError("\(lost); \(ids.count) of \(files.count) file(s) were stored before (their ids are above)")
            throw ExitCode(brokerUnreachableExitCode)
        }
        progress.finish()
        if full { printError("the broker's journal is full or read-only: retry later") }
        if refused > 0 { printError("\(refused) of \(files.count) file(s) refused") }
        if wait {
            if try brokerCheck(.collect, true) != .available {
                printError("no `collect` service is registered at \(broker) (no `reportq aggregator` connected): "
                           + "no line is written until one connects; waiting (Ctrl-C stops waiting, the jobs stay queued)")
            }
            let waiter = JobWaiter(try TitanicClient(context: context, endpoint: broker, curve: keys))
            let outcome: JobWaiter.Outcome
            do { outcome = try waiter.waitAll(ids, stop: stop) } catch MDPClientError.timeout {
                throw BrokerUnreachable(endpoint: broker, timeoutMs: 15_000, lost: true, request: "titanic.reply")   // 3 × 5 s (TitanicClient)
            }
            for id in outcome.unknown { printError("job \(id): unknown to the broker") }
            let failed = outcome.failed.count + outcome.unknown.count
            if failed > 0 { printError("\(failed) job(s) failed"); throw ExitCode(1) }
        }
        if refused > 0 { throw ExitCode(1) }
    }
}

/// A progress bar on a terminal (stderr), plain lines otherwise. Job ids always go to stdout.
final class Progress {
    private let total: Int
    private var count = 0
    private let bar = isatty(2) != 0
    private var lastDraw = 0

    init(total: Int) { self.total = total }

    func line(_ text: String) {
        if bar && isatty(1) != 0 { clear() }
        print(text)
    }

    func error(_ text: String) {
        if bar { clear() }
        printError(text)
    }

    func advance() {
        count += 1
        guard bar else { return }
        let now = MonotonicClock.nowMs()
        if now - lastDraw < 100 && count < total { return }
        lastDraw = now
        let width = 30
        let filled = total == 0 ? width : count * width / total
        let text = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(count)/\(total)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        if bar { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}

