/// reportq's error reply: a FINAL whose body is [MDP.errorTag, status, message]. The broker
/// sends it when it refuses a request (e.g. 503 queue full); workers when a handler throws (500).
/// Service replies never start with the tag, so the shape is unambiguous.
public struct ErrorReply: Equatable, Sendable, Error, CustomStringConvertible {
    public let status: Int
    public let message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    public var body: [[UInt8]] { [MDP.errorTag, Array(String(status).utf8), Array(message.utf8)] }

    /// The error carried by a reply body, or nil when the body is a normal reply.
    public init?(body: [[UInt8]]) {
        guard body.count == 3, body[0] == MDP.errorTag,
              let status = Int(String(decoding: body[1], as: UTF8.self)) else { return nil }
        self.status = status
        self.message = String(decoding: body[2], as: UTF8.self)
    }

    public var description: String { "\(status) \(message)" }
}
