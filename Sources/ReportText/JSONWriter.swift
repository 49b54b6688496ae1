// A small append-only JSON writer on UTF-8 bytes. The output record is written on the
// hot path of every job, so it avoids Foundation's JSONEncoder and its boxing.

public protocol JSONWritable {
    func writeJSON(to w: inout JSONWriter)
}

public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    // Whether the next value in the current object/array needs a leading comma.
    private var needsComma: [Bool] = [false]

    public init(reservingCapacity n: Int = 4096) { bytes.reserveCapacity(n) }

    // MARK: containers
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":` inside an object; the value call that follows must not add a comma.
    public mutating func key(_ name: String) {
        separate()
        // Keys are short literals: copy them straight when they need no escaping.
        var name = name
        let plain: Bool = name.withUTF8 { u in
            for b in u where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: u)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { writeString(name) }
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    // MARK: scalars
    public mutating func string(_ s: String) { separate(); writeString(s) }
    public mutating func string(_ s: Substring) { separate(); writeString(String(s)) }
    public mutating func int(_ v: Int) {
        separate()
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        if m < 10 { bytes.append(UInt8(truncatingIfNeeded: m) + 0x30); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while m > 0 { d[n] = UInt8(truncatingIfNeeded: m % 10) + 0x30; m /= 10; n += 1 }
            while n > 0 { n -= 1; bytes.append(d[n]) }
        }
    }
    public mutating func bool(_ v: Bool) { separate(); bytes.append(contentsOf: (v ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    public mutating func double(_ v: Double) {
        separate()
        if !v.isFinite { bytes.append(contentsOf: "null".utf8); return }
        // Integral values print without ".0" only when they are exact integers in range.
        if v == v.rounded(), abs(v) < 1e15 { bytes.append(contentsOf: String(Int64(v)).utf8); bytes.append(contentsOf: ".0".utf8) }
        else { bytes.append(contentsOf: "\(v)".utf8) }
    }
    /// Appends already-encoded JSON (e.g. a nested record produced elsewhere).
    public mutating func raw(_ json: [UInt8]) { separate(); bytes.append(contentsOf: json) }

    // MARK: optional conveniences
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func int(_ v: Int?) { if let v { int(v) } else { null() } }
    public mutating func double(_ v: Double?) { if let v { double(v) } else { null() } }
    public mutating func value<T: JSONWritable>(_ v: T?) { if let v { v.writeJSON(to: &self) } else { null() } }
    public mutating func array<T: JSONWritable>(_ items: [T]) {
        beginArray(); for item in items { item.writeJSON(to: &self) }; endArray()
    }

    // MARK: internals
    private mutating func separate() {
        let i = needsComma.count - 1
        if needsComma[i] { bytes.append(UInt8(ascii: ",")) } else { needsComma[i] = true }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            // Copy runs of bytes that need no escaping in one go.
            var runStart = 0
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { i += 1; continue }
                if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                }
                i += 1
                runStart = i
            }
            if n > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<n])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
