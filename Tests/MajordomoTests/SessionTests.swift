import Foundation
import XCTest
import ZeroMQ
@testable import Majordomo

/// Client and worker sessions against a hand-driven ROUTER playing the broker.
final class SessionTests: XCTestCase {
    func testLazyPirateResendsOnAFreshSocketAfterTimeout() throws {
        let ctx = try Context()
        let broker = try ctx.socket(.router)
        try broker.bind("tcp://127.0.0.1:*")
        let endpoint = broker.lastEndpoint
        let serverDone = expectation(description: "server")
        let b = broker
        Thread {
            defer { serverDone.fulfill() }
            try? b.setReceiveTimeout(5_000)
            // Ignore the first request, answer the second: the client must have resent it.
            guard let first = try? b.receive(), let second = try? b.receive() else { return }
            XCTAssertNotEqual(first[0], second[0], "resend must come from a fresh socket")
            let request = try! MDPClientCommand.decode(second[1...])
            let reply = MDPClientCommand.final(service: request.service, body: request.body).encode()
            try? b.send([second[0]] + reply)
        }.start()
        let client = try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 300, attempts: 3)
        let reply = try client.request(service: "echo", body: [Array("hi".utf8)])
        XCTAssertEqual(reply, [Array("hi".utf8)])
        wait(for: [serverDone], timeout: 10)
    }

    func testLazyPirateGivesUpAfterItsAttempts() throws {
        let ctx = try Context()
        let silent = try ctx.socket(.router)
        try silent.bind("tcp://127.0.0.1:*")
        let client = try MDPClient(context: ctx, endpoint: silent.lastEndpoint, timeoutMs: 100, attempts: 2)
        XCTAssertThrowsError(try client.request(service: "echo", body: [])) {
            XCTAssertEqual($0 as? MDPClientError, .timeout(attempts: 2))
        }
    }

    /// A reply that comes after the client gave up must not be taken for the next request's.
    func testALateReplyDoesNotAnswerTheNextRequest() throws {
        let ctx = try Context()
        let broker = try ctx.socket(.router)
        try broker.bind("tcp://127.0.0.1:*")
        let endpoint = broker.lastEndpoint
        let late = DispatchSemaphore(value: 0)
        let serverDone = expectation(description: "server")
        let b = broker
        Thread {
            defer { serverDone.fulfill() }
            try? b.setReceiveTimeout(5_000)
            func answer(_ frames: [[UInt8]], _ text: String) {
                let request = try! MDPClientCommand.decode(frames[1...])
                try? b.send([frames[0]] + MDPClientCommand.final(service: request.service, body: [Array(text.utf8)]).encode())
            }
            // The first request is answered only once the client has given up on it; the second at once.
            guard let first = try? b.receive() else { return }
            late.wait()
            answer(first, "late answer to the first")
            guard let second = try? b.receive() else { return }
            answer(second, "answer to the second")
        }.start()
        let client = try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 200, attempts: 1)
        XCTAssertThrowsError(try client.request(service: "echo", body: [Array("first".utf8)]))
        late.signal()
        usleep(100_000)                      // the late reply reaches the client's host meanwhile
        client.timeoutMs = 2_000
        XCTAssertEqual(try client.request(service: "echo", body: [Array("second".utf8)]), [Array("answer to the second".utf8)])
        wait(for: [serverDone], timeout: 10)
    }

    func testWorkerRegistersHeartbeatsWhileBusyAndDisconnectsOnStop() throws {
        let ctx = try Context()
        let broker = try ctx.socket(.router)
        try broker.bind("tcp://127.0.0.1:*")
        try broker.setReceiveTimeout(3_000)
        var options = WorkerOptions(endpoint: broker.lastEndpoint, service: "echo")
        options.heartbeatMs = 50
        let session = try WorkerSession(context: ctx, options: options, handler: EchoHandler(delayMs: 400))
        let stop = StopFlag()
        let finished = expectation(description: "worker returned")
        Thread { try? session.run(stop: stop); finished.fulfill() }.start()

        let ready = try broker.receive()
        let worker = ready[0]
        XCTAssertEqual(try MDPWorkerCommand.decode(ready[1...]), .ready(service: Array("echo".utf8)))
        let client = Array("c1".utf8)
        try broker.send([worker] + MDPWorkerCommand.request(client: client, body: [Array("job".utf8)]).encode())
        // While the 400 ms job runs, heartbeats must keep coming.
        var heartbeats = 0
        var reply: MDPWorkerCommand? = nil
        while reply == nil {
            let frames = try broker.receive()
            switch try MDPWorkerCommand.decode(frames[1...]) {
            case .heartbeat:
                heartbeats += 1
                try broker.send([worker] + MDPWorkerCommand.heartbeat.encode())   // we are alive too
            case let other: reply = other
            }
        }
        XCTAssertGreaterThanOrEqual(heartbeats, 3, "worker must heartbeat while its job runs")
        XCTAssertEqual(reply, .final(client: client, body: [Array("job".utf8)]))
        stop.set()
        var last: MDPWorkerCommand = .heartbeat
        while last == .heartbeat { last = try MDPWorkerCommand.decode(try broker.receive()[1...]) }
        XCTAssertEqual(last, .disconnect)
        wait(for: [finished], timeout: 5)
        XCTAssertEqual(session.served, 1)
    }

    func testWorkerReRegistersAfterBrokerDisconnect() throws {
        let ctx = try Context()
        let broker = try ctx.socket(.router)
        try broker.bind("tcp://127.0.0.1:*")
        try broker.setReceiveTimeout(3_000)
        var options = WorkerOptions(endpoint: broker.lastEndpoint, service: "echo")
        options.heartbeatMs = 50
        let session = try WorkerSession(context: ctx, options: options, handler: EchoHandler())
        let stop = StopFlag()
        let finished = expectation(description: "worker returned")
        Thread { try? session.run(stop: stop); finished.fulfill() }.start()
        let first = try broker.receive()
        try broker.send([first[0]] + MDPWorkerCommand.disconnect.encode())
        var again: [[UInt8]] = []
        repeat { again = try broker.receive() } while (try? MDPWorkerCommand.decode(again[1...])) == .heartbeat && again[0] == first[0]
        XCTAssertEqual(try MDPWorkerCommand.decode(again[1...]), .ready(service: Array("echo".utf8)))
        XCTAssertNotEqual(again[0], first[0], "re-registration uses a fresh socket")
        stop.set()
        wait(for: [finished], timeout: 5)
    }

    func testHandlerFailureBecomesAnErrorReply() throws {
        struct Failing: RequestHandler {
            struct Boom: Error {}
            func handle(_ body: [[UInt8]]) throws -> [[UInt8]] { throw Boom() }
        }
        let ctx = try Context()
        let broker = try ctx.socket(.router)
        try broker.bind("tcp://127.0.0.1:*")
        try broker.setReceiveTimeout(3_000)
        var options = WorkerOptions(endpoint: broker.lastEndpoint, service: "x")
        options.heartbeatMs = 1_000
        let session = try WorkerSession(context: ctx, options: options, handler: Failing())
        let stop = StopFlag()
        let finished = expectation(description: "worker returned")
        Thread { try? session.run(stop: stop); finished.fulfill() }.start()
        let ready = try broker.receive()
        try broker.send([ready[0]] + MDPWorkerCommand.request(client: [1], body: [[2]]).encode())
        let frames = try broker.receive()
        guard case .final(_, let body) = try MDPWorkerCommand.decode(frames[1...]) else { return XCTFail() }
        XCTAssertEqual(ErrorReply(body: body)?.status, 500)
        stop.set()
        wait(for: [finished], timeout: 5)
    }

    /// Replies of every shape go out whole (no body frame, one empty frame, several frames), in
    /// both framings, and garbage from the broker is dropped without ending the session.
    func testRepliesOfEveryShapeAndGarbageInBetween() throws {
        struct Shaped: RequestHandler {
            func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
                switch body.first?.first {
                case 0: return []
                case 1: return [[]]
                default: return [[1], [2, 2], Array(repeating: 3, count: 70_000)]
                }
            }
        }
        for framing in [Framing.rfc, .delimited] {
            let ctx = try Context()
            let broker = try ctx.socket(.router)
            try broker.bind("tcp://127.0.0.1:*")
            try broker.setReceiveTimeout(3_000)
            var options = WorkerOptions(endpoint: broker.lastEndpoint, service: "shapes")
            options.framing = framing
            options.heartbeatMs = 1_000
            let session = try WorkerSession(context: ctx, options: options, handler: Shaped())
            let stop = StopFlag()
            let finished = expectation(description: "worker returned")
            Thread { try? session.run(stop: stop); finished.fulfill() }.start()
            let worker = try broker.receive()[0]
            try broker.send([worker, Array("junk".utf8)])
            try broker.send([worker, MDP.workerTag, [0x09]])
            try broker.send([worker, MDP.clientTag, [0x01], Array("shapes".utf8)])
            let client = Array("client-1".utf8)
            for (request, expected) in [(0, [[UInt8]]()), (1, [[]]), (2, [[1], [2, 2], Array(repeating: 3, count: 70_000)])] {
                try broker.send([worker] + MDPWorkerCommand.request(client: client, body: [[UInt8(request)]]).encode(framing: framing))
                var reply: MDPWorkerCommand = .heartbeat
                while reply == .heartbeat { reply = try MDPWorkerCommand.decode(try broker.receive()[1...], framing: framing) }
                XCTAssertEqual(reply, .final(client: client, body: expected), "\(framing) request \(request)")
            }
            stop.set()
            wait(for: [finished], timeout: 5)
            XCTAssertEqual(session.served, 3)
        }
    }

    func testEchoSendsTheRequestFramesBackWithoutCopyingThem() throws {
        let request = OwnedFrames([Array(repeating: 7, count: 65_536), [1]])
        let reply = try EchoHandler().handle(frames: request)
        XCTAssertEqual(reply.count, 2)
        XCTAssertEqual(reply.withBytes(0) { $0.baseAddress }, request.withBytes(0) { $0.baseAddress })
    }
}
