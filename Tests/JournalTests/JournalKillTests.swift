import Foundation
import Glibc
import TestSupport
import XCTest
@testable import Journal

/// Real process death: the test binary re-runs itself as a writer child (selected by an
/// environment variable), which submits jobs with fsync and prints each acknowledged id; the
/// parent kills it with SIGKILL at a random moment, several times over the same directory.
/// Every id the child printed must survive, with its body.
final class JournalKillTests: XCTestCase {
    static let childDirectory = "REPORTQ_JOURNAL_CHILD_DIR"

    func testWriterChild() throws {
        guard let dir = ProcessInfo.processInfo.environment[JournalKillTests.childDirectory] else {
            throw XCTSkip("runs only as the child of testSIGKILLedWriterLosesNoAcknowledgedJob")
        }
        var o = quietOptions()
        o.segmentBytes = 64 << 10          // rolls and compactions happen under the kill
        let j = try Journal.open(directory: dir, options: o)
        var i = Int(ProcessInfo.processInfo.environment["REPORTQ_JOURNAL_CHILD_START"] ?? "0")!
        while true {
            let id = try j.submit(header: header(i), body: body(i, size: 100 + (i * 131) % 5000))
            if i % 3 == 0 { try j.markDispatched(id); try j.markDone(id) }
            let line = "\(id) \(i)\n"
            line.withCString { _ = write(1, $0, strlen($0)) }
            i += 1
        }
    }

    func testSIGKILLedWriterLosesNoAcknowledgedJob() throws {
        let dir = temporaryDirectory(self)
        var acked: [(JobID, Int)] = []
        for round in 0..<5 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["JournalTests.JournalKillTests/testWriterChild"]
            var env = ProcessInfo.processInfo.environment
            env[JournalKillTests.childDirectory] = dir
            env["REPORTQ_JOURNAL_CHILD_START"] = String(round * 1_000_000)
            child.environment = env
            let pipe = Pipe()
            child.standardOutput = pipe
            child.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try child.run()
            usleep(UInt32.random(in: 300_000...900_000))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            for line in out.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let id = JobID(String(parts[0])), let n = Int(parts[1]) else { continue }
                acked.append((id, n))
            }
            let j = try Journal.open(directory: dir, options: quietOptions())
            for (id, n) in acked {
                guard let status = j.status(id) else { XCTFail("round \(round): acknowledged job \(n) lost"); continue }
                if status != .done { XCTAssertEqual(try j.load(id).body, body(n, size: 100 + (n * 131) % 5000)) }
            }
            j.shutdown()
        }
        print("kill test: \(acked.count) acknowledged jobs over 5 kills")
        XCTAssertGreaterThan(acked.count, 20, "the child must have written something")
    }
}
