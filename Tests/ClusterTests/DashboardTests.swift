import Foundation
import XCTest

/// `reportq dashboard` against a real local cluster (broker, worker and aggregator processes),
/// in Debian's headless Chromium driven by Python playwright (Tests/tools/dashboard_driver.py):
/// the page loads without console errors, shows the broker's counts, a new row within 2 s of its
/// line landing, a failed job with its code; Retry from the page runs the job again and Cancel
/// cancels one. And the HTTP side: the token, the action header, bad input.
final class DashboardTests: ClusterTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let driver = root.appendingPathComponent("Tests/tools/dashboard_driver.py")
    /// Where the screenshot stays after the test (out/ is not in git).
    static let screenshot = root.appendingPathComponent("out/test-screenshots/dashboard.png")

    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// Starts `reportq dashboard` on a free loopback port; returns its base URL once it listens.
    private func startDashboard(_ endpoint: String, results: URL, _ extra: [String] = []) throws -> String {
        let log = dir.appendingPathComponent("dashboard-\(UUID().uuidString.prefix(4)).log")
        try reportq(["dashboard", "--listen", "127.0.0.1:0", "--broker", endpoint, "--file", results.path, "--poll-ms", "250"] + extra,
                    errors: log)
        var url: String?
        _ = waitUntil(seconds: 15) {
            url = self.text(log).split(separator: "\n").compactMap { line -> String? in
                guard let r = line.range(of: "dashboard: http://") else { return nil }
                return "http://" + line[r.upperBound...].prefix { $0 != " " }
            }.first
            return url != nil
        }
        return try XCTUnwrap(url, "the dashboard never said where it listens: \(text(log))")
    }

    private func drive(_ args: [String], seconds: Double = 90) throws -> [String: Any] {
        try requirePython(modules: ["playwright"])
        let out = dir.appendingPathComponent("driver-\(UUID().uuidString.prefix(4)).json")
        let p = try python([DashboardTests.driver.path] + args, output: out)
        XCTAssertEqual(waitExit(p, seconds: seconds), 0, "driver: \(text(out))")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text(out).utf8)) as? [String: Any], text(out))
    }

    func testPageShowsTheClusterAndResultsLiveAndActsOnJobs() throws {
        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        let worker = try startWorker(endpoint)
        let results = dir.appendingPathComponent("results.jsonl")
        try startAggregator(endpoint, out: results)
        try waitForService(endpoint, "ingest")
        try waitForService(endpoint, "collect")
        let url = try startDashboard(endpoint, results: results)
        let corpusFile = try XCTUnwrap(ClusterTestCase.corpusFiles.first { $0.lastPathComponent.hasPrefix("2026_") })

        let seen = try drive(["page", url, "--reportq", ClusterTestCase.binary.path, "--broker", endpoint, "--out", results.path,
                              "--corpus-file", corpusFile.path, "--screenshot", DashboardTests.screenshot.path,
                              "--worker-pid", String(worker.processIdentifier), "--dir", dir.path])
        XCTAssertNil(seen["failure"], "\(seen)")
        let checks = try XCTUnwrap(seen["checks"] as? [String: Any])
        // The console check catches a broken page, and this one has no error.
        XCTAssertFalse((seen["broken_page_errors"] as? [String] ?? []).isEmpty, "the console check must catch a deliberate error")
        XCTAssertEqual(seen["errors"] as? [String], [], "console errors on the dashboard")

        // The broker's counts: an empty queue, one worker per service.
        XCTAssertEqual(checks["queue_counts"] as? [String: String],
                       ["queued": "0", "in-flight": "0", "result-pending": "0", "done": "0", "failed": "0"])
        XCTAssertEqual(checks["workers"] as? String, "collect × 1, ingest × 1")

        // A report's row, within 2 s of its line landing, with its region and GDP target.
        let report = try XCTUnwrap(checks["report"] as? [String: Any])
        let lag = try XCTUnwrap(report["row_after_landing_ms"] as? Double, "\(report)")
        XCTAssertLessThan(lag, 2_000, "row \(lag) ms after the line landed")
        print("dashboard: row \(Int(lag)) ms after its line landed; page \(checks["page_bytes"] ?? "?") bytes of DOM")
        let lines = outputLines(results)
        let record = try XCTUnwrap(lines.first { $0["job_id"] as? String == report["job_id"] as? String })
        let document = try XCTUnwrap(record["document"] as? [String: Any])
        let cells = try XCTUnwrap(report["cells"] as? [String])
        XCTAssertEqual(cells.first, document["region"] as? String)
        XCTAssertEqual(cells[2], String(try XCTUnwrap(document["plan_year"] as? Int)))
        XCTAssertTrue(cells[3].contains("%"), "GDP target: \(cells)")
        XCTAssertEqual(checks["record_json_job_id"] as? String, report["job_id"] as? String, "the record's JSON link")
        XCTAssertEqual(checks["rows_when_filtered_out"] as? Int, 0)

        // The failed job shows the code its error line has; Retry runs it again under a new id.
        let failed = try XCTUnwrap(checks["failed"] as? [String: Any])
        let errorLine = try XCTUnwrap(lines.first { $0["job_id"] as? String == failed["job_id"] as? String })
        XCTAssertEqual(failed["code"] as? String, (errorLine["error"] as? [String: Any])?["code"] as? String)
        let retried = try XCTUnwrap(checks["retried"] as? [String: Any], "retry notice: \(checks["retry_notice"] ?? "")")
        XCTAssertEqual(retried["code"] as? String, failed["code"] as? String)
        XCTAssertEqual(retried["rows_of_file"] as? Int, 2, "the old error line stays, the retried job adds its own")
        XCTAssertTrue(outputLines(results).contains { $0["job_id"] as? String == retried["job_id"] as? String })

        // Cancel from the page: the held job's line is an error record, code cancelled.
        XCTAssertTrue((checks["cancel_notice"] as? String ?? "").contains("cancel"), "\(checks)")
        XCTAssertEqual(checks["cancelled_code"] as? String, "cancelled")
        XCTAssertEqual((checks["final_counts"] as? [String: String])?["queued"], "0")
        XCTAssertEqual(checks["panel_frame"] as? String, "reportq panel: 4 records so far", "the panel's page of every record")
        XCTAssertTrue(FileManager.default.fileExists(atPath: DashboardTests.screenshot.path))
    }

    func testTokenActionHeaderAndBadInput() throws {
        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        let results = dir.appendingPathComponent("results.jsonl")
        let token = "t0k3n-for-test"
        let url = try startDashboard(endpoint, results: results, ["--token", token])
        let seen = try drive(["access", url, "--token", token], seconds: 30)
        XCTAssertEqual(seen["page"] as? Int, 200, "the page holds no data")
        XCTAssertEqual(seen["events_without_token"] as? Int, 401)
        XCTAssertEqual(seen["panel_with_bearer"] as? Int, 200)
        XCTAssertEqual(seen["panel_with_cookie"] as? Int, 200)
        XCTAssertEqual(seen["panel_with_wrong_token"] as? Int, 401)
        XCTAssertEqual(seen["retry_without_action_header"] as? Int, 403)
        XCTAssertEqual(seen["retry_bad_id"] as? Int, 400)
        XCTAssertEqual(seen["record_bad_id"] as? Int, 400)
        XCTAssertEqual(seen["unknown_job_record"] as? Int, 404)
        XCTAssertEqual(seen["after_bad_input"] as? Int, 200, "bad input never takes the server down")
    }
}
