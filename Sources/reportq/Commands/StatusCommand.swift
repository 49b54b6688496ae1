import ArgumentParser
import Foundation
import JobContract
import Majordomo
import Titanic
import ZeroMQ

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the broker's queue: queued, in flight, done, failed, workers per service, jobs/s (service reportq.status).")

    @Option(name: .long, help: "Broker endpoint. Env: REPORTQ_BROKER.")
    var broker = Env.broker

    @Flag(name: .long, help: "Print the broker's JSON as is.")
    var json = false

    @Option(name: .long, help: "Seconds to wait for the broker's answer; no answer exits 1 (health checks use --timeout 2). Env: REPORTQ_TIMEOUT.")
    var timeout = Double(Env.int("REPORTQ_TIMEOUT", 5))

    @OptionGroup(title: "CURVE security") var curve: ClientCurveOptions
    @OptionGroup var check: BrokerCheckOptions

    func validate() throws {
        guard timeout > 0, timeout <= 3_600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        try BrokerCheck.endpoint(broker, option: "--broker")
    }

    func run() throws {
        let context = try Context()
        let keys = try curve.keys()
        let timeoutMs = max(1, Int(timeout * 1000))
        try BrokerCheck.exitingWhenUnreachable {
            try BrokerCheck.reach(broker, context: context, curve: keys, timeoutMs: min(timeoutMs, check.timeoutMs))
        }
        let client = try MDPClient(context: context, endpoint: broker, timeoutMs: timeoutMs, attempts: 1, curve: keys)
        let reply: [[UInt8]]
        do { reply = try client.request(service: ServiceName.status.bytes, body: []) } catch {
            printError("no answer from the broker at \(broker) within \(timeout) s: \(error)")
            throw ExitCode(1)
        }
        guard let frame = reply.first, let s = QueueStatus(frame: frame) else {
            printError("unexpected reply: \(reply.map { String(decoding: $0, as: UTF8.self) })")
            throw ExitCode(1)
        }
        if json { print(String(decoding: frame, as: UTF8.self)); return }
        print("queued        \(s.queued)")
        print("in flight     \(s.inFlight)")
        print("to collect    \(s.resultPending)")
        print("done          \(s.done)  (ok \(s.done - s.errorLines), error lines \(s.errorLines))")
        print("failed        \(s.failed)  (error lines written \(s.errorLines), given up and on their way \(s.failed - s.errorLines); "
              + "since start: poisoned \(s.poisoned), failed attempts \(s.failedAttempts))")
        if s.known > 0 { print("known         \(s.known)  (pushes of content already held, since start)") }
        print("jobs/s        \(String(format: "%.2f", s.jobsPerSecond))  (last 10 s)")
        print("journal       \(s.journalBytes) bytes")
        print("workers       " + (s.workers.isEmpty ? "none" : s.workers.keys.sorted().map { "\($0)=\(s.workers[$0]!)" }.joined(separator: " ")))
    }
}
