/// A worker's job: turns a request body into a reply body. Runs on the session's job thread,
/// while the session thread keeps heartbeating with the broker.
public protocol RequestHandler: Sendable {
    func handle(_ body: [[UInt8]]) throws -> [[UInt8]]
}

/// Replies with the request body unchanged, optionally after a delay (benchmarks, tests).
public struct EchoHandler: RequestHandler {
    public let delayMs: Int
    public init(delayMs: Int = 0) { self.delayMs = delayMs }

    public func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        if delayMs > 0 { sleepMs(delayMs) }
        return body
    }
}
