import ArgumentParser
import Broker
import CoreMetrics
import Foundation
import Prometheus
import Telemetry
import ZeroMQ

/// `--metrics tcp://*:9100`: a Prometheus endpoint (GET /metrics) served by the process.
struct MetricsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Serve Prometheus metrics over HTTP at this endpoint, e.g. tcp://*:9100 (GET /metrics). Env: REPORTQ_METRICS.", valueName: "endpoint"))
    var metrics: String?

    var endpoint: String? { environmentDefault(metrics, "REPORTQ_METRICS") }

    func validate() throws {
        if let e = endpoint, !e.hasPrefix("tcp://") { throw ValidationError("--metrics must be tcp://HOST:PORT, e.g. tcp://*:9100") }
    }

    /// Makes the process's registry the swift-metrics backend too, so libraries that report
    /// through swift-metrics show up on the same endpoint. Once per process.
    static func bootstrap(_ registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// Wires broker (and ZAP) metrics and starts the HTTP endpoint; nil without --metrics.
    func serve(broker: Broker, zap: ZAPAuthenticator?, context: Context) throws -> MetricsHTTPServer? {
        guard let endpoint else { return nil }
        let metrics = BrokerMetrics()
        MetricsOptions.bootstrap(metrics.registry)
        broker.metrics = metrics
        zap?.onEvent = { event in
            switch event {
            case .admitted: metrics.zapAdmitted()
            case .refused: metrics.zapRefused()
            case .handshakeFailed: metrics.handshakeFailed()
            }
        }
        let server = try MetricsHTTPServer(context: context, endpoint: endpoint) { metrics.render() }
        server.start()
        fputs("broker: metrics at http://\(endpoint.dropFirst(6))/metrics\n", stderr)
        return server
    }

    /// For the aggregator: its metrics type, registry bootstrapped, endpoint started (nil without --metrics).
    func serveAggregator(context: Context) throws -> (AggregatorMetrics, MetricsHTTPServer)? {
        guard let endpoint else { return nil }
        let metrics = AggregatorMetrics()
        MetricsOptions.bootstrap(metrics.registry)
        let server = try MetricsHTTPServer(context: context, endpoint: endpoint) { metrics.render() }
        server.start()
        return (metrics, server)
    }
}
