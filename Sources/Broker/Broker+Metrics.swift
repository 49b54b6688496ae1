import Telemetry

extension Broker {
    /// Gauges once a second from the broker thread; counters are bumped where things happen.
    func sampleMetrics(_ metrics: BrokerMetrics) {
        metrics.sample(serviceSnapshot())
        metrics.syncMalformed(total: stats.malformed)
    }
}
