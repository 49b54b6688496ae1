// TF-IDF keywords as jieba.analyse.extract_tags(text, topK, withWeight=True, allowPOS=()):
// tokens of the accurate cut, skipping those shorter than 2 after strip() and stop words;
// weight = count · idf / total count (idf.txt, median idf for unknown words); sorted by weight
// descending, ties in first-occurrence order (Python's stable sort over dict insertion order).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class KeywordExtractor: @unchecked Sendable {
    /// jieba's KeywordExtractor.STOP_WORDS.
    public static let defaultStopWords: Set<String> = [
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
        "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
        "this", "then", "at", "have", "all", "not", "one", "has", "or",
    ]

    public let segmenter: Segmenter
    public let medianIDF: Double
    public let stopWords: Set<String>
    private let idfTrie: ScalarTrie
    private let idf: [Double]            // per idf-trie node; NaN where no entry ends
    private let maxStopWordLength: Int
    /// The stop words as scalar arrays: tokens are probed once each, and hashing a String
    /// (with its normalization) per token cost more than the rest of keyword extraction.
    private let stopScalars: Set<[UInt32]>
    private let stopInitials: Set<UInt32>

    /// Loads idf.txt ("word idf" per line, as IDFLoader.set_new_path).
    public init(idfPath: String, segmenter: Segmenter, extraStopWords: Set<String> = []) throws {
        self.segmenter = segmenter
        let stops = Self.defaultStopWords.union(extraStopWords)
        stopWords = stops
        maxStopWordLength = stops.map { $0.unicodeScalars.count }.max() ?? 0
        stopScalars = Set(stops.map { $0.unicodeScalars.map(\.value) })
        stopInitials = Set(stopScalars.compactMap(\.first))
        var bytes = try FileBytes.read(idfPath)
        bytes.append(0)   // terminator for strtod
        var trie = ScalarTrie(expectedNodes: 500_000)
        var values: [Double] = [.nan]
        var word: [UInt32] = []
        var previous: [UInt32] = []
        var trail = [0]
        var count = 0
        try bytes.withUnsafeBufferPointer { buf in
            let p = buf.baseAddress!
            let n = buf.count - 1
            var start = 0
            var lineNo = 0
            while start < n {
                var end = start
                while end < n && p[end] != 0x0A { end += 1 }
                lineNo += 1
                var a = start, b = end
                while a < b && isASCIISpace(p[a]) { a += 1 }
                while b > a && isASCIISpace(p[b - 1]) { b -= 1 }
                start = end + 1
                // Python splits on '\n', '\r' and a few more; only blank lines can appear between.
                if a == b { continue }
                var sp = a
                while sp < b && p[sp] != 0x20 { sp += 1 }
                guard sp < b else { throw SegmenterError.invalidDictionaryLine(path: idfPath, line: lineNo, text: "") }
                word.removeAll(keepingCapacity: true)
                let ok = UTF8Scalars.decode(UnsafeBufferPointer(start: p + a, count: sp - a), into: &word)
                var endPtr: UnsafeMutablePointer<CChar>? = nil
                let numStart = UnsafeMutableRawPointer(mutating: p + sp + 1).assumingMemoryBound(to: CChar.self)
                let v = strtod(numStart, &endPtr)
                guard ok, !word.isEmpty, let e = endPtr, e != numStart,
                      UnsafeRawPointer(e) == UnsafeRawPointer(p + b) else {
                    throw SegmenterError.invalidDictionaryLine(
                        path: idfPath, line: lineNo,
                        text: String(decoding: UnsafeBufferPointer(start: p + a, count: b - a), as: UTF8.self))
                }
                let node = try trie.insert(word, after: &previous, path: &trail)
                if values.count < trie.nodeCount {
                    values.append(contentsOf: repeatElement(.nan, count: trie.nodeCount - values.count))
                }
                if values[node].isNaN { count += 1 }
                values[node] = v    // a repeated word keeps its last value, as the Python dict does
            }
        }
        guard count > 0 else { throw SegmenterError.invalidModel(path: idfPath, reason: "no idf entries") }
        let sorted = values.filter { !$0.isNaN }.sorted()
        medianIDF = sorted[sorted.count / 2]
        idfTrie = trie
        idf = values
    }

    /// The idf of a term, or nil if idf.txt lacks it.
    public func idf(of term: String) -> Double? {
        guard let node = idfTrie.node(for: UTF8Scalars.scalars(of: term)) else { return nil }
        let v = idf[node]
        return v.isNaN ? nil : v
    }

    /// Top `topK` (term, weight) pairs; topK <= 0 returns all.
    public func extract(from text: String, topK: Int = 20) -> [(term: String, weight: Double)] {
        let scalars = UTF8Scalars.scalars(of: text)
        var ends: [Int32] = []
        scalars.withUnsafeBufferPointer { segmenter.makeCutter(hmm: true).cut($0, appendingEndsTo: &ends) }
        return extract(scalars: scalars, ends: ends, topK: topK)
    }

    /// Same, from an existing cut (token end offsets into `scalars`).
    public func extract(scalars: [UInt32], ends: [Int32], topK: Int = 20) -> [(term: String, weight: Double)] {
        var index: [ArraySlice<UInt32>: Int] = [:]
        var terms: [ArraySlice<UInt32>] = []
        var counts: [Double] = []
        var start = 0
        for e in ends {
            let end = Int(e)
            defer { start = end }
            // len(w.strip()) < 2: tokens of 2+ scalars are whitespace-free except "\r\n".
            guard end - start >= 2, !isWhitespaceToken(scalars, start) else { continue }
            let token = scalars[start..<end]
            if end - start <= maxStopWordLength && isStopWord(token) { continue }
            if let i = index[token] {
                counts[i] += 1
            } else {
                index[token] = terms.count
                terms.append(token)
                counts.append(1)
            }
        }
        let total = counts.reduce(0, +)
        var ranked: [(order: Int, term: ArraySlice<UInt32>, weight: Double)] = []
        ranked.reserveCapacity(terms.count)
        for (i, t) in terms.enumerated() {
            let node = idfTrie.node(for: t)
            var v = node.map { idf[$0] } ?? .nan
            if v.isNaN { v = medianIDF }
            ranked.append((i, t, counts[i] * (v / total)))
        }
        ranked.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.order < $1.order }
        let top = topK > 0 ? ranked.prefix(topK) : ranked[...]
        return top.map { (UTF8Scalars.string($0.term), $0.weight) }
    }

    private func isWhitespaceToken(_ s: [UInt32], _ start: Int) -> Bool {
        s[start] == 0x0D   // "\r\n" is the only multi-scalar whitespace token
    }

    /// wc.lower() in stop_words. Multi-scalar tokens come from han blocks (CJK, ASCII letters,
    /// digits, +#&._%-), where lower() only changes A-Z.
    private func isStopWord(_ token: ArraySlice<UInt32>) -> Bool {
        let lower: (UInt32) -> UInt32 = { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        guard let first = token.first, stopInitials.contains(lower(first)) else { return false }
        return stopScalars.contains(token.map(lower))
    }
}
