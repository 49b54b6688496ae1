import Prometheus

/// The broker's Prometheus metrics. The broker thread calls the event methods (cheap: one
/// dictionary lookup and an atomic add) and `sample` about once a second for the gauges.
/// Services get their own label up to `maxLabelledServices`; later names count as "other",
/// so garbage service names cannot blow up the registry.
public final class BrokerMetrics: @unchecked Sendable {
    public let registry: PrometheusCollectorRegistry
    public static let maxLabelledServices = 64
    public static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(120),
    ]

    /// Per-service handles, made once per service name.
    final class Service {
        let submitted, dispatched, done, failed, retried, refused: Counter
        let queueDepth, inFlight, workers: Gauge
        let latency: DurationHistogram

        init(_ r: PrometheusCollectorRegistry, _ name: String) {
            let l = [("service", name)]
            submitted = r.makeCounter(name: "reportq_broker_requests_submitted_total", labels: l, help: "Requests accepted into a service queue.")
            dispatched = r.makeCounter(name: "reportq_broker_requests_dispatched_total", labels: l, help: "Requests handed to a worker (retries included).")
            done = r.makeCounter(name: "reportq_broker_requests_done_total", labels: l, help: "Requests answered by a worker (FINAL).")
            failed = r.makeCounter(name: "reportq_broker_requests_failed_total", labels: l, help: "Requests given up after losing too many workers (500).")
            retried = r.makeCounter(name: "reportq_broker_requests_retried_total", labels: l, help: "Requests requeued after their worker was lost.")
            refused = r.makeCounter(name: "reportq_broker_requests_refused_total", labels: l, help: "Requests refused because the queue was full (503).")
            queueDepth = r.makeGauge(name: "reportq_broker_queue_depth", labels: l, help: "Requests waiting for a worker.")
            inFlight = r.makeGauge(name: "reportq_broker_in_flight", labels: l, help: "Requests held by a worker now.")
            workers = r.makeGauge(name: "reportq_broker_workers", labels: l, help: "Workers registered for the service.")
            latency = r.makeDurationHistogram(name: "reportq_broker_request_duration_seconds", labels: l,
                                              buckets: BrokerMetrics.latencyBuckets,
                                              help: "Time from a request's arrival to its FINAL reply.")
        }
    }

    private var services: [[UInt8]: Service] = [:]
    private var other: Service?
    let zapAdmitted, zapRefused, handshakeFailures, malformed: Counter
    let jobsStored, jobsDone, jobsFailed: Counter
    let jobsPending, journalBytes: Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        zapAdmitted = registry.makeCounter(name: "reportq_broker_zap_admitted_total", help: "CURVE handshakes admitted by the ZAP handler.")
        zapRefused = registry.makeCounter(name: "reportq_broker_zap_refused_total", help: "Handshakes refused by the ZAP handler (unknown key or no CURVE).")
        handshakeFailures = registry.makeCounter(name: "reportq_broker_handshake_failures_total", help: "Connections dropped during the ZMTP handshake.")
        malformed = registry.makeCounter(name: "reportq_broker_malformed_messages_total", help: "Messages dropped as malformed.")
        jobsStored = registry.makeCounter(name: "reportq_jobs_stored_total", help: "Jobs journaled (titanic.request acknowledged).")
        jobsDone = registry.makeCounter(name: "reportq_jobs_done_total", help: "Jobs whose output line was written (collect FINAL).")
        jobsFailed = registry.makeCounter(name: "reportq_jobs_failed_total", help: "Jobs that ended as error lines after the retry limit.")
        jobsPending = registry.makeGauge(name: "reportq_jobs_pending", help: "Journaled jobs not yet done.")
        journalBytes = registry.makeGauge(name: "reportq_journal_bytes", help: "Bytes in the broker's journal.")
    }

    /// Only the broker thread calls this (and the event methods), so the dictionary needs no lock.
    func service(_ name: [UInt8]) -> Service {
        if let s = services[name] { return s }
        if services.count >= Self.maxLabelledServices {
            if let other { return other }
            other = Service(registry, "other")
            return other!
        }
        let s = Service(registry, String(decoding: name, as: UTF8.self))
        services[name] = s
        return s
    }

    // MARK: events (broker thread)

    public func submitted(_ service: [UInt8]) { self.service(service).submitted.increment() }
    public func dispatched(_ service: [UInt8]) { self.service(service).dispatched.increment() }
    public func done(_ service: [UInt8], latencyMs: Int) {
        let s = self.service(service)
        s.done.increment()
        s.latency.record(.milliseconds(max(0, latencyMs)))
    }
    public func failed(_ service: [UInt8]) { self.service(service).failed.increment() }
    public func retried(_ service: [UInt8]) { self.service(service).retried.increment() }
    public func refused(_ service: [UInt8]) { self.service(service).refused.increment() }
    private var malformedSeen = 0
    /// The broker counts malformed messages in its stats; this brings the counter up to that total.
    public func syncMalformed(total: Int) {
        if total > malformedSeen { malformed.increment(by: Int64(total - malformedSeen)); malformedSeen = total }
    }

    /// Gauges from a snapshot of every service (queued, in flight, workers).
    public func sample(_ snapshot: [(name: [UInt8], queued: Int, inFlight: Int, workers: Int)]) {
        for entry in snapshot {
            let s = service(entry.name)
            s.queueDepth.set(Int64(entry.queued))
            s.inFlight.set(Int64(entry.inFlight))
            s.workers.set(Int64(entry.workers))
        }
    }

    // MARK: durable jobs (the Titanic layer calls these; job = one pushed file, end to end)

    public func jobStored() { jobsStored.increment() }
    public func jobDone() { jobsDone.increment() }
    public func jobFailed() { jobsFailed.increment() }
    public func journal(pendingJobs: Int, bytes: Int) {
        jobsPending.set(Int64(pendingJobs))
        journalBytes.set(Int64(bytes))
    }

    // MARK: security (ZAP thread; counters are atomic)

    public func zapAdmitted(_ n: Int = 1) { zapAdmitted.increment(by: Int64(n)) }
    public func zapRefused(_ n: Int = 1) { zapRefused.increment(by: Int64(n)) }
    public func handshakeFailed(_ n: Int = 1) { handshakeFailures.increment(by: Int64(n)) }

    /// The Prometheus text exposition of everything in the registry.
    public func render() -> [UInt8] { registry.emitToBuffer() }
}
