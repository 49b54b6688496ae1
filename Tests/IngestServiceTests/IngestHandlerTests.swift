import ClusterTesting
import Foundation
import JobContract
import Majordomo
import TestSupport
import XCTest
@testable import IngestService

/// The `ingest` service edge: a job's frames in, its record out. Called directly, and served by a
/// worker session through the broker in this process.
final class IngestHandlerTests: XCTestCase {
    let id = JobID("0123456789abcdef0123456789abcdef")!
    let text = Array("2026年政府工作报告\n各位代表：今年地区生产总值增长5%左右。\n".utf8)

    private func header(_ name: String = "a.txt", bytes: Int? = nil, options: JobOptions = JobOptions()) -> [UInt8] {
        JobHeader(jobID: id, name: name, bytes: bytes ?? text.count, options: options).encoded()
    }

    private func record(_ reply: [[UInt8]]) throws -> RecordEnvelope {
        XCTAssertEqual(reply.count, 1)
        return try RecordEnvelope.read(reply[0])
    }

    func testAJobGivesItsRecord() throws {
        let reply = try IngestHandler().handle([header(options: JobOptions(includeText: true)), text])
        let r = try record(reply)
        XCTAssertEqual(r.jobID, id.description)
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.source.name, "a.txt")
        XCTAssertEqual(r.source.bytes, text.count)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply[0])) as? [String: Any])
        XCTAssertNotNil(o["text"] as? String, "include_text reaches the pipeline")
        XCTAssertEqual(try schemaViolations(reply, schema: "record.schema.json"), [])
    }

    func testMalformedJobsGiveBadJobRecords() throws {
        let cases: [([[UInt8]], String, String)] = [
            ([header()], id.description, "expected 2 frames"),
            ([], "", "expected 2 frames"),
            ([Array("not json".utf8), text], "", "unreadable job header"),
            ([Array(#"{"name":"b","bytes":1}"#.utf8), text], "", "unreadable job header"),       // no job_id
            ([header("b", bytes: 1), text], id.description, #""bytes" says 1"#),
        ]
        for (frames, jobID, message) in cases {
            let reply = try IngestHandler().handle(frames)
            XCTAssertEqual(reply.count, 1)
            // Read as plain JSON: a record without a job id is no output line (RecordEnvelope refuses it).
            let r = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply[0])) as? [String: Any])
            XCTAssertEqual(r["job_id"] as? String, jobID)
            XCTAssertEqual(r["status"] as? String, "error")
            let e = try XCTUnwrap(r["error"] as? [String: Any])
            XCTAssertEqual(e["code"] as? String, ErrorCode.badJob.rawValue)
            XCTAssertTrue((e["message"] as? String ?? "").contains(message), "\(e)")
            XCTAssertEqual((r["source"] as? [String: Any])?["bytes"] as? Int, frames.count > 1 ? frames[1].count : 0)
        }
    }

    func testServedThroughTheBroker() throws {
        let cluster = try InProcessCluster(directory: temporaryDirectory(self))
        defer { cluster.stop() }
        try cluster.serve(.ingest, with: IngestHandler())
        try cluster.waitForWorker(.ingest)
        let client = try cluster.client(timeoutMs: 30_000)
        XCTAssertEqual(try record(try client.request(service: ServiceName.ingest.bytes, body: [header(), text])).status, .ok)
        guard case .error(let e) = try record(try client.request(service: ServiceName.ingest.bytes, body: [header()])).outcome else {
            return XCTFail("a one-frame job must be an error record")
        }
        XCTAssertEqual(e.code, .badJob)
    }
}
