import CZeroMQ

/// A libzmq context. Thread-safe (libzmq guarantees it); sockets made from it are not.
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init(ioThreads: Int = 1) throws {
        guard let h = zmq_ctx_new() else { throw ZMQError.current() }
        handle = h
        if ioThreads != 1 { _ = zmq_ctx_set(h, ZMQ_IO_THREADS, Int32(ioThreads)) }
    }

    /// Makes blocking calls on every socket of this context fail with `contextTerminated`.
    public func shutdown() { _ = zmq_ctx_shutdown(handle) }

    deinit {
        // zmq_ctx_term waits for sockets to close; all our sockets close in their deinit.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    public func socket(_ type: SocketType) throws -> Socket { try Socket(context: self, type: type) }
}
