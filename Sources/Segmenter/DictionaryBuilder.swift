// Builds jieba's prefix dictionary (FREQ, total) from dict.txt and user dictionaries, with the
// exact semantics of Tokenizer.gen_pfdict, load_userdict, add_word and suggest_freq.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct DictionaryBuilder {
    var trie = ScalarTrie(expectedNodes: 300_000)   // 1M slots: jieba's ~490k edges at load < 0.5
    var freq: [Int] = [0]                 // per trie node; 0 = a prefix only (or a deleted word)
    var total = 0
    var forceSplit = Set<[UInt32]>()      // finalseg.add_force_split: words added with freq 0

    /// gen_pfdict: each line "word freq [tag]"; a repeated word keeps the last freq, total counts all.
    /// One pass over the bytes: lines found with memchr, each word decoded into a reused buffer
    /// and inserted along the path of the word before it (dict.txt is sorted).
    mutating func loadMain(bytes: [UInt8], path: String) throws {
        var word = [UInt32](repeating: 0, count: 64)
        var sorted = ScalarTrie.SortedInsertion()
        freq.reserveCapacity(trie.nodeCount + bytes.count / 8)
        try bytes.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return }
            let n = buf.count
            var start = 0
            var lineNo = 0
            while start < n {
                let end = memchr(p + start, 0x0A, n - start).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - p } ?? n
                lineNo += 1
                var a = start, b = end
                start = end + 1
                while a < b && isASCIISpace(p[a]) { a += 1 }
                while b > a && isASCIISpace(p[b - 1]) { b -= 1 }
                if a == b { continue }
                func invalid() -> SegmenterError {
                    .invalidDictionaryLine(path: path, line: lineNo, text: String(decoding: UnsafeBufferPointer(start: p + a, count: b - a), as: UTF8.self))
                }
                var sp = a
                while sp < b && p[sp] != 0x20 { sp += 1 }
                guard sp < b, sp > a else { throw invalid() }
                var fEnd = sp + 1
                while fEnd < b && p[fEnd] != 0x20 { fEnd += 1 }
                // The word's scalars (at most one per byte).
                if word.count < sp - a { word = [UInt32](repeating: 0, count: sp - a) }
                let count = word.withUnsafeMutableBufferPointer { UTF8Scalars.decode(p + a, sp - a, into: $0.baseAddress!) }
                guard count > 0, let f = parseInt(UnsafeBufferPointer(start: p + sp + 1, count: fEnd - sp - 1)) else { throw invalid() }
                let node = try word.withUnsafeBufferPointer { try trie.insert(UnsafeBufferPointer(rebasing: $0[0..<count]), after: &sorted) }
                syncNodes()
                freq[node] = f
                total += f
            }
        }
    }

    /// load_userdict: "word [freq] [tag]" per line (regex ^(.+?)( [0-9]+)?( [a-z]+)?$);
    /// a missing freq becomes suggest_freq(word).
    mutating func loadUser(bytes: [UInt8], path: String) throws {
        var scalars: [UInt32] = []
        try forEachLine(bytes) { lineNo, line in
            scalars.removeAll(keepingCapacity: true)
            let ok = line.withUnsafeBufferPointer { UTF8Scalars.decode($0, into: &scalars) }
            guard ok else { throw SegmenterError.invalidUTF8(path: path, line: lineNo) }
            var start = 0
            while start < scalars.count && scalars[start] == 0xFEFF { start += 1 }
            guard start < scalars.count else { return }
            let (word, f) = Self.splitUserLine(scalars[start...])
            try addWord(Array(word), freq: f)
        }
    }

    /// The regex's lazy word: the longest matching suffix " D L", " D" or " L" (D digits, L a-z) wins.
    static func splitUserLine(_ line: ArraySlice<UInt32>) -> (word: ArraySlice<UInt32>, freq: Int?) {
        func field(before end: Int) -> (start: Int, ok: Bool) {
            // The field after the last space before `end`; the word in front must be non-empty.
            var i = end - 1
            while i >= line.startIndex && line[i] != 0x20 { i -= 1 }
            return (i, i > line.startIndex)
        }
        func all(_ s: ArraySlice<UInt32>, _ pred: (UInt32) -> Bool) -> Bool { !s.isEmpty && s.allSatisfy(pred) }
        let isDigit: (UInt32) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        let isLower: (UInt32) -> Bool = { $0 >= 0x61 && $0 <= 0x7A }
        let end = line.endIndex
        let (lastSpace, lastOK) = field(before: end)
        guard lastOK else { return (line, nil) }
        let last = line[(lastSpace + 1)..<end]
        if all(last, isLower) {
            let (prevSpace, prevOK) = field(before: lastSpace)
            if prevOK, all(line[(prevSpace + 1)..<lastSpace], isDigit) {
                return (line[..<prevSpace], parseInt(line[(prevSpace + 1)..<lastSpace]))
            }
            return (line[..<lastSpace], nil)
        }
        if all(last, isDigit) { return (line[..<lastSpace], parseInt(last)) }
        return (line, nil)
    }

    /// add_word(word, freq): a nil freq is suggest_freq(word, tune=False).
    mutating func addWord(_ word: [UInt32], freq f: Int?) throws {
        guard !word.isEmpty else { return }
        let value = f ?? suggestFreq(word)
        let node = try trie.insert(word)
        syncNodes()
        freq[node] = value
        total += value
        if value == 0 { forceSplit.insert(word) }
    }

    /// suggest_freq(word, False): max(int(Π FREQ.get(seg, 1)/total · total) + 1, FREQ.get(word, 1))
    /// over the word's own HMM-free cut.
    func suggestFreq(_ word: [UInt32]) -> Int {
        let ftotal = Double(total)
        var ends = [Int32](repeating: 0, count: word.count)
        let count: Int = freq.withUnsafeBufferPointer { fp in
            trie.withView { view in
                let scratch = CutScratch(capacity: word.count)
                defer { scratch.free() }
                let logTotal = log(ftotal)
                let engine = CutEngine(trie: view, scorer: LiveScorer(freq: fp.baseAddress!, logTotal: logTotal),
                                       fallback: log(1.0) - logTotal, hmm: nil, forceSplit: [], scratch: scratch)
                return word.withUnsafeBufferPointer { wp in
                    ends.withUnsafeMutableBufferPointer { engine.cut(wp.baseAddress!, word.count, ends: $0.baseAddress!) }
                }
            }
        }
        var p = 1.0
        var start = 0
        for k in 0..<count {
            let end = Int(ends[k])
            p *= Double(frequency(word[start..<end]) ?? 1) / ftotal
            start = end
        }
        return max(Int(p * Double(total)) + 1, frequency(word[...]) ?? 1)
    }

    /// FREQ.get(word): nil when absent, 0 for a prefix.
    func frequency(_ word: ArraySlice<UInt32>) -> Int? {
        trie.node(for: word).map { freq[$0] }
    }

    @inline(__always)
    private mutating func syncNodes() {
        while freq.count < trie.nodeCount { freq.append(0) }
    }
}

/// Calls `body` with each line's bytes (split on \n, as Python's binary line iteration),
/// stripped of ASCII whitespace at both ends like bytes.strip().
func forEachLine(_ bytes: [UInt8], _ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
    var start = 0
    var lineNo = 0
    let n = bytes.count
    while start < n {
        var end = start
        while end < n && bytes[end] != 0x0A { end += 1 }
        lineNo += 1
        var a = start, b = end
        while a < b && isASCIISpace(bytes[a]) { a += 1 }
        while b > a && isASCIISpace(bytes[b - 1]) { b -= 1 }
        try body(lineNo, bytes[a..<b])
        start = end + 1
    }
}

@inline(__always) func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

/// Python int() of an ASCII decimal field (optional sign); nil if malformed or out of range.
func parseInt<C: Collection>(_ s: C) -> Int? where C.Element: BinaryInteger {
    var it = s.makeIterator()
    guard var c = it.next() else { return nil }
    var negative = false
    if c == 0x2D || c == 0x2B {
        negative = c == 0x2D
        guard let d = it.next() else { return nil }
        c = d
    }
    var v = 0
    while true {
        guard c >= 0x30 && c <= 0x39 else { return nil }
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int(c - 0x30))
        if o1 || o2 { return nil }
        v = a
        guard let d = it.next() else { break }
        c = d
    }
    return negative ? -v : v
}
