import Foundation
import JobContract
import Majordomo
import Telemetry
import ZeroMQ

/// The aggregator's `collect` service, as a worker session runs it: writes each [header, record]
/// pair through the Collector (append, one fsync per request, dedup by job id), counts what it
/// wrote in the metrics, and publishes every newly written line on a PUB socket for remote
/// `reportq tail --connect`. Runs on the worker session's thread only.
public final class CollectHandler: RequestHandler, @unchecked Sendable {
    private let collector: Collector
    private let publisher: Socket?
    private let verbose: Bool
    private let metrics: AggregatorMetrics?
    private let log: (String) -> Void

    public init(collector: Collector, publisher: Socket? = nil, verbose: Bool = false, metrics: AggregatorMetrics? = nil,
                log: @escaping (String) -> Void = { FileHandle.standardError.write(Data(("reportq: " + $0 + "\n").utf8)) }) {
        self.collector = collector
        self.publisher = publisher
        self.verbose = verbose
        self.metrics = metrics
        self.log = log
    }

    public func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        let statuses = collector.handle(body)
        for (i, status) in statuses.enumerated() where 2 * i + 1 < body.count {
            let line = body[2 * i + 1]
            switch status {
            case .written:
                metrics?.lineWritten(bytes: line.count + 1, isError: line.withUnsafeBytes { RecordEnvelope.status(of: $0) } == .error)
                try? publisher?.send(line, dontWait: true)   // a slow subscriber loses lines, never blocks us
            case .duplicate: metrics?.duplicateSkipped()
            case .refused: break
            }
        }
        let refused = statuses.filter { if case .refused = $0 { return true } else { return false } }
        if let first = refused.first { log("aggregator: \(refused.count) of \(statuses.count) line(s) not written: \(first)") }
        else if verbose { log("aggregator: \(statuses.count) line(s) written") }
        return statuses.map(\.frame)
    }
}
