import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// Real child processes for end-to-end tests: the `reportq` binary next to the test bundle,
/// python3 peers from Tests/peers. Every child still running is SIGKILLed in tearDown.
class ClusterTestCase: XCTestCase {
    var children: [Process] = []
    var dir: URL!
    var ctx: Context!

    override func setUpWithError() throws {
        ctx = try Context()
        dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("rq-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        for p in children where p.isRunning { kill(p.processIdentifier, SIGKILL) }
        for p in children { p.waitUntilExit() }
        children.removeAll()
        try? FileManager.default.removeItem(at: dir)
    }

    /// A fresh ipc:// endpoint (short path: ipc paths are limited to ~100 bytes).
    func ipcEndpoint(_ name: String = "broker") -> String { "ipc://" + dir.appendingPathComponent(name).path }

    static var binary: URL {
        let candidates = [
            Bundle(for: ClusterTestCase.self).bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/").deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("reportq") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static var peersDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("peers")
    }

    @discardableResult
    func launch(_ executable: URL, _ args: [String], output: URL? = nil, errors: URL? = nil) throws -> Process {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = dir          // defaults like the broker's ./journal land in the test's directory
        if let output {
            FileManager.default.createFile(atPath: output.path, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: output)
        }
        if let errors {
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            p.standardError = try FileHandle(forWritingTo: errors)
        }
        try p.run()
        children.append(p)
        return p
    }

    @discardableResult
    func reportq(_ args: [String], output: URL? = nil, errors: URL? = nil) throws -> Process {
        let bin = ClusterTestCase.binary
        guard FileManager.default.isExecutableFile(atPath: bin.path) else {
            XCTFail("reportq binary not found at \(bin.path); run `swift build` first")
            throw CocoaError(.fileNoSuchFile)
        }
        return try launch(bin, args, output: output, errors: errors)
    }

    func python(_ args: [String], output: URL? = nil) throws -> Process {
        let python = ["/usr/bin/env"]
        return try launch(URL(fileURLWithPath: python[0]), ["python3"] + args, output: output)
    }

    /// Fails with a clear message when python3 or a module is missing (the setup script installs them).
    func requirePython(modules: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", modules.map { "import \($0)" }.joined(separator: ";")]
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch {
            XCTFail("python3 not found on PATH (needed for conformance peers)"); throw error
        }
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            XCTFail("python3 lacks module(s) \(modules) — install with: pip install pyzmq majortomo")
            throw CocoaError(.featureUnsupported)
        }
    }

    func peer(_ args: [String]) throws -> Process {
        try python([ClusterTestCase.peersDirectory.appendingPathComponent("mdp_peer.py").path] + args)
    }

    /// Waits for a child to exit; fails (and kills it) past the deadline.
    func waitExit(_ p: Process, seconds: Double = 30, file: StaticString = #filePath, line: UInt = #line) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            XCTFail("process \(p.arguments ?? []) did not exit in \(seconds)s", file: file, line: line)
            return nil
        }
        return p.terminationStatus
    }

    func client(_ endpoint: String, timeoutMs: Int = 5_000, attempts: Int = 1) throws -> MDPClient {
        try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: timeoutMs, attempts: attempts)
    }

    /// Polls mmi.service until `service` has a worker.
    func waitForService(_ endpoint: String, _ service: String, seconds: Double = 15) throws {
        let c = try client(endpoint, timeoutMs: 500)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let reply = try? c.request(service: "mmi.service", body: [Array(service.utf8)]), reply == [Array("200".utf8)] { return }
            try? c.reconnect()
            usleep(50_000)
        }
        XCTFail("service \(service) never got a worker at \(endpoint)")
        throw MDPClientError.timeout(attempts: 0)
    }
}
