import Foundation
import XCTest

/// `reportq worker` serves `ingest` (IngestHandler, tested in-process in IngestServiceTests) as a
/// process: well-formed jobs get the pipeline's record, malformed jobs an error record (never a
/// crash, never silence).
final class WorkerProcessTests: ClusterTestCase {
    func record(_ reply: [[UInt8]]) throws -> [String: Any] {
        XCTAssertEqual(reply.count, 1)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply[0])) as? [String: Any])
    }

    func testJobsAndMalformedJobs() throws {
        let ep = ipcEndpoint()
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "200"])
        let worker = try reportq(["worker", "--connect", ep, "--concurrency", "1", "--heartbeat-ms", "200"])
        try waitForService(ep, "ingest")
        let c = try client(ep, timeoutMs: 30_000)
        let text = Array("2026年政府工作报告\n各位代表：\n".utf8)
        let id = "0123456789abcdef0123456789abcdef"
        let header = Array(#"{"job_id":"\#(id)","name":"a.txt","sha256":"","bytes":\#(text.count),"options":{}}"#.utf8)
        let ok = try record(try c.request(service: "ingest", body: [header, text]))
        XCTAssertEqual(ok["job_id"] as? String, id)
        XCTAssertEqual((ok["source"] as? [String: Any])?["name"] as? String, "a.txt")

        for bad in [[header], [Array("not json".utf8), text], [Array(#"{"job_id":"\#(id)","name":"b","bytes":1}"#.utf8), text]] {
            let r = try record(try c.request(service: "ingest", body: bad))
            XCTAssertEqual(r["status"] as? String, "error")
            XCTAssertEqual((r["error"] as? [String: Any])?["code"] as? String, "bad_job")
        }
        XCTAssertTrue(worker.isRunning)
    }
}
