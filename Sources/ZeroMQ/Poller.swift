import CZeroMQ

/// zmq_poll over a fixed set of sockets (and plain file descriptors after them), readability only
/// (all reportq needs).
public struct Poller {
    private var items: [zmq_pollitem_t]

    /// `fds`: plain descriptors watched after the sockets (e.g. a StopFlag's eventfd); their
    /// indexes for `isReadable` follow the sockets'.
    public init(_ sockets: [Socket], fds: [Int32] = []) {
        items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
            + fds.map { zmq_pollitem_t(socket: nil, fd: $0, events: Int16(ZMQ_POLLIN), revents: 0) }
    }

    /// Replaces the socket in slot `index` (after a reconnect on a fresh socket).
    public mutating func replace(_ index: Int, with socket: Socket) { items[index].socket = socket.handle }

    /// Waits up to `timeoutMs` (-1: forever). Returns how many sockets are readable.
    /// EINTR is retried with the full timeout; callers poll in short slices when they watch signals.
    @discardableResult
    public mutating func poll(timeoutMs: Int) throws -> Int {
        let n = items.count
        return Int(try items.withUnsafeMutableBufferPointer { buf in
            try check { zmq_poll(buf.baseAddress, Int32(n), timeoutMs) }
        })
    }

    public func isReadable(_ index: Int) -> Bool { items[index].revents & Int16(ZMQ_POLLIN) != 0 }
}
