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
    private let table: IDFView
    private let tables: TableImage   // owns the memory `table` points into
    private let maxStopWordLength: Int
    /// The stop words as scalar arrays: tokens are probed once each, and hashing a String
    /// (with its normalization) per token cost more than the rest of keyword extraction.
    private let stopScalars: Set<[UInt32]>
    /// Bit per BMP scalar that (lowercased) starts a stop word; `stopInitials` for the rest.
    private let stopInitialBits: [UInt64]
    private let stopInitials: Set<UInt32>

    /// Loads idf.txt ("word idf" per line, as IDFLoader.set_new_path).
    public init(idfPath: String, segmenter: Segmenter, extraStopWords: Set<String> = []) throws {
        self.segmenter = segmenter
        let stops = Self.defaultStopWords.union(extraStopWords)
        stopWords = stops
        maxStopWordLength = stops.map { $0.unicodeScalars.count }.max() ?? 0
        stopScalars = Set(stops.map { $0.unicodeScalars.map(\.value) })
        stopInitials = Set(stopScalars.compactMap(\.first))
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for c in stopInitials where c < 0x10000 { bits[Int(c >> 6)] |= 1 << UInt64(c & 63) }
        stopInitialBits = bits
        let image = try TableCache.image(kind: "idf", key: TableCache.fileIdentity(idfPath).map {
            TableCache.baseKey + "\nidf-table\n" + $0
        }, sourceBytes: TableCache.fileSize(idfPath)) { key in try Self.build(idfPath: idfPath, key: key) }
        medianIDF = Double(bitPattern: image.fields[1])
        let values = image.section(3, as: Double.self)
        table = IDFView(slots: image.section(0, as: UInt64.self), shift: image.fields[0],
                        keyStart: image.section(1, as: UInt32.self).baseAddress!,
                        keyBytes: image.section(2, as: UInt8.self).baseAddress!,
                        values: values.baseAddress!)
        tables = image
    }

    /// idf.txt as an image: fields shift, median; sections slots, keyStart, keyBytes, values.
    private static func build(idfPath: String, key: String) throws -> TableImage {
        var bytes = try FileBytes.read(idfPath)
        bytes.append(0)   // terminator for strtod
        let table = try bytes.withUnsafeBufferPointer { try IDFTable(bytes: $0, path: idfPath) }
        // NaN ("nan" in the file) counts as no entry, as before.
        var values = table.values.filter { !$0.isNaN }
        guard !values.isEmpty else { throw SegmenterError.invalidModel(path: idfPath, reason: "no idf entries") }
        let median = select(&values, values.count / 2)
        return table.slots.withUnsafeBytes { slots in
            table.keyStart.withUnsafeBytes { ks in
                table.keyBytes.withUnsafeBytes { kb in
                    table.values.withUnsafeBytes { vs in
                        TableImage.make(key: key, fields: [table.shift, median.bitPattern], sections: [slots, ks, kb, vs])
                    }
                }
            }
        }
    }

    /// The k-th smallest value (what sorted()[k] would be), by quickselect.
    private static func select(_ a: inout [Double], _ k: Int) -> Double {
        a.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1
            while lo < hi {
                let pivot = a[lo + (hi - lo) / 2]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
            return a[k]
        }
    }

    /// The idf of a term, or nil if idf.txt lacks it.
    public func idf(of term: String) -> Double? {
        var buffer: [UInt8] = []
        guard let v = table.value(scalars: UTF8Scalars.scalars(of: term), buffer: &buffer), !v.isNaN else { return nil }
        return v
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
        scalars.withUnsafeBufferPointer { sp in
            ends.withUnsafeBufferPointer { ep in extract(sp, ep, topK: topK) }
        }
    }

    private func extract(_ sp: UnsafeBufferPointer<UInt32>, _ ep: UnsafeBufferPointer<Int32>, topK: Int) -> [(term: String, weight: Double)] {
        guard let s = sp.baseAddress, !ep.isEmpty else { return [] }
        // Distinct terms in first-occurrence order (start, length into s) and their counts, found
        // through an open-addressing table of term indices keyed by the scalars themselves.
        var termStart: [Int32] = [], termLength: [Int32] = [], counts: [Double] = []
        var capacity = 256
        while capacity < ep.count * 2 { capacity <<= 1 }   // load ≤ 0.5 even if every token differs
        var slots = [Int32](repeating: -1, count: capacity)
        var hashes = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        var start = 0
        slots.withUnsafeMutableBufferPointer { slots in
        hashes.withUnsafeMutableBufferPointer { hashes in
        for e in ep {
            let end = Int(e)
            defer { start = end }
            let n = end - start
            // len(w.strip()) < 2: tokens of 2+ scalars are whitespace-free except "\r\n".
            guard n >= 2, s[start] != 0x0D else { continue }
            if n <= maxStopWordLength && isStopWord(s + start, n) { continue }
            var h: UInt64 = UInt64(n)
            for k in start..<end { h = (h ^ UInt64(s[k])) &* 0x9E37_79B9_7F4A_7C15 }
            let tag = UInt32(truncatingIfNeeded: h >> 32)
            var i = Int(truncatingIfNeeded: h >> 40) & mask
            while true {
                let t = Int(slots[i])
                if t < 0 {
                    slots[i] = Int32(termStart.count); hashes[i] = tag
                    termStart.append(Int32(start)); termLength.append(Int32(n)); counts.append(1)
                    break
                }
                if hashes[i] == tag && Int(termLength[t]) == n
                    && memcmp(s + Int(termStart[t]), s + start, n * 4) == 0 {
                    counts[t] += 1
                    break
                }
                i = (i + 1) & mask
            }
        }
        }
        }
        let total = counts.reduce(0, +)
        // Sorted by weight descending, ties in first-occurrence order: the top K kept in order by
        // insertion, as a full stable sort would rank them.
        var weights = [Double](repeating: 0, count: termStart.count)
        let longest = termLength.max().map(Int.init) ?? 0
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4 * longest + 4)
        defer { buffer.deallocate() }
        for t in termStart.indices {
            var v = table.value(s + Int(termStart[t]), Int(termLength[t]), buffer: buffer) ?? .nan
            if v.isNaN { v = medianIDF }
            weights[t] = counts[t] * (v / total)
        }
        var top: [(order: Int, weight: Double)] = []
        if topK <= 0 || topK >= weights.count {
            top = weights.enumerated().map { ($0.offset, $0.element) }
            top.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.order < $1.order }
        } else {
            // The top K kept in order by insertion, as the full stable sort would rank them.
            top.reserveCapacity(topK + 1)
            for (t, w) in weights.enumerated() {
                if top.count == topK, !(w > top[topK - 1].weight) { continue }
                // After the last entry with weight ≥ w (earlier terms win ties).
                var lo = 0, hi = top.count
                while lo < hi { let mid = (lo + hi) / 2; if top[mid].weight >= w { lo = mid + 1 } else { hi = mid } }
                top.insert((t, w), at: lo)
                if top.count > topK { top.removeLast() }
            }
        }
        return top.map { (UTF8Scalars.string(UnsafeBufferPointer(start: s + Int(termStart[$0.order]), count: Int(termLength[$0.order]))), $0.weight) }
    }

    /// wc.lower() in stop_words. Multi-scalar tokens come from han blocks (CJK, ASCII letters,
    /// digits, +#&._%-), where lower() only changes A-Z.
    @inline(__always)
    private func isStopWord(_ token: UnsafePointer<UInt32>, _ n: Int) -> Bool {
        let lower: (UInt32) -> UInt32 = { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let first = lower(token[0])
        if first < 0x10000 {
            guard stopInitialBits[Int(first >> 6)] >> UInt64(first & 63) & 1 != 0 else { return false }
        } else if !stopInitials.contains(first) {
            return false
        }
        return stopScalars.contains(UnsafeBufferPointer(start: token, count: n).map(lower))
    }
}
