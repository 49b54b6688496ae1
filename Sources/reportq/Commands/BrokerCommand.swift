import ArgumentParser
import Broker
import Journal
import Majordomo
import Titanic
import ZeroMQ

struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the Majordomo (MDP/0.2) broker with the durable Titanic queue.",
        discussion: "Jobs pushed with titanic.request are journaled (fsync) in --journal before they are acknowledged, dispatched to service 'ingest', and their results to service 'collect'.")

    @Option(name: .long, help: "Endpoint to bind (repeatable). Env: REPORTQ_BIND.")
    var bind: [String] = [Env.string("REPORTQ_BIND", "tcp://*:5555")]

    @Option(name: .long, help: "Journal directory. Env: REPORTQ_JOURNAL.")
    var journal = Env.string("REPORTQ_JOURNAL", "./journal")

    @Option(name: .long, help: "Refuse new jobs (journal_full) past this many journal bytes. Env: REPORTQ_JOURNAL_MAX_BYTES.")
    var journalMaxBytes = Env.int("REPORTQ_JOURNAL_MAX_BYTES", 8 << 30)

    @Option(name: .long, help: "Attempts per job (worker died, timed out or errored) before it becomes an error line; also for plain MDP requests. Env: REPORTQ_MAX_ATTEMPTS.")
    var maxAttempts = Env.int("REPORTQ_MAX_ATTEMPTS", 3)

    @Option(name: .long, help: "Seconds a worker may hold one job before it counts as stuck. Env: REPORTQ_JOB_TIMEOUT.")
    var jobTimeout = Env.int("REPORTQ_JOB_TIMEOUT", 300)

    @Option(name: .long, help: "Heartbeat interval in milliseconds. Env: REPORTQ_HEARTBEAT_MS.")
    var heartbeatMs = Env.int("REPORTQ_HEARTBEAT_MS", MDP.defaultHeartbeatMs)

    @Option(name: .long, help: "Missed heartbeats before a worker is considered dead. Env: REPORTQ_LIVENESS.")
    var liveness = Env.int("REPORTQ_LIVENESS", MDP.defaultLiveness)

    @Option(name: .long, help: "Plain MDP requests a service may queue before new ones are refused (503). Env: REPORTQ_MAX_QUEUE.")
    var maxQueue = Env.int("REPORTQ_MAX_QUEUE", 10_000)

    @Option(name: .long, help: "Milliseconds a plain MDP request waits for a service with no worker before it is answered 404 (0: forever). Env: REPORTQ_UNSERVED_TIMEOUT_MS.")
    var unservedTimeoutMs = Env.int("REPORTQ_UNSERVED_TIMEOUT_MS", 30_000)

    @Option(name: .long, help: "Plain MDP requests one client may have waiting before new ones are refused (503). Env: REPORTQ_MAX_QUEUE_PER_CLIENT.")
    var maxQueuePerClient = Env.int("REPORTQ_MAX_QUEUE_PER_CLIENT", 1_000)

    @Option(name: .long, help: "Largest frame accepted from a peer, in bytes. Env: REPORTQ_MAX_MESSAGE_BYTES.")
    var maxMessageBytes = Env.int("REPORTQ_MAX_MESSAGE_BYTES", 256 << 20)

    @Flag(name: .long, help: "Keep worker results in memory until collected instead of journaling them (a broker crash re-runs those jobs). Env: REPORTQ_RESULTS_IN_MEMORY=1.")
    var resultsInMemory = false

    @Flag(name: .long, help: "No fsync of the journal: a crash may lose acknowledged jobs (benchmarks, and `run`'s throwaway journal).")
    var noFsync = false

    @Flag(name: .long, help: "Log worker arrivals and expiries to stderr.")
    var verbose = false

    @OptionGroup(title: "Logging") var logging: LoggingOptions
    @OptionGroup(title: "CURVE security") var security: ServerCurveOptions
    @OptionGroup(title: "Metrics") var telemetry: MetricsOptions

    func validate() throws {
        guard heartbeatMs > 0, liveness > 0, maxQueue > 0, maxMessageBytes > 0, maxAttempts > 0, jobTimeout > 0, journalMaxBytes > 0, maxQueuePerClient > 0, unservedTimeoutMs >= 0 else {
            throw ValidationError("numeric options must be positive")
        }
        for endpoint in bind { try BrokerCheck.endpoint(endpoint, option: "--bind") }
    }

    func run() throws {
        let log = logging.bootstrap(label: "broker")
        var options = BrokerOptions(endpoints: bind)
        options.heartbeatMs = heartbeatMs
        options.liveness = liveness
        options.maxQueuedPerService = maxQueue
        options.maxQueuedPerClient = maxQueuePerClient
        options.unservedTimeoutMs = unservedTimeoutMs
        options.maxMessageBytes = maxMessageBytes
        options.maxAttempts = maxAttempts
        options.verbose = verbose
        options.log = { log.info("\($0)") }
        var journalOptions = Journal.Options()
        journalOptions.log = { log.notice("journal: \($0)") }
        journalOptions.maxBytes = journalMaxBytes
        journalOptions.maxRecordBytes = min(journalOptions.maxRecordBytes, maxMessageBytes)
        if noFsync { journalOptions.fsync = .disabled }
        var titanicOptions = TitanicOptions()
        titanicOptions.maxAttempts = maxAttempts
        titanicOptions.jobTimeoutMs = jobTimeout * 1000
        titanicOptions.journalResults = !(resultsInMemory || Env.flag("REPORTQ_RESULTS_IN_MEMORY"))
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let context = try Context()
        do {
            let zap = try security.startAuthenticator(context: context, options: &options)
            let store = try Journal.open(directory: journal, options: TitanicService.journalOptions(journalOptions))
            defer { store.shutdown() }
            let r = store.replayReport
            if r.records > 0 { log.info("journal \(journal): replayed \(r.records) records; \(store.stats.queued) job(s) queued, \(store.stats.resultPending) result(s) to collect") }
            let broker = try Broker(context: context, options: options)
            let metricsServer = try telemetry.serve(broker: broker, zap: zap, context: context)
            if let zap { try ServerCurveOptions.attach(zap, to: broker, context: context) }
            TitanicService(journal: store, options: titanicOptions).install(on: broker)
            log.info("listening on \(bind.joined(separator: ", ")), journal \(journal)")
            try broker.run(stop: stop)    // it closes its socket with the DISCONNECTs to send
            zap?.stop()
            metricsServer?.stop()
            context.terminateBeforeExit()
        } catch let error as ValidationError {
            log.critical("\(error.message)")
            throw ExitCode(64)
        } catch {
            log.critical("\(error)")
            throw ExitCode(1)
        }
    }
}
