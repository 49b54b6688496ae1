import Aggregator
import Foundation
import Majordomo
import Telemetry
import ZeroMQ

/// The aggregator's `collect` service: writes each [header, record] pair through the Collector
/// (append, one fsync per request, dedup by job id) and publishes every newly written line on
/// a PUB socket for remote `reportq tail --connect`. Runs on the worker session's thread only.
final class CollectHandler: RequestHandler, @unchecked Sendable {
    private let collector: Collector
    private let publisher: Socket?
    private let verbose: Bool
    private let metrics: AggregatorMetrics?
    private static let written = Array("200".utf8)
    private static let duplicate = Array("208".utf8)
    private static let errorStatus = Array(#""status":"error""#.utf8)

    init(collector: Collector, publisher: Socket?, verbose: Bool, metrics: AggregatorMetrics? = nil) {
        self.collector = collector
        self.publisher = publisher
        self.verbose = verbose
        self.metrics = metrics
    }

    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        let statuses = collector.handle(body)
        if let metrics {
            for (i, status) in statuses.enumerated() where 2 * i + 1 < body.count {
                if status == CollectHandler.written {
                    let line = body[2 * i + 1]
                    metrics.lineWritten(bytes: line.count + 1, isError: CollectHandler.isErrorRecord(line))
                } else if status == CollectHandler.duplicate {
                    metrics.duplicateSkipped()
                }
            }
        }
        if let publisher {
            for (i, status) in statuses.enumerated() where status == CollectHandler.written && 2 * i + 1 < body.count {
                try? publisher.send(body[2 * i + 1], dontWait: true)   // a slow subscriber loses lines, never blocks us
            }
        }
        if verbose || statuses.contains(where: { $0.first == UInt8(ascii: "5") }) {
            let failed = statuses.filter { $0.first == UInt8(ascii: "5") }
            if let f = failed.first { printError("aggregator: \(failed.count) of \(statuses.count) line(s) not written: " + String(decoding: f, as: UTF8.self)) }
        }
        return statuses
    }

    /// Whether a record is an error line. Both writers (ReportKit's RecordWriter and the broker's
    /// failure records) emit compact JSON, and a string value cannot hold an unescaped quote, so
    /// the bytes `"status":"error"` only occur as a key/value pair.
    static func isErrorRecord(_ line: [UInt8]) -> Bool {
        let needle = errorStatus
        guard line.count >= needle.count else { return false }
        return line.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                let first = n[0], last = hay.count - n.count
                var i = 0
                while i <= last {
                    if hay[i] == first && memcmp(hay.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
