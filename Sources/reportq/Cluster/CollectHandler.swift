import Aggregator
import Foundation
import Majordomo
import ZeroMQ

/// The aggregator's `collect` service: writes each [header, record] pair through the Collector
/// (append, one fsync per request, dedup by job id) and publishes every newly written line on
/// a PUB socket for remote `reportq tail --connect`. Runs on the worker session's thread only.
final class CollectHandler: RequestHandler, @unchecked Sendable {
    private let collector: Collector
    private let publisher: Socket?
    private let verbose: Bool
    private static let written = Array("200".utf8)

    init(collector: Collector, publisher: Socket?, verbose: Bool) {
        self.collector = collector
        self.publisher = publisher
        self.verbose = verbose
    }

    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        let statuses = collector.handle(body)
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
}
