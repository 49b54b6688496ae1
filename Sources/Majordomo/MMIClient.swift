/// The client side of MMI (ZeroMQ RFC 8) over an MDPClient: `mmi.service` asks the broker whether
/// a service has workers. Any answer also proves the broker is there, which makes it the check a
/// client runs before it sends real work (the broker answers it itself, at once).
public enum MMIServiceReply: String, Sendable {
    /// "200": the service has at least one worker.
    case available = "200"
    /// "404": it has none (now).
    case unavailable = "404"
    /// "501": the broker does not implement that mmi.* name.
    case notImplemented = "501"
}

extension MDPClient {
    /// Asks `mmi.service` whether `service` has workers (one request: the client's timeout and
    /// attempts apply; `MDPClientError.timeout` when the broker never answers).
    public func mmiService(_ service: [UInt8]) throws -> MMIServiceReply {
        let reply = try request(service: MMIClient.service, body: [service])
        guard reply.count == 1, let answer = MMIServiceReply(rawValue: String(decoding: reply[0], as: UTF8.self)) else {
            throw MDPClientError.unexpectedReply(reply.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " | "))
        }
        return answer
    }
}

enum MMIClient {
    static let service: [UInt8] = Array("mmi.service".utf8)
}
