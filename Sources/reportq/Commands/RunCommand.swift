import ArgumentParser
import Foundation
import JobContract
import Majordomo
import Titanic
import ZeroMQ

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process files on a local cluster (broker + workers + aggregator) into JSON Lines.",
        discussion: """
            Pushes every file through the durable queue, then exits once every job's line is written to --out \
            (one line per file, completion order). Directories are searched recursively.

            Resuming: the journal is kept beside the output (OUT.journal/) until every file has its line. \
            Interrupted (Ctrl-C) or stopped, the same command continues where it stopped: jobs still in the \
            journal run on, and a file whose content already has a line of this version in --out is not \
            processed again (--force starts over).

            Exit status: 0 every file has an ok line; 1 some file has an error line or was refused (the \
            summary on stderr names each with its code); 2 the output cannot be written or the local cluster \
            died; 130 interrupted (the journal is kept: run again to continue).
            """)

    @Argument(help: "Files, directories, glob patterns, or - for paths on stdin.")
    var paths: [String]

    @Option(name: [.short, .customLong("out")], help: "Output JSON Lines file (appended to: a rerun continues it). Env: REPORTQ_OUT.")
    var out = Env.string("REPORTQ_OUT", "results.jsonl")

    @Option(name: .long, help: "Worker processes (default: number of cores). Env: REPORTQ_WORKERS.")
    var workers: Int?

    @Option(name: .long, help: "Seconds a worker may hold one file before it is retried (default 120; 1800 with --ocr). Env: REPORTQ_JOB_TIMEOUT.")
    var timeout: Int?

    @Option(name: .long, help: "Attempts per file before it becomes an error line. Env: REPORTQ_MAX_ATTEMPTS.")
    var attempts = Env.int("REPORTQ_MAX_ATTEMPTS", 3)

    @Option(name: .long, help: "Journal directory (default: OUT.journal beside the output, not fsynced, removed once every file has its line). Env: REPORTQ_JOURNAL.")
    var journal: String?

    @Flag(name: .long, help: "Start over: replace --out and its journal, and process every file, also several with the same content.")
    var force = false

    @Flag(name: .long, help: "Include the pipeline's timings (stats.ms): records then differ from run to run.")
    var timings = false

    @Option(name: .long, help: "Which fields each ok record carries: full (everything), panel (document, title_block, targets, indicators, stats: the workers skip word segmentation, sentences and quantities), meta (document, title_block, stats). The job header carries it to the workers.")
    var profile: RecordProfile = .full

    @Flag(name: .long, help: "Use echo workers (cluster plumbing test; writes the job headers back).")
    var echo = false

    @Flag(name: .long, help: "Workers read PDF pages without a text layer (scans) by OCR: seconds a page. Env: REPORTQ_OCR=1.")
    var ocr = false

    @OptionGroup(title: "Logging") var logging: LoggingOptions

    func validate() throws {
        guard (workers ?? 1) > 0, (timeout ?? 1) > 0, attempts > 0 else {
            throw ValidationError("--workers, --timeout and --attempts must be positive")
        }
        for path in paths.map(LocalPath.init(argument:)) where path.withCString({ access($0, F_OK) }) != 0 {
            throw ValidationError("no such file or directory: \(path.escaped)")
        }
    }

    func run() throws {
        logging.bootstrap(label: "run")
        let n = workers ?? Env.optionalInt("REPORTQ_WORKERS") ?? ProcessInfo.processInfo.activeProcessorCount
        let started = Date()
        let chosenJournal = journal ?? Env.optionalString("REPORTQ_JOURNAL")
        let journalPath = chosenJournal ?? out + ".journal"
        if force {
            unlink(out)
            if chosenJournal == nil { try? FileManager.default.removeItem(atPath: journalPath) }
        }
        let parent = (out as NSString).deletingLastPathComponent
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        let fd = open(out, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            printError("cannot write \(out): \(String(cString: strerror(errno)))")
            throw BatchExit.couldNotFinish.exitCode
        }
        close(fd)
        let output: RunOutput
        do { output = try RunOutput(path: out, profile: profile) } catch {
            printError("cannot read \(out): \(error)")
            throw BatchExit.couldNotFinish.exitCode
        }
        let resuming = FileManager.default.fileExists(atPath: journalPath)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reportq-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let endpoint = "ipc://" + scratch.appendingPathComponent("broker").path
        var config = LocalCluster.Configuration(endpoint: endpoint, journal: journalPath, out: out, workers: n)
        // OCR takes seconds a page: a scanned report needs minutes, not the text pipeline's two.
        let ocr = self.ocr || Env.flag("REPORTQ_OCR")
        let jobTimeout = timeout ?? Env.optionalInt("REPORTQ_JOB_TIMEOUT") ?? (ocr ? 1800 : 120)
        config.brokerArguments = ["--job-timeout", String(jobTimeout), "--max-attempts", String(attempts)]
        // The journal beside the output only has to survive Ctrl-C and a crash of one of the run's
        // processes (the page cache keeps it), not of the machine: no fsync stalls the broker's
        // dispatch, and results wait for collect in memory (a restart runs those jobs again).
        if chosenJournal == nil { config.brokerArguments += ["--results-in-memory", "--no-fsync"] }
        // Each worker holds its next job while it runs one (no broker round trip between jobs).
        config.workerArguments = (echo ? ["--echo", "--service", ServiceName.ingest.rawValue] : []) + ["--prefetch", "1"]
            + (ocr ? ["--ocr"] : [])
        // The cluster's processes log warnings only, unless asked: the progress line is the news.
        config.environment = logging.childEnvironment(defaultLevel: "warning")
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let cluster = try LocalCluster(config)
        defer { cluster.stop() }
        // Walked after the cluster starts: a big tree's walk overlaps the workers' dictionary load.
        // The output and the journal beside it are not inputs, even inside a folder named.
        let files = try expandPaths(paths).filter { !RunCommand.isOwn($0.path, output: out, journal: journalPath) }
        if resuming { printError("continuing from \(journalPath): \(output.byJob.count) line(s) already in \(out)") }

        let batch = RunBatch(output: output, progress: ProgressReporter(phase: "run", total: files.count))
        var options = JobOptions()
        options.includeTimings = timings
        options.profile = profile
        do {
            let context = try Context()
            let pusher = try TitanicPusher(context: context, endpoint: endpoint, inFlight: 16, timeoutMs: 30_000)
            // Oversized files are pushed anyway: each comes back as an error line, in its place.
            var jobs = PushJobs(files, checkSize: false, options: options, force: force)
            try pusher.push(next: {
                try? batch.takeNewLinesIfDue()
                return jobs.next(refused: { batch.refuse($0, $1, $2) }, skip: { path, sha in !force && batch.skipIfWritten(path, sha256: sha) })
            }, stop: stop) { path, outcome in batch.pushed(path, outcome) }
            // Jobs the journal had done whose line is not in this output (it was replaced): again.
            if !batch.lost.isEmpty {
                var again = PushJobs(batch.takeLost(), checkSize: false, options: options, force: true)
                try pusher.push(next: { again.next(refused: { batch.refuse($0, $1, $2) }) }, stop: stop) { path, outcome in batch.pushed(path, outcome) }
            }
            try batch.waitForLines(cluster: cluster, stop: stop)
        } catch is CancellationError {
            batch.progress.finish()
            printError("interrupted: \(batch.outcome.total) of \(files.count) file(s) have their line in \(out); "
                       + "the same command continues from the journal \(journalPath)")
            throw BatchExit.interrupted.exitCode
        } catch is ClusterDied {
            batch.progress.finish()
            printError("the local broker, aggregator or all workers died; the same command continues from the journal \(journalPath)")
            throw BatchExit.couldNotFinish.exitCode
        }
        batch.progress.finish()
        cluster.stop()
        // Every file has its line: the journal has nothing left to resume.
        if chosenJournal == nil { try? FileManager.default.removeItem(atPath: journalPath) }
        batch.outcome.printSummary(what: " → \(out)", seconds: Date().timeIntervalSince(started), alreadyIn: out)
        if batch.outcome.exit != .allOK { throw batch.outcome.exit.exitCode }
    }
}

extension RunCommand {
    /// Whether `path` is the run's output (or a rotated part of it) or lies in its journal.
    static func isOwn(_ path: LocalPath, output: String, journal: String) -> Bool {
        guard let real = realPath(path) else { return false }
        if let out = realPath(LocalPath(output)), real == out || real.hasPrefix(out + ".") { return true }
        if let j = realPath(LocalPath(journal)), real.hasPrefix(j + "/") { return true }
        return false
    }

    private static func realPath(_ path: LocalPath) -> String? {
        guard let p = path.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

struct ClusterDied: Error {}

/// One `run`'s files on their way: which were skipped, pushed (to which job), refused, and the
/// lines their jobs got.
final class RunBatch {
    let output: RunOutput
    let progress: ProgressReporter
    var outcome = BatchOutcome()
    /// Jobs whose line is awaited → the paths they stand for (several when files share content).
    private var waiting: [String: [String]] = [:]
    /// Files whose job the journal had done but whose line is not in this output.
    private(set) var lost: [InputPath] = []

    init(output: RunOutput, progress: ProgressReporter) { self.output = output; self.progress = progress }

    func refuse(_ localPath: LocalPath, _ code: String, _ message: String) {
        let path = localPath.escaped
        outcome.record(failed: path, code: code, message: message)
        progress.message("\(path): refused (\(code)): \(message)")
        progress.advance(failed: true)
    }

    /// Whether the file's content already has a line of this version in the output (then it is
    /// counted, as ok or with that line's error, and not pushed).
    func skipIfWritten(_ localPath: LocalPath, sha256: String) -> Bool {
        guard let line = output.byContent[sha256] else { return false }
        let path = localPath.escaped
        if line.status == .error {
            outcome.record(failed: path, code: line.code ?? "error", message: "line already in \(output.path): " + line.message)
            progress.advance(failed: true)
        } else {
            outcome.skipped += 1
            progress.advance()
        }
        return true
    }

    func pushed(_ localPath: LocalPath, _ outcome: TitanicPusher.Outcome) {
        let path = localPath.escaped
        switch outcome {
        case .acknowledged(.stored(let id)):
            expect(id.description, path)
        case .acknowledged(.known(let id, let state)):
            if state == .done, output.byJob[id.description] == nil, waiting[id.description] == nil { lost.append(InputPath(path: localPath)) }
            else { expect(id.description, path) }
        default:
            if let why = outcome.refusal { refuse(localPath, why.code, why.message) }
        }
    }

    func takeLost() -> [InputPath] { defer { lost = [] }; return lost }

    private func expect(_ id: String, _ path: String) {
        if waiting[id] != nil { waiting[id]!.append(path); return }
        if let line = output.byJob[id] { finished(line, paths: [path]); return }
        waiting[id] = [path]
    }

    private var lastPollMs = 0

    /// `takeNewLines` at most every 200 ms (while pushing: the progress line moves meanwhile).
    func takeNewLinesIfDue() throws {
        let now = MonotonicClock.nowMs()
        guard now - lastPollMs >= 200 else { return }
        lastPollMs = now
        try takeNewLines()
    }

    /// Counts the lines written since the last call.
    func takeNewLines() throws {
        for (id, line) in try output.poll() {
            if let paths = waiting.removeValue(forKey: id) { finished(line, paths: paths) }
        }
    }

    private func finished(_ line: RunOutput.Line, paths: [String]) {
        guard let first = paths.first else { return }
        if line.status == .error { outcome.record(failed: first, code: line.code ?? "error", message: line.message) }
        else { outcome.record(ok: first) }
        progress.advance(failed: line.status == .error)
        // Files with the same content share the first one's job and line.
        outcome.sameContent += paths.count - 1
        for _ in paths.dropFirst() { progress.advance() }
    }

    /// Follows the output until every awaited job has its line.
    func waitForLines(cluster: LocalCluster, stop: StopFlag) throws {
        var nextHealthCheck = MonotonicClock.nowMs() + 1_000
        while !waiting.isEmpty {
            if stop.isSet { throw CancellationError() }
            let before = waiting.count
            try takeNewLines()
            if waiting.isEmpty { break }
            if MonotonicClock.nowMs() >= nextHealthCheck {
                guard cluster.isServing else { throw ClusterDied() }
                nextHealthCheck = MonotonicClock.nowMs() + 1_000
            }
            // 5 ms: the last line is seen soon after it lands; a poll that finds nothing costs a read.
            if waiting.count == before { usleep(5_000) }
        }
    }
}
