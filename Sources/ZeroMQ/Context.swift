import CZeroMQ
#if canImport(Glibc)
import Glibc
#endif

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

    private var terminated = false
    private var mutex = pthread_mutex_t()

    /// Ends the context now: waits until every socket made from it is closed and has handed
    /// libzmq's I/O thread what it still holds to send (up to each socket's linger). A process
    /// that sends a last message (a worker's final reply, its DISCONNECT) and exits must call this
    /// first: exiting does not wait for the I/O thread. Later calls, and deinit, do nothing.
    public func terminate() {
        pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }
        guard !terminated else { return }
        terminated = true
        // zmq_ctx_term waits for sockets to close; all our sockets close in their deinit.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit { terminate() }

    public func socket(_ type: SocketType) throws -> Socket { try Socket(context: self, type: type) }
}
