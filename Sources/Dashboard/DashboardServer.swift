import Foundation
import Hummingbird
import JobContract
import JSONOutput
import Logging
import Majordomo
import NIOCore
import ServiceLifecycle
import Titanic
import ZeroMQ

/// What `reportq dashboard` serves, and from where.
public struct DashboardConfiguration: Sendable {
    public var listen: ListenAddress
    public var broker: String
    public var curve: CurveClientKeys?
    public var source: RecordFeedSource
    public var access: AccessPolicy
    /// How often the broker is asked for its status and jobs.
    public var pollIntervalMs: Int
    /// Failed jobs and unfinished jobs listed (each; the page says when there are more).
    public var jobsListed: Int

    public init(listen: ListenAddress = .defaultAddress, broker: String, curve: CurveClientKeys? = nil, source: RecordFeedSource,
                access: AccessPolicy = .loopback, pollIntervalMs: Int = 1_000, jobsListed: Int = 100) {
        self.listen = listen; self.broker = broker; self.curve = curve; self.source = source; self.access = access
        self.pollIntervalMs = pollIntervalMs; self.jobsListed = jobsListed
    }
}

/// The HTTP server: one page (DashboardPage), its event stream, the record JSON, the panel
/// page, and the two job actions. Runs until SIGTERM or SIGINT.
public enum DashboardServer {
    /// `onListening` gets the address bound (the port the kernel chose for port 0).
    public static func run(_ configuration: DashboardConfiguration, logger: Logger,
                           onListening: @escaping @Sendable (ListenAddress) -> Void = { _ in }) async throws {
        let context = try Context()
        let broker = BrokerLink(context: context, endpoint: configuration.broker, curve: configuration.curve)
        let hub = DashboardHub(broker: configuration.broker, source: configuration.source)
        let feed = RecordFeed(source: configuration.source, context: context,
                              onLines: { lines in
                                  // In order, one batch at a time: the feed waits for the hub (a long file is not read ahead into memory).
                                  let taken = DispatchSemaphore(value: 0)
                                  Task { await hub.add(lines: lines); taken.signal() }
                                  taken.wait()
                              },
                              onError: { logger.warning("\($0)") })
        let router = Router()
        router.add(middleware: AccessMiddleware(policy: configuration.access))
        routes(router, hub: hub, broker: broker, logger: logger)

        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.listen.host, port: configuration.listen.port),
                                 serverName: "reportq-dashboard"),
            services: [BrokerPoller(broker: broker, hub: hub, feed: feed, configuration: configuration, logger: logger)],
            onServerRunning: { channel in
                onListening(ListenAddress(host: configuration.listen.host, port: channel.localAddress?.port ?? configuration.listen.port))
            },
            logger: logger)
        try await app.runService()
    }

    static func routes(_ router: Router<BasicRequestContext>, hub: DashboardHub, broker: BrokerLink, logger: Logger) {
        router.get("/") { _, _ in
            Response(status: .ok, headers: DashboardPage.headers(.html), body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
        router.get("events") { _, _ in
            let (stream, end) = await hub.subscribe()
            return Response(status: .ok, headers: DashboardPage.headers(.eventStream), body: ResponseBody { writer in
                // Ends with the page, or when the server shuts down (the stream never ends by itself).
                try await withGracefulShutdownHandler {
                    for await event in stream { try await writer.write(ByteBuffer(bytes: event.wire)) }
                } onGracefulShutdown: { end() }
                try await writer.finish(nil)
            })
        }
        router.get("records/:job") { _, context in
            guard let job = context.parameters.get("job"), let id = JobID(String(job.prefix { $0 != "." })) else {
                return text(.badRequest, "not a job id")
            }
            guard let line = await hub.line(of: id.description) else {
                return text(.notFound, "no record of \(id) among the latest the dashboard keeps (reportq tail --where job_id=\(id))")
            }
            return Response(status: .ok, headers: DashboardPage.headers(.json), body: .init(byteBuffer: ByteBuffer(bytes: line)))
        }
        router.get("panel") { _, _ in
            Response(status: .ok, headers: DashboardPage.headers(.html), body: .init(byteBuffer: ByteBuffer(string: await hub.panelHTML())))
        }
        router.post("jobs/:job/:action") { _, context in
            guard let action = context.parameters.get("action").flatMap(JobAction.init(rawValue:)) else { return text(.notFound, "no such action") }
            guard let id = context.parameters.get("job").flatMap(JobID.init) else { return text(.badRequest, "not a job id") }
            let result = await action.perform(on: id, broker)
            logger.info("\(action.rawValue) \(id): \(result.message)")
            return Response(status: result.ok ? .ok : .conflict, headers: DashboardPage.headers(.json),
                            body: .init(byteBuffer: ByteBuffer(bytes: result.json)))
        }
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: DashboardPage.headers(.text), body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

/// The page's buttons: the operations of `reportq jobs retry` and `reportq jobs cancel`.
enum JobAction: String, Sendable {
    case retry, cancel

    struct Result {
        var ok: Bool
        var message: String
        var json: [UInt8] {
            var w = JSONWriter(reservingCapacity: 128)
            w.beginObject(); w.key("ok"); w.bool(ok); w.key("message"); w.string(message); w.endObject()
            return w.bytes
        }
    }

    func perform(on id: JobID, _ broker: BrokerLink) async -> Result {
        do {
            switch self {
            case .retry:
                switch try await broker.retry(id) {
                case .retried(let new)?: return Result(ok: true, message: "retried as \(new)")
                case .refused(let r)?: return Result(ok: false, message: "not retried (\(r.code.rawValue)): \(r.message)")
                case nil: return Result(ok: false, message: "no answer for \(id)")
                }
            case .cancel:
                switch try await broker.cancel(id) {
                case .cancelled?: return Result(ok: true, message: "cancelled")
                case .cancelling?: return Result(ok: true, message: "cancelling (a worker holds it; its line will be an error record, code cancelled)")
                case nil: return Result(ok: false, message: "no such job")
                }
            }
        } catch let r as TitanicRefusal {
            return Result(ok: false, message: "not done (\(r.code.rawValue)): \(r.message)")
        } catch {
            return Result(ok: false, message: "the broker did not answer: \(error)")
        }
    }
}

/// Asks the broker for its status and jobs every poll interval, and runs the record feed, until
/// the server shuts down; then ends the pages' streams.
struct BrokerPoller: Service {
    let broker: BrokerLink
    let hub: DashboardHub
    let feed: RecordFeed
    let configuration: DashboardConfiguration
    let logger: Logger

    func run() async throws {
        feed.start()
        await cancelWhenGracefulShutdown {
            var lastError: String?
            while !Task.isCancelled {
                do {
                    let status = try await broker.status()
                    await hub.update(status: status, error: nil)
                    let failed = try await broker.jobs(TitanicJobQuery(line: .error, limit: configuration.jobsListed))
                    let inFlight = try await broker.jobs(TitanicJobQuery(state: .inFlight, limit: configuration.jobsListed))
                    let queued = try await broker.jobs(TitanicJobQuery(state: .queued, limit: configuration.jobsListed))
                    await hub.update(failed: failed, active: TitanicJobList(jobs: inFlight.jobs + queued.jobs, more: inFlight.more || queued.more))
                    if lastError != nil { logger.info("broker \(configuration.broker) answers again") }
                    lastError = nil
                } catch {
                    let message = "no answer from the broker at \(configuration.broker): \(error)"
                    if lastError == nil { logger.warning("\(message)") }
                    lastError = message
                    await hub.update(status: nil, error: message)
                }
                try? await Task.sleep(for: .milliseconds(configuration.pollIntervalMs))
            }
        }
        feed.cancel()
        await hub.close()
    }
}

/// Data needs the access policy's consent; the page itself carries none and is served to all.
/// A state-changing request must also carry AccessPolicy.actionHeader.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let policy: AccessPolicy
    static let actionHeader = HTTPField.Name(AccessPolicy.actionHeader)!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get && request.uri.path == "/" && policy == .loopback {
            // Even the page only under a loopback name (DNS rebinding).
            guard policy.admits(host: request.head.authority, authorization: nil, cookie: nil) else {
                return DashboardServer.text(.misdirectedRequest, "this dashboard answers to 127.0.0.1 or localhost only")
            }
        }
        if request.uri.path != "/" {
            guard policy.admits(host: request.head.authority, authorization: request.headers[.authorization],
                                cookie: request.cookies[AccessPolicy.cookieName]?.value) else {
                return DashboardServer.text(.unauthorized, "open the dashboard's URL with its token (#token=…)")
            }
            if request.method != .get && request.method != .head && request.headers[AccessMiddleware.actionHeader] == nil {
                return DashboardServer.text(.forbidden, "missing \(AccessPolicy.actionHeader)")
            }
        }
        return try await next(request, context)
    }
}
