import Aggregator
import Foundation
import Majordomo
import ZeroMQ

/// Where the records come from, as `reportq tail` reads them: the aggregator's output file
/// (followed from its first line, so the page starts with what has arrived so far, across
/// rotations) or its PUB socket (from the moment of subscribing).
public enum RecordFeedSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    /// The PUB endpoint, and the keys when the aggregator publishes over CURVE (as it does when the
    /// cluster runs CURVE): its public key as the server's, this peer's own pair.
    case publisher(String, curve: CurveClientKeys?)

    public var description: String {
        switch self {
        case .file(let path): return path
        case .publisher(let endpoint, let curve): return curve == nil ? endpoint : endpoint + " (CURVE)"
        }
    }
}

/// Reads lines from a RecordFeedSource on its own thread and hands them over in batches (`onLines`
/// returns once a batch is taken) until
/// stopped. A read error is logged by the caller's handler and retried: the feed never ends
/// the server.
final class RecordFeed: @unchecked Sendable {
    let source: RecordFeedSource
    private let context: Context
    private let stop = StopFlag()
    private let onLines: @Sendable ([[UInt8]]) -> Void
    private let onError: @Sendable (String) -> Void

    init(source: RecordFeedSource, context: Context, onLines: @escaping @Sendable ([[UInt8]]) -> Void,
         onError: @escaping @Sendable (String) -> Void) {
        self.source = source; self.context = context; self.onLines = onLines; self.onError = onError
    }

    func start() {
        let thread = Thread { [self] in
            switch source {
            case .file(let path): followFile(path)
            case .publisher(let endpoint, let curve): subscribe(endpoint, curve: curve)
            }
        }
        thread.name = "reportq.dashboard.feed"
        thread.start()
    }

    func cancel() { stop.set() }

    /// Polled every 100 ms, as `tail -f` does; the first polls read the history in 8 MiB steps.
    private func followFile(_ path: String) {
        let follower = LineFollower(path: path, from: .beginning)
        while !stop.isSet {
            do {
                let lines = try follower.poll(maxBytes: 8 << 20)
                if !lines.isEmpty { onLines(lines); continue }
            } catch {
                onError("reading \(path): \(error)")
            }
            usleep(100_000)
        }
    }

    private func subscribe(_ endpoint: String, curve: CurveClientKeys?) {
        while !stop.isSet {
            do {
                let sub = try context.subscriber(to: endpoint, curve: curve)
                while !stop.isSet {
                    do { onLines(try sub.receive()) } catch ZMQError.wouldBlock {}
                }
                sub.close()
            } catch {
                onError("subscribing to \(endpoint): \(error)")
                usleep(1_000_000)
            }
        }
    }
}
