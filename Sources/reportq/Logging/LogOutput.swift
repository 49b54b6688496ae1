import ArgumentParser
import Foundation
import Glibc
import JobContract
import JSONOutput
import Logging

/// How the long-running commands log (broker, worker, aggregator, run, up): swift-log's `Logger`
/// everywhere, this handler behind it. One line per message on stderr, with a UTC timestamp to the
/// millisecond, the level and the process's role, then the message and its metadata:
///
///     2026-12-06T03:19:50.123Z info worker: job done job_id=0193… path=reports/a.txt status=ok ms=12.3
///     {"ts":"2026-12-06T03:19:50.123Z","level":"info","label":"worker","message":"job done","job_id":"0193…",…}
///
/// The second form with `--log-format json` (REPORTQ_LOG_FORMAT=json). Levels: `--log-level`
/// (REPORTQ_LOG_LEVEL), default info.
struct LogOutput: LogHandler {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    let label: String
    let format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var all = metadata
        if let extra { all.merge(extra) { $1 } }
        let keys = all.keys.sorted()
        let now = Timestamp(milliseconds: LogOutput.nowMs()).description
        var text: String
        switch format {
        case .text:
            text = "\(now) \(level) \(label): \(message)"
            for k in keys { text += " \(k)=\(LogOutput.flatten(all[k]!))" }
            text += "\n"
        case .json:
            var w = JSONWriter(reservingCapacity: 256)
            w.beginObject()
            w.key("ts"); w.string(now)
            w.key("level"); w.string(level.rawValue)
            w.key("label"); w.string(label)
            w.key("message"); w.string(message.description)
            for k in keys where !["ts", "level", "label", "message"].contains(k) { w.key(k); w.string(LogOutput.flatten(all[k]!)) }
            w.endObject()
            text = String(decoding: w.bytes, as: UTF8.self) + "\n"
        }
        text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }   // one write per line: lines of processes sharing stderr do not mix
    }

    static func flatten(_ v: Logger.Metadata.Value) -> String {
        switch v {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return "[" + a.map(flatten).joined(separator: ",") + "]"
        case .dictionary(let d): return "{" + d.keys.sorted().map { "\($0)=\(flatten(d[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func nowMs() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--log-format` and `--log-level` of the long-running commands.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Log lines as text or json (one JSON object per line). Env: REPORTQ_LOG_FORMAT.")
    var logFormat: LogOutput.Format?

    @Option(name: .long, help: "Least level logged: trace, debug, info, notice, warning, error, critical (default info). Env: REPORTQ_LOG_LEVEL.")
    var logLevel: Logger.Level?

    var format: LogOutput.Format {
        logFormat ?? Env.optionalString("REPORTQ_LOG_FORMAT").flatMap { LogOutput.Format(rawValue: $0.lowercased()) } ?? .text
    }

    func level(default fallback: Logger.Level = .info) -> Logger.Level {
        logLevel ?? Env.optionalString("REPORTQ_LOG_LEVEL").flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? fallback
    }

    /// Makes every Logger of this process write through LogOutput; returns the command's own.
    @discardableResult
    func bootstrap(label: String) -> Logger {
        let format = self.format, level = self.level()
        LoggingSystem.bootstrap { LogOutput(label: $0, format: format, logLevel: level) }
        return Logger(label: label)
    }

    /// The environment for the processes a command starts (`run`, `up`): the same format, and the
    /// level asked for or else `defaultLevel`.
    func childEnvironment(defaultLevel: String) -> [String: String] {
        var env: [String: String] = ["REPORTQ_LOG_FORMAT": format.rawValue]
        env["REPORTQ_LOG_LEVEL"] = logLevel?.rawValue ?? Env.optionalString("REPORTQ_LOG_LEVEL") ?? defaultLevel
        return env
    }
}
