import Foundation
import XCTest
import Broker
import Majordomo
import ZeroMQ

/// A handler that tags replies with its worker's name (to see who served what).
struct TaggingHandler: RequestHandler {
    let tag: String
    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] { [Array(tag.utf8)] + body }
}

final class ReplyBox: @unchecked Sendable { var value: [[UInt8]] = [] }

/// A built-in service that answers after a delay, from its end-of-cycle hook (a timer of its
/// own, like Titanic's collect linger), and counts how often the hook runs.
final class DelayedReplyService: BuiltinService, @unchecked Sendable {
    let lock = NSLock()
    var waiting: [(ClientAddress, [UInt8])] = []
    var dueMs = Int.max
    var hookCalls = 0
    let delayMs: Int
    init(delayMs: Int) { self.delayMs = delayMs }

    func handle(_ body: OwnedFrames, from client: ClientAddress, service: [UInt8], broker: Broker) {
        lock.lock(); defer { lock.unlock() }
        waiting.append((client, service))
        dueMs = MonotonicClock.nowMs() + delayMs
    }
    func endOfCycle(broker: Broker) {
        lock.lock(); defer { lock.unlock() }
        hookCalls += 1
        guard MonotonicClock.nowMs() >= dueMs else { return }
        for (client, service) in waiting { broker.reply(to: client, service: service, body: [Array("late".utf8)]) }
        waiting = []
        dueMs = .max
    }
    var endOfCycleDueMs: Int { lock.lock(); defer { lock.unlock() }; return dueMs }
    var calls: Int { lock.lock(); defer { lock.unlock() }; return hookCalls }
}

/// The broker in-process on its own thread, with real sockets over ipc://.
final class BrokerTests: XCTestCase {
    var ctx: Context!
    var endpoint = ""
    var stops: [StopFlag] = []
    var finished: [XCTestExpectation] = []
    var dir: URL!

    override func setUpWithError() throws {
        ctx = try Context()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("reportq-broker-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        endpoint = "ipc://" + dir.appendingPathComponent("broker").path
    }

    override func tearDown() {
        for s in stops { s.set() }
        wait(for: finished, timeout: 10)
        try? FileManager.default.removeItem(at: dir)
    }

    func startBroker(heartbeatMs: Int = 50, maxQueue: Int = 100, maxAttempts: Int = 5, builtins: [String: BuiltinService] = [:]) throws {
        var options = BrokerOptions(endpoints: [endpoint])
        options.maxAttempts = maxAttempts
        options.heartbeatMs = heartbeatMs
        options.liveness = 3
        options.maxQueuedPerService = maxQueue
        let broker = try Broker(context: ctx, options: options)
        for (name, service) in builtins { broker.register(builtin: service, name: name) }
        spawn { try broker.run(stop: $0) }
    }

    func startWorker(_ service: String = "echo", handler: RequestHandler, heartbeatMs: Int = 50) throws {
        var options = WorkerOptions(endpoint: endpoint, service: service)
        options.heartbeatMs = heartbeatMs
        let session = try WorkerSession(context: ctx, options: options, handler: handler)
        spawn { try session.run(stop: $0) }
    }

    private func spawn(_ body: @escaping (StopFlag) throws -> Void) {
        let stop = StopFlag()
        let done = expectation(description: "thread done")
        stops.append(stop); finished.append(done)
        Thread { try? body(stop); done.fulfill() }.start()
    }

    func client(timeoutMs: Int = 3_000, attempts: Int = 1) throws -> MDPClient {
        try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts)
    }

    /// A raw DEALER speaking worker frames by hand.
    func rawWorker(_ service: String) throws -> Socket {
        let s = try ctx.socket(.dealer)
        try s.setLinger(0)
        try s.setReceiveTimeout(3_000)
        try s.connect(endpoint)
        try s.send(MDPWorkerCommand.ready(service: Array(service.utf8)).encode())
        return s
    }

    /// Next non-heartbeat command a raw worker receives.
    func nextCommand(_ s: Socket) throws -> MDPWorkerCommand {
        while true {
            let c = try MDPWorkerCommand.decode(try s.receive()[...])
            if c != .heartbeat { return c }
        }
    }

    func waitForWorkers(_ service: String, _ n: Int = 1) throws {
        let c = try client()
        for _ in 0..<100 {
            if try c.request(service: "mmi.service", body: [Array(service.utf8)]) == [Array("200".utf8)] { return }
            usleep(20_000)
        }
        XCTFail("no worker registered for \(service)")
    }

    // MARK: tests

    func testRequestsReachWorkersInLeastRecentlyUsedOrder() throws {
        try startBroker()
        try startWorker(handler: TaggingHandler(tag: "A"))
        try waitForWorkers("echo")
        try startWorker(handler: TaggingHandler(tag: "B"))
        usleep(200_000)
        let c = try client()
        var tags: [String] = []
        for i in 0..<6 {
            let reply = try c.request(service: "echo", body: [Array("m\(i)".utf8)])
            XCTAssertEqual(reply.last, Array("m\(i)".utf8))
            tags.append(String(decoding: reply[0], as: UTF8.self))
        }
        XCTAssertEqual(Set(tags), ["A", "B"])
        for i in 1..<tags.count { XCTAssertNotEqual(tags[i], tags[i - 1], "LRU must alternate: \(tags)") }
    }

    func testMMIService() throws {
        try startBroker()
        try startWorker(handler: EchoHandler())
        try waitForWorkers("echo")
        let c = try client()
        XCTAssertEqual(try c.request(service: "mmi.service", body: [Array("echo".utf8)]), [Array("200".utf8)])
        XCTAssertEqual(try c.request(service: "mmi.service", body: [Array("nobody".utf8)]), [Array("404".utf8)])
        XCTAssertEqual(try c.request(service: "mmi.nothing", body: []), [Array("501".utf8)])
    }

    func testSilentWorkerExpiresAndItsRequestIsServedByAnother() throws {
        try startBroker(heartbeatMs: 50)
        let dead = try rawWorker("echo")
        try waitForWorkers("echo")
        let c = try client(timeoutMs: 5_000)
        let answered = expectation(description: "answered")
        let reply = ReplyBox()
        Thread { reply.value = (try? c.request(service: "echo", body: [Array("precious".utf8)])) ?? []; answered.fulfill() }.start()
        // The raw worker gets the request and then plays dead (no heartbeat, no reply).
        guard case .request(_, let body) = try nextCommand(dead) else { return XCTFail("expected REQUEST") }
        XCTAssertEqual(body, [Array("precious".utf8)])
        try startWorker(handler: TaggingHandler(tag: "live"))
        wait(for: [answered], timeout: 6)
        XCTAssertEqual(reply.value, [Array("live".utf8), Array("precious".utf8)])
    }

    func testWorkerDisconnectWithJobInHandRequeuesIt() throws {
        try startBroker(heartbeatMs: 1_000)
        let quitter = try rawWorker("echo")
        try waitForWorkers("echo")
        let c = try client()
        let answered = expectation(description: "answered")
        let reply = ReplyBox()
        Thread { reply.value = (try? c.request(service: "echo", body: [Array("x".utf8)])) ?? []; answered.fulfill() }.start()
        guard case .request = try nextCommand(quitter) else { return XCTFail("expected REQUEST") }
        try quitter.send(MDPWorkerCommand.disconnect.encode())
        try startWorker(handler: TaggingHandler(tag: "next"), heartbeatMs: 1_000)
        wait(for: [answered], timeout: 5)
        XCTAssertEqual(reply.value, [Array("next".utf8), Array("x".utf8)])
    }

    func testFullQueueRefusesWith503() throws {
        try startBroker(maxQueue: 2)
        var clients: [MDPClient] = []
        for _ in 0..<3 {
            let c = try client()
            try c.send(service: Array("nobody".utf8), body: [[1]])
            clients.append(c)
        }
        var poller = Poller([clients[2].socket])
        XCTAssertEqual(try poller.poll(timeoutMs: 2_000), 1)
        let reply = try XCTUnwrap(try clients[2].receive())
        XCTAssertEqual(ErrorReply(body: reply)?.status, 503)
    }

    func testProtocolErrorsGetDisconnect() throws {
        try startBroker(heartbeatMs: 1_000)
        // HEARTBEAT from a stranger
        let stranger = try ctx.socket(.dealer)
        try stranger.setReceiveTimeout(2_000)
        try stranger.connect(endpoint)
        try stranger.send(MDPWorkerCommand.heartbeat.encode())
        XCTAssertEqual(try nextCommand(stranger), .disconnect)
        // READY twice
        let twice = try rawWorker("echo")
        try twice.send(MDPWorkerCommand.ready(service: Array("echo".utf8)).encode())
        XCTAssertEqual(try nextCommand(twice), .disconnect)
        // FINAL with no request in hand
        let liar = try rawWorker("echo")
        try liar.send(MDPWorkerCommand.final(client: [1], body: [[2]]).encode())
        XCTAssertEqual(try nextCommand(liar), .disconnect)
        // READY for a reserved name
        let squatter = try rawWorker("mmi.service")
        XCTAssertEqual(try nextCommand(squatter), .disconnect)
        // delimited framing is answered delimited
        let delimited = try ctx.socket(.dealer)
        try delimited.setReceiveTimeout(2_000)
        try delimited.connect(endpoint)
        try delimited.send(MDPWorkerCommand.heartbeat.encode(framing: .delimited))
        XCTAssertEqual(try MDPWorkerCommand.decode(try delimited.receive()[...], framing: .delimited), .disconnect)
    }

    func testDelimitedAndMajortomoClientsAreAnsweredInKind() throws {
        try startBroker()
        try startWorker(handler: EchoHandler())
        try waitForWorkers("echo")
        for framing in [Framing.delimited, .majortomo] {
            let c = try MDPClient(context: ctx, endpoint: endpoint, framing: framing, timeoutMs: 3_000, attempts: 1)
            XCTAssertEqual(try c.request(service: "echo", body: [Array("\(framing)".utf8)]), [Array("\(framing)".utf8)])
        }
    }

    func testLargeBodiesPassIntactAndOverlongHeaderFramesAreRejected() throws {
        try startBroker()
        try startWorker(handler: EchoHandler())
        try waitForWorkers("echo")
        let c = try client()
        let big = [UInt8]((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let body = [big, [], Array(big.prefix(300)), [1]]
        XCTAssertEqual(try c.request(service: "echo", body: body), body)
        // A 300-byte service name cannot be valid (header frames are at most 255 bytes): no reply.
        let raw = try ctx.socket(.dealer)
        try raw.setReceiveTimeout(300)
        try raw.connect(endpoint)
        try raw.send(MDPClientCommand.request(service: [UInt8](repeating: 0x61, count: 300), body: [[1]]).encode())
        XCTAssertThrowsError(try raw.receive()) { XCTAssertEqual($0 as? ZMQError, .wouldBlock) }
        XCTAssertEqual(try c.request(service: "echo", body: [[7]]), [[7]])
    }

    /// End-of-cycle hooks run when something reached a built-in service, and when its own timer
    /// is due even if nothing else happens; in idle cycles before that they are skipped.
    func testBuiltinEndOfCycleRunsWhenDueAndIsSkippedOtherwise() throws {
        let delayed = DelayedReplyService(delayMs: 300)
        try startBroker(heartbeatMs: 60_000, builtins: ["test.delayed": delayed])   // no ticks during the test
        usleep(300_000)
        let idle = delayed.calls
        usleep(500_000)                              // ~5 receive timeouts, nothing due
        XCTAssertEqual(delayed.calls, idle, "hook ran in idle cycles")
        let c = try client(timeoutMs: 3_000)
        let t0 = MonotonicClock.nowMs()
        XCTAssertEqual(try c.request(service: "test.delayed", body: [[1]]), [Array("late".utf8)])
        let waited = MonotonicClock.nowMs() - t0
        XCTAssertGreaterThanOrEqual(waited, 280)
        XCTAssertLessThan(waited, 2_000)
        // The request's cycle, the due one, maybe a few timeouts in between; not one per 100 ms forever.
        usleep(400_000)
        let after = delayed.calls
        usleep(400_000)
        XCTAssertEqual(delayed.calls, after, "hook ran in idle cycles after the reply")
    }

    func testPoisonRequestIsAnsweredWithAnErrorAfterMaxAttempts() throws {
        try startBroker(heartbeatMs: 1_000, maxAttempts: 2)
        let c = try client()
        try c.send(service: Array("echo".utf8), body: [Array("poison".utf8)])
        for _ in 0..<2 {
            let victim = try rawWorker("echo")
            guard case .request = try nextCommand(victim) else { return XCTFail("expected REQUEST") }
            try victim.send(MDPWorkerCommand.disconnect.encode())     // "dies" holding it
        }
        var poller = Poller([c.socket])
        XCTAssertEqual(try poller.poll(timeoutMs: 3_000), 1)
        let reply = try XCTUnwrap(try c.receive())
        XCTAssertEqual(ErrorReply(body: reply)?.status, 500)
    }
}
