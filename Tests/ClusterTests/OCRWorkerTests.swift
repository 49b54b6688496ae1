import Foundation
import XCTest
import TestSupport

/// OCR takes seconds a page: a worker running it keeps heartbeating, so the broker neither
/// declares it dead nor gives its job to another attempt.
final class OCRWorkerTests: ClusterTestCase {
    func testWorkerHeartbeatsThroughOCR() throws {
        // Two scanned pages of a corpus report.
        let pdf = try DocumentFixtures.textPDF(try DocumentFixtures.corpusFile("2026_河北省"), to: dir.appendingPathComponent("hb.pdf"),
                                               ["--max-chars", "2500"])
        let scan = try DocumentFixtures.scannedPDF(pdf, pages: [1, 2], dpi: 200, to: dir.appendingPathComponent("hb-scan.pdf"))

        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        let brokerLog = dir.appendingPathComponent("broker.log")
        // A worker is dead after 3 × 100 ms of silence; one lost attempt makes the job an error line.
        try reportq(["broker", "--bind", ep, "--journal", dir.appendingPathComponent("journal").path, "--heartbeat-ms", "100",
                     "--liveness", "3", "--max-attempts", "1", "--verbose"], errors: brokerLog)
        try reportq(["worker", "--connect", ep, "--concurrency", "1", "--heartbeat-ms", "100", "--ocr"])
        try reportq(["aggregator", "--connect", ep, "--out", out.path, "--heartbeat-ms", "100"])
        let ids = try push(ep, [scan.path])

        let lines = waitForLines(out, count: 1, seconds: 120)
        XCTAssertEqual(lines.count, 1)
        let record = try XCTUnwrap(lines.first)
        XCTAssertEqual(record["job_id"] as? String, ids.first)
        XCTAssertEqual(record["status"] as? String, "ok", "\(record["error"] ?? "")")
        XCTAssertEqual((record["source"] as? [String: Any])?["format"] as? String, "pdf-ocr")
        let stats = try XCTUnwrap(record["stats"] as? [String: Any])
        XCTAssertEqual(stats["ocr_pages"] as? Int, 2)
        // The OCR outlasted the heartbeat expiry many times over, or this test proves nothing.
        XCTAssertGreaterThan(stats["ocr_ms"] as? Double ?? 0, 3_000)
        XCTAssertEqual((record["document"] as? [String: Any])?["region"] as? String, "河北省")
        let log = (try? String(contentsOf: brokerLog, encoding: .utf8)) ?? ""
        XCTAssertFalse(log.contains("worker expired"), log)
    }
}
