import XCTest
@testable import ZeroMQ

final class ReceivedFramesTests: XCTestCase {
    func testSlotsAreReusedGrowAndHoldTheLastMessage() throws {
        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://frames"); try b.connect("inproc://frames")
        let frames = ReceivedFrames(capacity: 2)
        XCTAssertFalse(try frames.receive(from: b, dontWait: true))
        try b.setReceiveTimeout(20)
        XCTAssertFalse(try frames.receive(from: b))                       // timeout passed
        let big = [UInt8]((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let long: [[UInt8]] = (0..<7).map { [UInt8($0)] } + [[], big]       // more frames than slots
        try a.send(long)
        try a.send([Array("short".utf8)])
        XCTAssertTrue(try frames.receive(from: b))
        XCTAssertEqual(frames.count, long.count)
        XCTAssertEqual((0..<frames.count).map { frames.copy($0) }, long)
        XCTAssertEqual(frames.size(8), big.count)
        XCTAssertTrue(frames.bytes(7).isEmpty)
        frames.release()                                                   // big frame 8 left in place: freed
        XCTAssertEqual(frames.count, 0)
        XCTAssertTrue(try frames.receive(from: b))
        XCTAssertEqual(frames.count, 1)
        XCTAssertEqual(frames.copy(0..<1), [Array("short".utf8)])
        frames.release()
        XCTAssertEqual(frames.count, 0)
        try a.send([Array("again".utf8), []])
        XCTAssertTrue(try frames.receive(from: b))
        XCTAssertEqual(frames.copy(0..<frames.count), [Array("again".utf8), []])
    }

    func testTakenFramesOutliveTheNextReceiveAndSendMoreThanOnce() throws {
        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://owned"); try b.connect("inproc://owned")
        let big = [UInt8](repeating: 0x5A, count: 70_000)
        try a.send([Array("head".utf8), Array("x".utf8), big])
        try a.send([Array("next".utf8)])
        let frames = ReceivedFrames()
        XCTAssertTrue(try frames.receive(from: b))
        let owned = frames.take(1..<3)
        frames.release()                                                   // moved frames are not released
        XCTAssertTrue(try frames.receive(from: b))                        // the slots now hold another message
        XCTAssertEqual(owned.count, 2)
        XCTAssertEqual(owned.bytes, [Array("x".utf8), big])
        try owned.send(on: b)
        try owned.send(on: b)
        XCTAssertEqual(try a.receive(), [Array("x".utf8), big])
        XCTAssertEqual(try a.receive(), [Array("x".utf8), big])
        XCTAssertEqual(OwnedFrames([[1, 2], []]).bytes, [[1, 2], []])
    }

    func testSendingAReceivedFrameMovesIt() throws {
        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://move"); try b.connect("inproc://move")
        let big = [UInt8](repeating: 0x33, count: 50_000)
        try a.send([Array("id".utf8), big])
        let frames = ReceivedFrames()
        XCTAssertTrue(try frames.receive(from: b))
        try "hdr".utf8.withContiguousStorageIfAvailable { try b.send(bytes: UnsafeRawBufferPointer($0), more: true) }
        try frames.send(1, on: b, more: false)
        XCTAssertEqual(frames.size(1), 0)                                  // moved out: the slot is empty
        XCTAssertEqual(try a.receive(), [Array("hdr".utf8), big])
    }

    /// A collect batch shares each result's message: same bytes, no copy, and they outlive the
    /// frames they were shared from.
    func testOwnedFramesFromPartsShareAndOutliveTheirSource() throws {
        let big = [UInt8](repeating: 0x42, count: 100_000)
        var source: OwnedFrames? = OwnedFrames([Array("head".utf8), big])
        let address = source!.withBytes(1) { $0.baseAddress }
        let joined = OwnedFrames([.copy(Array("a".utf8)), .share(source!, index: 1), .copy([]), .share(source!, index: 0)])
        XCTAssertEqual(joined.withBytes(1) { $0.baseAddress }, address)    // shared, not copied
        source = nil                                                         // the source lets go
        XCTAssertEqual(joined.count, 4)
        XCTAssertEqual((0..<4).map { joined.size($0) }, [1, 100_000, 0, 4])
        XCTAssertEqual(joined.copy(3), Array("head".utf8))
        XCTAssertEqual(joined.withAllBytes { $0.map { Array($0) } }, [Array("a".utf8), big, [], Array("head".utf8)])

        let ctx = try Context()
        let a = try ctx.socket(.pair), b = try ctx.socket(.pair)
        try a.bind("inproc://parts"); try b.connect("inproc://parts")
        try joined.send(on: a)
        XCTAssertEqual(try b.receive(), [Array("a".utf8), big, [], Array("head".utf8)])
    }

    func testOwnedFramesFilledInPlace() throws {
        let frames = try OwnedFrames(sizes: [3, 0, 50_000]) { k, buffer in
            for i in buffer.indices { buffer[i] = UInt8(truncatingIfNeeded: k &+ i) }
        }
        XCTAssertEqual(frames.bytes, [[0, 1, 2], [], (0..<50_000).map { UInt8(truncatingIfNeeded: 2 &+ $0) }])
        struct Refused: Error {}
        // A fill that fails part way leaves nothing half made behind (the storage closes it all).
        XCTAssertThrowsError(try OwnedFrames(sizes: [10, 10]) { k, _ in if k == 1 { throw Refused() } }) { XCTAssertTrue($0 is Refused) }
    }
}
