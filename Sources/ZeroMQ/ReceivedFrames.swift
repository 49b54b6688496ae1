import CZeroMQ
#if canImport(Glibc)
import Glibc
#endif

/// The frames of one received multipart message, in libzmq message slots reused from one receive
/// to the next: a busy receiver (the broker) allocates nothing per message. Frames are read in
/// place, moved into `OwnedFrames` when they must outlive the next receive, or sent on by moving
/// them (no copy, no reference count traffic).
public final class ReceivedFrames {
    // Used from one thread (like its socket), read on every frame access: no exclusivity checks.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<zmq_msg_t>
    /// Each slot's frame size, noted at receive (zmq_msg_recv returns it): reading a header frame
    /// then costs one libzmq call (zmq_msg_data), not two. A moved-out frame's entry is 0, as its slot.
    @exclusivity(unchecked) private var sizes: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var received = 0
    /// Frames of the last message received. (Computed over a private stored property: the broker
    /// module's reads of a public stored one were exclusivity-checked at run time despite
    /// `@exclusivity(unchecked)`, seen as swift_beginAccess calls in callgrind.)
    public var count: Int { received }
    /// Bit i: frame i is larger than `smallFrame` and still here (bit 63 stands for frames 63...).
    @exclusivity(unchecked) private var large: UInt64 = 0

    public init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
        slots = .allocate(capacity: self.capacity)
        sizes = .allocate(capacity: self.capacity)
        for i in 0..<self.capacity { zmq_msg_init(slots + i); sizes[i] = 0 }
    }

    deinit {
        for i in 0..<capacity { zmq_msg_close(slots + i) }
        slots.deallocate()
        sizes.deallocate()
    }

    /// Receives the next whole message in place of the previous one. False when none is ready
    /// (non-blocking, or ZMQ_RCVTIMEO passed): a poll loop's common case costs no Swift error.
    public func receive(from socket: Socket, dontWait: Bool = false) throws -> Bool {
        guard let h = socket.handle else { preconditionFailure("socket used after close()") }
        received = 0
        large = 0
        // zmq_msg_recv releases what a slot held before, and returns the frame's size.
        var size: Int32
        while true {
            size = zmq_msg_recv(slots, h, dontWait ? ZMQ_DONTWAIT : 0)
            if size >= 0 { break }
            let code = zmq_errno()
            if code == EINTR { continue }
            if code == EAGAIN { return false }
            throw ZMQError(code: code)
        }
        noteSize(0, size)
        received = 1
        while zmq_msg_more(slots + (received - 1)) != 0 {
            if received == capacity { grow() }
            size = try check { zmq_msg_recv(slots + received, h, 0) }     // the rest of a message is already here
            noteSize(received, size)
            received += 1
        }
        return true
    }

    @inline(__always)
    private func noteSize(_ i: Int, _ size: Int32) {
        if size > ReceivedFrames.smallFrame {
            large |= 1 << UInt64(min(i, 63))
            sizes[i] = zmq_msg_size(slots + i)      // exact, whatever fits in the Int32 returned
        } else {
            sizes[i] = Int(size)
        }
    }

    /// Frame `i` left its slot (moved on).
    @inline(__always)
    private func noteMoved(_ i: Int) {
        if i < 63 { large &= ~(1 << UInt64(i)) }
        sizes[i] = 0
    }

    /// Releases the large frames left of the last message (those not moved out), so a handled
    /// message's contents are freed at once rather than when later messages reuse the slots.
    /// Small frames (headers) stay until then: a few hundred bytes each.
    public func release() {
        if large != 0 {
            for i in 0..<received where large & (1 << UInt64(min(i, 63))) != 0 {
                zmq_msg_close(slots + i)
                zmq_msg_init(slots + i)
                sizes[i] = 0
            }
            large = 0
        }
        received = 0
    }
    static let smallFrame: Int32 = 256

    private func grow() {
        let bigger = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: capacity * 2)
        for i in 0..<capacity * 2 { zmq_msg_init(bigger + i) }
        for i in 0..<capacity { zmq_msg_move(bigger + i, slots + i); zmq_msg_close(slots + i) }
        slots.deallocate()
        slots = bigger
        let biggerSizes = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
        biggerSizes.initialize(repeating: 0, count: capacity * 2)
        biggerSizes.update(from: sizes, count: capacity)
        sizes.deallocate()
        sizes = biggerSizes
        capacity *= 2
    }

    /// Frame `i`'s size in bytes.
    @inline(__always)
    public func size(_ i: Int) -> Int { sizes[i] }

    /// The size of the largest frame in `range` (from the sizes noted at receive).
    public func largestSize(_ range: Range<Int>) -> Int {
        var largest = 0
        for i in range { largest = max(largest, sizes[i]) }
        return largest
    }

    /// Frame `i`'s bytes in place: valid until the next receive, or until the frame is moved out.
    @inline(__always)
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: zmq_msg_data(slots + i), count: sizes[i])
    }

    /// A copy of frame `i`'s bytes.
    public func copy(_ i: Int) -> [UInt8] { Array(bytes(i)) }

    /// The descriptor of the connection frame `i` arrived on (ZMQ_SRCFD), -1 when unknown: with
    /// a socket monitor's DISCONNECTED events it tells when a peer's connection closed.
    public func sourceDescriptor(_ i: Int) -> Int32 { zmq_msg_get(slots + i, ZMQ_SRCFD) }

    /// Copies of the frames in `range`.
    public func copy(_ range: Range<Int>) -> [[UInt8]] { range.map { copy($0) } }

    /// Moves the frames in `range` into owned storage (their slots are left empty).
    public func take(_ range: Range<Int>) -> OwnedFrames {
        for i in range { noteMoved(i) }
        return OwnedFrames(count: range.count) { out, k in zmq_msg_move(out, slots + range.lowerBound + k) }
    }

    /// Sends frame `i` by moving it (its slot is left empty). `more`: further frames follow.
    public func send(_ i: Int, on socket: Socket, more: Bool, dontWait: Bool = false) throws {
        guard let h = socket.handle else { preconditionFailure("socket used after close()") }
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        _ = try check { zmq_msg_send(slots + i, h, flags) }
        noteMoved(i)
    }
}

/// Frames held beyond a receive (e.g. a request waiting for, or held by, a worker), all in one
/// allocation. Sending shares them with libzmq (reference counted), so they can be sent again.
/// Their bytes are read in place (`withBytes`); `copy` only where a `[UInt8]` is needed.
public struct OwnedFrames {
    let storage: FrameStorage

    /// Every message is initialised (empty) before `fill` runs, so a throwing `fill` leaves
    /// nothing the storage cannot close.
    init(count: Int, fill: (UnsafeMutablePointer<zmq_msg_t>, Int) throws -> Void) rethrows {
        storage = FrameStorage.make(count: count)
        try storage.withUnsafeMutablePointerToElements { m in
            for k in 0..<count { zmq_msg_init(m + k) }
            for k in 0..<count { try fill(m + k, k) }
        }
    }

    /// One frame of a message being put together.
    public enum Part {
        /// These bytes, copied (small frames: headers, status lines).
        case copy([UInt8])
        /// Frame `index` of other frames, shared (reference counted, no byte copy).
        case share(OwnedFrames, index: Int)
    }

    /// Frames holding copies of `frames`.
    public init(_ frames: [[UInt8]]) {
        self.init(frames.map { Part.copy($0) })
    }

    /// Frames made of `parts`, in order.
    public init(_ parts: [Part]) {
        self.init(count: parts.count) { m, k in
            switch parts[k] {
            case .copy(let bytes):
                zmq_msg_init_size(m, bytes.count)
                if !bytes.isEmpty { bytes.withUnsafeBytes { zmq_msg_data(m)!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
            case .share(let other, let index):
                other.storage.withUnsafeMutablePointerToElements { zmq_msg_copy(m, $0 + index) }
            }
        }
    }

    /// Frames of `sizes` bytes, written in place by `fill(k, frame k's buffer)` (e.g. read from a
    /// file straight into the messages that will be sent).
    public init(sizes: [Int], fill: (Int, UnsafeMutableRawBufferPointer) throws -> Void) throws {
        try self.init(count: sizes.count) { m, k in
            if zmq_msg_init_size(m, sizes[k]) != 0 { throw ZMQError.current() }
            try fill(k, UnsafeMutableRawBufferPointer(start: zmq_msg_data(m), count: sizes[k]))
        }
    }

    public var count: Int { storage.withUnsafeMutablePointerToHeader { $0.pointee } }

    /// Frame `i`'s size in bytes.
    public func size(_ i: Int) -> Int {
        precondition(i >= 0 && i < count, "frame index out of range")
        return storage.withUnsafeMutablePointerToElements { zmq_msg_size($0 + i) }
    }

    /// Calls `body` with frame `i`'s bytes in place (valid only during the call).
    public func withBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < count, "frame index out of range")
        return try storage.withUnsafeMutablePointerToElements { m in
            try body(UnsafeRawBufferPointer(start: zmq_msg_data(m + i), count: zmq_msg_size(m + i)))
        }
    }

    /// Calls `body` with every frame's bytes in place (valid only during the call).
    public func withAllBytes<R>(_ body: ([UnsafeRawBufferPointer]) throws -> R) rethrows -> R {
        let n = count
        return try storage.withUnsafeMutablePointerToElements { m in
            try body((0..<n).map { UnsafeRawBufferPointer(start: zmq_msg_data(m + $0), count: zmq_msg_size(m + $0)) })
        }
    }

    /// A copy of frame `i`'s bytes.
    public func copy(_ i: Int) -> [UInt8] { withBytes(i) { Array($0) } }

    /// Copies of every frame's bytes.
    public var bytes: [[UInt8]] { (0..<count).map { copy($0) } }

    /// Sends every frame (shared, not consumed); the last one ends the message.
    public func send(on socket: Socket, dontWait: Bool = false) throws {
        guard let h = socket.handle else { preconditionFailure("socket used after close()") }
        let n = count
        try storage.withUnsafeMutablePointerToElements { m in
            var out = zmq_msg_t()
            for k in 0..<n {
                zmq_msg_init(&out)
                zmq_msg_copy(&out, m + k)          // shares the contents, no byte copy
                let flags = (dontWait ? ZMQ_DONTWAIT : 0) | (k < n - 1 ? ZMQ_SNDMORE : 0)
                do { _ = try check { zmq_msg_send(&out, h, flags) } } catch { zmq_msg_close(&out); throw error }
            }
        }
    }
}

/// The header is the frame count; the elements are the libzmq messages.
final class FrameStorage: ManagedBuffer<Int, zmq_msg_t> {
    static func make(count: Int) -> FrameStorage {
        unsafeDowncast(FrameStorage.create(minimumCapacity: count) { _ in count }, to: FrameStorage.self)
    }

    deinit {
        withUnsafeMutablePointers { n, m in for k in 0..<n.pointee { zmq_msg_close(m + k) } }
    }
}

extension Socket {
    /// Sends one frame from raw bytes (copied by libzmq).
    @inline(__always)
    public func send(bytes: UnsafeRawBufferPointer, more: Bool, dontWait: Bool = false) throws {
        guard let h = handle else { preconditionFailure("socket used after close()") }
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        _ = try check { zmq_send(h, bytes.baseAddress, bytes.count, flags) }
    }
}
