import ArgumentParser
import Broker
import CoreMetrics
import Foundation
import Prometheus
import Telemetry
import ZeroMQ

/// `--metrics tcp://*:9100`: a Prometheus endpoint (GET /metrics) served by the process.
struct MetricsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Serve Prometheus metrics over HTTP (GET /metrics): a port alone (9100) binds loopback only; tcp://HOST:PORT binds that address (tcp://*:9100: every interface, so anyone who can reach the host reads them). Env: REPORTQ_METRICS.", valueName: "port|endpoint"))
    var metrics: String?

    /// The endpoint to bind: a bare port (or ":PORT") means loopback, the safe default.
    var endpoint: String? {
        guard let value = environmentDefault(metrics, "REPORTQ_METRICS") else { return nil }
        let port = value.hasPrefix(":") ? String(value.dropFirst()) : value
        if let n = Int(port), (0...65535).contains(n) { return "tcp://127.0.0.1:\(n)" }
        return value
    }

    func validate() throws {
        if let e = endpoint, !e.hasPrefix("tcp://") { throw ValidationError("--metrics must be a port (9100: loopback) or tcp://HOST:PORT") }
    }

    /// Says so when the endpoint is open on every interface (a choice, e.g. for a scraper in a pod network).
    static func warnIfOpen(_ endpoint: String) {
        let host = endpoint.dropFirst(6).split(separator: ":").dropLast().joined(separator: ":")
        if ["*", "0.0.0.0", "[::]", "::"].contains(host) {
            fputs("reportq: metrics are served on every interface (\(endpoint)): anyone who can reach this host can read them; give a port alone to bind loopback\n", stderr)
        }
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
        MetricsOptions.warnIfOpen(endpoint)
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
        MetricsOptions.warnIfOpen(endpoint)
        let server = try MetricsHTTPServer(context: context, endpoint: endpoint) { metrics.render() }
        server.start()
        return (metrics, server)
    }
}
