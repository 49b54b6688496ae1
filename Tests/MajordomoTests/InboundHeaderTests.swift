import TestSupport
import XCTest
@testable import Majordomo

/// The broker's zero-copy decoder must say exactly what `Inbound.decode` says, for good and bad messages.
final class InboundHeaderTests: XCTestCase {
    /// What `InboundHeader` finds, in `Inbound`'s terms: command, framing, name frame, body frames.
    struct Seen: Equatable {
        var command: InboundHeader.Command
        var framing: Framing
        var name: [UInt8]?
        var body: [[UInt8]]
    }

    static func viaHeader(_ frames: [[UInt8]]) -> Result<Seen, MDPError> {
        // Frames as separate allocations, read through raw pointers like libzmq messages.
        let buffers = frames.map { f -> UnsafeMutableRawBufferPointer in
            let b = UnsafeMutableRawBufferPointer.allocate(byteCount: f.count, alignment: 1)
            b.copyBytes(from: f)
            return b
        }
        defer { buffers.forEach { $0.deallocate() } }
        do {
            // As the broker calls it: after a routing id frame (index 0).
            let h = try InboundHeader.decode(start: 1, count: frames.count + 1) { UnsafeRawBufferPointer(buffers[$0 - 1]) }
            return .success(Seen(command: h.command, framing: h.framing,
                                 name: h.nameIndex < 0 ? nil : frames[h.nameIndex - 1],
                                 body: Array(frames[(h.bodyStart - 1)...])))
        } catch { return .failure(error as! MDPError) }
    }

    static func viaInbound(_ frames: [[UInt8]]) -> Result<Seen, MDPError> {
        do {
            switch try Inbound.decode(frames[...]) {
            case .client(let c, let framing):
                let name: [UInt8]? = (framing == .majortomo && c.code != .request) ? nil : c.service
                return .success(Seen(command: .client(c.code), framing: framing, name: name, body: c.body))
            case .worker(let w, let framing):
                switch w {
                case .ready(let s): return .success(Seen(command: .worker(.ready), framing: framing, name: s, body: []))
                case .request(let a, let b), .partial(let a, let b), .final(let a, let b):
                    return .success(Seen(command: .worker(w.code), framing: framing, name: a, body: b))
                case .heartbeat, .disconnect: return .success(Seen(command: .worker(w.code), framing: framing, name: nil, body: []))
                }
            }
        } catch { return .failure(error as! MDPError) }
    }

    func testAgreesWithInboundDecodeOnEveryCommandInEveryFraming() {
        let svc = Array("echo".utf8), addr: [UInt8] = [0, 1, 2, 3, 4], body: [[UInt8]] = [Array("a".utf8), [], Array(repeating: 7, count: 300)]
        var messages: [[[UInt8]]] = []
        for framing in Framing.allCases {
            messages.append(MDPClientCommand.request(service: svc, body: body).encode(framing: framing))
            messages.append(MDPClientCommand.request(service: svc, body: []).encode(framing: framing))
            messages.append(MDPWorkerCommand.ready(service: svc).encode(framing: framing))
            messages.append(MDPWorkerCommand.final(client: addr, body: body).encode(framing: framing))
            messages.append(MDPWorkerCommand.partial(client: addr, body: []).encode(framing: framing))
            messages.append(MDPWorkerCommand.heartbeat.encode(framing: framing))
            messages.append(MDPWorkerCommand.disconnect.encode(framing: framing))
            messages.append(MDPWorkerCommand.request(client: addr, body: body).encode(framing: framing))
        }
        for m in messages {
            let expected = Self.viaInbound(m)
            XCTAssertNoThrow(try expected.get(), "\(m)")
            XCTAssertEqual(Self.viaHeader(m), expected, "\(m)")
        }
    }

    /// Messages assembled from the pieces MDP is made of (tags, delimiters, command bytes, names)
    /// and some that are not: both decoders give the same result or the same error.
    func testAgreesWithInboundDecodeOnGeneratedMessages() {
        let pieces: [[UInt8]] = [[], [], Array("MDPC02".utf8), Array("MDPW02".utf8), Array("MDPW01".utf8),
                                 [0], [1], [2], [3], [4], [5], [6], [7], [1, 1], Array("echo".utf8), [0, 9, 9, 9, 9]]
        var rng = SplitMix64(seed: 0x5EED)
        var outcomes = Set<String>()
        for _ in 0..<30_000 {
            let n = Int(rng.next() % 8)
            let m = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
            let expected = Self.viaInbound(m)
            XCTAssertEqual(Self.viaHeader(m), expected, "\(m)")
            switch expected {
            case .success(let s): outcomes.insert("\(s.command) \(s.framing)")
            case .failure(let e): outcomes.insert("\(e)")
            }
        }
        // The generator reaches most commands and errors (the comparison above is not vacuous).
        XCTAssertGreaterThan(outcomes.count, 20, "\(outcomes)")
    }

    func testTagWordsAreTheTags() {
        for (word, tag) in [(InboundHeader.workerTagWord, MDP.workerTag), (InboundHeader.clientTagWord, MDP.clientTag)] {
            tag.withUnsafeBytes { XCTAssertTrue(InboundHeader.isTag($0, word)) }
            (tag + [0]).withUnsafeBytes { XCTAssertFalse(InboundHeader.isTag($0, word)) }
            Array(tag.dropLast()).withUnsafeBytes { XCTAssertFalse(InboundHeader.isTag($0, word)) }
            (tag.dropLast() + [0x33]).withUnsafeBytes { XCTAssertFalse(InboundHeader.isTag($0, word)) }
        }
    }

    func testWriteHeaderWritesExactlyTheHeaderFrames() {
        let svc = Array("svc".utf8), addr: [UInt8] = [0, 1, 2, 3, 4]
        for framing in Framing.allCases {
            for code in [MDPClientCommand.Code.request, .partial, .final] {
                var written: [[UInt8]] = []
                svc.withUnsafeBytes { s in MDPClientCommand.writeHeader(code, service: s, framing: framing) { written.append(Array($0)) } }
                XCTAssertEqual(written, MDPClientCommand.header(code, service: svc, framing: framing))
                XCTAssertEqual(MDPClientCommand.headerFrameCount(code, framing: framing), written.count)
            }
            for code in [MDPWorkerCommand.Code.ready, .request, .partial, .final, .heartbeat, .disconnect] {
                let a: [UInt8]? = (code == .heartbeat || code == .disconnect) ? nil : addr
                var written: [[UInt8]] = []
                (a ?? []).withUnsafeBytes { s in MDPWorkerCommand.writeHeader(code, address: s, framing: framing) { written.append(Array($0)) } }
                XCTAssertEqual(written, MDPWorkerCommand.header(code, address: a, framing: framing))
                XCTAssertEqual(MDPWorkerCommand.headerFrameCount(code, framing: framing), written.count)
            }
        }
    }
}

