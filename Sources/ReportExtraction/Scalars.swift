// Small helpers for scanning text as an array of Unicode scalars. Extraction works on
// scalar arrays (offsets are scalar offsets, as in StructuredText), never on Characters.

typealias Scalars = [Unicode.Scalar]

@inline(__always) func sc(_ s: String) -> Scalars { Array(s.unicodeScalars) }

extension Array where Element == Unicode.Scalar {
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
        v.append(contentsOf: self[Swift.max(0, r.lowerBound)..<Swift.min(count, r.upperBound)])
        return String(v)
    }
    var string: String { string(0..<count) }
}

enum Ch {
    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    @inline(__always) static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
    @inline(__always) static func isHan(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x4E00 && c.value <= 0x9FFF) || (c.value >= 0x3400 && c.value <= 0x4DBF) || c.value == 0x3007
    }
    /// Spaces a cleaner may leave between a number and its unit (ASCII, NBSP, ideographic).
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c.value == 0xA0 || c.value == 0x3000
    }
    @inline(__always) static func isNewline(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }
    /// Ends a sentence for our purposes.
    @inline(__always) static func isSentenceEnd(_ c: Unicode.Scalar) -> Bool {
        c == "。" || c == "！" || c == "？" || c == "!" || c == "?" || c == "\n"
    }
    /// Ends a clause (a target item) inside a sentence.
    @inline(__always) static func isClauseEnd(_ c: Unicode.Scalar) -> Bool {
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
    private var astral: [Unicode.Scalar: Int] = [:]         // first scalars beyond the BMP
    init(_ entries: [(String, V)]) {
        for (w, v) in entries {
            let s = sc(w)
            guard let f = s.first else { continue }
            var b = f.value < 0x10000 ? Int(bucketOf[Int(f.value)]) : (astral[f] ?? 0)
            if b == 0 {
                buckets.append([]); b = buckets.count - 1
                if f.value < 0x10000 { bucketOf[Int(f.value)] = UInt16(b) } else { astral[f] = b }
            }
            buckets[b].append((s, v))
        }
        for k in buckets.indices { buckets[k].sort { $0.0.count > $1.0.count } }
    }
    @inline(__always) private func bucket(_ c: Unicode.Scalar) -> Int {
        c.value < 0x10000 ? Int(bucketOf[Int(c.value)]) : (astral[c] ?? 0)
    }
    @inline(__always) func mayStart(_ c: Unicode.Scalar) -> Bool { bucket(c) != 0 }
    func match(_ t: Scalars, at i: Int) -> (length: Int, value: V)? {
        guard i >= 0, i < t.count else { return nil }
        let b = bucket(t[i])
        if b == 0 { return nil }
        for (w, v) in buckets[b] where t.has(w, at: i) { return (w.count, v) }
        return nil
    }
}
