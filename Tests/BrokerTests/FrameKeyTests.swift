import XCTest
@testable import Broker

final class FrameKeyTests: XCTestCase {
    func testKeysAreEqualExactlyWhenTheirBytesAre() {
        // Inline lengths and the spilled kind; zero bytes and zero padding must not collide.
        var samples: [[UInt8]] = [[], [0], [0, 0], [1], [1, 0], [0, 1], Array("echo".utf8), [0, 0, 0, 0, 1],
                                  Array(repeating: 9, count: 8), Array(repeating: 9, count: 9),
                                  Array(repeating: 9, count: 32), Array(repeating: 9, count: 33), Array(repeating: 9, count: 255)]
        samples += samples.filter { !$0.isEmpty }.map { $0.dropLast() + [0xFF] }
        for a in samples {
            XCTAssertEqual(FrameKey(a).bytes, a)
            XCTAssertEqual(FrameKey(a).count, a.count)
            for b in samples {
                XCTAssertEqual(FrameKey(a) == FrameKey(b), a == b, "\(a) vs \(b)")
                if a == b { XCTAssertEqual(FrameKey(a).hashValue, FrameKey(b).hashValue) }
            }
        }
        var d: [FrameKey: Int] = [:]
        for (i, s) in samples.enumerated() { d[FrameKey(s)] = i }
        XCTAssertEqual(d.count, Set(samples).count)
        for s in samples { XCTAssertEqual(samples[d[FrameKey(s)]!], s) }
    }

    func testPrefix() {
        XCTAssertTrue(FrameKey(Array("mmi.service".utf8)).starts(with: Array("mmi.".utf8)))
        XCTAssertFalse(FrameKey(Array("mm".utf8)).starts(with: Array("mmi.".utf8)))
    }
}
