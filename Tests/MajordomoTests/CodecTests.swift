import XCTest
@testable import Majordomo

final class CodecTests: XCTestCase {
    let svc = Array("ingest".utf8)
    let client = Array("client-7".utf8)
    let body: [[UInt8]] = [Array("{\"job_id\":\"1\"}".utf8), [0, 1, 2, 255], []]

    func testClientCommandsRoundTripInEveryFraming() throws {
        for framing in Framing.allCases {
            for command in [MDPClientCommand.request(service: svc, body: body), .partial(service: svc, body: body),
                            .final(service: svc, body: body), .request(service: svc, body: [])] {
                let frames = command.encode(framing: framing)
                var expected = command
                if framing == .majortomo, case .partial(_, let b) = command { expected = .partial(service: [], body: b) }
                if framing == .majortomo, case .final(_, let b) = command { expected = .final(service: [], body: b) }
                XCTAssertEqual(try MDPClientCommand.decode(frames[...], framing: framing), expected, "\(framing)")
            }
        }
    }

    func testClientFramesAreExactlyTheRFCs() {
        XCTAssertEqual(MDPClientCommand.request(service: svc, body: [[9]]).encode(framing: .rfc),
                       [Array("MDPC02".utf8), [0x01], svc, [9]])
        XCTAssertEqual(MDPClientCommand.final(service: svc, body: [[9]]).encode(framing: .rfc),
                       [Array("MDPC02".utf8), [0x03], svc, [9]])
        XCTAssertEqual(MDPClientCommand.partial(service: svc, body: [[9]]).encode(framing: .delimited),
                       [[], Array("MDPC02".utf8), [0x02], svc, [9]])
        // majortomo numbers client commands like worker ones
        XCTAssertEqual(MDPClientCommand.request(service: svc, body: [[9]]).encode(framing: .majortomo),
                       [[], Array("MDPC02".utf8), [0x02], svc, [9]])
        XCTAssertEqual(MDPClientCommand.final(service: svc, body: [[9]]).encode(framing: .majortomo),
                       [[], Array("MDPC02".utf8), [0x04], [9]])
    }

    func testWorkerCommandsRoundTripInEveryFraming() throws {
        let commands: [MDPWorkerCommand] = [
            .ready(service: svc), .request(client: client, body: body), .partial(client: client, body: body),
            .final(client: client, body: body), .final(client: client, body: []), .heartbeat, .disconnect,
        ]
        for framing in Framing.allCases {
            for command in commands {
                let frames = command.encode(framing: framing)
                XCTAssertEqual(try MDPWorkerCommand.decode(frames[...], framing: framing), command, "\(framing) \(command)")
            }
        }
    }

    func testWorkerFramesAreExactlyTheRFCs() {
        let tag = Array("MDPW02".utf8)
        XCTAssertEqual(MDPWorkerCommand.ready(service: svc).encode(), [tag, [0x01], svc])
        XCTAssertEqual(MDPWorkerCommand.request(client: client, body: [[7]]).encode(), [tag, [0x02], client, [], [7]])
        XCTAssertEqual(MDPWorkerCommand.partial(client: client, body: [[7]]).encode(), [tag, [0x03], client, [], [7]])
        XCTAssertEqual(MDPWorkerCommand.final(client: client, body: [[7]]).encode(), [tag, [0x04], client, [], [7]])
        XCTAssertEqual(MDPWorkerCommand.heartbeat.encode(), [tag, [0x05]])
        XCTAssertEqual(MDPWorkerCommand.disconnect.encode(), [tag, [0x06]])
        XCTAssertEqual(MDPWorkerCommand.heartbeat.encode(framing: .delimited), [[], tag, [0x05]])
    }

    func testRoutingIDGoesFirstInSendHeaders() {
        let peer: [UInt8] = [0, 1, 2, 3, 4]
        XCTAssertEqual(MDPWorkerCommand.header(.request, address: client, framing: .delimited, to: peer),
                       [peer, [], Array("MDPW02".utf8), [0x02], client, []])
        XCTAssertEqual(MDPWorkerCommand.header(.heartbeat, framing: .rfc, to: peer), [peer, Array("MDPW02".utf8), [0x05]])
        XCTAssertEqual(MDPClientCommand.header(.final, service: svc, framing: .rfc, to: peer), [peer, Array("MDPC02".utf8), [0x03], svc])
        XCTAssertEqual(MDPClientCommand.header(.final, service: svc, framing: .majortomo, to: peer), [peer, [], Array("MDPC02".utf8), [0x04]])
    }

    func testInboundDetectsPeerKindAndFraming() throws {
        let req = MDPClientCommand.request(service: svc, body: body)
        XCTAssertEqual(try Inbound.decode(req.encode(framing: .rfc)[...]), .client(req, .rfc))
        XCTAssertEqual(try Inbound.decode(req.encode(framing: .delimited)[...]), .client(req, .delimited))
        XCTAssertEqual(try Inbound.decode(req.encode(framing: .majortomo)[...]), .client(req, .majortomo))
        XCTAssertEqual(try Inbound.decode(MDPWorkerCommand.heartbeat.encode(framing: .delimited)[...]), .worker(.heartbeat, .delimited))
        XCTAssertEqual(try Inbound.decode(MDPWorkerCommand.ready(service: svc).encode()[...]), .worker(.ready(service: svc), .rfc))
    }

    func testMalformedMessagesAreRejectedWithTypedErrors() {
        let wt = Array("MDPW02".utf8), ct = Array("MDPC02".utf8)
        func worker(_ frames: [[UInt8]], _ framing: Framing = .rfc) -> MDPError? {
            do { _ = try MDPWorkerCommand.decode(frames[...], framing: framing); return nil } catch { return error as? MDPError }
        }
        func clientErr(_ frames: [[UInt8]]) -> MDPError? {
            do { _ = try MDPClientCommand.decode(frames[...]); return nil } catch { return error as? MDPError }
        }
        func inbound(_ frames: [[UInt8]]) -> MDPError? {
            do { _ = try Inbound.decode(frames[...]); return nil } catch { return error as? MDPError }
        }
        XCTAssertEqual(worker([]), .emptyMessage)
        XCTAssertEqual(worker([Array("MDPW01".utf8), [0x05]]), .badProtocolTag)
        XCTAssertEqual(worker([ct, [0x05]]), .badProtocolTag)
        XCTAssertEqual(worker([wt]), .missingCommand)
        XCTAssertEqual(worker([wt, [0x05, 0x05]]), .badCommandFrame)
        XCTAssertEqual(worker([wt, []]), .badCommandFrame)
        XCTAssertEqual(worker([wt, [0x07]]), .unknownCommand(0x07))
        XCTAssertEqual(worker([wt, [0x00]]), .unknownCommand(0x00))
        XCTAssertEqual(worker([wt, [0x01]]), .missingFrames)
        XCTAssertEqual(worker([wt, [0x01], []]), .emptyServiceName)
        XCTAssertEqual(worker([wt, [0x01], svc, [1]]), .unexpectedFrames)
        XCTAssertEqual(worker([wt, [0x04], client]), .missingFrames)
        XCTAssertEqual(worker([wt, [0x04], client, [1], [2]]), .badDelimiter)
        XCTAssertEqual(worker([wt, [0x02], [], [], [2]]), .emptyClientAddress)
        XCTAssertEqual(worker([wt, [0x05], [1]]), .unexpectedFrames)
        XCTAssertEqual(worker([wt, [0x06]], .delimited), .badDelimiter)
        XCTAssertEqual(worker([[]], .delimited), .emptyMessage)
        XCTAssertEqual(clientErr([ct, [0x01]]), .missingFrames)
        XCTAssertEqual(clientErr([ct, [0x04], svc]), .unknownCommand(0x04))
        XCTAssertEqual(clientErr([ct, [0x01], []]), .emptyServiceName)
        XCTAssertEqual(inbound([]), .emptyMessage)
        XCTAssertEqual(inbound([[]]), .emptyMessage)
        XCTAssertEqual(inbound([Array("hello".utf8)]), .badProtocolTag)
        XCTAssertEqual(inbound([[], [], ct]), .badProtocolTag)
    }

    func testErrorReplyShape() {
        let e = ErrorReply(status: 503, message: "queue full")
        XCTAssertEqual(ErrorReply(body: e.body), e)
        XCTAssertNil(ErrorReply(body: [Array("{}".utf8)]))
        XCTAssertNil(ErrorReply(body: [MDP.errorTag, Array("x".utf8), []]))
    }

    func testRandomBytesNeverCrashTheDecoder() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...6, using: &rng)
            var frames: [[UInt8]] = (0..<n).map { _ in (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...7, using: &rng) } }
            if n > 0 && Bool.random(using: &rng) { frames[0] = Bool.random() ? MDP.workerTag : MDP.clientTag }
            _ = try? Inbound.decode(frames[...])
        }
    }
}
