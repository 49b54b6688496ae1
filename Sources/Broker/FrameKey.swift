#if canImport(Glibc)
import Glibc
#endif

/// A short frame's bytes (routing id, service name) as a dictionary key: up to 32 bytes inline
/// (libzmq's own routing ids are 5), compared and hashed as words instead of byte by byte and
/// made without allocating; longer ones keep their bytes in an array as well.
public struct FrameKey: Hashable, Sendable {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    public let count: Int
    private var spill: [UInt8]? = nil
    static let inlineBytes = 32

    public init(_ bytes: UnsafeRawBufferPointer) {
        count = bytes.count
        if count <= FrameKey.inlineBytes {
            if count > 0 { copyInline(bytes) }
        } else {
            spill = Array(bytes)
        }
    }

    public init(_ bytes: [UInt8]) { self = bytes.withUnsafeBytes { FrameKey($0) } }

    private mutating func copyInline(_ bytes: UnsafeRawBufferPointer) {
        var words = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        (w0, w1, w2, w3) = words
    }

    /// The bytes in place (valid during `body` only).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let spill { return try spill.withUnsafeBytes(body) }
        var words = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: &words) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Whether the key's bytes start with `prefix`.
    public func starts(with prefix: [UInt8]) -> Bool {
        withUnsafeBytes { $0.starts(with: prefix) }
    }

    public static func == (a: FrameKey, b: FrameKey) -> Bool {
        a.count == b.count && a.w0 == b.w0 && a.w1 == b.w1 && a.w2 == b.w2 && a.w3 == b.w3 && a.spill == b.spill
    }

    public func hash(into hasher: inout Hasher) {
        // Up to 7 bytes leave w0's top byte 0: the count goes there, so a routing id (5 bytes) or
        // a short service name costs one combine. (Longer keys: keys that differ only in count
        // may collide, which costs a comparison, never a wrong match.)
        hasher.combine(w0 ^ UInt64(truncatingIfNeeded: count) << 56)
        if count > 8 { hasher.combine(w1); hasher.combine(w2); hasher.combine(w3) }
        if let spill { hasher.combine(spill) }
    }
}
