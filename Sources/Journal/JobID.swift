import Glibc

/// A job id: 16 bytes, written as 32 lowercase hex digits (the "UUID" of Titanic, RFC 9).
///
/// Layout: 48-bit Unix time in milliseconds, a 16-bit sequence, then 64 random bits.
/// The first 8 bytes are strictly increasing within one journal (also across restarts,
/// because the generator is seeded with the largest id found at replay), so ids sort by
/// submission order; the random half keeps ids from different brokers apart.
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let high: UInt64   // time << 16 | sequence
    public let low: UInt64    // random

    public init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    /// Parses the 32-hex-digit form; nil for anything else.
    public init?(_ text: String) {
        var utf8 = Array(text.utf8)
        guard utf8.count == 32 else { return nil }
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<32 {
            let c = utf8[i]
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if i < 16 { h = h << 4 | UInt64(v) } else { l = l << 4 | UInt64(v) }
        }
        utf8.removeAll()
        high = h; low = l
    }

    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<16 {
            out[i] = digits[Int((high >> UInt64(60 - 4 * i)) & 0xF)]
            out[16 + i] = digits[Int((low >> UInt64(60 - 4 * i)) & 0xF)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Milliseconds since 1970 when the id was made.
    public var milliseconds: UInt64 { high >> 16 }

    public static func < (a: JobID, b: JobID) -> Bool { (a.high, a.low) < (b.high, b.low) }

    // 16 bytes big-endian, the on-disk form (so byte order equals sort order).
    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            out[i] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * i))
            out[8 + i] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * i))
        }
        return out
    }

    init(bytes p: UnsafeRawBufferPointer, at o: Int) {
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<8 {
            h = h << 8 | UInt64(p[o + i])
            l = l << 8 | UInt64(p[o + 8 + i])
        }
        high = h; low = l
    }
}

/// Makes increasing ids; not thread-safe (the journal calls it under its lock).
struct JobIDGenerator {
    private var last: UInt64 = 0

    mutating func observe(_ id: JobID) { last = max(last, id.high) }

    mutating func next() -> JobID {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let ms = UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
        let high = max(last &+ 1, (ms & 0xFFFF_FFFF_FFFF) << 16)
        last = high
        return JobID(high: high, low: UInt64.random(in: .min ... .max))
    }
}
