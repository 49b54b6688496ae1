import Aggregator
import ArgumentParser
import Broker
import Foundation
import JobContract
import Logging
import Majordomo
import ZeroMQ

struct AggregatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Serve 'collect': append one JSON line per job to --out, durably, once per job id.",
        discussion: "Lines are confirmed to the broker only after fsync; a full or read-only output directory is answered with a 500 status, so the jobs stay in the broker's journal and are written after the disk recovers.")

    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var connect = Env.broker

    @Option(name: .long, help: "Output JSON Lines file. Env: REPORTQ_OUT.")
    var out = Env.string("REPORTQ_OUT", "results.jsonl")

    @Option(name: .long, help: "PUB endpoint publishing each written line (e.g. tcp://*:5556). With CURVE on (--curve-secret-key), it is a CURVE server with this aggregator's key: `reportq tail --connect` then needs --curve-publisher-key (this aggregator's NAME.key). Env: REPORTQ_PUBLISH.")
    var publish: String?

    @Option(name: .long, help: ArgumentHelp("With CURVE on: directory of public keys (*.key) that may subscribe to --publish; without it any CURVE key may (lines are still encrypted). Env: REPORTQ_PUBLISH_AUTHORIZED_KEYS.", valueName: "dir"))
    var publishAuthorizedKeys: String?

    @Option(name: .long, help: "Start a new file past this many bytes (old ones become OUT.1, OUT.2 …). Env: REPORTQ_ROTATE_BYTES.")
    var rotateBytes: Int?

    @Option(name: .long, help: "Group-commit bound: most milliseconds a line waits for its fsync. Env: REPORTQ_FSYNC_INTERVAL_MS.")
    var fsyncIntervalMs = Env.int("REPORTQ_FSYNC_INTERVAL_MS", 50)

    @Option(name: .long, help: "Heartbeat interval in milliseconds. Env: REPORTQ_HEARTBEAT_MS.")
    var heartbeatMs = Env.int("REPORTQ_HEARTBEAT_MS", MDP.defaultHeartbeatMs)

    @Flag(name: .long, help: "No fsync of the output (benchmarks only).")
    var noFsync = false

    @Flag(name: .long, help: "Log every batch.")
    var verbose = false

    @OptionGroup(title: "Logging") var logging: LoggingOptions
    @OptionGroup(title: "CURVE security") var curve: ClientCurveOptions
    @OptionGroup(title: "Metrics") var metricsOptions: MetricsOptions

    func validate() throws {
        guard (rotateBytes ?? 1) > 0, fsyncIntervalMs >= 0, heartbeatMs > 0 else { throw ValidationError("numeric options must be positive") }
        try BrokerCheck.endpoint(connect, option: "--connect")
        if let publish = publish ?? Env.optionalString("REPORTQ_PUBLISH") { try BrokerCheck.endpoint(publish, option: "--publish") }
    }

    func run() throws {
        let log = logging.bootstrap(label: "aggregator")
        let keys = try curve.keys()          // bad key files fail before the output is opened
        var options = ResultStore.Options()
        options.log = { log.notice("\($0)") }
        options.rotateBytes = rotateBytes ?? Env.optionalInt("REPORTQ_ROTATE_BYTES")
        options.groupCommitInterval = Double(fsyncIntervalMs) / 1000
        options.fsync = !noFsync
        let context = try Context()
        // Metrics first: a port already in use is an error before the output is touched.
        let served = try metricsOptions.serveAggregator(context: context)
        defer { served?.1.stop() }
        if let metrics = served?.0 {
            options.onFsync = { metrics.fsynced(nanoseconds: $0) }
            options.onRotate = { metrics.rotated() }
            log.info("metrics at http://\(metricsOptions.endpoint!.dropFirst(6))/metrics")
        }
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        guard let store = openStore(options: options, stop: stop, log: log) else { throw ExitCode(130) }
        defer { store.close() }
        if store.repairedBytes > 0 { log.warning("cut a torn last line (\(store.repairedBytes) bytes) from \(out)") }
        log.info("\(out) holds \(store.count) job(s)")
        var publisher: Socket?
        var publishZAP: ZAPAuthenticator?
        defer { publishZAP?.stop() }
        if let publish = publish ?? Env.optionalString("REPORTQ_PUBLISH") {
            let s = try context.socket(.pub)
            try s.setLinger(0)
            try s.setSendHighWaterMark(100_000)
            if let keys {
                // Full records leave here: as private as the broker link (RFC 26; ZAP admits listed keys).
                try s.setCurveServer(secretKey: keys.secretKey)
                if let directory = publishAuthorizedKeys ?? Env.optionalString("REPORTQ_PUBLISH_AUTHORIZED_KEYS") {
                    do { publishZAP = try ZAPAuthenticator(context: context, authorizedKeys: directory, verbose: verbose) } catch {
                        log.critical("\(error)"); throw ExitCode(64)
                    }
                    publishZAP?.start()
                    try s.setZAPDomain("reportq")
                    log.info("publishing on \(publish) with CURVE, public key \(keys.publicKey), to \(publishZAP?.keyCount ?? 0) authorized key(s)")
                } else {
                    log.warning("publishing on \(publish) with CURVE (public key \(keys.publicKey)): encrypted, but any CURVE key may subscribe; --publish-authorized-keys DIR admits only listed ones")
                }
            } else if publishAuthorizedKeys != nil {
                log.critical("--publish-authorized-keys needs CURVE on (--curve-server-key and --curve-secret-key)"); throw ExitCode(64)
            }
            try s.bind(publish)
            publisher = s
        }
        var workerOptions = WorkerOptions(endpoint: connect, service: ServiceName.collect.rawValue)
        workerOptions.heartbeatMs = heartbeatMs
        workerOptions.curve = keys
        workerOptions.onLink = BrokerLinkLog(role: "aggregator", endpoint: connect).observer(session: 0)
        let handler = CollectHandler(collector: Collector(store: store), publisher: publisher, verbose: verbose, metrics: served?.0,
                                     log: { log.warning("\($0)") })
        let session = try WorkerSession(context: context, options: workerOptions, handler: handler)
        try session.run(stop: stop)
        publisher?.close()
        served?.1.stop()
        context.terminateBeforeExit()     // the session's DISCONNECT leaves before the exit
    }

    /// Opens the output, waiting (retrying each second) while its directory cannot be written.
    private func openStore(options: ResultStore.Options, stop: StopFlag, log: Logger) -> ResultStore? {
        var complained = false
        while !stop.isSet {
            do { return try ResultStore.open(path: out, options: options) } catch {
                if !complained { log.error("cannot open \(out): \(error); retrying every second"); complained = true }
                usleep(1_000_000)
            }
        }
        return nil
    }
}
