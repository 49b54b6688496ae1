import Aggregator
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
        discussion: "Pushes every file through the durable queue, then exits once every job's line is written to --out (one line per file, completion order). Directories are searched recursively.")

    @Argument(help: "Files, directories, glob patterns, or - for paths on stdin.")
    var paths: [String]

    @Option(name: [.short, .customLong("out")], help: "Output JSON Lines file (replaced). Env: REPORTQ_OUT.")
    var out = Env.string("REPORTQ_OUT", "results.jsonl")

    @Option(name: .long, help: "Worker processes (default: number of cores). Env: REPORTQ_WORKERS.")
    var workers: Int?

    @Option(name: .long, help: "Seconds a worker may hold one file before it is retried (default 120; 1800 with --ocr). Env: REPORTQ_JOB_TIMEOUT.")
    var timeout: Int?

    @Option(name: .long, help: "Attempts per file before it becomes an error line. Env: REPORTQ_MAX_ATTEMPTS.")
    var attempts = Env.int("REPORTQ_MAX_ATTEMPTS", 3)

    @Option(name: .long, help: "Journal directory (default: a temporary one, removed afterwards). Env: REPORTQ_JOURNAL.")
    var journal: String?

    @Flag(name: .long, help: "Use echo workers (cluster plumbing test; writes the job headers back).")
    var echo = false

    @Flag(name: .long, help: "Workers read PDF pages without a text layer (scans) by OCR: seconds a page. Env: REPORTQ_OCR=1.")
    var ocr = false

    func validate() throws {
        guard (workers ?? 1) > 0, (timeout ?? 1) > 0, attempts > 0 else {
            throw ValidationError("--workers, --timeout and --attempts must be positive")
        }
        for path in paths.map(LocalPath.init(argument:)) where path.withCString({ access($0, F_OK) }) != 0 {
            throw ValidationError("no such file or directory: \(path.escaped)")
        }
    }

    func run() throws {
        let n = workers ?? Env.optionalInt("REPORTQ_WORKERS") ?? ProcessInfo.processInfo.activeProcessorCount
        let started = Date()
        // A fresh output: the aggregator appends and dedups by job id, but a run owns its file.
        unlink(out)
        let parent = (out as NSString).deletingLastPathComponent
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        guard FileManager.default.createFile(atPath: out, contents: nil) else {
            printError("cannot write \(out)")
            throw ExitCode(2)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reportq-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let endpoint = "ipc://" + scratch.appendingPathComponent("broker").path
        let kept = journal ?? Env.optionalString("REPORTQ_JOURNAL")
        var config = LocalCluster.Configuration(endpoint: endpoint, journal: kept ?? scratch.appendingPathComponent("journal").path,
                                                out: out, workers: n)
        // OCR takes seconds a page: a scanned report needs minutes, not the text pipeline's two.
        let ocr = self.ocr || Env.flag("REPORTQ_OCR")
        let jobTimeout = timeout ?? Env.optionalInt("REPORTQ_JOB_TIMEOUT") ?? (ocr ? 1800 : 120)
        config.brokerArguments = ["--job-timeout", String(jobTimeout), "--max-attempts", String(attempts)]
        // A temporary journal dies with this run (a broker crash ends the run), so neither journaling
        // results (they only spare a broker restart from re-running jobs) nor fsyncing submits buys
        // anything: results wait for collect in memory, and no fsync stalls the broker's dispatch.
        if kept == nil { config.brokerArguments += ["--results-in-memory", "--no-fsync"] }
        // Each worker holds its next job while it runs one (no broker round trip between jobs).
        config.workerArguments = (echo ? ["--echo", "--service", ServiceName.ingest.rawValue] : []) + ["--prefetch", "1"]
            + (ocr ? ["--ocr"] : [])
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let cluster = try LocalCluster(config)
        defer { cluster.stop() }
        // Walked after the cluster starts: a big tree's walk overlaps the workers' dictionary load.
        let files = try expandPaths(paths)

        let context = try Context()
        var ids = Set<JobID>()
        var refused = 0
        func refuse(_ path: LocalPath, _ code: String, _ message: String) {
            refused += 1
            printError("\(path.escaped): refused (\(code)): \(message)")
        }
        let pusher = try TitanicPusher(context: context, endpoint: endpoint, inFlight: 16, timeoutMs: 30_000)
        // Oversized files are pushed anyway: each comes back as an error line, in its place.
        var jobs = PushJobs(files, checkSize: false)
        do {
            try pusher.push(next: { jobs.next(refused: refuse) }, stop: stop) { path, outcome in
                if case .acknowledged(.stored(let id)) = outcome { ids.insert(id) }
                else if let why = outcome.refusal { refuse(path, why.code, why.message) }
            }
            try waitForLines(ids, in: out, cluster: cluster, stop: stop)
        } catch is CancellationError {
            printError("interrupted; \(ids.count) job(s) were pushed")
            throw ExitCode(130)
        } catch is ClusterDied {
            printError("the local broker, aggregator or all workers died")
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(started)
        printError(String(format: "%d files → %@ (%d refused) in %.2f s with %d workers", ids.count, out, refused, seconds, n))
        if refused > 0 { throw ExitCode(1) }
    }

    /// Follows the output until a line for every job id is in it.
    private func waitForLines(_ ids: Set<JobID>, in path: String, cluster: LocalCluster, stop: StopFlag) throws {
        var missing = ids
        let follower = LineFollower(path: path, from: .beginning)
        var nextHealthCheck = MonotonicClock.nowMs() + 1_000
        while !missing.isEmpty {
            if stop.isSet { throw CancellationError() }
            let lines = try follower.poll()
            for line in lines { if let id = line.withUnsafeBytes(RecordEnvelope.jobID(in:)).flatMap(JobID.init) { missing.remove(id) } }
            if missing.isEmpty { break }
            if MonotonicClock.nowMs() >= nextHealthCheck {
                guard cluster.isServing else { throw ClusterDied() }
                nextHealthCheck = MonotonicClock.nowMs() + 1_000
            }
            if lines.isEmpty { usleep(20_000) }
        }
    }
}

struct ClusterDied: Error {}

