// The cluster's pieces in one process, on real sockets, as HummingbirdTesting's live mode runs an
// application: a broker (with Titanic over a journal when asked) and worker sessions serving any
// RequestHandler — the `ingest` and `collect` service edges, or test doubles — each on its own
// thread. The process-spawning tests in ClusterTests drive the real binary end to end.
import Broker
import Foundation
import JobContract
import Journal
import Majordomo
import Titanic
import XCTest
import ZeroMQ

public final class InProcessCluster {
    public let context: Context
    public let endpoint: String
    public let directory: String
    /// The broker's journal and Titanic service (nil without `titanic`).
    public private(set) var journal: Journal?
    public private(set) var titanic: TitanicService?
    private var stops: [StopFlag] = []
    private var finished: [DispatchSemaphore] = []
    private let heartbeatMs: Int

    /// Starts a broker on an ipc endpoint in `directory` (a test's temporary directory), with
    /// the Titanic services over a journal there when `titanic` is given.
    public init(directory: String, heartbeatMs: Int = 100, titanic: TitanicOptions? = nil) throws {
        context = try Context()
        self.directory = directory
        self.heartbeatMs = heartbeatMs
        endpoint = "ipc://" + directory + "/broker"
        var options = BrokerOptions(endpoints: [endpoint])
        options.heartbeatMs = heartbeatMs
        let broker = try Broker(context: context, options: options)
        if let titanicOptions = titanic {
            var journalOptions = Journal.Options()
            journalOptions.log = { _ in }
            let journal = try Journal.open(directory: directory + "/journal", options: TitanicService.journalOptions(journalOptions))
            let service = TitanicService(journal: journal, options: titanicOptions)
            service.install(on: broker)
            self.journal = journal
            self.titanic = service
        }
        spawn { try broker.run(stop: $0) }
    }

    /// A worker session serving `service` with `handler`.
    public func serve(_ service: ServiceName, with handler: RequestHandler) throws {
        var options = WorkerOptions(endpoint: endpoint, service: service.rawValue)
        options.heartbeatMs = heartbeatMs
        let session = try WorkerSession(context: context, options: options, handler: handler)
        spawn { try session.run(stop: $0) }
    }

    public func client(timeoutMs: Int = 5_000, attempts: Int = 1) throws -> MDPClient {
        try MDPClient(context: context, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts)
    }

    public func titanicClient(timeoutMs: Int = 5_000) throws -> TitanicClient {
        TitanicClient(try client(timeoutMs: timeoutMs))
    }

    /// Waits until `service` has a worker (mmi.service answers 200).
    public func waitForWorker(_ service: ServiceName, seconds: Double = 10) throws {
        let c = try client(timeoutMs: 500)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? c.request(service: "mmi.service", body: [service.bytes])) == [Array("200".utf8)] { return }
            usleep(20_000)
        }
        throw MDPClientError.timeout(attempts: 0)
    }

    /// Stops every thread (sessions first, then the broker) and closes the journal.
    public func stop() {
        for s in stops.reversed() { s.set() }
        for f in finished { _ = f.wait(timeout: .now() + 10) }
        stops = []; finished = []
        journal?.shutdown()
    }

    deinit { stop() }

    private func spawn(_ body: @escaping @Sendable (StopFlag) throws -> Void) {
        let stop = StopFlag()
        let done = DispatchSemaphore(value: 0)
        stops.append(stop); finished.append(done)
        Thread { try? body(stop); done.signal() }.start()
    }
}
