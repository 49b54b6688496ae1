// Counts a fixed list of terms in text, per document and per span (e.g. per section).
// Two notions of "occurrence":
//   .substring — non-overlapping occurrences in the text, like Python's str.count (robust to how
//                a term happens to be segmented);
//   .token     — tokens of the cut equal to the term (what a bag-of-words count sees).

public struct TermCounter: Sendable {
    public enum Mode: Sendable { case substring, token }

    public let terms: [String]
    private let scalars: [[UInt32]]
    private let byFirst: [UInt32: [Int]]     // first scalar → term indices (substring mode)
    private let byWhole: [[UInt32]: [Int]]   // whole term → term indices (token mode; duplicates allowed)

    public init(terms: [String]) {
        self.terms = terms
        scalars = terms.map(UTF8Scalars.scalars(of:))
        var first: [UInt32: [Int]] = [:]
        var whole: [[UInt32]: [Int]] = [:]
        for (i, t) in scalars.enumerated() where !t.isEmpty {
            first[t[0], default: []].append(i)
            whole[t, default: []].append(i)
        }
        byFirst = first
        byWhole = whole
    }

    /// Counts per term in `text[span]` for each span (scalar offsets), plus nothing else:
    /// pass `[0..<text.count]` for the whole document. Spans are clamped to the text.
    public func counts(in text: [UInt32], spans: [Range<Int>]) -> [[Int]] {
        spans.map { span in
            let lo = max(0, min(span.lowerBound, text.count)), hi = max(lo, min(span.upperBound, text.count))
            return substringCounts(text, lo, hi)
        }
    }

    /// Per-term counts over a whole string.
    public func counts(in text: String) -> [Int] {
        let s = UTF8Scalars.scalars(of: text)
        return substringCounts(s, 0, s.count)
    }

    /// Token-mode counts for each span; `ends` are the token end offsets of the cut of `text`.
    /// A token counts for the span that contains its start.
    public func tokenCounts(in text: [UInt32], ends: [Int32], spans: [Range<Int>]) -> [[Int]] {
        var result = spans.map { _ in [Int](repeating: 0, count: terms.count) }
        var start = 0
        for e in ends {
            let end = Int(e)
            defer { start = end }
            guard let hits = byWhole[Array(text[start..<end])] else { continue }
            for (si, span) in spans.enumerated() where span.contains(start) {
                for t in hits { result[si][t] += 1 }
            }
        }
        return result
    }

    private func substringCounts(_ s: [UInt32], _ lo: Int, _ hi: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: terms.count)
        var nextFree = [Int](repeating: lo, count: terms.count)  // non-overlap per term
        var i = lo
        while i < hi {
            if let candidates = byFirst[s[i]] {
                for t in candidates where i >= nextFree[t] {
                    let term = scalars[t]
                    guard i + term.count <= hi else { continue }
                    var k = 1
                    while k < term.count && s[i + k] == term[k] { k += 1 }
                    if k == term.count { counts[t] += 1; nextFree[t] = i + term.count }
                }
            }
            i += 1
        }
        return counts
    }
}
