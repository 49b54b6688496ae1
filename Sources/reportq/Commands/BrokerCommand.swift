import ArgumentParser
import Broker
import Majordomo
import ZeroMQ

struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the Majordomo (MDP/0.2) broker that workers and clients connect to.")

    @Option(name: .long, help: "Endpoint to bind (repeatable).")
    var bind: [String] = ["tcp://*:5555"]

    @Option(name: .long, help: "Heartbeat interval in milliseconds.")
    var heartbeatMs = MDP.defaultHeartbeatMs

    @Option(name: .long, help: "Missed heartbeats before a worker is considered dead.")
    var liveness = MDP.defaultLiveness

    @Option(name: .long, help: "Requests a service may queue before new ones are refused (503).")
    var maxQueue = 10_000

    @Option(name: .long, help: "Largest frame accepted from a peer, in bytes.")
    var maxMessageBytes = 256 << 20

    @Option(name: .long, help: "Workers a request may lose before it is answered with an error (0: never give up).")
    var maxAttempts = 5

    @Flag(name: .long, help: "Log worker arrivals and expiries to stderr.")
    var verbose = false

    @OptionGroup(title: "CURVE security") var security: ServerCurveOptions
    @OptionGroup(title: "Metrics") var telemetry: MetricsOptions

    func validate() throws {
        guard heartbeatMs > 0, liveness > 0, maxQueue > 0, maxMessageBytes > 0, maxAttempts >= 0 else {
            throw ValidationError("--heartbeat-ms, --liveness, --max-queue and --max-message-bytes must be positive")
        }
    }

    func run() throws {
        var options = BrokerOptions(endpoints: bind)
        options.heartbeatMs = heartbeatMs
        options.liveness = liveness
        options.maxQueuedPerService = maxQueue
        options.maxMessageBytes = maxMessageBytes
        options.maxAttempts = maxAttempts
        options.verbose = verbose
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let context = try Context()
        do {
            let zap = try security.startAuthenticator(context: context, options: &options)
            let broker = try Broker(context: context, options: options)
            let metricsServer = try telemetry.serve(broker: broker, zap: zap, context: context)
            if let zap { try ServerCurveOptions.attach(zap, to: broker, context: context) }
            try broker.run(stop: stop)
            zap?.stop()
            metricsServer?.stop()
        } catch let error as ValidationError {
            printError("broker: \(error.message)")
            throw ExitCode(64)
        } catch {
            printError("broker: \(error)")
            throw ExitCode(1)
        }
    }
}
