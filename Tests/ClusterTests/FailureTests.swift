import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// Processes dying and coming back: the work still gets done.
final class FailureTests: ClusterTestCase {
    func testKilledWorkerMidRequestIsReplacedByAnother() throws {
        let ep = ipcEndpoint()
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "100", "--liveness", "3"])
        let slow = try reportq(["worker", "--connect", ep, "--echo", "--delay-ms", "20000", "--concurrency", "1", "--heartbeat-ms", "100"])
        try waitForService(ep, "echo")
        let c = try client(ep, timeoutMs: 15_000)
        try c.send(service: Array("echo".utf8), body: [Array("survive".utf8)])
        usleep(300_000)                                  // the slow worker now holds the request
        try reportq(["worker", "--connect", ep, "--echo", "--concurrency", "1", "--heartbeat-ms", "100"])
        usleep(300_000)
        kill(slow.processIdentifier, SIGKILL)
        let start = Date()
        var poller = ZeroMQPoller(c)
        XCTAssertTrue(try poller.wait(seconds: 10), "request was lost with its worker")
        XCTAssertEqual(try c.receive(), [Array("survive".utf8)])
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testLongJobOnALiveWorkerIsNotGivenToASecond() throws {
        let ep = ipcEndpoint()
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "100", "--liveness", "3"])
        // Tags are not available in echo mode, so count deliveries instead: two workers, one request,
        // a job 8× longer than the expiry time. Exactly one reply must arrive, after the delay.
        try reportq(["worker", "--connect", ep, "--echo", "--delay-ms", "2500", "--concurrency", "1", "--heartbeat-ms", "100"])
        try waitForService(ep, "echo")
        let c = try client(ep, timeoutMs: 10_000)
        try c.send(service: Array("echo".utf8), body: [Array("long".utf8)])
        usleep(200_000)
        try reportq(["worker", "--connect", ep, "--echo", "--delay-ms", "2500", "--concurrency", "1", "--heartbeat-ms", "100"])
        let start = Date()
        var poller = ZeroMQPoller(c)
        XCTAssertTrue(try poller.wait(seconds: 8))
        XCTAssertEqual(try c.receive(), [Array("long".utf8)])
        // Served by the first worker (a requeue would have cost a second full delay).
        XCTAssertLessThan(Date().timeIntervalSince(start), 4.0)
        XCTAssertFalse(try poller.wait(seconds: 3), "the request was served twice")
    }

    func testBrokerKilledAndRestartedWorkersReRegister() throws { try brokerRestart(signal: SIGKILL) }

    /// A clean stop sends DISCONNECT to every worker; they reconnect and wait for the new broker.
    func testBrokerStoppedAndRestartedWorkersReRegister() throws { try brokerRestart(signal: SIGTERM) }

    private func brokerRestart(signal: Int32) throws {
        let ep = ipcEndpoint()
        let broker = try reportq(["broker", "--bind", ep, "--heartbeat-ms", "100"])
        let worker = try reportq(["worker", "--connect", ep, "--echo", "--concurrency", "2", "--heartbeat-ms", "100"])
        try waitForService(ep, "echo")
        XCTAssertEqual(try client(ep).request(service: "echo", body: [[1]]), [[1]])

        kill(broker.processIdentifier, signal)
        broker.waitUntilExit()
        if signal == SIGTERM { XCTAssertEqual(broker.terminationStatus, 0) }
        usleep(700_000)                                  // workers notice
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "100"])
        try waitForService(ep, "echo")
        let c = try client(ep, timeoutMs: 2_000, attempts: 3)
        for i in 0..<10 { XCTAssertEqual(try c.request(service: "echo", body: [[UInt8(i)]]), [[UInt8(i)]]) }
        XCTAssertTrue(worker.isRunning)
    }

    /// A clean stop's DISCONNECT reaches every worker (a worker then re-registers at once rather
    /// than when its heartbeat liveness runs out), 200 of them over tcp: heartbeats of 30 s, so
    /// nothing else could make these raw workers hear from the broker within the 3 s they wait.
    func testBrokerStopSendsDisconnectToEveryWorker() throws {
        let ep = "tcp://127.0.0.1:\(try freeTCPPort())"
        let broker = try reportq(["broker", "--bind", ep, "--heartbeat-ms", "30000"])
        let workers = try (0..<200).map { _ -> Socket in
            let s = try ctx.socket(.dealer)
            try s.setLinger(0)
            try s.connect(ep)
            try s.send([MDP.workerTag, [0x01], Array("echo".utf8)])      // READY
            return s
        }
        try waitForService(ep, "echo")
        usleep(300_000)                   // every READY in (the service exists from the first)
        kill(broker.processIdentifier, SIGTERM)
        var told = 0
        for s in workers {
            try s.setReceiveTimeout(3_000)
            // (The broker answered READY with a HEARTBEAT; the DISCONNECT follows it.)
            while let frames = try? s.receive() {
                if frames == [MDP.workerTag, [0x06]] { told += 1; break }                       // DISCONNECT
                guard frames == [MDP.workerTag, [0x05]] else { break }                          // HEARTBEAT
            }
        }
        XCTAssertEqual(told, workers.count, "workers told DISCONNECT")
        XCTAssertEqual(waitExit(broker), 0)
    }

    func testWorkerFinishesJobInHandOnSIGTERM() throws {
        let ep = ipcEndpoint()
        // Heartbeats of 250 ms (silence of 750 ms = gone): a VM stall of a few hundred ms must not
        // make broker and worker give each other up, or the job would not be in hand at SIGTERM.
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "250"])
        let worker = try reportq(["worker", "--connect", ep, "--echo", "--delay-ms", "2000", "--concurrency", "1", "--heartbeat-ms", "250"])
        try waitForService(ep, "echo")
        let c = try client(ep, timeoutMs: 10_000)
        try c.send(service: Array("echo".utf8), body: [Array("finish me".utf8)])
        usleep(700_000)                                   // the job is in hand (it takes 2 s)
        kill(worker.processIdentifier, SIGTERM)
        var poller = ZeroMQPoller(c)
        XCTAssertTrue(try poller.wait(seconds: 10))
        XCTAssertEqual(try c.receive(), [Array("finish me".utf8)])
        XCTAssertEqual(waitExit(worker, seconds: 5), 0)
        // It said DISCONNECT on the way out: the broker forgets it well before the 750 ms of
        // silence that would expire it (the DISCONNECT may still be on its way for a moment).
        let probe = try client(ep)
        var answer: [[UInt8]] = []
        for _ in 0..<30 {
            answer = try probe.request(service: "mmi.service", body: [Array("echo".utf8)])
            if answer == [Array("404".utf8)] { break }
            usleep(10_000)
        }
        XCTAssertEqual(answer, [Array("404".utf8)])
    }
}

/// Waits for a client's socket to have a reply.
struct ZeroMQPoller {
    let client: MDPClient
    init(_ client: MDPClient) { self.client = client }
    mutating func wait(seconds: Double) throws -> Bool {
        var poller = ZeroMQ.Poller([client.socket])
        return try poller.poll(timeoutMs: Int(seconds * 1000)) > 0
    }
}
