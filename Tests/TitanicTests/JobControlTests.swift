import Aggregator
import ClusterTesting
import Foundation
import IngestService
import JobContract
import Majordomo
import TestSupport
import XCTest
@testable import Titanic

/// Job control (protocols/titanic.md §2a) against the broker in this process, with the real
/// service edges as its workers: titanic.list, .show, .retry, .cancel, .purge through TitanicClient.
final class JobControlTests: XCTestCase {
    private var dir = ""
    private var cluster: InProcessCluster!

    override func setUpWithError() throws {
        dir = temporaryDirectory(self)
        var options = TitanicOptions()
        options.collectLingerMs = 0
        cluster = try InProcessCluster(directory: dir, titanic: options)
        var storeOptions = ResultStore.Options()
        storeOptions.log = { _ in }
        let store = try ResultStore.open(path: dir + "/out.jsonl", options: storeOptions)
        try cluster.serve(.collect, with: CollectHandler(collector: Collector(store: store), log: { _ in }))
    }

    override func tearDown() { cluster.stop() }

    private func push(_ files: [(String, [UInt8])]) throws -> [JobID] {
        let client = try cluster.titanicClient()
        return try files.map { name, bytes in
            guard case .stored(let id) = try client.request(header: JobHeader(name: name, bytes: bytes.count), body: bytes) else {
                throw TitanicRefusal(.badRequest, "not stored")
            }
            return id
        }
    }

    private func lines() throws -> [RecordEnvelope] {
        try readFile(dir + "/out.jsonl").split(separator: 0x0A).map { try RecordEnvelope.read(Array($0)) }
    }

    private let good = Array("2026年政府工作报告\n各位代表：今年地区生产总值增长5%左右。\n".utf8)

    func testListShowRetryAndPurge() throws {
        try cluster.serve(.ingest, with: IngestHandler())
        let ids = try push([("a.txt", good), ("empty.txt", []), ("nul.txt", [0x41, 0, 0x42])])
        let client = try cluster.titanicClient()
        XCTAssertEqual(try JobWaiter(client).waitAll(ids, stop: StopFlag(), pollMs: 20).failed.sorted(), [ids[1], ids[2]])
        let (a, empty, nul) = (ids[0], ids[1], ids[2])

        let all = try client.list()
        XCTAssertEqual(all.jobs.map(\.jobID), ids)
        XCTAssertFalse(all.more)
        let failed = try client.list(TitanicJobQuery(line: .error))
        XCTAssertEqual(failed.jobs.map(\.jobID), [empty, nul])
        XCTAssertEqual(failed.jobs.map { $0.error?.code }, [.empty, .binary])
        XCTAssertEqual(failed.jobs.map { $0.header?.name }, ["empty.txt", "nul.txt"], "a failed job keeps its header")
        XCTAssertEqual(try client.list(TitanicJobQuery(state: .done, line: .ok)).jobs,
                       [TitanicJobInfo(jobID: a, state: .done, line: .ok, attempts: 1)], "a job done fine is an id only")
        XCTAssertEqual(try client.list(TitanicJobQuery(name: "nul.txt")).jobs.map(\.jobID), [nul])
        XCTAssertEqual(try client.list(TitanicJobQuery(state: .queued)).jobs, [])
        let page = try client.list(TitanicJobQuery(limit: 2))
        XCTAssertEqual(page.jobs.count, 2); XCTAssertTrue(page.more)
        XCTAssertEqual(try client.listAll(TitanicJobQuery(limit: 1)).map(\.jobID), ids)

        let shown = try XCTUnwrap(try client.show(empty))
        XCTAssertEqual(shown.state, .done); XCTAssertEqual(shown.line, .error); XCTAssertEqual(shown.attempts, 1)
        XCTAssertEqual(shown.error, RecordError(.empty, "the file is empty"))
        XCTAssertEqual(shown.header?.jobID, empty)
        XCTAssertNil(try client.show(JobID(high: 1, low: 2)))

        // Retry: a failed job is stored again under a new id (and runs again); others are refused.
        let unknown = JobID(high: 7, low: 7)
        let retries = try client.retry([empty, a, unknown])
        guard case .retried(let again)? = retries.first?.outcome else { return XCTFail("\(retries)") }
        XCTAssertEqual(retries.dropFirst().map(\.outcome), [
            .refused(TitanicRefusal(.wrongState, "job \(a) is done (ok): only a job whose error line is written can be retried")),
            .refused(TitanicRefusal(.unknownJob, "no job \(unknown)")),
        ])
        XCTAssertEqual(try JobWaiter(client).waitAll([again], stop: StopFlag(), pollMs: 20).failed, [again])
        XCTAssertNil(try client.show(empty), "the old job is forgotten")
        XCTAssertEqual(try client.show(again)?.header?.name, "empty.txt")
        XCTAssertEqual(try lines().map(\.jobID).sorted(), [a, empty, nul, again].map(\.description).sorted(), "one line per job id")

        XCTAssertEqual(try client.purge(.ok), 1)
        XCTAssertEqual(try client.list().jobs.map(\.jobID), [nul, again])
        XCTAssertEqual(try client.purge(), 2)
        XCTAssertEqual(try client.list().jobs, [])
        XCTAssertThrowsError(try client.list(TitanicJobQuery(limit: 0)))
    }

    /// Cancel: a job still queued in the journal, one waiting in the broker's queue (prefetched),
    /// and one a worker holds: each becomes an error line with code `cancelled`.
    func testCancelWhereverTheJobIs() throws {
        let gate = DispatchSemaphore(value: 0)
        try cluster.serve(.ingest, with: GatedHandler(gate: gate, inner: IngestHandler()))
        try cluster.waitForWorker(.ingest)
        let ids = try push([("held.txt", good), ("prefetched.txt", good), ("queued.txt", good)])
        let client = try cluster.titanicClient()
        let deadline = Date().addingTimeInterval(10)
        while try client.show(ids[1])?.state != .inFlight, Date() < deadline { usleep(10_000) }
        XCTAssertEqual(try ids.map { try client.show($0)?.state }, [.inFlight, .inFlight, .queued])

        XCTAssertEqual(try client.cancel(ids[2]), .cancelled)
        XCTAssertEqual(try client.cancel(ids[1]), .cancelled, "taken back from the broker's queue")
        XCTAssertEqual(try client.cancel(ids[0]), .cancelling, "a worker holds it")
        XCTAssertNil(try client.cancel(JobID(high: 3, low: 3)))
        gate.signal(); gate.signal(); gate.signal()
        XCTAssertEqual(try JobWaiter(client).waitAll(ids, stop: StopFlag(), pollMs: 20).failed.sorted(), ids)
        for id in ids { XCTAssertEqual(try client.show(id)?.error?.code, .cancelled, "\(id)") }
        XCTAssertEqual(try lines().map(\.outcome), Array(repeating: .error(TitanicService.cancellation), count: 3))
        XCTAssertThrowsError(try client.cancel(ids[0])) {
            XCTAssertEqual(($0 as? TitanicRefusal)?.code, .wrongState)
        }
        let status = try XCTUnwrap(QueueStatus(frame: try cluster.client().request(service: ServiceName.status.bytes, body: [])[0]))
        XCTAssertEqual(status.poisoned, 0, "cancelled is not poisoned")
        // The worker goes on with the next job.
        let next = try push([("next.txt", good)])
        gate.signal()
        XCTAssertEqual(try JobWaiter(client).waitAll(next, stop: StopFlag(), pollMs: 20), JobWaiter.Outcome())
    }
}

/// The real handler, held until the test lets each job through (a worker busy on a long file).
private struct GatedHandler: RequestHandler {
    let gate: DispatchSemaphore
    let inner: RequestHandler
    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        _ = gate.wait(timeout: .now() + 20)
        return try inner.handle(body)
    }
}
