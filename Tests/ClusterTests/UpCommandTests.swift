import Foundation
import XCTest

/// `reportq up`: a local cluster that stays up, reachable from this machine only unless told.
final class UpCommandTests: ClusterTestCase {
    /// A port nobody listens on now (the kernel's pick for a socket bound to port 0).
    private func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The local addresses listening on TCP `port`, as /proc/net/tcp{,6} write them (hex).
    private func listeners(port: Int) -> [String] {
        let hexPort = String(format: ":%04X", port)
        return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap { file -> [String] in
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").dropFirst().compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[1].hasSuffix(hexPort), fields[3] == "0A" else { return nil }   // 0A: LISTEN
                return String(fields[1].dropLast(hexPort.count))
            }
        }
    }

    private func up(_ args: [String], errors: URL) throws -> Process {
        try reportq(["up", "--workers", "1", "--journal", dir.appendingPathComponent("journal").path,
                     "--out", dir.appendingPathComponent("out.jsonl").path] + args, errors: errors)
    }

    /// It used to bind tcp://*:5555: every interface, in plaintext.
    func testUpListensOnLoopbackUnlessToldOtherwise() throws {
        let port = try freePort()
        let errors = dir.appendingPathComponent("up.log")
        let up = try up(["--port", String(port)], errors: errors)
        XCTAssertTrue(waitUntil(seconds: 20) { !listeners(port: port).isEmpty }, "nothing listens on \(port)")
        XCTAssertEqual(listeners(port: port), ["0100007F"], "only 127.0.0.1")
        let file = dir.appendingPathComponent("f.txt")
        try Data("二〇二六年政府工作报告\n".utf8).write(to: file)
        XCTAssertEqual(try push("tcp://127.0.0.1:\(port)", [file.path]).count, 1)
        XCTAssertFalse(((try? String(contentsOf: errors, encoding: .utf8)) ?? "").contains("plaintext"))
        kill(up.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(up, seconds: 30), 0)
    }

    /// Told to listen on every interface, it does, and says what that means.
    func testUpOnEveryInterfaceWarnsItIsPlaintext() throws {
        let port = try freePort()
        let errors = dir.appendingPathComponent("up.log")
        let up = try up(["--bind", "tcp://*:\(port)"], errors: errors)
        XCTAssertTrue(waitUntil(seconds: 20) { !listeners(port: port).isEmpty }, "nothing listens on \(port)")
        XCTAssertEqual(listeners(port: port), ["00000000"])
        let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("up: the broker listens on tcp://*:\(port) in plaintext"), log)
        kill(up.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(up, seconds: 30), 0)
    }
}
