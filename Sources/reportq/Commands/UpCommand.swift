import ArgumentParser
import Foundation
import Majordomo

struct UpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start broker, workers (one per core) and aggregator on this machine; run until Ctrl-C.",
        discussion: "Then push with `reportq push FILES`, watch with `reportq status` and `reportq tail -f`.")

    @Option(name: .long, help: "Broker endpoint to bind. Env: REPORTQ_BIND.")
    var bind = Env.string("REPORTQ_BIND", "tcp://*:5555")

    @Option(name: .long, help: "Journal directory. Env: REPORTQ_JOURNAL.")
    var journal = Env.string("REPORTQ_JOURNAL", "./journal")

    @Option(name: [.short, .customLong("out")], help: "Output JSON Lines file (appended). Env: REPORTQ_OUT.")
    var out = Env.string("REPORTQ_OUT", "results.jsonl")

    @Option(name: .long, help: "PUB endpoint for `reportq tail --connect`. Env: REPORTQ_PUBLISH.")
    var publish: String?

    @Option(name: .long, help: "Worker processes (default: number of cores). Env: REPORTQ_WORKERS.")
    var workers: Int?

    @Flag(name: .long, help: "Workers read PDF pages without a text layer (scans) by OCR (mind the broker's 300 s job timeout). Env: REPORTQ_OCR=1.")
    var ocr = false

    func validate() throws {
        try BrokerCheck.endpoint(bind, option: "--bind")
        if let publish = publish ?? Env.optionalString("REPORTQ_PUBLISH") { try BrokerCheck.endpoint(publish, option: "--publish") }
    }

    func run() throws {
        let connect = bind.replacingOccurrences(of: "tcp://*:", with: "tcp://127.0.0.1:").replacingOccurrences(of: "tcp://0.0.0.0:", with: "tcp://127.0.0.1:")
        let n = workers ?? Env.optionalInt("REPORTQ_WORKERS") ?? ProcessInfo.processInfo.activeProcessorCount
        var config = LocalCluster.Configuration(endpoint: connect, journal: journal, out: out, workers: n)
        if let publish = publish ?? Env.optionalString("REPORTQ_PUBLISH") { config.aggregatorArguments = ["--publish", publish] }
        if ocr { config.workerArguments = ["--ocr"] }
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let cluster = try LocalCluster(config, brokerBind: bind)
        defer { cluster.stop() }
        printError("up: broker \(bind) (journal \(journal)), \(n) worker(s), aggregator → \(out); Ctrl-C to stop")
        while !stop.isSet {
            usleep(200_000)
            if !cluster.isServing { printError("up: a process died; stopping"); throw ExitCode(1) }
        }
    }
}
