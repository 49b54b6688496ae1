import ClusterTesting
import Foundation
import JobContract
import Majordomo
import Telemetry
import TestSupport
import XCTest
import ZeroMQ
@testable import Aggregator

/// The `collect` service edge: statuses per pair, newly written lines published, metrics counted.
/// Called directly, and served by a worker session through the broker in this process.
final class CollectHandlerTests: XCTestCase {
    private func header(_ i: Int) -> [UInt8] { JobHeader(jobID: JobID(jobID(i))!, name: "f\(i).txt", bytes: 1).encoded() }
    private func errorLine(_ i: Int) -> [UInt8] {
        RecordEnvelope(jobID: jobID(i), source: RecordSource(name: "f\(i).txt", bytes: 1), outcome: .error(RecordError(.empty, ""))).line()
    }

    func testWritesPublishesAndCounts() throws {
        let path = temporaryDirectory(self) + "/r.jsonl"
        let context = try Context()
        let publisher = try context.socket(.pub)
        try publisher.bind("inproc://lines")
        let subscriber = try context.socket(.sub)
        try subscriber.subscribe()
        try subscriber.setReceiveTimeout(2_000)
        try subscriber.connect("inproc://lines")
        usleep(50_000)                                   // the subscription reaches the PUB socket
        let metrics = AggregatorMetrics()
        var logged: [String] = []
        let handler = CollectHandler(collector: Collector(store: try ResultStore.open(path: path, options: quiet())),
                                     publisher: publisher, metrics: metrics, log: { logged.append($0) })

        let statuses = try handler.handle([header(1), record(1), header(2), errorLine(2), header(1), record(1), header(3), record(4)])
        XCTAssertEqual(statuses.map { CollectStatus(frame: $0) }, [.written, .written, .duplicate,
                                                                    .refused(CollectRefusal(.badRecord, "record job_id differs from the header's"))])
        XCTAssertEqual(try subscriber.receive(), [record(1)])
        XCTAssertEqual(try subscriber.receive(), [errorLine(2)])
        let text = String(decoding: metrics.render(), as: UTF8.self)
        XCTAssertTrue(text.contains("reportq_aggregator_lines_written_total 2"), text)
        XCTAssertTrue(text.contains("reportq_aggregator_error_records_total 1"), text)
        XCTAssertTrue(text.contains("reportq_aggregator_duplicates_total 1"), text)
        XCTAssertEqual(logged.count, 1)
        XCTAssertTrue(logged[0].contains("1 of 4 line(s) not written"), logged[0])
    }

    func testServedThroughTheBroker() throws {
        let dir = temporaryDirectory(self)
        let cluster = try InProcessCluster(directory: dir)
        defer { cluster.stop() }
        let store = try ResultStore.open(path: dir + "/r.jsonl", options: quiet())
        try cluster.serve(.collect, with: CollectHandler(collector: Collector(store: store), log: { _ in }))
        try cluster.waitForWorker(.collect)
        let reply = try cluster.client().request(service: ServiceName.collect.bytes, body: [header(7), record(7), header(7), record(7)])
        XCTAssertEqual(reply.map { CollectStatus(frame: $0) }, [.written, .duplicate])
        XCTAssertEqual(lines(dir + "/r.jsonl").count - 1, 1)
    }
}
