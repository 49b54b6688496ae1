import Glibc
import JobContract
import TestSupport
import XCTest
@testable import Aggregator

final class CollectorTests: XCTestCase {
    private func header(_ i: Int) -> [UInt8] { Array(#"{"job_id":"\#(jobID(i))","name":"f\#(i).txt","bytes":1}"#.utf8) }
    private func s(_ statuses: [CollectStatus]) -> [String] { statuses.map(\.description) }

    func testBatchRepliesPerPairAfterOneFlush() throws {
        let path = temporaryDirectory(self) + "/r.jsonl"
        let c = Collector(store: try ResultStore.open(path: path, options: quiet()))
        XCTAssertEqual(s(c.handle([header(1), record(1)])), ["200"])
        let replies = s(c.handle([header(2), record(2), header(1), record(1), header(3), record(3), header(3), record(3),
                                  header(4), record(5), header(6), Array("{}".utf8)]))
        XCTAssertEqual(Array(replies.prefix(4)), ["200", "208", "200", "208"])
        XCTAssertTrue(replies[4].hasPrefix("500 bad_record"), replies[4])
        XCTAssertTrue(replies[5].hasPrefix("500 bad_record"), replies[5])
        XCTAssertEqual(c.store.pendingLines, 0)
        XCTAssertEqual(lines(path).count - 1, 3)
        XCTAssertTrue(s(c.handle([header(1)]))[0].hasPrefix("500 bad_request"))
    }

    func testFailedFlushAnswers500ForEveryNewLine() throws {
        let path = temporaryDirectory(self) + "/r.jsonl"
        let store = try ResultStore.open(path: path, options: quiet())
        let c = Collector(store: store)
        XCTAssertEqual(s(c.handle([header(1), record(1)])), ["200"])
        store.syncHook = { _ in errno = ENOSPC; return -1 }
        let replies = s(c.handle([header(2), record(2), header(1), record(1), header(2), record(2)]))
        XCTAssertTrue(replies[0].hasPrefix("500 output_full"), replies[0])
        XCTAssertEqual(replies[1], "208")                          // written before, still durable
        XCTAssertTrue(replies[2].hasPrefix("500 output_full"), replies[2])
        store.syncHook = nil
        XCTAssertEqual(s(c.handle([header(2), record(2)])), ["200"])  // the broker's retry
        XCTAssertEqual(lines(path).count - 1, 2)
    }
}
