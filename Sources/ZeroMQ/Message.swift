import CZeroMQ
#if canImport(Glibc)
import Glibc
#endif

/// One frame held as a libzmq message, for forwarding without copying the bytes:
/// libzmq reference-counts large contents, so sending a Message shares them.
public final class Message {
    let pointer: UnsafeMutablePointer<zmq_msg_t>

    init() {
        pointer = .allocate(capacity: 1)
        zmq_msg_init(pointer)
    }

    public convenience init(_ bytes: [UInt8]) {
        self.init()
        zmq_msg_close(pointer)
        zmq_msg_init_size(pointer, bytes.count)
        if !bytes.isEmpty {
            bytes.withUnsafeBytes { zmq_msg_data(pointer)!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
    }

    deinit {
        zmq_msg_close(pointer)
        pointer.deallocate()
    }

    public var count: Int { zmq_msg_size(pointer) }

    /// The bytes in place (valid during `body` only).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: zmq_msg_data(pointer), count: count))
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] {
        let n = count
        if n == 0 { return [] }
        return Array(UnsafeRawBufferPointer(start: zmq_msg_data(pointer), count: n))
    }
}

extension Socket {
    /// Receives one whole multipart message as Messages (no copy of the bytes).
    public func receiveMessages(dontWait: Bool = false) throws -> [Message] {
        guard let frames = try receiveMessagesIfReady(dontWait: dontWait) else { throw ZMQError.wouldBlock }
        return frames
    }

    /// Like `receiveMessages`, but nil instead of throwing `wouldBlock` when nothing arrived
    /// (non-blocking, or ZMQ_RCVTIMEO passed): a poll loop's common case costs no Swift error.
    public func receiveMessagesIfReady(dontWait: Bool = false) throws -> [Message]? {
        guard let h = handle else { preconditionFailure("socket used after close()") }
        var first = zmq_msg_t()
        zmq_msg_init(&first)
        while zmq_msg_recv(&first, h, dontWait ? ZMQ_DONTWAIT : 0) < 0 {
            let code = zmq_errno()
            if code == EINTR { continue }
            zmq_msg_close(&first)
            if code == EAGAIN { return nil }
            throw ZMQError(code: code)
        }
        var frames: [Message] = []
        frames.reserveCapacity(8)
        var m = Message()
        zmq_msg_move(m.pointer, &first)
        frames.append(m)
        while zmq_msg_more(m.pointer) != 0 {
            m = Message()
            _ = try check { zmq_msg_recv(m.pointer, h, 0) }     // the rest of a message is already here
            frames.append(m)
        }
        return frames
    }

    /// Sends head frames (copied) then Messages (shared, not consumed: they stay usable).
    public func send(_ head: [[UInt8]], messages: [Message], dontWait: Bool = false) throws {
        guard let h = handle else { preconditionFailure("socket used after close()") }
        let total = head.count + messages.count
        var i = 0
        for frame in head { i += 1; try send(frame, more: i < total, dontWait: dontWait) }
        if messages.isEmpty { return }
        var out = zmq_msg_t()
        let base = dontWait ? ZMQ_DONTWAIT : 0
        for m in messages {
            i += 1
            zmq_msg_init(&out)
            zmq_msg_copy(&out, m.pointer)         // shares the contents (reference count), no byte copy
            let flags = base | (i < total ? ZMQ_SNDMORE : 0)
            do { _ = try check { zmq_msg_send(&out, h, flags) } } catch { zmq_msg_close(&out); throw error }
        }
    }
}
