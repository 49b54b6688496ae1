import Foundation
import XCTest

/// Fail fast and say why (issue 15): a dead, wrong or lost broker is named within seconds, an
/// endpoint without a transport gets the one meant, workers and aggregators say they are waiting,
/// and `push --wait` says when no aggregator is there to write the lines.
final class FailFastTests: ClusterTestCase {
    private func write(_ name: String, _ text: String = "二〇二六年政府工作报告\n") throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// Waits until the file holds `needle`; returns its text either way.
    @discardableResult
    private func waitForText(_ url: URL, _ needle: String, seconds: Double = 10) -> String {
        _ = waitUntil(seconds: seconds) { text(url).contains(needle) }
        return text(url)
    }

    /// `reportq push --broker tcp://127.0.0.1:1 f.txt` used to wait 30 s (500 files ~16 min) and
    /// say "refused (timeout)"; now every command that talks to a broker gives up within the
    /// 2 s connect timeout, names the endpoint, and exits 69.
    func testCommandsGiveUpOnADeadBrokerWithinSecondsNamingIt() throws {
        let file = try write("f.txt")
        let folder = dir.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for i in 0..<40 { try Data("报告 \(i)\n".utf8).write(to: folder.appendingPathComponent("f\(i).txt")) }
        let dead = ["tcp://127.0.0.1:1", ipcEndpoint("nobody")]
        let commands: [(String) -> [String]] = [
            { ["push", "--broker", $0, file.path] },
            { ["push", "--broker", $0, folder.path] },
            { ["push", "--broker", $0, "--wait", file.path] },
            { ["status", "--broker", $0] },
            { ["jobs", "list", "--broker", $0] },
        ]
        for endpoint in dead {
            for command in commands {
                let args = command(endpoint)
                let errors = dir.appendingPathComponent("err-\(UUID().uuidString.prefix(6))")
                let started = Date()
                let p = try reportq(args, errors: errors)
                XCTAssertEqual(waitExit(p, seconds: 60), 69, "\(args)")
                XCTAssertLessThan(Date().timeIntervalSince(started), 5, "\(args)")
                XCTAssertTrue(text(errors).contains("cannot reach the broker at \(endpoint): no answer to mmi.service within 2 s"),
                              "\(args): \(text(errors))")
            }
        }
    }

    /// libzmq's answer to an endpoint without a transport is "zmq error 22: Invalid argument";
    /// every endpoint option is checked first and names the endpoint meant (usage error, 64).
    func testEndpointsWithoutATransportGetTheOneMeant() throws {
        let file = try write("f.txt")
        let cases: [([String], String)] = [
            (["push", "--broker", "127.0.0.1:5555", file.path], "did you mean tcp://127.0.0.1:5555?"),
            (["status", "--broker", "localhost:5555"], "did you mean tcp://localhost:5555?"),
            (["worker", "--connect", "/tmp/reportq-broker"], "did you mean ipc:///tmp/reportq-broker?"),
            (["aggregator", "--connect", "5555", "--out", dir.appendingPathComponent("o.jsonl").path], "did you mean tcp://127.0.0.1:5555?"),
            (["broker", "--bind", "*:5555", "--journal", dir.appendingPathComponent("j").path], "did you mean tcp://*:5555?"),
            (["up", "--bind", "127.0.0.1:5555"], "did you mean tcp://127.0.0.1:5555?"),
            (["tail", "--connect", "http://10.0.0.1:5556"], "did you mean tcp://10.0.0.1:5556?"),
            (["push", "--broker", "tcp://host", file.path], "a tcp endpoint needs a port"),
            (["jobs", "show", "x.txt", "--broker", "127.0.0.1:5555"], "did you mean tcp://127.0.0.1:5555?"),
        ]
        for (args, expected) in cases {
            let errors = dir.appendingPathComponent("err-\(UUID().uuidString.prefix(6))")
            let p = try reportq(args, errors: errors)
            XCTAssertEqual(waitExit(p, seconds: 20), 64, "\(args)")
            XCTAssertTrue(text(errors).contains(expected), "\(args): \(text(errors))")
            XCTAssertFalse(text(errors).contains("zmq error"), "\(args): \(text(errors))")
        }
    }

    /// A broker that stops answering in the middle of a push: the first overdue reply makes push
    /// ask mmi.service, and it stops within the connect timeout, naming the broker, instead of
    /// spending every attempt of every remaining file (3 × --timeout each).
    func testPushStopsSoonOnceItsBrokerGoesSilent() throws {
        let endpoint = ipcEndpoint()
        let broker = try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        let folder = dir.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for i in 0..<3000 { try Data("报告 \(i)\n".utf8).write(to: folder.appendingPathComponent(String(format: "f%04d.txt", i))) }
        let ids = dir.appendingPathComponent("ids"), errors = dir.appendingPathComponent("errors")
        let push = try reportq(["push", "--broker", endpoint, "--timeout", "1", "--in-flight", "1", folder.path], output: ids, errors: errors)
        XCTAssertTrue(waitUntil(seconds: 30) { text(ids).contains("\n") }, "no job was stored: \(text(errors))")
        kill(broker.processIdentifier, SIGSTOP)
        defer { kill(broker.processIdentifier, SIGCONT) }
        let stopped = Date()
        XCTAssertEqual(waitExit(push, seconds: 60), 69)
        XCTAssertLessThan(Date().timeIntervalSince(stopped), 8)
        XCTAssertTrue(text(errors).contains("lost the broker at \(endpoint)"), text(errors))
        let stored = text(ids).split(separator: "\n").count
        XCTAssertGreaterThan(stored, 0)
        XCTAssertLessThan(stored, 3000, "the push ended before the broker was stopped: nothing was tested")
    }

    /// `push --wait` with no aggregator used to wait forever in silence.
    func testPushWaitWarnsWhenNoAggregatorIsRegistered() throws {
        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        let file = try write("f.txt")
        let errors = dir.appendingPathComponent("errors")
        let push = try reportq(["push", "--broker", endpoint, "--wait", file.path], errors: errors)
        let said = waitForText(errors, "no `collect` service is registered at \(endpoint)")
        XCTAssertTrue(said.contains("no `collect` service is registered at \(endpoint)"), said)
        XCTAssertTrue(said.contains("no `ingest` worker is registered at \(endpoint)"), said)
        XCTAssertTrue(push.isRunning, "it keeps waiting for the lines")
        kill(push.processIdentifier, SIGTERM)
        XCTAssertNotNil(waitExit(push, seconds: 20))
    }

    /// A worker or aggregator pointed at an address where no broker answers used to print
    /// nothing, forever; now it says it is waiting, and says so again when the broker comes.
    func testWorkersAndAggregatorsSayTheyWaitForTheBroker() throws {
        let endpoint = ipcEndpoint()
        let workerLog = dir.appendingPathComponent("worker.log"), aggregatorLog = dir.appendingPathComponent("aggregator.log")
        try reportq(["worker", "--connect", endpoint, "--echo", "--concurrency", "2"], errors: workerLog)
        try reportq(["aggregator", "--connect", endpoint, "--out", dir.appendingPathComponent("out.jsonl").path], errors: aggregatorLog)
        for (log, role) in [(workerLog, "worker"), (aggregatorLog, "aggregator")] {
            let said = waitForText(log, "\(role): waiting for broker at \(endpoint) (")
            XCTAssertTrue(said.contains("\(role): waiting for broker at \(endpoint) ("), said)
            XCTAssertFalse(said.contains("connected"), said)
        }
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        for (log, role) in [(workerLog, "worker"), (aggregatorLog, "aggregator")] {
            let said = waitForText(log, "\(role): connected to broker at \(endpoint)")
            XCTAssertTrue(said.contains("\(role): connected to broker at \(endpoint)"), said)
        }
        // Reached at once: nothing to say.
        let quiet = dir.appendingPathComponent("quiet.log")
        try reportq(["worker", "--connect", endpoint, "--echo", "--concurrency", "1"], errors: quiet)
        try waitForService(endpoint, "echo")
        usleep(3_000_000)
        XCTAssertFalse(text(quiet).contains("waiting for broker"), text(quiet))
    }
}
