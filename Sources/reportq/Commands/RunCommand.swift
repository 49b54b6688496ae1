import ArgumentParser
import Foundation
import Majordomo
import ZeroMQ

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process files on a local cluster (broker + worker processes) into JSON Lines.",
        discussion: "Directories are searched recursively. Lines are written in completion order, one per file.")

    @Argument(help: "Files or directories to process.")
    var paths: [String]

    @Option(name: [.short, .customLong("out")], help: "Output JSON Lines file.")
    var out: String

    @Option(name: .long, help: "Worker processes (default: number of cores).")
    var workers: Int?

    @Option(name: .long, help: "Seconds to wait for one file's result before resending it.")
    var timeout = 120

    @Option(name: .long, help: "Attempts per file before it becomes a timeout error line.")
    var attempts = 3

    @Flag(name: .long, help: "Use echo workers (cluster plumbing test; writes the job headers back).")
    var echo = false

    func validate() throws {
        guard (workers ?? 1) > 0, timeout > 0, attempts > 0 else {
            throw ValidationError("--workers, --timeout and --attempts must be positive")
        }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file or directory: \(path)")
        }
    }

    func run() throws {
        let files = try collectFiles(paths)
        let n = workers ?? ProcessInfo.processInfo.activeProcessorCount
        guard FileManager.default.createFile(atPath: out, contents: nil), let output = FileHandle(forWritingAtPath: out) else {
            printError("cannot write \(out)")
            throw ExitCode(2)
        }
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let started = Date()
        let cluster = try LocalCluster(workers: n, workerArguments: echo ? ["--echo", "--service", "ingest"] : [])
        defer { cluster.stop() }

        let context = try Context()
        let jobs = files.enumerated().map { FileJob(jobID: String($0.offset + 1), path: $0.element) }
        // Two requests in flight per worker: one being worked on, one waiting in the broker.
        let fanout = try JobFanout(context: context, endpoint: cluster.endpoint, service: "ingest",
                                   inFlight: min(jobs.count, 2 * n), timeoutMs: timeout * 1000, attempts: attempts)
        var written = 0, errors = 0
        var buffer = Data()
        do {
            try fanout.run(jobs, stop: stop, healthy: { cluster.isServing }) { _, record in
                if containsErrorStatus(record) { errors += 1 }
                buffer.append(contentsOf: record)
                buffer.append(0x0A)
                written += 1
                if buffer.count > 1 << 20 { output.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
        } catch is CancellationError {
            output.write(buffer)
            printError("interrupted after \(written) of \(jobs.count) files")
            throw ExitCode(130)
        } catch is ClusterDied {
            output.write(buffer)
            printError("the local broker or all workers died after \(written) of \(jobs.count) files")
            throw ExitCode(1)
        }
        output.write(buffer)
        try output.close()
        let seconds = Date().timeIntervalSince(started)
        printError(String(format: "%d files → %@ (%d error records) in %.2f s with %d workers", written, out, errors, seconds, n))
    }
}

/// Files under the given paths: files as given, directories recursively (hidden entries skipped), sorted.
func collectFiles(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    let fm = FileManager.default
    for path in paths {
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("no such file or directory: \(path)")
        }
        if !isDirectory.boolValue { files.append(path); continue }
        let base = URL(fileURLWithPath: path)
        guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                         options: [.skipsHiddenFiles]) else { continue }
        var found: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            found.append(url.path)
        }
        files += found.sorted()
    }
    return files
}

/// Cheap check for `"status":"error"` in a record (records are small; this is not a hot path).
private func containsErrorStatus(_ record: [UInt8]) -> Bool {
    let needle = Array("\"status\":\"error\"".utf8)
    guard record.count >= needle.count else { return false }
    for i in 0...(record.count - needle.count) where record[i] == needle[0] && Array(record[i..<i + needle.count]) == needle {
        return true
    }
    return false
}
