import CZeroMQ

/// One libzmq socket. Use it from one thread at a time (libzmq's rule).
/// Messages are multipart: `[[UInt8]]`, one array per frame.
public final class Socket: @unchecked Sendable {
    // Unchecked: a socket is used from one thread at a time, and this is read on every send and receive.
    @exclusivity(unchecked) public private(set) var handle: UnsafeMutableRawPointer?
    public let type: SocketType
    let context: Context                  // keeps the context alive while the socket is open

    init(context: Context, type: SocketType) throws {
        guard let h = zmq_socket(context.handle, type.rawValue) else { throw ZMQError.current() }
        self.handle = h
        self.type = type
        self.context = context
    }

    deinit { close() }

    public func close() {
        if let h = handle { zmq_close(h); handle = nil }
    }

    private var h: UnsafeMutableRawPointer {
        guard let h = handle else { preconditionFailure("socket used after close()") }
        return h
    }

    // MARK: endpoints

    public func bind(_ endpoint: String) throws { _ = try check { zmq_bind(h, endpoint) } }
    public func unbind(_ endpoint: String) throws { _ = try check { zmq_unbind(h, endpoint) } }
    /// An ipc:// endpoint is a broker on this machine, typically one that `reportq run` started a
    /// moment ago and that may not have bound yet: retries come after 10, 20, 40, 80 ms, then every
    /// 100 ms as libzmq's default (which waits 100 ms for the first retry too).
    public func connect(_ endpoint: String) throws {
        if endpoint.hasPrefix("ipc://") { try setReconnectInterval(10, max: 100) }
        _ = try check { zmq_connect(h, endpoint) }
    }
    public func disconnect(_ endpoint: String) throws { _ = try check { zmq_disconnect(h, endpoint) } }

    /// The endpoint actually bound (useful after binding `tcp://127.0.0.1:*`).
    public var lastEndpoint: String {
        var buffer = [CChar](repeating: 0, count: 512)
        var size = buffer.count
        _ = zmq_getsockopt(h, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(cString: buffer)
    }

    // MARK: sending

    /// Sends one frame; `more` marks that further frames of the same message follow.
    public func send(_ frame: [UInt8], more: Bool = false, dontWait: Bool = false) throws {
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        _ = try frame.withUnsafeBytes { buf in
            try check { zmq_send(h, buf.baseAddress, buf.count, flags) }
        }
    }

    /// Sends a whole multipart message. With `dontWait`, EAGAIN on the first frame throws
    /// `wouldBlock` and nothing is sent (libzmq queues a message atomically).
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws {
        if frames.isEmpty { return }
        let last = frames.count - 1
        for i in 0...last {
            try send(frames[i], more: i < last, dontWait: dontWait)
        }
    }

    /// Sends a prefix of frames followed by a body, without building one array of both.
    public func send(_ head: [[UInt8]], _ body: ArraySlice<[UInt8]>, dontWait: Bool = false) throws {
        let total = head.count + body.count
        var i = 0
        for frame in head { i += 1; try send(frame, more: i < total, dontWait: dontWait) }
        for frame in body { i += 1; try send(frame, more: i < total, dontWait: dontWait) }
    }

    // MARK: receiving

    /// Receives one whole multipart message. With `dontWait`, throws `wouldBlock` if none is queued.
    /// With ZMQ_RCVTIMEO set, throws `wouldBlock` on timeout.
    public func receive(dontWait: Bool = false) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        frames.reserveCapacity(8)
        var msg = zmq_msg_t()
        zmq_msg_init(&msg)
        defer { zmq_msg_close(&msg) }
        var flags = dontWait ? ZMQ_DONTWAIT : 0
        while true {
            _ = try check { zmq_msg_recv(&msg, h, flags) }
            let size = zmq_msg_size(&msg)
            if size == 0 {
                frames.append([])
            } else {
                let data = zmq_msg_data(&msg)!
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            }
            if zmq_msg_more(&msg) == 0 { return frames }
            flags = 0  // the rest of a message is already here
        }
    }

    // MARK: options

    public func setOption(_ option: Int32, _ value: Int32) throws {
        var v = value
        _ = try check { zmq_setsockopt(h, option, &v, MemoryLayout<Int32>.size) }
    }

    public func setOption(_ option: Int32, _ value: Int64) throws {
        var v = value
        _ = try check { zmq_setsockopt(h, option, &v, MemoryLayout<Int64>.size) }
    }

    public func setOption(_ option: Int32, bytes: [UInt8]) throws {
        _ = try bytes.withUnsafeBytes { buf in
            try check { zmq_setsockopt(h, option, buf.baseAddress, buf.count) }
        }
    }

    public func getInt32(_ option: Int32) throws -> Int32 {
        var v: Int32 = 0
        var size = MemoryLayout<Int32>.size
        _ = try check { zmq_getsockopt(h, option, &v, &size) }
        return v
    }

    public func getBytes(_ option: Int32, capacity: Int = 256) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: capacity)
        var size = capacity
        _ = try check { zmq_getsockopt(h, option, &buffer, &size) }
        return Array(buffer.prefix(size))
    }
}
