// A small append-only JSON writer on UTF-8 bytes. The output record is written on the
// hot path of every job, so it avoids Foundation's JSONEncoder and its boxing, and writes
// into its own growable buffer (one capacity check per value, not per byte as [UInt8]
// appends would cost).

public protocol JSONWritable {
    func writeJSON(to w: inout JSONWriter)
}

public struct JSONWriter {
    /// The growable byte buffer; copied on write, so JSONWriter keeps value semantics.
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int
        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }
        deinit { base.deallocate() }
        func copy() -> Storage {
            let s = Storage(capacity: capacity)
            s.base.update(from: base, count: count)
            s.count = count
            return s
        }
        func grow(toAtLeast n: Int) {
            let c = max(n, capacity * 2)
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            b.update(from: base, count: count)
            base.deallocate()
            base = b
            capacity = c
        }
    }
    private var storage: Storage
    // Whether the next value in the container at each depth needs a leading comma: one bit
    // per depth (depth 0 is the top level), deeper than 63 levels in `deepCommas`.
    private var commaBits: UInt64 = 0
    private var depth = 0
    private var deepCommas: [Bool] = []

    public init(reservingCapacity n: Int = 4096) { storage = Storage(capacity: n) }

    /// The JSON written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }

    // MARK: containers
    public mutating func beginObject() { separate(); put(UInt8(ascii: "{")); push() }
    public mutating func endObject() { pop(); put(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); put(UInt8(ascii: "[")); push() }
    public mutating func endArray() { pop(); put(UInt8(ascii: "]")) }

    /// Writes `"name":` inside an object; the value call that follows must not add a comma.
    public mutating func key(_ name: String) {
        separate()
        // Keys are short literals: copy them straight when they need no escaping.
        let plain: Bool = name.utf8.withContiguousStorageIfAvailable { u in
            if Self.plainLength(u, from: 0) != u.count { return false }
            let p = reserve(u.count + 3)
            p[0] = UInt8(ascii: "\"")
            if let b = u.baseAddress { (p + 1).update(from: b, count: u.count) }
            p[u.count + 1] = UInt8(ascii: "\"")
            p[u.count + 2] = UInt8(ascii: ":")
            storage.count += u.count + 3
            return true
        } ?? false
        if !plain { writeString(name); put(UInt8(ascii: ":")) }
        setComma(false)
    }

    // MARK: scalars
    public mutating func string(_ s: String) { separate(); writeString(s) }
    public mutating func string(_ s: Substring) { separate(); writeString(String(s)) }
    public mutating func int(_ v: Int) {
        separate()
        let p = reserve(21)
        var n = 0
        if v < 0 { p[0] = UInt8(ascii: "-"); n = 1 }
        var m = v.magnitude
        if m < 10 { p[n] = UInt8(truncatingIfNeeded: m) + 0x30; storage.count += n + 1; return }
        var digits = 0
        var t = m
        while t > 0 { digits += 1; t /= 10 }
        var k = n + digits
        while m > 0 { k -= 1; p[k] = UInt8(truncatingIfNeeded: m % 10) + 0x30; m /= 10 }
        storage.count += n + digits
    }
    public mutating func bool(_ v: Bool) { separate(); put(v ? "true" : "false") }
    public mutating func null() { separate(); put("null") }
    public mutating func double(_ v: Double) {
        separate()
        if !v.isFinite { put("null"); return }
        // Integral values print without ".0" only when they are exact integers in range.
        if v == v.rounded(), abs(v) < 1e15 { put(String(Int64(v))); put(".0") }
        else { put("\(v)") }
    }
    /// Appends already-encoded JSON (e.g. a nested record produced elsewhere).
    public mutating func raw(_ json: [UInt8]) { separate(); json.withUnsafeBufferPointer { put($0) } }

    // MARK: optional conveniences
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func int(_ v: Int?) { if let v { int(v) } else { null() } }
    public mutating func double(_ v: Double?) { if let v { double(v) } else { null() } }
    public mutating func value<T: JSONWritable>(_ v: T?) { if let v { v.writeJSON(to: &self) } else { null() } }
    public mutating func array<T: JSONWritable>(_ items: [T]) {
        beginArray(); for item in items { item.writeJSON(to: &self) }; endArray()
    }

    // MARK: internals
    /// Room for `n` more bytes; returns where they go (the caller bumps `storage.count`).
    @inline(__always) private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        if storage.count + n > storage.capacity { storage.grow(toAtLeast: storage.count + n) }
        return storage.base + storage.count
    }
    @inline(__always) private mutating func put(_ b: UInt8) {
        reserve(1).pointee = b
        storage.count += 1
    }
    private mutating func put(_ u: UnsafeBufferPointer<UInt8>) {
        guard let b = u.baseAddress, u.count > 0 else { return }
        reserve(u.count).update(from: b, count: u.count)
        storage.count += u.count
    }
    private mutating func put(_ s: String) {
        var s = s
        s.withUTF8 { put($0) }
    }

    @inline(__always) private mutating func separate() {
        if needsComma() { put(UInt8(ascii: ",")) } else { setComma(true) }
    }
    @inline(__always) private func needsComma() -> Bool {
        depth < 64 ? commaBits & (1 << UInt64(depth)) != 0 : deepCommas[depth - 64]
    }
    @inline(__always) private mutating func setComma(_ on: Bool) {
        if depth < 64 {
            if on { commaBits |= 1 << UInt64(depth) } else { commaBits &= ~(1 << UInt64(depth)) }
        } else {
            deepCommas[depth - 64] = on
        }
    }
    private mutating func push() {
        depth += 1
        if depth >= 64 { deepCommas.append(false) } else { setComma(false) }
    }
    private mutating func pop() {
        guard depth > 0 else { return }   // unbalanced end: nothing to close
        if depth >= 64 { deepCommas.removeLast() }
        depth -= 1
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Length of the run from `i` of bytes that need no escaping.
    @inline(__always) private static func plainLength(_ u: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var k = i
        let n = u.count
        while k < n {
            let b = u[k]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { break }
            k += 1
        }
        return k - i
    }

    private mutating func writeString(_ s: String) {
        put(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            // Copy runs of bytes that need no escaping in one go.
            var i = 0
            let n = u.count
            while i < n {
                let run = Self.plainLength(u, from: i)
                if run > 0 { put(UnsafeBufferPointer(rebasing: u[i..<(i + run)])); i += run; if i == n { break } }
                let b = u[i]
                switch b {
                case UInt8(ascii: "\""): put(UInt8(ascii: "\\")); put(b)
                case UInt8(ascii: "\\"): put(UInt8(ascii: "\\")); put(b)
                case 0x0A: put(UInt8(ascii: "\\")); put(UInt8(ascii: "n"))
                case 0x0D: put(UInt8(ascii: "\\")); put(UInt8(ascii: "r"))
                case 0x09: put(UInt8(ascii: "\\")); put(UInt8(ascii: "t"))
                default:
                    let p = reserve(6)
                    p[0] = UInt8(ascii: "\\"); p[1] = UInt8(ascii: "u"); p[2] = UInt8(ascii: "0"); p[3] = UInt8(ascii: "0")
                    p[4] = Self.hex[Int(b >> 4)]; p[5] = Self.hex[Int(b & 0xF)]
                    storage.count += 6
                }
                i += 1
            }
        }
        put(UInt8(ascii: "\""))
    }
}
