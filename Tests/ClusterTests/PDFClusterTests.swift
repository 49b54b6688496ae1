import Foundation
import XCTest
import TestSupport

/// PDFs through a real cluster. OCR takes seconds a page: a worker running it keeps heartbeating,
/// so the broker neither declares it dead nor gives its job to another attempt. PDFs a reader
/// must refuse are one error line each, and the worker goes on.
final class PDFClusterTests: ClusterTestCase {
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
        let ids = try push(ep, ["--timings", scan.path])      // stats.ocr_ms only with timings

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

    func testRefusedPDFsAreErrorLinesAndTheWorkerGoesOn() throws {
        let txt = try DocumentFixtures.corpusFile("2026_河北省")
        let good = try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("good.pdf"), ["--max-chars", "4000"])
        let whole = try Data(contentsOf: good)
        let truncated = dir.appendingPathComponent("truncated.pdf")
        try whole.prefix(whole.count / 3).write(to: truncated)
        let expected: [String: String] = [
            "good.pdf": "ok",
            "truncated.pdf": "pdf_malformed",
            "encrypted.pdf": "pdf_encrypted",
            "scanned.pdf": "pdf_no_text",
            "zero.pdf": "pdf_no_pages",
            "bomb.pdf": "too_large",
        ]
        try DocumentFixtures.textPDF(txt, to: dir.appendingPathComponent("encrypted.pdf"), ["--user-password", "secret", "--max-chars", "2000"])
        try DocumentFixtures.scannedPDF(good, pages: [1], dpi: 100, to: dir.appendingPathComponent("scanned.pdf"))
        try DocumentFixtures.oddPDF("zero-pages", to: dir.appendingPathComponent("zero.pdf"))
        try DocumentFixtures.oddPDF("bomb", to: dir.appendingPathComponent("bomb.pdf"))

        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        try startBroker(ep, journal: dir.appendingPathComponent("journal"), ["--max-attempts", "1"])
        let worker = try startWorker(ep)
        try startAggregator(ep, out: out)
        _ = try push(ep, expected.keys.sorted().map { dir.appendingPathComponent($0).path })
        let lines = waitForLines(out, count: expected.count, seconds: 60)
        XCTAssertEqual(lines.count, expected.count)
        for line in lines {
            let name = (line["source"] as? [String: Any])?["name"] as? String ?? "?"
            let outcome = line["status"] as? String == "ok" ? "ok" : (line["error"] as? [String: Any])?["code"] as? String
            XCTAssertEqual(outcome, expected[name], name)
        }
        XCTAssertTrue(worker.isRunning, "the worker died on a refused PDF")
    }
}
