import ArgumentParser
import Foundation
import JobContract

/// How `extract`, `run` and `push` end (README "Exit codes"; docs/BATCHES.md).
enum BatchExit: Int32 {
    /// Every file has an ok line (or was skipped: its line was already there).
    case allOK = 0
    /// The command finished, but at least one file gave an error line or was refused; the
    /// summary on stderr names each with its error code.
    case filesFailed = 1
    /// The command could not finish: the output cannot be written, the local cluster died.
    case couldNotFinish = 2
    /// Ctrl-C (SIGINT) or SIGTERM: what was done is kept (`run` continues where it stopped).
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// What became of each file of a batch, for the summary a batch command ends with.
struct BatchOutcome {
    struct Failure {
        var path: String
        var code: String
        var message: String
    }
    var ok = 0
    var failures: [Failure] = []
    /// Files not processed because their line is already there (same content and version).
    var skipped = 0
    /// Files whose content another file of the same batch, or a job the broker holds, already has.
    var sameContent = 0

    var total: Int { ok + failures.count + skipped + sameContent }
    var failed: Int { failures.count }

    mutating func record(ok path: String) { ok += 1 }
    mutating func record(failed path: String, code: String, message: String) {
        failures.append(Failure(path: path, code: code, message: message))
    }

    /// Reads an output line's status and, for an error line, its code and message (the envelope
    /// only: error lines are short, ok lines are not parsed past their opening bytes).
    mutating func record(line: UnsafeRawBufferPointer, path: String) {
        if RecordEnvelope.status(of: line) == .error {
            if let e = try? RecordEnvelope.read(line), case .error(let error) = e.outcome {
                record(failed: path, code: error.code.rawValue, message: error.message)
            } else {
                record(failed: path, code: "error", message: "an error line")
            }
        } else {
            record(ok: path)
        }
    }

    var exit: BatchExit { failures.isEmpty ? .allOK : .filesFailed }

    /// The summary's lines: one of counts, then one per failed file (at most `limit`).
    ///   12 files: 9 ok, 2 failed, 1 already in out.jsonl (3.10 s)
    ///   failed  binary        in/bad.bin  (the file looks binary …)
    func summaryLines(what: String, seconds: Double?, alreadyIn output: String? = nil, limit: Int = 100) -> [String] {
        var parts = ["\(ok) ok", "\(failed) failed"]
        if skipped > 0 { parts.append("\(skipped) already in \(output ?? "the output")") }
        if sameContent > 0 { parts.append("\(sameContent) with the same content as another job") }
        var head = "\(total) file\(total == 1 ? "" : "s")\(what): " + parts.joined(separator: ", ")
        if let seconds { head += String(format: " (%.2f s)", seconds) }
        var lines = [head]
        let width = failures.prefix(limit).map(\.code.count).max() ?? 0
        for f in failures.prefix(limit) {
            let message = f.message.count > 120 ? String(f.message.prefix(119)) + "…" : f.message
            lines.append("failed  " + f.code.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + f.path
                         + (message.isEmpty ? "" : "  (\(message))"))
        }
        if failures.count > limit {
            lines.append("… and \(failures.count - limit) more failed file(s): jq -c 'select(.status == \"error\") | [.source.path, .error.code]'")
        }
        return lines
    }

    func printSummary(what: String = "", seconds: Double? = nil, alreadyIn output: String? = nil) {
        for line in summaryLines(what: what, seconds: seconds, alreadyIn: output) { printError(line) }
    }
}
