import ArgumentParser
import ProcessMemory
import Foundation
import IngestService
import JobContract
import Logging
import Majordomo
import ReportKit
import ZeroMQ

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve a service (default: ingest) for a broker, with N concurrent sessions.")

    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var connect = Env.broker

    @Option(name: .long, help: "Concurrent sessions (default: number of cores). Env: REPORTQ_CONCURRENCY.")
    var concurrency: Int?

    @Option(name: .long, help: "Jobs each session slot holds ahead, so its next job is already here when one ends (0: none). A crash of the process then costs those jobs an attempt too. Env: REPORTQ_WORKER_PREFETCH.")
    var prefetch = Env.int("REPORTQ_WORKER_PREFETCH", 0)

    @Option(name: .long, help: "Service name to register.")
    var service: String?

    @Flag(name: .long, help: "Echo requests back instead of running the pipeline (service 'echo' unless --service).")
    var echo = false

    @Option(name: .long, help: "With --echo: delay each reply by this many milliseconds.")
    var delayMs = 0

    @Option(name: .long, help: ArgumentHelp("Test aid: the process dies (SIGKILL) on a file containing this text (a poison job).", visibility: .hidden))
    var crashOn: String?

    @Option(name: .long, help: "Heartbeat interval in milliseconds. Env: REPORTQ_HEARTBEAT_MS.")
    var heartbeatMs = Env.int("REPORTQ_HEARTBEAT_MS", MDP.defaultHeartbeatMs)

    @Option(name: .long, help: "Missed heartbeats before the broker is considered gone.")
    var liveness = MDP.defaultLiveness

    @Option(name: .long, help: "Framing: rfc (RFC 18), delimited (leading empty frame, e.g. for majortomo's broker).")
    var framing = "rfc"

    @Flag(name: .long, help: "Read PDF pages without a text layer (scans) by OCR: seconds a page; heartbeats go on meanwhile. Env: REPORTQ_OCR=1.")
    var ocr = false

    @OptionGroup(title: "Logging") var logging: LoggingOptions
    @OptionGroup(title: "CURVE security") var curve: ClientCurveOptions

    func validate() throws {
        guard (concurrency ?? 1) > 0, heartbeatMs > 0, liveness > 0, delayMs >= 0, (0...8).contains(prefetch) else {
            throw ValidationError("--concurrency, --heartbeat-ms and --liveness must be positive, --prefetch 0 to 8")
        }
        guard Framing(rawValue: framing) != nil else { throw ValidationError("--framing must be rfc, delimited or majortomo") }
        try BrokerCheck.endpoint(connect, option: "--connect")
    }

    func run() throws {
        let log = logging.bootstrap(label: "worker")
        var options = WorkerOptions(endpoint: connect, service: service ?? (echo ? ServiceName.echo : ServiceName.ingest).rawValue)
        options.heartbeatMs = heartbeatMs
        options.liveness = liveness
        options.framing = Framing(rawValue: framing)!
        options.curve = try curve.keys()
        var handler: RequestHandler = echo ? EchoHandler(delayMs: delayMs) : IngestHandler(ocr: ocr || Env.flag("REPORTQ_OCR"))
        // Dictionaries load while the sessions connect; a job arriving first waits on the same load.
        if !echo { Thread { ReportPipeline.warmUp() }.start() }
        if let crashOn { handler = CrashingHandler(marker: Array(crashOn.utf8), inner: handler) }
        if !echo { handler = JobLogging(inner: handler, log: log) }
        if !echo, FreedMemory.isAvailable { handler = MemoryReturning(inner: handler, trim: IdleTrim()) }
        let n = concurrency ?? Env.optionalInt("REPORTQ_CONCURRENCY") ?? ProcessInfo.processInfo.activeProcessorCount
        // Prefetch: more MDP sessions than slots; a session past the n running ones holds its job
        // until a slot frees, which then starts it at once instead of after a broker round trip.
        if prefetch > 0 { handler = SlotLimitedHandler(inner: handler, slots: n) }
        let sessions = n * (1 + prefetch)
        log.info("serving \(options.service) for \(connect) with \(n) session(s)\(prefetch > 0 ? " (+\(n * prefetch) holding a next job)" : "")")

        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let context = try Context()
        let finished = DispatchGroup()
        let failures = FailureLog()
        let link = BrokerLinkLog(role: "worker", endpoint: connect)
        for i in 0..<sessions {
            options.onLink = link.observer(session: i)
            let session = try WorkerSession(context: context, options: options, handler: handler)
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                do { try session.run(stop: stop) } catch { failures.add("\(error)"); stop.set() }
            }
            thread.start()
        }
        finished.wait()
        // Every session has closed its socket; what they left (the last reply, the DISCONNECT)
        // leaves before the process exits.
        context.terminateBeforeExit()
        if let failure = failures.first {
            log.critical("\(failure)")
            throw ExitCode(1)
        }
    }
}

final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ m: String) { lock.lock(); messages.append(m); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return messages.first }
}

/// One log line per job, at info: id, path, status, error code, milliseconds, so a worker's
/// thousands of jobs can be followed and counted (`reportq run` shows its workers' warnings only).
struct JobLogging: RequestHandler {
    let inner: RequestHandler
    let log: Logger

    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        guard log.logLevel <= .info else { return try inner.handle(body) }   // `run`'s workers: nothing to make
        let started = MonotonicClock.nowMs()
        let reply = try inner.handle(body)
        var metadata: Logger.Metadata = ["ms": "\(MonotonicClock.nowMs() - started)"]
        if let header = body.first.flatMap({ try? JobHeader.decode($0, as: .stored) }) {
            metadata["job_id"] = "\(header.jobID.map(\.description) ?? "")"
            metadata["path"] = "\(header.path ?? header.name)"
        }
        if let record = reply.first, let status = record.withUnsafeBytes(RecordEnvelope.status(of:)) {
            metadata["status"] = "\(status.rawValue)"
            if status == .error, let e = try? RecordEnvelope.read(record), case .error(let error) = e.outcome {
                metadata["error_code"] = "\(error.code.rawValue)"
            }
        }
        log.info("job done", metadata: metadata)
        return reply
    }
}

/// Test aid for poison jobs: dies like a segfaulting pipeline would, on a marked file.
struct CrashingHandler: RequestHandler {
    let marker: [UInt8]
    let inner: RequestHandler

    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        if body.count == 2, !marker.isEmpty, contains(body[1], marker) { kill(getpid(), SIGKILL) }
        return try inner.handle(body)
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && haystack[i..<i + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}
