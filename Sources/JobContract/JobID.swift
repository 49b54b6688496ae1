/// A job id: 16 bytes, written as 32 lowercase hex digits (the "UUID" of Titanic, RFC 9; the
/// `job_id` of protocols/job.schema.json). The broker's journal makes them (`JobIDGenerator`).
///
/// Layout: 48-bit Unix time in milliseconds, a 16-bit sequence, then 64 random bits.
/// The first 8 bytes are strictly increasing within one journal (also across restarts,
/// because the generator is seeded with the largest id found at replay), so ids sort by
/// submission order; the random half keeps ids from different brokers apart.
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let high: UInt64   // time << 16 | sequence
    public let low: UInt64    // random

    public init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    /// Parses the 32-hex-digit form (either case); nil for anything else.
    public init?(_ text: String) {
        var text = text
        guard let id = text.withUTF8({ JobID(hex: UnsafeRawBufferPointer($0), canonicalOnly: false) }) else { return nil }
        self = id
    }

    /// Parses 32 hex digits in place. `canonicalOnly`: lowercase only, so that exactly the
    /// bytes `description` writes parse (a dedup key must not merge two spellings).
    public init?(hex p: UnsafeRawBufferPointer, canonicalOnly: Bool = true) {
        guard p.count == 32 else { return nil }
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<32 {
            let c = p[i]
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where !canonicalOnly: v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if i < 16 { h = h << 4 | UInt64(v) } else { l = l << 4 | UInt64(v) }
        }
        high = h; low = l
    }

    public var description: String {
        String(unsafeUninitializedCapacity: 32) { out in
            for i in 0..<16 {
                out[i] = JobID.digits[Int((high >> UInt64(60 - 4 * i)) & 0xF)]
                out[16 + i] = JobID.digits[Int((low >> UInt64(60 - 4 * i)) & 0xF)]
            }
            return 32
        }
    }
    private static let digits = Array("0123456789abcdef".utf8)

    /// Milliseconds since 1970 when the id was made.
    public var milliseconds: UInt64 { high >> 16 }

    public static func < (a: JobID, b: JobID) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
