import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// What other local users and other hosts can reach: the journal (every pushed document) is the
/// broker user's alone, a secret key others can read is refused, metrics given as a port alone
/// bind loopback.
final class ExposureTests: ClusterTestCase {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o777
    }

    func testJournalIsOwnerOnlyAndOlderJournalsAreTightened() throws {
        let ep = ipcEndpoint()
        let journal = dir.appendingPathComponent("journal")
        var broker = try startBroker(ep, journal: journal)
        let file = dir.appendingPathComponent("a.txt")
        try Data("二〇二六年政府工作报告\n".utf8).write(to: file)
        XCTAssertEqual(try push(ep, [file.path]).count, 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: journal.path)
        let segments = names.filter { $0.hasPrefix("seg-") }
        XCTAssertFalse(segments.isEmpty)
        XCTAssertEqual(mode(journal.path), 0o700, "journal directory")
        for name in names { XCTAssertEqual(mode(journal.appendingPathComponent(name).path), 0o600, name) }

        // As an older version left them: 0755 and 0644. A restart tightens them.
        kill(broker.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(broker, seconds: 5), 0)
        chmod(journal.path, 0o755)
        for name in segments { chmod(journal.appendingPathComponent(name).path, 0o644) }
        broker = try startBroker(ep, journal: journal)
        _ = try client(ep, timeoutMs: 5_000).request(service: "reportq.status", body: [])   // up: its journal is open
        XCTAssertEqual(mode(journal.path), 0o700, "journal directory after a restart")
        for name in segments { XCTAssertEqual(mode(journal.appendingPathComponent(name).path), 0o600, name) }
    }

    func testSecretKeyReadableByEveryoneIsRefused() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        let keys = dir.appendingPathComponent("keys")
        XCTAssertEqual(waitExit(try reportq(["keygen", "--out", keys.appendingPathComponent("broker").path])), 0)
        let secret = keys.appendingPathComponent("broker.key_secret").path
        let authorized = dir.appendingPathComponent("authorized")
        try FileManager.default.createDirectory(at: authorized, withIntermediateDirectories: true)
        func broker(_ log: String) throws -> Process {
            try reportq(["broker", "--bind", ipcEndpoint(), "--journal", dir.appendingPathComponent("journal").path,
                         "--curve-secret-key", secret, "--authorized-keys", authorized.path],
                        errors: dir.appendingPathComponent(log))
        }
        chmod(secret, 0o644)
        XCTAssertEqual(waitExit(try broker("world.log"), seconds: 10), 64, "a world-readable secret key must be refused")
        let refused = try String(contentsOf: dir.appendingPathComponent("world.log"), encoding: .utf8)
        XCTAssertTrue(refused.contains("readable by every user"), refused)

        chmod(secret, 0o640)            // as Kubernetes mounts secrets (0440): used, with a warning
        let b = try broker("group.log")
        XCTAssertTrue(waitUntil(seconds: 10) {
            ((try? String(contentsOf: self.dir.appendingPathComponent("group.log"), encoding: .utf8)) ?? "").contains("CURVE on")
        })
        XCTAssertTrue(b.isRunning)
        let warned = try String(contentsOf: dir.appendingPathComponent("group.log"), encoding: .utf8)
        XCTAssertTrue(warned.contains("WARNING: secret key \(secret) is readable by its group"), warned)
    }

    func testMetricsGivenAsAPortBindLoopbackOnly() throws {
        let port = try freeTCPPort()
        let log = dir.appendingPathComponent("broker.log")
        try reportq(["broker", "--bind", ipcEndpoint(), "--journal", dir.appendingPathComponent("journal").path,
                     "--metrics", String(port)], errors: log)
        XCTAssertTrue(waitUntil(seconds: 10) { self.canConnect("127.0.0.1", port) }, "no metrics on loopback")
        let text = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(text.contains("metrics at http://127.0.0.1:\(port)/metrics"), text)
        XCTAssertFalse(text.contains("every interface"), text)
        // Another address of this host must not answer (checked where the host has one).
        if let other = nonLoopbackIPv4() {
            XCTAssertFalse(canConnect(other, port), "metrics answer on \(other)")
        } else {
            print("no non-loopback IPv4 address here: only the bound address was checked")
        }
    }

    func canConnect(_ host: String, _ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr(host)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    func nonLoopbackIPv4() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var p = list
        while let a = p {
            defer { p = a.pointee.ifa_next }
            guard let sa = a.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            let ip = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { String(cString: inet_ntoa($0.pointee.sin_addr)) }
            if !ip.hasPrefix("127.") { return ip }
        }
        return nil
    }
}
