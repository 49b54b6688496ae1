import Aggregator
import ClusterTesting
import Foundation
import IngestService
import JobContract
import Majordomo
import TestSupport
import XCTest
@testable import Titanic

/// Titanic's client side against the broker in this process, with the real service edges as
/// its workers: push → journal → `ingest` (IngestHandler) → journal → `collect` (CollectHandler)
/// → the output file → done.
final class TitanicClientTests: XCTestCase {
    func testJobsGoThroughTheServiceEdgesToTheOutput() throws {
        let dir = temporaryDirectory(self)
        let cluster = try InProcessCluster(directory: dir, titanic: TitanicOptions())
        defer { cluster.stop() }
        var storeOptions = ResultStore.Options()
        storeOptions.log = { _ in }
        let store = try ResultStore.open(path: dir + "/out.jsonl", options: storeOptions)
        try cluster.serve(.ingest, with: IngestHandler())
        try cluster.serve(.collect, with: CollectHandler(collector: Collector(store: store), log: { _ in }))

        let files: [(String, [UInt8])] = [
            ("a.txt", Array("2026年政府工作报告\n各位代表：今年地区生产总值增长5%左右。\n".utf8)),
            ("b.txt", Array("二〇二六年政府工作報告\n各位代表：經濟發展穩中向好。\n".utf8)),
            ("empty.txt", []),
        ]
        var queue = files[...]
        var stored: [String: JobID] = [:]
        let pusher = try TitanicPusher(context: cluster.context, endpoint: cluster.endpoint, inFlight: 2, timeoutMs: 10_000)
        try pusher.push(next: {
            queue.popFirst().map { TitanicPusher.Job(tag: $0.0, header: JobHeader(name: $0.0, bytes: $0.1.count), body: $0.1) }
        }, stop: StopFlag()) { name, outcome in
            guard case .acknowledged(.stored(let id)) = outcome else { return XCTFail("\(name): \(outcome)") }
            stored[name] = id
        }
        XCTAssertEqual(stored.count, 3)

        let client = try cluster.titanicClient(timeoutMs: 5_000)
        let outcome = try JobWaiter(client).waitAll(Array(stored.values), stop: StopFlag(), pollMs: 50)
        // The failed job's error code comes back with it (kept in the journal's done record).
        XCTAssertEqual(outcome, JobWaiter.Outcome(failed: [stored["empty.txt"]!], unknown: [], errorCodes: [stored["empty.txt"]!: "empty"]))

        // Done means written: one line per job, each with its header's id and name.
        let lines = readFile(dir + "/out.jsonl").split(separator: 0x0A).map(Array.init)
        XCTAssertEqual(lines.count, 3)
        var byName: [String: RecordEnvelope] = [:]
        for line in lines { let e = try RecordEnvelope.read(line); byName[e.source.name] = e }
        for (name, id) in stored { XCTAssertEqual(byName[name]?.jobID, id.description, name) }
        XCTAssertEqual(byName["a.txt"]?.status, .ok)
        XCTAssertEqual(byName["b.txt"]?.source.script, "traditional")
        XCTAssertEqual(byName["empty.txt"]?.outcome, .error(RecordError(.empty, "the file is empty")))
        XCTAssertEqual(try schemaViolations(lines, schema: "record.schema.json"), [])

        let a = stored["a.txt"]!
        XCTAssertEqual(try client.reply(a), TitanicJobReport(jobID: a, state: .done, line: .ok))
        try client.close(a)
        XCTAssertNil(try client.reply(a))
    }

    func testRefusalsAndUnknownJobsReachTheClient() throws {
        let dir = temporaryDirectory(self)
        let cluster = try InProcessCluster(directory: dir, titanic: TitanicOptions())
        defer { cluster.stop() }
        let client = try cluster.titanicClient()
        XCTAssertEqual(try client.request(header: JobHeader(name: "a", bytes: 5), body: [1]),
                       .refused(TitanicRefusal(.badRequest, #"header "bytes" says 5, the body has 1"#)))
        XCTAssertEqual(try client.request(header: JobHeader(name: "a", bytes: 1), body: [1], service: .collect),
                       .refused(TitanicRefusal(.unknownService, #"no Titanic-backed service "collect""#)))
        guard case .stored(let id) = try client.request(header: JobHeader(name: "a", bytes: 1), body: [1]) else { return XCTFail() }
        XCTAssertEqual(try client.reply(id), TitanicJobReport(jobID: id, state: .queued))   // no worker yet
        XCTAssertNil(try client.reply(JobID(high: 1, low: 1)))
        let status = try XCTUnwrap(QueueStatus(frame: try cluster.client().request(service: ServiceName.status.bytes, body: [])[0]))
        XCTAssertEqual(status.queued, 1)
        XCTAssertEqual(status.submitted, 1)
        XCTAssertEqual(status.refused, 2)
    }
}
