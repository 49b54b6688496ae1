import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// The broker's Prometheus endpoint, scraped over real TCP by Python's urllib while an echo
/// worker is busy: queue depth and in-flight gauges, counters, the latency histogram, and the
/// HTTP server's limits (oversized and garbage requests get 431/400 and it keeps serving).
final class MetricsEndpointTests: ClusterTestCase {
    /// Runs a Python snippet with `sys.argv[1]` = base URL; returns stdout.
    func scrape(_ url: String, _ code: String) throws -> String {
        let out = dir.appendingPathComponent("scrape-\(UUID().uuidString.prefix(6)).out")
        let p = try python(["-c", code, url], output: out)
        XCTAssertEqual(waitExit(p, seconds: 15), 0, "python scraper failed")
        return try String(contentsOf: out, encoding: .utf8)
    }

    func metricsText(_ url: String) throws -> String {
        try scrape(url, """
            import sys, urllib.request
            r = urllib.request.urlopen(sys.argv[1] + "/metrics", timeout=5)
            assert r.status == 200, r.status
            assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4"), r.headers["Content-Type"]
            sys.stdout.write(r.read().decode())
            """)
    }

    /// The value of one sample line (`name{labels} value`), nil when absent.
    func value(_ text: String, _ sample: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1))
        }
        return nil
    }

    func testScrapeShowsQueueWorkAndLatency() throws {
        try requirePython(modules: ["urllib.request"])
        let endpoint = "tcp://127.0.0.1:\(try freeTCPPort())"
        let port = try freeTCPPort()
        let url = "http://127.0.0.1:\(port)"
        try reportq(["broker", "--bind", endpoint, "--metrics", "tcp://127.0.0.1:\(port)"])
        try reportq(["worker", "--echo", "--delay-ms", "500", "--connect", endpoint, "--concurrency", "1"])
        try waitForService(endpoint, "echo")

        let clients = try (0..<6).map { _ in try client(endpoint, timeoutMs: 10_000) }
        for (i, c) in clients.enumerated() { try c.send(service: Array("echo".utf8), body: [Array("job \(i)".utf8)]) }
        usleep(1_300_000)
        let busy = try metricsText(url)
        let queued = value(busy, #"reportq_broker_queue_depth{service="echo"}"#) ?? -1
        XCTAssertGreaterThan(queued, 0, busy)
        XCTAssertLessThan(queued, 6, busy)
        XCTAssertEqual(value(busy, #"reportq_broker_in_flight{service="echo"}"#), 1, busy)
        XCTAssertEqual(value(busy, #"reportq_broker_workers{service="echo"}"#), 1, busy)

        // Collect every reply, then the counters must account for all six.
        let deadline = Date().addingTimeInterval(15)
        var replies = 0
        var pending = Set(clients.indices)
        while !pending.isEmpty && Date() < deadline {
            for i in pending { if (try clients[i].receive()) != nil { pending.remove(i); replies += 1 } }
            usleep(20_000)
        }
        XCTAssertEqual(replies, 6)
        usleep(1_200_000)
        let idle = try metricsText(url)
        XCTAssertEqual(value(idle, #"reportq_broker_requests_submitted_total{service="echo"}"#), 6, idle)
        XCTAssertEqual(value(idle, #"reportq_broker_requests_dispatched_total{service="echo"}"#), 6, idle)
        XCTAssertEqual(value(idle, #"reportq_broker_requests_done_total{service="echo"}"#), 6, idle)
        XCTAssertEqual(value(idle, #"reportq_broker_queue_depth{service="echo"}"#), 0, idle)
        XCTAssertEqual(value(idle, #"reportq_broker_request_duration_seconds_count{service="echo"}"#), 6, idle)
        // Waiting in line counts: the last request took about 6 × 500 ms from arrival.
        XCTAssertGreaterThan(value(idle, #"reportq_broker_request_duration_seconds_sum{service="echo"}"#) ?? 0, 6 * 0.5)
        for name in ["reportq_broker_requests_failed_total", "reportq_broker_requests_retried_total",
                     "reportq_broker_zap_refused_total", "reportq_broker_handshake_failures_total"] {
            XCTAssertTrue(idle.contains("# TYPE \(name) counter"), name)
        }

        // Limits: a header past 8 KiB → 431, garbage → 400, unknown path → 404; still serving after.
        let statuses = try scrape(url, """
            import sys, socket, urllib.parse, urllib.request, urllib.error
            host, port = urllib.parse.urlparse(sys.argv[1]).hostname, urllib.parse.urlparse(sys.argv[1]).port
            def raw(data):
                s = socket.create_connection((host, port), timeout=5)
                s.sendall(data)
                reply = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk: break
                    reply += chunk
                return reply.split(b"\\r\\n")[0].decode()
            print(raw(b"GET /metrics HTTP/1.1\\r\\nX-Pad: " + b"a" * 10000 + b"\\r\\n\\r\\n"))
            print(raw(b"\\x00\\x01garbage\\r\\n\\r\\n"))
            try:
                urllib.request.urlopen(sys.argv[1] + "/secret", timeout=5)
            except urllib.error.HTTPError as e:
                print(e.code)
            print(urllib.request.urlopen(sys.argv[1] + "/metrics", timeout=5).status)
            """)
        XCTAssertEqual(statuses.split(separator: "\n").map(String.init),
                       ["HTTP/1.0 431 Request Header Fields Too Large", "HTTP/1.0 400 Bad Request", "404", "200"])
    }

    /// The durable path end to end: after pushed jobs (three good, one bad file) the aggregator's
    /// endpoint counts the lines, their bytes, the error line and the rotations, and the broker's the jobs.
    func testAggregatorAndJobCountersAfterPushedJobs() throws {
        try requirePython(modules: ["urllib.request"])
        let ep = ipcEndpoint()
        let brokerPort = try freeTCPPort(), aggregatorPort = try freeTCPPort()
        let out = dir.appendingPathComponent("out.jsonl")
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<3 { try Data("二〇二六年政府工作报告 \(i)\n各位代表：今年地区生产总值增长5%左右。\n".utf8).write(to: input.appendingPathComponent("w\(i).txt")) }
        try Data([0] + (0..<4095).map { _ in UInt8.random(in: 0...255) }).write(to: input.appendingPathComponent("bad.bin"))

        try startBroker(ep, journal: dir.appendingPathComponent("journal"), ["--metrics", "tcp://127.0.0.1:\(brokerPort)"])
        try startWorker(ep)
        // --rotate-bytes 1: every line after the first starts a new file (three rotations).
        try startAggregator(ep, out: out, ["--metrics", "tcp://127.0.0.1:\(aggregatorPort)", "--rotate-bytes", "1"])
        let push = try reportq(["push", "--broker", ep, "--wait", input.path], output: dir.appendingPathComponent("push.out"))
        // Exit 1: --wait counts the random bytes' error line as a failed job.
        XCTAssertEqual(waitExit(push, seconds: 60), 1)
        let files = [out] + (1...3).map { URL(fileURLWithPath: out.path + ".\($0)") }
        let lines = files.flatMap { outputLines($0) }
        XCTAssertEqual(lines.count, 4)
        let errorLines = lines.filter { $0["status"] as? String == "error" }.count
        XCTAssertEqual(errorLines, 1, "the random bytes must come back as an error line")

        let aggregator = try metricsText("http://127.0.0.1:\(aggregatorPort)")
        XCTAssertEqual(value(aggregator, "reportq_aggregator_lines_written_total"), 4, aggregator)
        XCTAssertEqual(value(aggregator, "reportq_aggregator_error_records_total"), Double(errorLines), aggregator)
        let size = try files.map { try FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int ?? -1 }.reduce(0, +)
        XCTAssertEqual(value(aggregator, "reportq_aggregator_bytes_written_total"), Double(size), aggregator)
        XCTAssertEqual(value(aggregator, "reportq_aggregator_duplicates_total"), 0, aggregator)
        XCTAssertEqual(value(aggregator, "reportq_aggregator_rotations_total"), 3, aggregator)
        XCTAssertGreaterThanOrEqual(value(aggregator, "reportq_aggregator_fsync_duration_seconds_count") ?? 0, 1, aggregator)

        // The broker's job gauges are refreshed on its heartbeat timer (500 ms here); both start at
        // 0, so "no job pending" alone can be the state before the first refresh (the jobs may all be
        // done by then): wait for a refresh that has seen the journal too.
        var broker = ""
        XCTAssertTrue(waitUntil(seconds: 10) {
            broker = (try? metricsText("http://127.0.0.1:\(brokerPort)")) ?? ""
            return value(broker, "reportq_jobs_pending") == 0 && (value(broker, "reportq_journal_bytes") ?? 0) > 0
        }, broker)
        XCTAssertEqual(value(broker, "reportq_jobs_stored_total"), 4, broker)
        XCTAssertEqual(value(broker, "reportq_jobs_done_total"), 4, broker)
        XCTAssertEqual(value(broker, "reportq_jobs_failed_total"), 0, broker)
        XCTAssertGreaterThan(value(broker, "reportq_journal_bytes") ?? 0, 0, broker)
    }

    func testMetricsEndpointMustBeTCPAndFree() throws {
        let taken = try freeTCPPort()
        let endpoint = "tcp://127.0.0.1:\(try freeTCPPort())"
        let first = try reportq(["broker", "--bind", endpoint, "--metrics", "tcp://127.0.0.1:\(taken)"])
        usleep(500_000)
        let err = dir.appendingPathComponent("second.err")
        // Its own journal: the first broker holds the lock on the default ./journal.
        let second = try reportq(["broker", "--bind", "tcp://127.0.0.1:\(try freeTCPPort())", "--metrics", "tcp://127.0.0.1:\(taken)",
                                  "--journal", dir.appendingPathComponent("journal2").path], errors: err)
        XCTAssertEqual(waitExit(second, seconds: 10), 1)
        XCTAssertTrue(try String(contentsOf: err, encoding: .utf8).contains("cannot bind metrics endpoint"))
        let bad = try reportq(["broker", "--bind", endpoint, "--metrics", "ipc:///tmp/x"], errors: dir.appendingPathComponent("bad.err"))
        XCTAssertEqual(waitExit(bad, seconds: 10), 64)
        XCTAssertTrue(first.isRunning)
    }
}
