import Foundation

/// A broker and N worker processes (this same binary) on a private ipc:// endpoint,
/// for `reportq run`. Stopped with SIGTERM (workers finish their job, then the broker).
final class LocalCluster {
    let endpoint: String
    private let directory: URL
    private var broker: Process?
    private var workers: [Process] = []

    init(workers n: Int, workerArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reportq-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        endpoint = "ipc://" + directory.appendingPathComponent("broker").path
        let me = LocalCluster.executable
        broker = try LocalCluster.spawn(me, ["broker", "--bind", endpoint])
        for _ in 0..<n {
            workers.append(try LocalCluster.spawn(me, ["worker", "--connect", endpoint, "--concurrency", "1"] + workerArguments))
        }
    }

    static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    private static func spawn(_ exe: URL, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        try p.run()
        return p
    }

    /// False once the broker or every worker has died (the run cannot finish).
    var isServing: Bool { (broker?.isRunning ?? false) && workers.contains { $0.isRunning } }

    func stop() {
        for w in workers where w.isRunning { kill(w.processIdentifier, SIGTERM) }
        LocalCluster.reap(workers, seconds: 10)
        if let b = broker, b.isRunning { kill(b.processIdentifier, SIGTERM) }
        LocalCluster.reap(broker.map { [$0] } ?? [], seconds: 5)
        workers = []; broker = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private static func reap(_ processes: [Process], seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while processes.contains(where: { $0.isRunning }) && Date() < deadline { usleep(10_000) }
        for p in processes where p.isRunning { kill(p.processIdentifier, SIGKILL) }
        for p in processes { p.waitUntilExit() }
    }

    deinit { if broker != nil { stop() } }
}
