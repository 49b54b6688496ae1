import Foundation
import XCTest
import Majordomo

/// Third-party peers against our broker binary: RFC 18 frames written literally by a Python
/// peer, and Python majortomo (REQ-style framing, its own client numbering).
final class ConformanceTests: ClusterTestCase {
    func testLiteralRFCClientAndWorker() throws {
        try requirePython(modules: ["zmq"])
        let ep = ipcEndpoint()
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "200"])
        let worker = try peer(["worker", ep, "reverse", "20"])
        try waitForService(ep, "reverse")
        let client = try peer(["client", ep, "reverse", "20"])
        XCTAssertEqual(waitExit(client), 0, "RFC client peer failed (see stderr)")
        XCTAssertEqual(waitExit(worker), 0, "RFC worker peer failed (see stderr)")
        // The worker said DISCONNECT: the broker must have forgotten it.
        let c = try self.client(ep)
        XCTAssertEqual(try c.request(service: "mmi.service", body: [Array("reverse".utf8)]), [Array("404".utf8)])
    }

    func testMajortomoWorkersAndClientThroughOurBroker() throws {
        try requirePython(modules: ["zmq", "majortomo"])
        let ep = ipcEndpoint()
        try reportq(["broker", "--bind", ep, "--heartbeat-ms", "200"])
        let w1 = try peer(["majortomo-worker", ep, "reverse"])
        let w2 = try peer(["majortomo-worker", ep, "reverse"])
        try waitForService(ep, "reverse")
        // Our RFC client, served by majortomo workers (delimited framing on their side).
        let c = try client(ep)
        for i in 0..<20 {
            let body = [Array("swift-\(i)".utf8), [UInt8](repeating: UInt8(i), count: i * 100)]
            XCTAssertEqual(try c.request(service: "reverse", body: body), body.map { Array($0.reversed()) })
        }
        // A RFC peer client and majortomo's own client.
        XCTAssertEqual(waitExit(try peer(["client", ep, "reverse", "10"])), 0)
        XCTAssertEqual(waitExit(try peer(["majortomo-client", ep, "reverse", "10"])), 0)
        for w in [w1, w2] { kill(w.processIdentifier, SIGTERM) }
        for w in [w1, w2] { _ = waitExit(w, seconds: 10) }
    }

    /// The other way round: our worker binary (delimited framing, as majortomo's broker expects)
    /// serves requests through majortomo's Python broker, bodies of every size and shape coming
    /// back whole; on SIGTERM it says DISCONNECT and exits 0.
    func testOurWorkerServesThroughMajortomosBroker() throws {
        try requirePython(modules: ["zmq", "majortomo"])
        let ep = ipcEndpoint()
        let broker = try python(["-m", "majortomo.broker", "-b", ep])
        defer { kill(broker.processIdentifier, SIGTERM); _ = waitExit(broker, seconds: 10) }
        let worker = try reportq(["worker", "--connect", ep, "--echo", "--framing", "delimited", "--concurrency", "2"])
        let c = try MDPClient(context: ctx, endpoint: ep, framing: .majortomo, timeoutMs: 2_000, attempts: 5)
        let bodies: [[[UInt8]]] = [
            [Array("first".utf8)],
            [[]],
            [Array("two".utf8), Array("frames".utf8)],
            [[UInt8](repeating: 0x5A, count: 70_000)],
            (0..<5).map { [UInt8](repeating: UInt8($0), count: $0 * 1_000) },
        ]
        for body in bodies {
            XCTAssertEqual(try c.request(service: "echo", body: body), body)
        }
        kill(worker.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(worker, seconds: 10), 0)
    }
}
