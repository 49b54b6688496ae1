import Majordomo

public struct BrokerOptions: Sendable {
    public var endpoints: [String]
    public var heartbeatMs = MDP.defaultHeartbeatMs
    /// Missed heartbeat intervals before a worker counts as dead.
    public var liveness = MDP.defaultLiveness
    /// Requests a service may hold waiting for a worker; more are refused with 503.
    public var maxQueuedPerService = 10_000
    /// A client's request waits at most this long for a service that has no worker, then gets an
    /// error reply (404). 0: no limit.
    public var unservedTimeoutMs = 30_000
    /// Requests one client (routing id) may have waiting in service queues; more are refused with 503.
    public var maxQueuedPerClient = 1_000
    /// Distinct services the broker tracks; requests naming more are refused with 503.
    public var maxServices = 1_024
    /// Largest frame a peer may send (ZMQ_MAXMSGSIZE); larger ones cost the peer its connection.
    public var maxMessageBytes = 256 << 20
    /// Workers a request may lose (expired or gone while holding it) before the broker answers it
    /// with a 500 error reply instead of requeueing it again (0: requeue forever).
    public var maxAttempts = 5
    public var verbose = false
    /// Where `verbose` messages go (worker arrivals and expiries); stderr when nil.
    public var log: (@Sendable (String) -> Void)? = nil
    /// Z85 secret key: the ROUTER socket becomes a CURVE server (start a ZAPAuthenticator first).
    public var curveSecretKey: String? = nil

    public init(endpoints: [String]) { self.endpoints = endpoints }
}

/// Counters for logs and tests.
public struct BrokerStats: Sendable {
    public var requests = 0
    public var replies = 0
    public var requeued = 0
    public var refused = 0
    public var expiredWorkers = 0
    /// Client requests answered 404 after waiting `unservedTimeoutMs` for a service with no worker.
    public var unserved = 0
    /// Client requests dropped because their client's connection closed.
    public var abandoned = 0
    public var malformed = 0
}
