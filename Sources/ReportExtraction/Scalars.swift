// Small helpers for scanning text as an array of Unicode scalar values. Extraction works on
// the structured text's own scalars ([UInt32], offsets as in StructuredText), never on Characters.

typealias Scalars = [UInt32]

@inline(__always) func sc(_ s: String) -> Scalars { s.unicodeScalars.map(\.value) }

/// A scalar value against a character written as a literal: `t[i] == "。"`, `case "一":`.
@inline(__always) func == (a: UInt32, b: Unicode.Scalar) -> Bool { a == b.value }
@inline(__always) func != (a: UInt32, b: Unicode.Scalar) -> Bool { a != b.value }
@inline(__always) func ~= (pattern: Unicode.Scalar, value: UInt32) -> Bool { pattern.value == value }
@inline(__always) func == (a: UInt32?, b: Unicode.Scalar) -> Bool { a == b.value }
@inline(__always) func != (a: UInt32?, b: Unicode.Scalar) -> Bool { a != b.value }

/// Whether `c` is one of the characters of `chars` (a short literal list: "（(—-").
@inline(__always) func isOne(of chars: String, _ c: UInt32) -> Bool {
    chars.unicodeScalars.contains { $0.value == c }
}

/// A set of scalar values from the characters of `s`.
func scalarSet(_ s: String) -> Set<UInt32> { Set(s.unicodeScalars.map(\.value)) }

extension Array where Element == UInt32 {
    /// Whether `p` occurs at position `i`.
    @inline(__always) func has(_ p: Scalars, at i: Int) -> Bool {
        if i < 0 || i + p.count > count { return false }
        var k = 0
        while k < p.count { if self[i + k] != p[k] { return false }; k += 1 }
        return true
    }
    /// First index ≥ `from` and < `to` where `p` starts.
    func find(_ p: Scalars, from: Int = 0, to: Int? = nil) -> Int? {
        let end = Swift.min(to ?? count, count) - p.count
        guard !p.isEmpty, from <= end else { return nil }
        let first = p[0]
        var i = Swift.max(from, 0)
        while i <= end {
            if self[i] == first && has(p, at: i) { return i }
            i += 1
        }
        return nil
    }
    /// Last index in [from, to) where `p` starts.
    func findLast(_ p: Scalars, from: Int = 0, to: Int? = nil) -> Int? {
        var i = Swift.min(to ?? count, count) - p.count
        while i >= Swift.max(from, 0) { if has(p, at: i) { return i }; i -= 1 }
        return nil
    }
    func contains(_ p: Scalars, from: Int = 0, to: Int? = nil) -> Bool { find(p, from: from, to: to) != nil }
    func hasSuffix(_ p: Scalars) -> Bool { count >= p.count && has(p, at: count - p.count) }
    func hasPrefix(_ p: Scalars) -> Bool { has(p, at: 0) }
    func string(_ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        for c in self[Swift.max(0, r.lowerBound)..<Swift.min(count, r.upperBound)] { v.append(Unicode.Scalar(c) ?? "\u{FFFD}") }
        return String(v)
    }
    var string: String { string(0..<count) }
}

enum Ch {
    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
    @inline(__always) static func isHan(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3007
    }
    /// Spaces a cleaner may leave between a number and its unit (ASCII, NBSP, ideographic).
    @inline(__always) static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x3000
    }
    @inline(__always) static func isNewline(_ c: UInt32) -> Bool { c == "\n" || c == "\r" }
    /// Ends a sentence for our purposes.
    @inline(__always) static func isSentenceEnd(_ c: UInt32) -> Bool {
        c == "。" || c == "！" || c == "？" || c == "!" || c == "?" || c == "\n"
    }
    /// Ends a clause (a target item) inside a sentence.
    @inline(__always) static func isClauseEnd(_ c: UInt32) -> Bool {
        c == "，" || c == "," || c == "；" || c == ";" || isSentenceEnd(c)
    }
}

/// Text with spaces removed (e.g. "政 府 工 作 报 告", "龚 正").
func squeezeSpaces(_ s: Scalars) -> Scalars { s.filter { !Ch.isSpace($0) } }

/// Trims spaces and newlines at both ends.
func trimRange(_ t: Scalars, _ r: Range<Int>) -> Range<Int> {
    var a = r.lowerBound, b = r.upperBound
    while a < b && (Ch.isSpace(t[a]) || Ch.isNewline(t[a])) { a += 1 }
    while b > a && (Ch.isSpace(t[b - 1]) || Ch.isNewline(t[b - 1])) { b -= 1 }
    return a..<b
}

/// A set of words matched by longest match at a position. Buckets are indexed by the first
/// scalar through a flat BMP table, so a lookup on running text costs one array read.
struct Lexicon<V> {
    private var buckets: [[(Scalars, V)]] = [[]]            // bucket 0: empty
    private var bucketOf = [UInt16](repeating: 0, count: 0x10000)
    private var astral: [UInt32: Int] = [:]                 // first scalars beyond the BMP
    init(_ entries: [(String, V)]) {
        for (w, v) in entries {
            let s = sc(w)
            guard let f = s.first else { continue }
            var b = f < 0x10000 ? Int(bucketOf[Int(f)]) : (astral[f] ?? 0)
            if b == 0 {
                buckets.append([]); b = buckets.count - 1
                if f < 0x10000 { bucketOf[Int(f)] = UInt16(b) } else { astral[f] = b }
            }
            buckets[b].append((s, v))
        }
        for k in buckets.indices { buckets[k].sort { $0.0.count > $1.0.count } }
    }
    @inline(__always) private func bucket(_ c: UInt32) -> Int {
        c < 0x10000 ? Int(bucketOf[Int(c)]) : (astral[c] ?? 0)
    }
    @inline(__always) func mayStart(_ c: UInt32) -> Bool { bucket(c) != 0 }
    func match(_ t: Scalars, at i: Int) -> (length: Int, value: V)? {
        guard i >= 0, i < t.count else { return nil }
        let b = bucket(t[i])
        if b == 0 { return nil }
        for (w, v) in buckets[b] where t.has(w, at: i) { return (w.count, v) }
        return nil
    }
}
