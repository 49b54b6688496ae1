import Aggregator
import ClusterTesting
import Foundation
import IngestService
import JobContract
import Majordomo
import TestSupport
import XCTest
@testable import Titanic

/// The collect linger (results wait for others to share one aggregator fsync) ends as soon as
/// no job is at a worker: no other result is coming, so a batch's last lines and a lone push
/// are written at once, not after the linger.
final class CollectLingerTests: XCTestCase {
    func testALoneResultDoesNotWaitOutTheLinger() throws {
        let dir = temporaryDirectory(self)
        var options = TitanicOptions()
        options.collectLingerMs = 60_000          // a linger the test would notice
        let cluster = try InProcessCluster(directory: dir, titanic: options)
        defer { cluster.stop() }
        var storeOptions = ResultStore.Options()
        storeOptions.log = { _ in }
        let store = try ResultStore.open(path: dir + "/out.jsonl", options: storeOptions)
        try cluster.serve(.collect, with: CollectHandler(collector: Collector(store: store), log: { _ in }))
        try cluster.serve(.ingest, with: IngestHandler())

        let client = try cluster.titanicClient()
        let bytes = Array("2026年政府工作报告\n各位代表：今年地区生产总值增长5%左右。\n".utf8)
        guard case .stored(let id) = try client.request(header: JobHeader(name: "a.txt", bytes: bytes.count), body: bytes) else {
            return XCTFail("not stored")
        }
        let stop = StopFlag()
        let timer = DispatchWorkItem { stop.set() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: timer)
        defer { timer.cancel() }
        XCTAssertNoThrow(try JobWaiter(client).waitAll([id], stop: stop, pollMs: 20),
                         "the line waited for the 60 s linger though no other job was running")
        XCTAssertEqual(readFile(dir + "/out.jsonl").split(separator: 0x0A).count, 1)
    }
}
