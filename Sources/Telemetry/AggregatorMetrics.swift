import Prometheus

/// The aggregator's Prometheus metrics: lines written (and duplicates skipped by job id),
/// bytes, error records, and how long each fsync of the output file takes.
public final class AggregatorMetrics: @unchecked Sendable {
    public let registry: PrometheusCollectorRegistry
    let lines, duplicates, errors, bytes, rotations: Counter
    let fsyncLatency: DurationHistogram

    public static let fsyncBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .seconds(1),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        lines = registry.makeCounter(name: "reportq_aggregator_lines_written_total", help: "Result lines appended to the output.")
        duplicates = registry.makeCounter(name: "reportq_aggregator_duplicates_total", help: "Results skipped because their job id was already written.")
        errors = registry.makeCounter(name: "reportq_aggregator_error_records_total", help: "Lines written with status \"error\".")
        bytes = registry.makeCounter(name: "reportq_aggregator_bytes_written_total", help: "Bytes appended to the output.")
        rotations = registry.makeCounter(name: "reportq_aggregator_rotations_total", help: "Output file rotations.")
        fsyncLatency = registry.makeDurationHistogram(name: "reportq_aggregator_fsync_duration_seconds",
                                                      buckets: Self.fsyncBuckets, help: "Time one fsync of the output takes.")
    }

    public func lineWritten(bytes n: Int, isError: Bool) {
        lines.increment()
        bytes.increment(by: Int64(n))
        if isError { errors.increment() }
    }
    public func duplicateSkipped() { duplicates.increment() }
    public func rotated() { rotations.increment() }
    public func fsynced(nanoseconds: Int64) { fsyncLatency.recordNanoseconds(nanoseconds) }

    public func render() -> [UInt8] { registry.emitToBuffer() }
}
