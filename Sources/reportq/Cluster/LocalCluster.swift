import Foundation

/// Broker, N worker processes and an aggregator (this same binary) on one machine, for
/// `reportq run` and `reportq up`. Stopped with SIGTERM: workers finish their job, the
/// aggregator flushes, then the broker closes its journal.
final class LocalCluster {
    struct Configuration {
        var endpoint: String
        var journal: String
        var out: String
        var workers: Int
        var workerArguments: [String] = []
        var brokerArguments: [String] = []
        var aggregatorArguments: [String] = []
        /// `reportq dashboard` on this address (HOST:PORT), for `up --dashboard`; nil: none.
        var dashboard: String?
        /// Set in every process's environment (e.g. REPORTQ_LOG_LEVEL).
        var environment: [String: String] = [:]
    }

    let configuration: Configuration
    private var broker: Process?
    private var aggregator: Process?
    private var dashboard: Process?
    private var workers: [Process] = []

    /// `brokerBind`: what the broker binds when it differs from where the others connect.
    init(_ c: Configuration, brokerBind: String? = nil) throws {
        configuration = c
        let me = LocalCluster.executable
        // The broker first: everyone else connects to it (and retries until it binds). Workers map
        // their tables from the cache in milliseconds now, so they no longer need the head start.
        broker = try LocalCluster.spawn(me, ["broker", "--bind", brokerBind ?? c.endpoint, "--journal", c.journal] + c.brokerArguments, c.environment)
        for _ in 0..<c.workers {
            workers.append(try LocalCluster.spawn(me, ["worker", "--connect", c.endpoint, "--concurrency", "1"] + c.workerArguments, c.environment))
        }
        aggregator = try LocalCluster.spawn(me, ["aggregator", "--connect", c.endpoint, "--out", c.out] + c.aggregatorArguments, c.environment)
        if let address = c.dashboard {
            dashboard = try LocalCluster.spawn(me, ["dashboard", "--listen", address, "--broker", c.endpoint, "--file", c.out], c.environment)
        }
    }

    /// False once a dashboard that was started has stopped (its own message says why).
    var dashboardIsServing: Bool { dashboard?.isRunning ?? true }

    static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    private static func spawn(_ exe: URL, _ args: [String], _ environment: [String: String]) throws -> Process {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        // The local cluster talks plaintext over ipc: CURVE settings meant for a remote broker
        // (REPORTQ_CURVE_*, REPORTQ_AUTHORIZED_KEYS) must not leak into its processes.
        p.environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("REPORTQ_CURVE_") && $0.key != "REPORTQ_AUTHORIZED_KEYS"
        }.merging(environment) { $1 }
        try p.run()
        return p
    }

    /// False once the broker, the aggregator or every worker has died (a run cannot finish).
    var isServing: Bool {
        (broker?.isRunning ?? false) && (aggregator?.isRunning ?? false) && workers.contains { $0.isRunning }
    }

    var pids: [String: [Int32]] {
        ["broker": broker.map { [$0.processIdentifier] } ?? [], "aggregator": aggregator.map { [$0.processIdentifier] } ?? [],
         "workers": workers.map(\.processIdentifier)]
    }

    /// Every job is durable by the time this is called. Workers and the aggregator stop first
    /// (each finishes what it holds: workers their job, the aggregator its flush) while the broker
    /// still takes their DISCONNECT; with the broker gone, each would sit out its socket linger.
    func stop() {
        let clients = workers + [aggregator, dashboard].compactMap { $0 }
        for p in clients where p.isRunning { kill(p.processIdentifier, SIGTERM) }
        LocalCluster.reap(clients, seconds: 10)
        if let broker {
            if broker.isRunning { kill(broker.processIdentifier, SIGTERM) }
            LocalCluster.reap([broker], seconds: 10)
        }
        workers = []; broker = nil; aggregator = nil; dashboard = nil
    }

    private static func reap(_ processes: [Process], seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while processes.contains(where: { $0.isRunning }) && Date() < deadline { usleep(2_000) }
        for p in processes where p.isRunning { kill(p.processIdentifier, SIGKILL) }
        for p in processes { p.waitUntilExit() }
    }

    deinit { if broker != nil { stop() } }
}
