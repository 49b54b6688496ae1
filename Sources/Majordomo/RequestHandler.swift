import Dispatch
import ZeroMQ

/// A worker's job: turns a request body into a reply body. Runs on the session's job thread,
/// while the session thread keeps heartbeating with the broker.
public protocol RequestHandler: Sendable {
    func handle(_ body: [[UInt8]]) throws -> [[UInt8]]
    /// The same job on the request's frames as libzmq received them; the returned frames are
    /// sent as they are (shared with libzmq, not copied). The default copies the frames into
    /// arrays for `handle(_:)`; handlers that pass bytes through (echo, wrappers) implement it.
    func handle(frames body: OwnedFrames) throws -> OwnedFrames
}

extension RequestHandler {
    public func handle(frames body: OwnedFrames) throws -> OwnedFrames {
        OwnedFrames(try handle(body.bytes))
    }
}

/// Replies with the request body unchanged, optionally after a delay (benchmarks, tests).
public struct EchoHandler: RequestHandler {
    public let delayMs: Int
    public init(delayMs: Int = 0) { self.delayMs = delayMs }

    public func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        if delayMs > 0 { sleepMs(delayMs) }
        return body
    }

    /// The request's own frames go back: a 64 KiB body costs no copy and no allocation here.
    public func handle(frames body: OwnedFrames) throws -> OwnedFrames {
        if delayMs > 0 { sleepMs(delayMs) }
        return body
    }
}

/// Runs at most `slots` jobs at a time; the other sessions' jobs wait here, in arrival order
/// (worker prefetch: more sessions than slots, so a next job is at hand when one ends).
public final class SlotLimitedHandler: RequestHandler, @unchecked Sendable {
    private let inner: RequestHandler
    private let slots: DispatchSemaphore

    public init(inner: RequestHandler, slots: Int) {
        self.inner = inner
        self.slots = DispatchSemaphore(value: slots)
    }

    public func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        slots.wait()
        defer { slots.signal() }
        return try inner.handle(body)
    }

    public func handle(frames body: OwnedFrames) throws -> OwnedFrames {
        slots.wait()
        defer { slots.signal() }
        return try inner.handle(frames: body)
    }
}
