import ArgumentParser
import Foundation
import JobContract
import Majordomo
import ZeroMQ

/// Benchmark tools driven by bench/broker.sh (which starts brokers, workers and these, and prints the table).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark tools (see bench/broker.sh).",
        subcommands: [BenchClient.self, BenchDirectEcho.self])
}

/// N MDP clients, each one request at a time (as MDP requires), for a fixed time.
/// Prints one line: `requests=… seconds=… rps=… p50_us=… p99_us=…`.
struct BenchClient: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client", abstract: "Measure request rate through a broker.")

    @Option(name: .long, help: "Endpoint(s), comma-separated; client i uses endpoint i mod count.")
    var connect: String

    @Option(name: .long) var clients = 1
    @Option(name: .long, help: "Body size in bytes.") var size = 100
    @Option(name: .long) var seconds = 3.0
    @Option(name: .long) var service = ServiceName.echo.rawValue
    @Option(name: .long, help: "rfc, delimited or majortomo.") var framing = "rfc"

    func run() throws {
        guard let framing = Framing(rawValue: framing) else { throw ValidationError("bad --framing") }
        let endpoints = connect.split(separator: ",").map(String.init)
        let context = try Context()
        // The load generator itself should cost little: the body is one libzmq message shared by
        // every send, and replies are checked by shape and size without copying them.
        let body = OwnedFrames([[UInt8](repeating: 0x61, count: size)])
        let head = MDPClientCommand.header(.request, service: Array(self.service.utf8), framing: framing)
        let replyFrames = MDPClientCommand.header(.final, service: Array(self.service.utf8), framing: framing).count + 1
        let results = BenchResults()
        let group = DispatchGroup()
        let warmup = 0.5, duration = seconds, size = self.size
        for i in 0..<clients {
            let socket = try context.socket(.dealer)
            try socket.setLinger(0)
            try socket.setReceiveTimeout(10_000)
            try socket.connect(endpoints[i % endpoints.count])
            group.enter()
            Thread {
                defer { group.leave() }
                let reply = ReceivedFrames()
                var latencies: [Int] = []
                latencies.reserveCapacity(200_000)
                let start = Date()
                var measuring = false
                var measuredStart = Date()
                var done = 0
                while true {
                    let elapsed = Date().timeIntervalSince(start)
                    if !measuring && elapsed >= warmup { measuring = true; measuredStart = Date() }
                    if measuring && Date().timeIntervalSince(measuredStart) >= duration { break }
                    let t0 = MonotonicClock.nowMicros()
                    do {
                        for frame in head { try socket.send(frame, more: true) }
                        try body.send(on: socket)
                        guard try reply.receive(from: socket) else { results.fail("no reply within 10 s"); return }
                        if reply.count != replyFrames || reply.size(reply.count - 1) != size { results.fail("bad reply"); return }
                    } catch { results.fail("\(error)"); return }
                    if measuring { latencies.append(MonotonicClock.nowMicros() - t0) }
                    done += 1
                }
                results.add(latencies, total: done)
            }.start()
        }
        group.wait()
        if let failure = results.failure { printError("bench client: \(failure)"); throw ExitCode(1) }
        let all = results.latencies.sorted()
        let n = all.count
        let p50 = n > 0 ? all[n / 2] : 0, p99 = n > 0 ? all[min(n - 1, n * 99 / 100)] : 0, max = all.last ?? 0
        // all= counts warm-up requests too (for CPU time per request over the whole run).
        print(String(format: "requests=%d all=%d seconds=%.3f rps=%.0f p50_us=%d p99_us=%d max_us=%d",
                     n, results.total, duration, Double(n) / duration, p50, p99, max))
    }
}

final class BenchResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var latencies: [Int] = []
    private(set) var failure: String?
    private(set) var total = 0
    func add(_ l: [Int], total n: Int) { lock.lock(); latencies += l; total += n; lock.unlock() }
    func fail(_ m: String) { lock.lock(); failure = failure ?? m; lock.unlock() }
}

extension MonotonicClock {
    static func nowMicros() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1_000_000 + ts.tv_nsec / 1_000
    }
}

/// The "no broker" baseline: a ROUTER that answers each MDP client REQUEST itself with the body echoed.
struct BenchDirectEcho: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "direct-echo", abstract: "Echo server clients talk to without a broker.")

    @Option(name: .long) var bind: String

    func run() throws {
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let context = try Context()
        let socket = try context.socket(.router)
        try socket.setLinger(0)
        try socket.bind(bind)
        var poller = Poller([socket])
        while !stop.isSet {
            guard try poller.poll(timeoutMs: 100) > 0 else { continue }
            while let frames = try? socket.receive(dontWait: true) {
                guard frames.count >= 2, case .request(let service, let body)? = try? MDPClientCommand.decode(frames[1...]) else { continue }
                var head: [[UInt8]] = [frames[0]]
                head.append(contentsOf: MDPClientCommand.header(.final, service: service, framing: .rfc))
                try? socket.send(head, body[...], dontWait: true)
            }
        }
    }
}
