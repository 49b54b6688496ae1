import CZeroMQ

/// Typed setters for the options reportq uses. Times are milliseconds, sizes bytes.
extension Socket {
    /// How long close() may keep unsent messages (0: drop them at once).
    public func setLinger(_ ms: Int) throws { try setOption(ZMQ_LINGER, Int32(ms)) }
    public func setSendHighWaterMark(_ messages: Int) throws { try setOption(ZMQ_SNDHWM, Int32(messages)) }
    public func setReceiveHighWaterMark(_ messages: Int) throws { try setOption(ZMQ_RCVHWM, Int32(messages)) }
    public func setReceiveTimeout(_ ms: Int) throws { try setOption(ZMQ_RCVTIMEO, Int32(ms)) }
    /// A SUB socket takes messages starting with `prefix` (empty: all).
    public func subscribe(_ prefix: [UInt8] = []) throws { try setOption(ZMQ_SUBSCRIBE, bytes: prefix) }
    public func setSendTimeout(_ ms: Int) throws { try setOption(ZMQ_SNDTIMEO, Int32(ms)) }
    /// Peers sending a larger frame are disconnected (-1: no limit).
    public func setMaxMessageSize(_ bytes: Int) throws { try setOption(ZMQ_MAXMSGSIZE, Int64(bytes)) }
    /// ZMTP-level heartbeats (PING/PONG), independent of MDP heartbeats.
    public func setHeartbeat(intervalMs: Int, ttlMs: Int, timeoutMs: Int) throws {
        try setOption(ZMQ_HEARTBEAT_IVL, Int32(intervalMs))
        try setOption(ZMQ_HEARTBEAT_TTL, Int32(ttlMs))
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, Int32(timeoutMs))
    }
    /// ROUTER: fail with `hostUnreachable` instead of silently dropping messages to unknown peers.
    public func setRouterMandatory(_ on: Bool) throws { try setOption(ZMQ_ROUTER_MANDATORY, Int32(on ? 1 : 0)) }
    /// Queue messages only to completed connections.
    public func setImmediate(_ on: Bool) throws { try setOption(ZMQ_IMMEDIATE, Int32(on ? 1 : 0)) }
    public func setReconnectInterval(_ ms: Int, max: Int = 0) throws {
        try setOption(ZMQ_RECONNECT_IVL, Int32(ms))
        try setOption(ZMQ_RECONNECT_IVL_MAX, Int32(max))
    }

    public var routingID: [UInt8] {
        get { (try? getBytes(ZMQ_ROUTING_ID)) ?? [] }
    }
    public func setRoutingID(_ id: [UInt8]) throws { try setOption(ZMQ_ROUTING_ID, bytes: id) }

    // CURVE (RFC 26). Keys are 40-character Z85 strings.
    public func setCurveServer(secretKey: String) throws {
        try setOption(ZMQ_CURVE_SERVER, Int32(1))
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(secretKey.utf8))
    }
    public func setCurveClient(serverKey: String, publicKey: String, secretKey: String) throws {
        try setOption(ZMQ_CURVE_SERVERKEY, bytes: Array(serverKey.utf8))
        try setOption(ZMQ_CURVE_PUBLICKEY, bytes: Array(publicKey.utf8))
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(secretKey.utf8))
    }
    public func setZAPDomain(_ domain: String) throws { try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(domain.utf8)) }
}
