import ArgumentParser
import Dashboard
import Foundation
import Majordomo

struct UpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start broker, workers (one per core) and aggregator on this machine; run until Ctrl-C.",
        discussion: "Then push with `reportq push FILES`, watch with `reportq status` and `reportq tail -f`.")

    @Option(name: .long, help: "Endpoint the broker binds (default tcp://127.0.0.1:PORT, this machine only; e.g. tcp://*:5555 to let other hosts in, in plaintext). Env: REPORTQ_BIND.")
    var bind: String?

    @Option(name: .long, help: "Port of the default endpoint tcp://127.0.0.1:PORT. Env: REPORTQ_PORT.")
    var port = Env.int("REPORTQ_PORT", 5555)

    @Option(name: .long, help: "Journal directory. Env: REPORTQ_JOURNAL.")
    var journal = Env.string("REPORTQ_JOURNAL", "./journal")

    @Option(name: [.short, .customLong("out")], help: "Output JSON Lines file (appended). Env: REPORTQ_OUT.")
    var out = Env.string("REPORTQ_OUT", "results.jsonl")

    @Option(name: .long, help: "PUB endpoint for `reportq tail --connect`. Env: REPORTQ_PUBLISH.")
    var publish: String?

    @Option(name: .long, help: "Worker processes (default: number of cores). Env: REPORTQ_WORKERS.")
    var workers: Int?

    @Option(name: .long, help: ArgumentHelp("Also serve the live page (`reportq dashboard`) on HOST:PORT, e.g. 127.0.0.1:8080; beyond loopback it needs a token (REPORTQ_DASHBOARD_TOKEN, else one is printed). Env: REPORTQ_DASHBOARD.", valueName: "host:port"))
    var dashboard: String?

    @Flag(name: .long, help: "Workers read PDF pages without a text layer (scans) by OCR (mind the broker's 300 s job timeout). Env: REPORTQ_OCR=1.")
    var ocr = false

    @OptionGroup(title: "Logging") var logging: LoggingOptions

    /// Loopback unless told otherwise: `up` runs the broker without CURVE, so anyone who reaches
    /// its port could push jobs.
    private var endpoint: String { bind ?? Env.optionalString("REPORTQ_BIND") ?? "tcp://127.0.0.1:\(port)" }

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        try BrokerCheck.endpoint(endpoint, option: "--bind")
        if let publish = publish ?? Env.optionalString("REPORTQ_PUBLISH") { try BrokerCheck.endpoint(publish, option: "--publish") }
        if let dashboard = dashboardAddress, ListenAddress(dashboard) == nil {
            throw ValidationError("--dashboard takes HOST:PORT, e.g. 127.0.0.1:8080 (got \(dashboard))")
        }
    }

    private var dashboardAddress: String? { dashboard ?? Env.optionalString("REPORTQ_DASHBOARD") }

    func run() throws {
        logging.bootstrap(label: "up")
        let bind = endpoint
        for (what, endpoint) in [("the broker", bind), ("the aggregator's PUB socket", publish ?? Env.optionalString("REPORTQ_PUBLISH"))] {
            if let endpoint, !UpCommand.isLocal(endpoint) {
                printError("up: \(what) listens on \(endpoint) in plaintext: whoever reaches it can "
                           + (what == "the broker" ? "push jobs and serve them" : "read every result")
                           + "; for other hosts run `reportq broker` with CURVE (docs/CLUSTER.md)")
            }
        }
        let connect = bind.replacingOccurrences(of: "tcp://*:", with: "tcp://127.0.0.1:").replacingOccurrences(of: "tcp://0.0.0.0:", with: "tcp://127.0.0.1:")
        let n = workers ?? Env.optionalInt("REPORTQ_WORKERS") ?? ProcessInfo.processInfo.activeProcessorCount
        var config = LocalCluster.Configuration(endpoint: connect, journal: journal, out: out, workers: n)
        if let publish = publish ?? Env.optionalString("REPORTQ_PUBLISH") { config.aggregatorArguments = ["--publish", publish] }
        if ocr { config.workerArguments = ["--ocr"] }
        config.dashboard = dashboardAddress
        config.environment = logging.childEnvironment(defaultLevel: "info")
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let cluster = try LocalCluster(config, brokerBind: bind)
        defer { cluster.stop() }
        printError("up: broker \(bind) (journal \(journal)), \(n) worker(s), aggregator → \(out)"
                   + (config.dashboard.map { ", dashboard on \($0)" } ?? "") + "; Ctrl-C to stop")
        var dashboardReported = false
        while !stop.isSet {
            usleep(200_000)
            if !cluster.isServing { printError("up: a process died; stopping"); throw ExitCode(1) }
            // The cluster goes on without its page: the jobs matter more.
            if !cluster.dashboardIsServing && !dashboardReported {
                printError("up: the dashboard stopped (its message is above); the cluster goes on")
                dashboardReported = true
            }
        }
    }

    /// Whether only this machine can reach the endpoint: ipc and inproc, or tcp on a loopback
    /// address (127.0.0.0/8, ::1, localhost, the lo interface).
    static func isLocal(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") }
        var host = endpoint.dropFirst("tcp://".count)
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if let semicolon = host.lastIndex(of: ";") { host = host[host.index(after: semicolon)...] }   // source;destination
        return host.hasPrefix("127.") || host == "[::1]" || host == "::1" || host == "localhost" || host == "lo"
    }
}
