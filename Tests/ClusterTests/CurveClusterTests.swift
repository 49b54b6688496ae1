import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// CURVE end to end with real processes over TCP: `reportq keygen` makes the keys, the broker
/// admits only the listed ones, a listed worker serves, an unknown key and a plaintext client get
/// nothing through, the broker logs both refusals, and its request counter shows that nothing
/// they sent reached a queue.
final class CurveClusterTests: ClusterTestCase {
    func keygen(_ name: String) throws -> CurveCertificate {
        let base = dir.appendingPathComponent("keys/\(name)").path
        let p = try reportq(["keygen", "--out", base])
        XCTAssertEqual(waitExit(p), 0)
        return try CurveCertificate.load(base + ".key_secret")
    }

    func testKeygenWritesCzmqCertificatesPyzmqCanRead() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        let cert = try keygen("node")
        let base = dir.appendingPathComponent("keys/node").path
        var st = stat()
        XCTAssertEqual(stat(base + ".key_secret", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(try CurveCertificate.load(base + ".key").publicKey, cert.publicKey)
        XCTAssertNil(try CurveCertificate.load(base + ".key").secretKey)
        // A second keygen on the same name refuses to overwrite the key.
        let again = try reportq(["keygen", "--out", base], errors: dir.appendingPathComponent("again.err"))
        XCTAssertEqual(waitExit(again), 1)
        XCTAssertEqual(try CurveCertificate.load(base + ".key_secret"), cert)

        // pyzmq's zmq.auth reads the same files (czmq's certificate format).
        try requirePython(modules: ["zmq.auth"])
        let out = dir.appendingPathComponent("py.out")
        let py = try python(["-c", "import zmq.auth,sys; p,s=zmq.auth.load_certificate(sys.argv[1]); print(p.decode(), s.decode())", base + ".key_secret"], output: out)
        XCTAssertEqual(waitExit(py), 0)
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
                       "\(cert.publicKey) \(cert.secretKey!)")
    }

    func testOnlyListedKeysGetThrough() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        let broker = try keygen("broker")
        let worker = try keygen("worker")
        let client = try keygen("client")
        let stranger = try keygen("stranger")
        let authorized = dir.appendingPathComponent("authorized")
        try FileManager.default.createDirectory(at: authorized, withIntermediateDirectories: true)
        for name in ["worker", "client"] {
            try FileManager.default.copyItem(at: dir.appendingPathComponent("keys/\(name).key"),
                                             to: authorized.appendingPathComponent("\(name).key"))
        }
        let keys = dir.appendingPathComponent("keys").path
        let endpoint = "tcp://127.0.0.1:\(try freeTCPPort())"
        let brokerLog = dir.appendingPathComponent("broker.err")
        let brokerProcess = try reportq(["broker", "--bind", endpoint, "--verbose",
                                         "--curve-secret-key", keys + "/broker.key_secret",
                                         "--authorized-keys", authorized.path], errors: brokerLog)
        let curveArgs = ["--curve-server-key", keys + "/broker.key"]
        try reportq(["worker", "--echo", "--connect", endpoint, "--concurrency", "1",
                     "--curve-secret-key", keys + "/worker.key_secret"] + curveArgs)
        // A worker with an unlisted key for its own service: it must never register.
        try reportq(["worker", "--echo", "--service", "stowaway", "--connect", endpoint, "--concurrency", "1",
                     "--curve-secret-key", keys + "/stranger.key_secret"] + curveArgs)

        let goodKeys = CurveClientKeys(serverKey: broker.publicKey, publicKey: client.publicKey, secretKey: client.secretKey!)
        let good = try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 500, attempts: 1, curve: goodKeys)
        var goodRequests = 0, goodReplies = 0
        func ask(_ service: String, _ body: [[UInt8]]) -> [[UInt8]]? {
            goodRequests += 1
            if let reply = try? good.request(service: service, body: body) { goodReplies += 1; return reply }
            try? good.reconnect()
            return nil
        }
        let deadline = Date().addingTimeInterval(20)
        while ask("mmi.service", [Array("echo".utf8)]) != [Array("200".utf8)] && Date() < deadline { usleep(100_000) }
        good.timeoutMs = 5_000
        XCTAssertEqual(ask("echo", [Array("hello".utf8)]), [Array("hello".utf8)], "a listed client through a listed worker")

        // An unknown key and a plaintext client: their requests time out.
        let badKeys = CurveClientKeys(serverKey: broker.publicKey, publicKey: stranger.publicKey, secretKey: stranger.secretKey!)
        let intruder = try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 1_500, attempts: 1, curve: badKeys)
        XCTAssertThrowsError(try intruder.request(service: "echo", body: [Array("let me in".utf8)]))
        let plain = try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 1_500, attempts: 1)
        XCTAssertThrowsError(try plain.request(service: "echo", body: [Array("plaintext".utf8)]))
        // The stranger's worker never registered its service.
        XCTAssertEqual(ask("mmi.service", [Array("stowaway".utf8)]), [Array("404".utf8)])

        // The monitor's event for the plaintext peer may come after its request timed out: give it time.
        _ = waitUntil(seconds: 5) {
            ((try? String(contentsOf: brokerLog, encoding: .utf8)) ?? "").contains("handshake failed from 127.0.0.1:")
        }
        kill(brokerProcess.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(brokerProcess, seconds: 10), 0)
        let log = try String(contentsOf: brokerLog, encoding: .utf8)
        XCTAssertTrue(log.contains("refused CURVE key \(stranger.publicKey)"), log)
        // The plaintext peer fails the handshake inside libzmq (mechanism mismatch, or the peer
        // hanging up first when it notices): logged from the monitor either way, with its address.
        XCTAssertTrue(log.contains("handshake failed from 127.0.0.1:"), log)
        // Every request the broker counted came from the listed client: at least those it answered,
        // at most those it sent (one that timed out before its handshake finished is dropped).
        let counted = log.components(separatedBy: "stats requests=").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? -1
        XCTAssertGreaterThanOrEqual(counted, goodReplies, log)
        XCTAssertLessThanOrEqual(counted, goodRequests, "more requests than the listed client sent:\n\(log)")
    }
}

extension CurveClusterTests {
    /// With CURVE on, the aggregator's PUB socket is a CURVE server: a listed `reportq tail
    /// --connect` with the aggregator's public key gets the lines; a plaintext subscriber and one
    /// with an unlisted key get nothing.
    func testPublishedLinesNeedCurveWhenTheBrokerRunsIt() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        for name in ["broker", "worker", "aggregator", "pusher", "tail", "stranger", "dashboard"] { _ = try keygen(name) }
        let keys = dir.appendingPathComponent("keys").path
        let authorized = dir.appendingPathComponent("authorized"), readers = dir.appendingPathComponent("readers")
        for (folder, names) in [(authorized, ["worker", "aggregator", "pusher", "dashboard"]), (readers, ["tail", "dashboard"])] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in names { try FileManager.default.copyItem(atPath: keys + "/\(name).key", toPath: folder.path + "/\(name).key") }
        }
        let endpoint = "tcp://127.0.0.1:\(try freeTCPPort())", publish = "tcp://127.0.0.1:\(try freeTCPPort())"
        let toBroker = ["--curve-server-key", keys + "/broker.key"]
        try reportq(["broker", "--bind", endpoint, "--journal", dir.appendingPathComponent("journal").path,
                     "--curve-secret-key", keys + "/broker.key_secret", "--authorized-keys", authorized.path])
        try reportq(["worker", "--connect", endpoint, "--concurrency", "1", "--curve-secret-key", keys + "/worker.key_secret"] + toBroker)
        let out = dir.appendingPathComponent("out.jsonl")
        let aggregatorLog = dir.appendingPathComponent("aggregator.log")
        try reportq(["aggregator", "--connect", endpoint, "--out", out.path, "--publish", publish,
                     "--publish-authorized-keys", readers.path, "--curve-secret-key", keys + "/aggregator.key_secret"] + toBroker,
                    errors: aggregatorLog)
        let listed = dir.appendingPathComponent("tail.out"), plain = dir.appendingPathComponent("plain.out")
        let stranger = dir.appendingPathComponent("stranger.out")
        try reportq(["tail", "--connect", publish, "--curve-publisher-key", keys + "/aggregator.key",
                     "--curve-secret-key", keys + "/tail.key_secret"], output: listed)
        try reportq(["tail", "--connect", publish], output: plain)
        try reportq(["tail", "--connect", publish, "--curve-publisher-key", keys + "/aggregator.key",
                     "--curve-secret-key", keys + "/stranger.key_secret"], output: stranger)
        // The dashboard reads the same stream with its keys (and asks the broker with them).
        let dashboardLog = dir.appendingPathComponent("dashboard.log")
        try reportq(["dashboard", "--listen", "127.0.0.1:0", "--broker", endpoint, "--subscribe", publish,
                     "--curve-publisher-key", keys + "/aggregator.key", "--curve-secret-key", keys + "/dashboard.key_secret"] + toBroker,
                    errors: dashboardLog)
        var dashboard: String?
        XCTAssertTrue(waitUntil(seconds: 15) {
            dashboard = ((try? String(contentsOf: dashboardLog, encoding: .utf8)) ?? "").components(separatedBy: "dashboard: http://").dropFirst()
                .first.map { "http://" + String($0.prefix { $0 != " " }) }
            return dashboard != nil
        })
        XCTAssertTrue(waitUntil(seconds: 10) {
            ((try? String(contentsOf: aggregatorLog, encoding: .utf8)) ?? "").contains("publishing on")
        })
        sleep(1)                                                  // subscribers connect before the line goes out
        let file = dir.appendingPathComponent("report.txt")
        try Data("二〇二六年政府工作报告\n各位代表：今年地区生产总值增长5%左右。\n".utf8).write(to: file)
        let push = try reportq(["push", "--broker", endpoint, "--curve-secret-key", keys + "/pusher.key_secret"] + toBroker + [file.path])
        XCTAssertEqual(waitExit(push), 0)
        XCTAssertTrue(waitUntil(seconds: 30) { self.outputLines(listed).count == 1 }, "the listed tail got no line")
        sleep(1)
        XCTAssertEqual(outputLines(out).first?["job_id"] as? String, outputLines(listed).first?["job_id"] as? String)
        XCTAssertEqual(outputLines(plain).count, 0, "a plaintext subscriber read the line")
        XCTAssertEqual(outputLines(stranger).count, 0, "an unlisted key read the line")
        let job = try XCTUnwrap(outputLines(out).first?["job_id"] as? String)
        let base = try XCTUnwrap(dashboard, "the dashboard never said where it listens")
        XCTAssertTrue(waitUntil(seconds: 10) { self.httpStatus(base + "records/" + job) == 200 },
                      "the dashboard did not get the line over CURVE: \((try? String(contentsOf: dashboardLog, encoding: .utf8)) ?? "")")
    }

    /// GET's status code (python3's urllib; 0 when nothing answers).
    func httpStatus(_ url: String) -> Int {
        let out = dir.appendingPathComponent("http-\(UUID().uuidString.prefix(4)).txt")
        let script = "import sys, urllib.request, urllib.error\ntry:\n print(urllib.request.urlopen(sys.argv[1], timeout=5).status)\n"
            + "except urllib.error.HTTPError as e:\n print(e.code)\nexcept Exception:\n print(0)"
        guard let p = try? python(["-c", script, url], output: out), waitExit(p, seconds: 15) == 0 else { return 0 }
        return Int(((try? String(contentsOf: out, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

/// A TCP port nobody listens on right now (the kernel picks it; we release it at once).
func freeTCPPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
    }
    guard ok else { throw CocoaError(.fileNoSuchFile) }
    return Int(UInt16(bigEndian: addr.sin_port))
}
