// jieba's idf.txt as a hash table keyed by each word's UTF-8 bytes: loading is one pass over the
// file (no trie, no scalar decoding, decimal values parsed without strtod where that is exact),
// and a lookup hashes the term once. Replaces a scalar trie that cost ~3,000 instructions a line.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct IDFTable {
    /// Open addressing, linear probing: 0 = empty, else hash tag (high 32 bits) | entry + 1.
    private(set) var slots: [UInt64]
    let shift: UInt64
    /// Entry k's word is keyBytes[keyStart[k]..<keyStart[k + 1]].
    private(set) var keyStart: [UInt32] = [0]
    private(set) var keyBytes: [UInt8] = []
    /// Per entry; a repeated word keeps its last value, as the Python dict does.
    private(set) var values: [Double] = []

    var count: Int { values.count }

    /// Parses "word value" lines (blank lines skipped, ASCII whitespace stripped at both ends);
    /// `bytes` must end with a 0 byte (strtod's terminator for the slow path).
    init(bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
        let p = bytes.baseAddress!
        let n = bytes.count - 1
        var lines = 1
        var q = 0
        while q < n, let nl = memchr(p + q, 0x0A, n - q) {
            lines += 1
            q = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - p + 1
        }
        var capacity = 1024
        while capacity * 3 < lines * 4 { capacity <<= 1 }   // load ≤ 0.75
        slots = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        keyStart.reserveCapacity(lines + 1)
        keyBytes.reserveCapacity(n / 2)
        values.reserveCapacity(lines)
        var start = 0
        var lineNo = 0
        while start < n {
            let end = memchr(p + start, 0x0A, n - start).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - p } ?? n
            lineNo += 1
            var a = start, b = end
            while a < b && isASCIISpace(p[a]) { a += 1 }
            while b > a && isASCIISpace(p[b - 1]) { b -= 1 }
            start = end + 1
            // Python splits on '\n', '\r' and a few more; only blank lines can appear between.
            if a == b { continue }
            var sp = a
            while sp < b && p[sp] != 0x20 { sp += 1 }
            func invalid() -> SegmenterError {
                .invalidDictionaryLine(path: path, line: lineNo,
                                       text: sp < b ? String(decoding: UnsafeBufferPointer(start: p + a, count: b - a), as: UTF8.self) : "")
            }
            guard sp < b, sp > a, UTF8Scalars.isValid(p + a, sp - a),
                  let v = Decimal.parse(p, from: sp + 1, to: b) else { throw invalid() }
            insert(p + a, sp - a, value: v)
        }
    }

    @inline(__always)
    static func hash(_ k: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(k[i])) &* 0x0000_0100_0000_01B3 }
        return h &* 0x9E37_79B9_7F4A_7C15
    }

    private mutating func insert(_ k: UnsafePointer<UInt8>, _ n: Int, value: Double) {
        let h = Self.hash(k, n)
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h >> shift)
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(s & 0xFFFF_FFFF) - 1
                if equal(e, k, n) { values[e] = value; return }
            }
            i = (i + 1) & mask
        }
        slots[i] = tag | UInt64(values.count + 1)
        for i in 0..<n { keyBytes.append(k[i]) }
        keyStart.append(UInt32(keyBytes.count))
        values.append(value)
    }

    @inline(__always)
    private func equal(_ e: Int, _ k: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let a = Int(keyStart[e]), b = Int(keyStart[e + 1])
        guard b - a == n else { return false }
        return keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + a, k, n) == 0 }
    }
}

/// The frozen table for lookups: views into a TableImage (built from IDFTable, or a mapped cache file).
struct IDFView {
    let slots: UnsafeBufferPointer<UInt64>
    let shift: UInt64
    let keyStart: UnsafePointer<UInt32>
    let keyBytes: UnsafePointer<UInt8>
    let values: UnsafePointer<Double>

    /// The value of the word whose UTF-8 bytes are k[0..<n], or nil.
    func value(_ k: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        let h = IDFTable.hash(k, n)
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h >> shift)
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(s & 0xFFFF_FFFF) - 1
                let a = Int(keyStart[e])
                if Int(keyStart[e + 1]) - a == n && memcmp(keyBytes + a, k, n) == 0 { return values[e] }
            }
            i = (i + 1) & mask
        }
    }
    /// The value of a word given as scalars (encoded into `buffer`, reused between calls).
    func value<C: Collection>(scalars: C, buffer: inout [UInt8]) -> Double? where C.Element == UInt32 {
        buffer.removeAll(keepingCapacity: true)
        for s in scalars { UTF8Scalars.encode(s, into: &buffer) }
        return buffer.withUnsafeBufferPointer { $0.count == 0 ? nil : value($0.baseAddress!, $0.count) }
    }

    /// Same for scalars in memory, encoded into `buffer` (room for 4 bytes per scalar).
    @inline(__always)
    func value(_ s: UnsafePointer<UInt32>, _ n: Int, buffer: UnsafeMutablePointer<UInt8>) -> Double? {
        var k = 0
        for i in 0..<n {
            let c = s[i]
            if c < 0x80 {
                buffer[k] = UInt8(c); k += 1
            } else if c < 0x800 {
                buffer[k] = UInt8(0xC0 | c >> 6); buffer[k + 1] = UInt8(0x80 | c & 0x3F); k += 2
            } else if c < 0x10000 {
                buffer[k] = UInt8(0xE0 | c >> 12); buffer[k + 1] = UInt8(0x80 | c >> 6 & 0x3F)
                buffer[k + 2] = UInt8(0x80 | c & 0x3F); k += 3
            } else {
                buffer[k] = UInt8(0xF0 | c >> 18); buffer[k + 1] = UInt8(0x80 | c >> 12 & 0x3F)
                buffer[k + 2] = UInt8(0x80 | c >> 6 & 0x3F); buffer[k + 3] = UInt8(0x80 | c & 0x3F); k += 4
            }
        }
        return k == 0 ? nil : value(buffer, k)
    }
}


/// Decimal numbers as strtod reads them, without strtod when the result is exact anyway.
enum Decimal {
    /// The number in p[from..<to], which it must fill entirely, or nil. `p[to]` must be readable
    /// and the buffer 0-terminated somewhere after `to` (the strtod fallback reads up to it).
    static func parse(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Double? {
        // Fast path: [-]digits[.digits] with at most 15 digits: the integer of its digits is
        // exact in a Double and so is 10^k (k ≤ 15), so one correctly rounded division gives the
        // correctly rounded value, the same as strtod's.
        var i = from
        let negative = i < to && p[i] == 0x2D
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        let intStart = i
        while i < to, case let d = p[i] &- 0x30, d < 10 { mantissa = mantissa &* 10 &+ UInt64(d); i += 1 }
        let intDigits = i - intStart
        var fraction = 0
        if i < to && p[i] == 0x2E {
            i += 1
            let fracStart = i
            while i < to, case let d = p[i] &- 0x30, d < 10 { mantissa = mantissa &* 10 &+ UInt64(d); i += 1 }
            fraction = i - fracStart
        }
        if i == to, intDigits + fraction > 0, intDigits + fraction <= 15 {
            let v = fraction == 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(fraction)
            return negative ? -v : v
        }
        var endPtr: UnsafeMutablePointer<CChar>? = nil
        let numStart = UnsafeMutableRawPointer(mutating: p + from).assumingMemoryBound(to: CChar.self)
        let v = strtod(numStart, &endPtr)
        guard let e = endPtr, e != numStart, e - numStart == to - from else { return nil }
        return v
    }

    @inline(__always)
    private static func powerOfTen(_ k: Int) -> Double {
        var v = 1.0
        for _ in 0..<k { v *= 10 }   // exact up to 1e22
        return v
    }
}
