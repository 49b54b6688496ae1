import CZeroMQ

/// One event from a socket monitor (zmq_socket_monitor): what happened, its value
/// (an errno or protocol error code for failures), and the endpoint concerned.
public struct MonitorEvent: Sendable, Equatable {
    public let event: Int32
    public let value: UInt32
    public let endpoint: String

    public static let handshakeFailedNoDetail = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
    public static let handshakeFailedProtocol = ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
    public static let handshakeFailedAuth = ZMQ_EVENT_HANDSHAKE_FAILED_AUTH
    public static let handshakeSucceeded = ZMQ_EVENT_HANDSHAKE_SUCCEEDED
    /// A connection accepted, or closed: `value` is its descriptor.
    public static let accepted = ZMQ_EVENT_ACCEPTED
    public static let disconnected = ZMQ_EVENT_DISCONNECTED
    public static let handshakeFailures = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
        | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH

    /// Decodes the two frames a monitor PAIR socket receives (event id + value, endpoint).
    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        let f = frames[0]
        event = Int32(UInt16(f[0]) | UInt16(f[1]) << 8)
        value = UInt32(f[2]) | UInt32(f[3]) << 8 | UInt32(f[4]) << 16 | UInt32(f[5]) << 24
        endpoint = String(decoding: frames[1], as: UTF8.self)
    }

    /// A short reason for a handshake failure, for logs.
    public var reason: String {
        switch event {
        case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: return "refused by ZAP (status \(value))"
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
            if Int32(bitPattern: value) == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH {
                return "security mechanism mismatch (a plaintext peer?)"
            }
            return String(format0x: value, prefix: "protocol error ")
        case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
            return "peer hung up during the handshake (\(String(cString: zmq_strerror(Int32(bitPattern: value))))): wrong mechanism or keys?"
        default: return "event \(event)"
        }
    }
}

extension String {
    init(format0x value: UInt32, prefix: String) { self = prefix + "0x" + String(value, radix: 16) }
}

extension Socket {
    /// Publishes this socket's `events` (a ZMQ_EVENT_* mask) on an inproc PAIR endpoint;
    /// connect a `.pair` socket there to read them. Call from the thread that owns this socket.
    public func monitor(_ endpoint: String, events: Int32) throws {
        guard let h = handle else { preconditionFailure("socket used after close()") }
        _ = try check { zmq_socket_monitor(h, endpoint, events) }
    }
}
