import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// Requests to services nobody serves must not lock the workers out nor hold the broker's memory:
/// they wait a bounded time, a client that leaves takes its requests with it, a client may only
/// queue so many, names nobody serves leave the service table, and `status` never lists them.
final class BoundedServicesTests: ClusterTestCase {
    /// A DEALER speaking MDP/0.2 client frames (no REQ delimiter), requests sent without waiting.
    func flooder(_ endpoint: String) throws -> Socket {
        let s = try ctx.socket(.dealer)
        try s.setLinger(0)
        try s.setSendHighWaterMark(100_000)
        try s.setReceiveHighWaterMark(100_000)
        try s.connect(endpoint)
        return s
    }

    func request(_ s: Socket, _ service: String, _ body: [UInt8]) throws {
        try s.send([MDP.clientTag, [0x01], Array(service.utf8), body])
    }

    func status(_ endpoint: String) throws -> [String: Any] {
        let reply = try client(endpoint, timeoutMs: 2_000).request(service: "reportq.status", body: [])
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply.first ?? [])) as? [String: Any])
    }

    /// 2,000 requests to made-up services from two clients fill the service table (1,024) and
    /// hold 64 MB; workers still register and a normal push completes within 10 s; once the
    /// clients leave, their requests are dropped, the broker's RSS falls back under 2x idle and
    /// `status` shows no made-up name.
    func testMadeUpServicesNeitherLockOutWorkersNorHoldMemory() throws {
        let ep = ipcEndpoint()
        let out = dir.appendingPathComponent("out.jsonl")
        // Waiting requests expire only after a minute: here only their clients' leaving frees them.
        let broker = try startBroker(ep, journal: dir.appendingPathComponent("journal"), ["--unserved-timeout-ms", "60000"])
        _ = try status(ep)
        usleep(500_000)
        let idle = try XCTUnwrap(ProcessProbe.residentBytes(broker.processIdentifier))

        let big = try flooder(ep), small = try flooder(ep)
        let body = [UInt8](repeating: 0x61, count: 64 << 10)
        for i in 0..<1_000 { try request(big, "made-up-big-\(i)", body) }
        usleep(500_000)
        for i in 0..<1_000 { try request(small, "made-up-\(i)", Array("x".utf8)) }
        usleep(1_500_000)
        let flooded = ProcessProbe.residentBytes(broker.processIdentifier) ?? 0
        XCTAssertGreaterThan(flooded, idle + (48 << 20), "the flood should be held while its clients wait")

        // The table is full of names nobody serves: the real workers still get in.
        try startWorker(ep)
        try startAggregator(ep, out: out)
        let file = dir.appendingPathComponent("report.txt")
        try Data("二〇二六年政府工作报告\n各位代表：今年地区生产总值增长5%左右。\n".utf8).write(to: file)
        let started = Date()
        let ids = try push(ep, [file.path], seconds: 10)
        XCTAssertEqual(ids.count, 1)
        let lines = waitForLines(out, count: 1, seconds: max(0.1, 10 - Date().timeIntervalSince(started)))
        let took = Date().timeIntervalSince(started)
        XCTAssertEqual(lines.compactMap { $0["job_id"] as? String }, ids, "the push did not complete within 10 s")
        print("push completed in \(String(format: "%.2f", took)) s with the service table full")

        // The clients leave: their requests go, and the memory with them.
        big.close(); small.close()
        var rss = flooded
        XCTAssertTrue(waitUntil(seconds: 5) {
            rss = ProcessProbe.residentBytes(broker.processIdentifier) ?? .max
            return rss < 2 * idle
        }, "broker RSS \(rss >> 20) MB after the clients left; idle \(idle >> 20) MB")
        print("broker RSS: idle \(idle >> 20) MB, flooded \(flooded >> 20) MB, after the clients left \(rss >> 20) MB")
        let workers = try XCTUnwrap(status(ep)["workers"] as? [String: Int])
        XCTAssertEqual(Set(workers.keys), ["ingest", "collect"], "status lists made-up services: \(workers.keys.sorted().prefix(5))")
        XCTAssertEqual(workers["ingest"], 1)
    }

    /// A request for a service with no worker is answered (404) after --unserved-timeout-ms; a
    /// client past --max-queue-per-client is refused (503) at once.
    func testUnservedRequestsExpireAndEachClientIsBounded() throws {
        let ep = ipcEndpoint()
        try startBroker(ep, journal: dir.appendingPathComponent("journal"),
                        ["--unserved-timeout-ms", "1000", "--max-queue-per-client", "3"])
        _ = try status(ep)
        let s = try flooder(ep)
        try s.setReceiveTimeout(4_000)
        let sent = Date()
        for i in 0..<4 { try request(s, "nobody-serves-this", Array("r\(i)".utf8)) }
        var replies: [(ErrorReply, Double)] = []
        while replies.count < 4, let frames = try? s.receive(), frames.count >= 3 {
            if let e = ErrorReply(body: Array(frames.suffix(3))) { replies.append((e, Date().timeIntervalSince(sent))) }
        }
        XCTAssertEqual(replies.map(\.0.status), [503, 404, 404, 404], "\(replies)")
        if replies.count == 4 {
            XCTAssertLessThan(replies[0].1, 0.5, "the fourth request should be refused at once")
            XCTAssertGreaterThanOrEqual(replies[1].1, 0.9, "answered before the timeout")
            XCTAssertLessThan(replies[3].1, 3, "not answered within the timeout and a heartbeat or two")
            print("refused in \(Int(replies[0].1 * 1000)) ms; unserved answered in \(Int(replies[1].1 * 1000)) ms: \(replies[1].0.message)")
        }
        let workers = try XCTUnwrap(status(ep)["workers"] as? [String: Int])
        XCTAssertNil(workers["nobody-serves-this"])
    }
}
