import Foundation
import TestSupport
import XCTest
import Majordomo
import ZeroMQ

/// Garbage at the broker: random and truncated multipart messages from several DEALER and REQ
/// sockets, with and without MDP headers. Afterwards the broker is alive and answers correctly.
final class RobustnessTests: ClusterTestCase {
    func testTenThousandMalformedMessagesThenNormalTraffic() throws {
        let ep = ipcEndpoint()
        let log = dir.appendingPathComponent("broker.log")
        let broker = try reportq(["broker", "--bind", ep, "--heartbeat-ms", "200", "--max-message-bytes", "65536", "--verbose"],
                                 errors: log)
        try reportq(["worker", "--connect", ep, "--echo", "--concurrency", "2", "--heartbeat-ms", "200"])
        try waitForService(ep, "echo")

        var rng = SplitMix64(seed: 0x5eed)
        let dealers = try (0..<5).map { _ -> Socket in
            let s = try ctx.socket(.dealer)
            try s.setLinger(0)
            try s.setSendHighWaterMark(100_000)
            try s.connect(ep)
            return s
        }
        let prefixes: [[[UInt8]]] = [
            [], [[]], [MDP.clientTag], [[], MDP.clientTag], [MDP.workerTag], [[], MDP.workerTag],
            [MDP.clientTag, [0x01]], [MDP.workerTag, [0x04]], [MDP.workerTag, [0x01]], [MDP.workerTag, [0x05]],
            [MDP.workerTag, [0x02]], [MDP.clientTag, [0x03]], [[], MDP.clientTag, [0x02]],
        ]
        var sent = 0
        while sent < 10_000 {
            var frames = prefixes[Int(rng.next() % UInt64(prefixes.count))]
            for _ in 0..<Int(rng.next() % 5) {
                if rng.next() % 20 == 0 {
                    frames.append([UInt8](repeating: UInt8(truncatingIfNeeded: rng.next()), count: Int(rng.next() % 60_000)))
                } else {
                    frames.append((0..<Int(rng.next() % 16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
                }
            }
            if frames.isEmpty { frames = [[]] }
            if sent % 50 == 0 {
                // A REQ socket: one message (REQ adds the empty delimiter), then gone.
                let req = try ctx.socket(.req)
                try req.setLinger(100)
                try req.connect(ep)
                try req.send(frames)
                req.close()
            } else if sent % 100 == 1 {
                // Over the broker's 64 KiB frame limit: costs this peer its connection, not the broker.
                try dealers[4].send(frames + [[UInt8](repeating: 0xAB, count: 70_000)])
            } else {
                try dealers[sent % 4].send(frames)
            }
            sent += 1
        }
        usleep(500_000)
        XCTAssertTrue(broker.isRunning, "broker died on garbage")
        let c = try client(ep, timeoutMs: 5_000, attempts: 2)
        for i in 0..<50 {
            let body = [Array("after-\(i)".utf8), [UInt8](repeating: UInt8(i), count: i * 10)]
            XCTAssertEqual(try c.request(service: "echo", body: body), body)
        }
        XCTAssertEqual(try c.request(service: "mmi.service", body: [Array("echo".utf8)]), [Array("200".utf8)])
        XCTAssertTrue(broker.isRunning)
        // Clean exit, and the garbage really reached it (most of it counted as malformed).
        kill(broker.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(broker, seconds: 5), 0)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        func stat(_ name: String) -> Int {
            text.components(separatedBy: name + "=").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        }
        let handled = stat("malformed") + stat("requests")
        print("broker " + (text.components(separatedBy: "\n").last { $0.contains("stats") } ?? "no stats"))
        XCTAssertGreaterThan(handled, 7_000, "broker log: \(text.suffix(200))")
    }
}

