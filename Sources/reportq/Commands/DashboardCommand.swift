import ArgumentParser
import Dashboard
import Majordomo
import Foundation
import Logging

/// `reportq dashboard`: the live page (Sources/Dashboard, docs/DASHBOARD.md).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Serve a live page of the cluster, its failed jobs and the results as they arrive (http://127.0.0.1:8080/).",
        discussion: """
            The page shows what `reportq status` and `reportq jobs` show (it asks the broker the same way), with Retry and \
            Cancel buttons, the latest records from the aggregator's output file (or its PUB socket with --subscribe), and \
            the charts of `reportq panel` for every record so far. It listens on 127.0.0.1 unless told otherwise; on any \
            other address it needs a token (--token or REPORTQ_DASHBOARD_TOKEN, else one is made up and printed): open \
            http://HOST:PORT/#token=TOKEN once, the page keeps it in a cookie.
            """)

    @Option(name: .long, help: ArgumentHelp("Address to listen on, HOST:PORT (port 0: any free one). Env: REPORTQ_DASHBOARD.", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var broker = Env.broker

    @Option(name: .long, help: "The aggregator's output file, followed from its first line. Env: REPORTQ_OUT.")
    var file = Env.string("REPORTQ_OUT", "results.jsonl")

    @Option(name: .long, help: ArgumentHelp("Read records from the aggregator's PUB endpoint instead of its file (records from now on). Env: REPORTQ_DASHBOARD_SUBSCRIBE.", valueName: "endpoint"))
    var subscribe: String?

    @Option(name: .long, help: ArgumentHelp("With --subscribe to an aggregator that runs CURVE: its public key file (NAME.key); --curve-secret-key is this peer's key. Env: REPORTQ_CURVE_PUBLISHER_KEY.", valueName: "file"))
    var curvePublisherKey: String?

    @Option(name: .long, help: "Token that every data request must carry (needed when listening beyond loopback). Env: REPORTQ_DASHBOARD_TOKEN.")
    var token: String?

    @Option(name: .long, help: "Milliseconds between two questions to the broker (status and jobs).")
    var pollMs = 1_000

    @OptionGroup(title: "CURVE security") var curve: ClientCurveOptions
    @OptionGroup(title: "Logging") var logging: LoggingOptions

    var address: String { listen ?? Env.optionalString("REPORTQ_DASHBOARD") ?? ListenAddress.defaultAddress.description }
    var tokenValue: String? { token ?? Env.optionalString("REPORTQ_DASHBOARD_TOKEN") }

    /// The CURVE keys for --subscribe: the aggregator's public key as the server's, this peer's secret key.
    func publisherKeys() throws -> CurveClientKeys? {
        try publisherCurveKeys(publisherKey: curvePublisherKey, secretKey: curve.curveSecretKey)
    }

    func validate() throws {
        guard ListenAddress(address) != nil else { throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8080 (got \(address))") }
        try BrokerCheck.endpoint(broker, option: "--broker")
        if let subscribe = subscribe ?? Env.optionalString("REPORTQ_DASHBOARD_SUBSCRIBE") { try BrokerCheck.endpoint(subscribe, option: "--subscribe") }
        if let tokenValue, tokenValue.isEmpty || !tokenValue.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            throw ValidationError("--token takes letters, digits, - and _ only")
        }
        guard (50...60_000).contains(pollMs) else { throw ValidationError("--poll-ms must be between 50 and 60000") }
    }

    func run() throws {
        let logger = logging.bootstrap(label: "dashboard")
        let listen = ListenAddress(address)!
        // Beyond loopback without a token of the user's: one made up, printed in the page's URL.
        let shownToken = tokenValue == nil && !listen.isLoopback ? AccessPolicy.randomToken() : nil
        let access = (tokenValue ?? shownToken).map(AccessPolicy.token) ?? .loopback
        let source: RecordFeedSource
        if let endpoint = subscribe ?? Env.optionalString("REPORTQ_DASHBOARD_SUBSCRIBE") {
            source = .publisher(endpoint, curve: try publisherKeys())
        } else {
            source = .file(file)
        }
        let configuration = DashboardConfiguration(listen: listen, broker: broker, curve: try curve.keys(), source: source,
                                                   access: access, pollIntervalMs: pollMs)
        let done = DispatchSemaphore(value: 0)
        let failure = LockedError()
        Task.detached {
            do {
                try await DashboardServer.run(configuration, logger: logger) { bound in
                    var url = "http://\(bound)/"
                    if let shownToken { url += "#token=\(shownToken)" }
                    // One line a script (or a test) can read the port from.
                    printError("dashboard: \(url) (broker \(configuration.broker), records from \(source))")
                }
            } catch { failure.set(error) }
            done.signal()
        }
        done.wait()
        if let error = failure.error {
            printError("dashboard: \(error)")
            throw ExitCode(1)
        }
    }
}

/// The server task's error, read after it ended.
private final class LockedError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    func set(_ e: Error) { lock.lock(); stored = e; lock.unlock() }
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
}
