import XCTest
import ZeroMQ

final class SocketTests: XCTestCase {
    func testDealerRouterMultipartRoundTripWithRoutingID() throws {
        let ctx = try Context()
        let router = try ctx.socket(.router)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ctx.socket(.dealer)
        try dealer.setRoutingID(Array("peer-1".utf8))
        XCTAssertEqual(dealer.routingID, Array("peer-1".utf8))
        try dealer.connect(router.lastEndpoint)
        let big = [UInt8]((0..<70_000).map { UInt8(truncatingIfNeeded: $0) })
        try dealer.send([[1, 2, 3], [], big])
        try router.setReceiveTimeout(2_000)
        let got = try router.receive()
        XCTAssertEqual(got, [Array("peer-1".utf8), [1, 2, 3], [], big])
        try router.send([Array("peer-1".utf8), Array("pong".utf8)])
        try dealer.setReceiveTimeout(2_000)
        XCTAssertEqual(try dealer.receive(), [Array("pong".utf8)])
    }

    func testNonBlockingReceiveAndTimeoutSurfaceAsWouldBlock() throws {
        let ctx = try Context()
        let s = try ctx.socket(.dealer)
        try s.bind("inproc://empty")
        XCTAssertThrowsError(try s.receive(dontWait: true)) { XCTAssertEqual($0 as? ZMQError, .wouldBlock) }
        try s.setReceiveTimeout(20)
        XCTAssertThrowsError(try s.receive()) { XCTAssertEqual($0 as? ZMQError, .wouldBlock) }
    }

    func testBadEndpointIsATypedErrorWithMessage() throws {
        let ctx = try Context()
        let s = try ctx.socket(.router)
        XCTAssertThrowsError(try s.bind("nonsense://x")) { error in
            guard case .failed(let code, let message)? = error as? ZMQError else { return XCTFail("\(error)") }
            XCTAssertNotEqual(code, 0)
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testRouterMandatoryReportsUnknownPeer() throws {
        let ctx = try Context()
        let router = try ctx.socket(.router)
        try router.setRouterMandatory(true)
        try router.bind("inproc://mandatory")
        XCTAssertThrowsError(try router.send([Array("nobody".utf8), [1]], dontWait: true)) {
            XCTAssertEqual($0 as? ZMQError, .hostUnreachable)
        }
    }

    func testPollerSeesOnlyReadableSockets() throws {
        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://poll"); try b.connect("inproc://poll")
        let idle = try ctx.socket(.pull); try idle.bind("inproc://idle")
        var poller = Poller([b, idle])
        XCTAssertEqual(try poller.poll(timeoutMs: 0), 0)
        try a.send([Array("x".utf8)])
        XCTAssertEqual(try poller.poll(timeoutMs: 1_000), 1)
        XCTAssertTrue(poller.isReadable(0))
        XCTAssertFalse(poller.isReadable(1))
    }

    func testMaxMessageSizeDropsOversizedPeer() throws {
        let ctx = try Context()
        let router = try ctx.socket(.router)
        try router.setMaxMessageSize(1_000)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ctx.socket(.dealer)
        try dealer.setLinger(0)
        try dealer.connect(router.lastEndpoint)
        try dealer.send([[UInt8](repeating: 7, count: 5_000)])
        try router.setReceiveTimeout(300)
        XCTAssertThrowsError(try router.receive()) { XCTAssertEqual($0 as? ZMQError, .wouldBlock) }
    }

    func testSocketOptionsAccepted() throws {
        let ctx = try Context()
        let s = try ctx.socket(.dealer)
        try s.setLinger(0)
        try s.setSendHighWaterMark(10)
        try s.setReceiveHighWaterMark(10)
        try s.setImmediate(true)
        try s.setHeartbeat(intervalMs: 1_000, ttlMs: 3_000, timeoutMs: 3_000)
        try s.setReconnectInterval(100, max: 1_000)
        XCTAssertEqual(try s.getInt32(17 /* ZMQ_LINGER */), 0)
    }

    func testCurveKeyPair() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq built without CURVE")
        let pair = try CurveKeyPair.generate()
        XCTAssertEqual(pair.publicKey.utf8.count, 40)
        XCTAssertEqual(pair.secretKey.utf8.count, 40)
        XCTAssertEqual(try CurveKeyPair.publicKey(forSecret: pair.secretKey), pair.publicKey)
        XCTAssertNotEqual(try CurveKeyPair.generate(), pair)
    }

    func testCurveEncryptedRoundTrip() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq built without CURVE")
        let server = try CurveKeyPair.generate(), client = try CurveKeyPair.generate()
        let ctx = try Context()
        let router = try ctx.socket(.router)
        try router.setCurveServer(secretKey: server.secretKey)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ctx.socket(.dealer)
        try dealer.setCurveClient(serverKey: server.publicKey, publicKey: client.publicKey, secretKey: client.secretKey)
        try dealer.connect(router.lastEndpoint)
        try dealer.send([Array("secret".utf8)])
        try router.setReceiveTimeout(2_000)
        XCTAssertEqual(try router.receive().last, Array("secret".utf8))
    }
}

final class MessageTests: XCTestCase {
    func testOwnedFramesForwardWithoutBeingConsumed() throws {
        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://msg"); try b.connect("inproc://msg")
        let big = [UInt8]((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try a.send([Array("head".utf8), [], big])
        let received = ReceivedFrames()
        XCTAssertTrue(try received.receive(from: b))
        XCTAssertEqual((0..<received.count).map { received.size($0) }, [4, 0, big.count])
        // Forward the same frames twice: they stay usable after a send.
        let all = received.take(0..<3)
        try b.send(Array("x".utf8), more: true)
        try OwnedFrames(Array(all.bytes[1...])).send(on: b)
        try all.send(on: b)
        XCTAssertEqual(try a.receive(), [Array("x".utf8), [], big])
        XCTAssertEqual(try a.receive(), [Array("head".utf8), [], big])
        XCTAssertEqual(OwnedFrames([Array("abc".utf8)]).bytes, [Array("abc".utf8)])
        XCTAssertEqual(OwnedFrames([[]]).count, 1)
    }

    func testReceiveGivesFalseInsteadOfWouldBlock() throws {
        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://ready"); try b.connect("inproc://ready")
        let frames = ReceivedFrames()
        XCTAssertFalse(try frames.receive(from: b, dontWait: true))
        try b.setReceiveTimeout(20)
        XCTAssertFalse(try frames.receive(from: b))                  // timeout passed
        try a.send([Array("one".utf8), [], Array("three".utf8)])
        XCTAssertTrue(try frames.receive(from: b))
        XCTAssertEqual(frames.copy(0..<frames.count), [Array("one".utf8), [], Array("three".utf8)])
    }
}

/// `Endpoint.check`: what libzmq would refuse with EINVAL, caught first with the endpoint meant.
final class EndpointTests: XCTestCase {
    func testEndpointsLibzmqTakesPass() throws {
        for e in ["tcp://127.0.0.1:5555", "tcp://*:5555", "tcp://[::1]:5555", "tcp://host:*", "ipc:///tmp/b", "ipc://@abstract", "inproc://x"] {
            XCTAssertNoThrow(try Endpoint.check(e), e)
        }
    }

    func testWhatIsMissingIsNamedWithTheEndpointMeant() {
        let cases: [(String, String?)] = [
            ("127.0.0.1:5555", "tcp://127.0.0.1:5555"), ("localhost:5555", "tcp://localhost:5555"), ("*:5555", "tcp://*:5555"),
            ("5555", "tcp://127.0.0.1:5555"), ("/tmp/broker", "ipc:///tmp/broker"), ("./broker", "ipc://./broker"),
            ("http://host:5555", "tcp://host:5555"), ("tcp://host", "tcp://host:5555"), ("tcp://", nil), ("carrier-pigeon://x", nil),
            ("broker", nil),
        ]
        for (text, meant) in cases {
            XCTAssertThrowsError(try Endpoint.check(text), text) { error in
                let invalid = error as! Endpoint.Invalid
                XCTAssertEqual(invalid.suggestion, meant, text)
                XCTAssertTrue(invalid.description.hasPrefix("\"\(text)\" is not a ZeroMQ endpoint: "), invalid.description)
                if let meant { XCTAssertTrue(invalid.description.hasSuffix("; did you mean \(meant)?"), invalid.description) }
            }
        }
    }
}
