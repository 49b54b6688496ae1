// One OpenCC dictionary (key → default value) over Unicode scalars, answering OpenCC's
// "longest key that is a prefix of the text here" question without touching UTF-8.
// Single-scalar keys sit in a flat table over the BMP; longer keys in a trie whose
// entry is gated by a per-first-scalar "longest key" table, so most positions cost one load.

final class ScalarDictionary: Sendable {
    /// A match: `length` scalars of the text, replaced by the value with index `value`.
    struct Match { var length: Int; var value: Int }

    private let singleBMP: [Int32]                  // scalar → value index, -1 none
    private let singleOther: [UInt32: Int32]        // same, outside the BMP
    private let longestBMP: [UInt8]                 // scalar → longest key (≥ 2) starting with it, 0 none
    private let longestOther: [UInt32: UInt8]
    private let children: [UInt64: Int32]           // (node << 21 | scalar) → child node; root is 0
    private let terminal: [Int32]                   // node → value index, -1 none
    let values: [[UInt32]]
    let entryCount: Int

    init(entries: [(key: [UInt32], value: [UInt32])]) {
        var singleBMP = [Int32](repeating: -1, count: 0x10000)
        var singleOther: [UInt32: Int32] = [:]
        var longestBMP = [UInt8](repeating: 0, count: 0x10000)
        var longestOther: [UInt32: UInt8] = [:]
        var children: [UInt64: Int32] = [:]
        var terminal: [Int32] = [-1]
        var values: [[UInt32]] = []
        for (key, value) in entries where !key.isEmpty {
            let v = Int32(values.count)
            values.append(value)
            let first = key[0]
            if key.count == 1 {
                if first < 0x10000 { singleBMP[Int(first)] = v } else { singleOther[first] = v }
                continue
            }
            let len = UInt8(min(key.count, 255))
            if first < 0x10000 { longestBMP[Int(first)] = max(longestBMP[Int(first)], len) }
            else { longestOther[first] = max(longestOther[first] ?? 0, len) }
            var node: Int32 = 0
            for c in key {
                let edge = UInt64(node) << 21 | UInt64(c)
                if let next = children[edge] { node = next; continue }
                let next = Int32(terminal.count)
                terminal.append(-1)
                children[edge] = next
                node = next
            }
            terminal[Int(node)] = v
        }
        self.singleBMP = singleBMP; self.singleOther = singleOther
        self.longestBMP = longestBMP; self.longestOther = longestOther
        self.children = children; self.terminal = terminal
        self.values = values; self.entryCount = entries.count
    }

    /// The longest key equal to text[i..<i+k] for some k ≤ end - i, or nil.
    @inline(__always)
    func longestPrefix(_ text: UnsafeBufferPointer<UInt32>, at i: Int, end: Int) -> Match? {
        let c = text[i]
        let longest = c < 0x10000 ? Int(longestBMP[Int(c)]) : Int(longestOther[c] ?? 0)
        if longest >= 2 && end - i >= 2, let m = longestPhrase(text, at: i, end: min(end, i + longest)) { return m }
        let v = c < 0x10000 ? singleBMP[Int(c)] : (singleOther[c] ?? -1)
        return v < 0 ? nil : Match(length: 1, value: Int(v))
    }

    /// Keys of two or more scalars only: walk the trie as far as the text allows.
    private func longestPhrase(_ text: UnsafeBufferPointer<UInt32>, at i: Int, end: Int) -> Match? {
        var node: Int32 = 0
        var best: Match? = nil
        var k = i
        while k < end, let next = children[UInt64(node) << 21 | UInt64(text[k])] {
            node = next
            k += 1
            let v = terminal[Int(node)]
            if v >= 0 && k - i >= 2 { best = Match(length: k - i, value: Int(v)) }
        }
        return best
    }
}
