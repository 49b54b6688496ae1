import XCTest
@testable import Broker

final class QueueTests: XCTestCase {
    func testFIFOWithPushFrontRemovalAndCompaction() {
        var q = Queue<Int>()
        XCTAssertNil(q.popFirst())
        for i in 0..<3_000 { q.append(i) }
        for i in 0..<2_000 { XCTAssertEqual(q.popFirst(), i) }
        q.pushFront(-1)
        XCTAssertEqual(q.count, 1_001)
        XCTAssertEqual(q.popFirst(), -1)
        q.removeAll { $0 % 2 == 0 }
        XCTAssertEqual(q.elements.first, 2_001)
        XCTAssertEqual(q.count, 500)
        var last = 0
        while let x = q.popFirst() { XCTAssertGreaterThan(x, last); last = x }
        XCTAssertTrue(q.isEmpty)
        q.pushFront(7)
        XCTAssertEqual(q.popFirst(), 7)
    }

    /// The ring wraps around (head near the end of its slots) while growing, requeueing at the
    /// front and removing: order is kept throughout.
    func testWrapAroundGrowthAndRemoval() {
        var q = Queue<Int>()
        var expected: [Int] = []
        var next = 0
        for round in 0..<50 {
            for _ in 0..<(round % 7 + 3) { q.append(next); expected.append(next); next += 1 }
            for _ in 0..<(round % 5) where !expected.isEmpty { XCTAssertEqual(q.popFirst(), expected.removeFirst()) }
            if round % 4 == 0 { q.pushFront(-round); expected.insert(-round, at: 0) }
            if round % 9 == 0 { q.removeAll { $0 % 3 == 0 }; expected.removeAll { $0 % 3 == 0 } }
            XCTAssertEqual(q.elements, expected)
            XCTAssertEqual(q.count, expected.count)
            XCTAssertEqual(q.first, expected.first)
        }
        while let x = q.popFirst() { XCTAssertEqual(x, expected.removeFirst()) }
        XCTAssertTrue(expected.isEmpty)
    }
}
