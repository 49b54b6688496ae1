import Dispatch
import JobContract
import Majordomo
import Titanic
import ZeroMQ

/// The dashboard's one MDP client to the broker: the same calls `reportq status` and
/// `reportq jobs` make (reportq.status, titanic.list, titanic.retry, titanic.cancel), so the
/// page shows the CLI's numbers. A ZeroMQ socket belongs to one thread: every call runs on one
/// serial queue, and the async callers wait without holding a thread of the server's pool.
public final class BrokerLink: @unchecked Sendable {
    public let endpoint: String
    private let context: Context
    private let curve: CurveClientKeys?
    private let timeoutMs: Int
    private let queue = DispatchQueue(label: "reportq.dashboard.broker")
    private var client: TitanicClient?          // touched on `queue` only

    public init(context: Context, endpoint: String, curve: CurveClientKeys? = nil, timeoutMs: Int = 2_000) {
        self.context = context; self.endpoint = endpoint; self.curve = curve; self.timeoutMs = timeoutMs
    }

    /// reportq.status, as `reportq status` asks it.
    public func status() async throws -> QueueStatus {
        try await perform { client in
            let reply = try client.mdp.request(service: ServiceName.status.bytes, body: [])
            guard let frame = reply.first, let status = QueueStatus(frame: frame) else { throw TitanicClientError.unexpectedReply(reply) }
            return status
        }
    }

    /// One page of the jobs the query picks (titanic.list).
    public func jobs(_ query: TitanicJobQuery) async throws -> TitanicJobList {
        try await perform { try $0.list(query) }
    }

    /// titanic.retry of one job, as `reportq jobs retry ID`.
    public func retry(_ id: JobID) async throws -> TitanicRetry.Outcome? {
        try await perform { try $0.retry([id]).first?.outcome }
    }

    /// titanic.cancel, as `reportq jobs cancel ID`: nil when the broker does not know the job.
    public func cancel(_ id: JobID) async throws -> TitanicCancellation? {
        try await perform { try $0.cancel(id) }
    }

    private func perform<T: Sendable>(_ call: @escaping @Sendable (TitanicClient) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    let client = try self.client ?? TitanicClient(
                        // One attempt: a resent titanic.retry would store the job twice.
                        context: self.context, endpoint: self.endpoint, timeoutMs: self.timeoutMs, attempts: 1, curve: self.curve)
                    self.client = client
                    // After a timeout the client is on a fresh socket already (a late reply cannot answer the next call).
                    continuation.resume(returning: try call(client))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
