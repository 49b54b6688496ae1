import XCTest
@testable import Broker

final class QueueTests: XCTestCase {
    func testFIFOWithPushFrontRemovalAndCompaction() {
        var q = Queue<Int>()
        XCTAssertNil(q.popFirst())
        for i in 0..<3_000 { q.append(i) }
        for i in 0..<2_000 { XCTAssertEqual(q.popFirst(), i) }   // crosses the compaction point
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
}
