// Segmenter: jieba 0.42.1-compatible Chinese word segmentation (accurate mode, HMM on by
// default) on the dictionary and HMM tables of Debian's python3-jieba.
// Load once per process; the instance is immutable afterwards and safe to share across threads.
import Foundation

public final class Segmenter: @unchecked Sendable {
    /// Where jieba's data lives: $REPORTQ_JIEBA_DIR, else Debian's python3-jieba.
    public static var defaultJiebaDirectory: String {
        ProcessInfo.processInfo.environment["REPORTQ_JIEBA_DIR"] ?? "/usr/lib/python3/dist-packages/jieba"
    }

    public struct Configuration: Hashable, Sendable {
        public var dictionaryPath: String
        public var hmmDirectory: String          // holds prob_start.py, prob_trans.py, prob_emit.py
        public var idfPath: String
        public var userDictionaryPaths: [String]
        public var includePolicyTerms: Bool      // load PolicyTerms.userDictionary after the files

        public init(dictionaryPath: String? = nil, hmmDirectory: String? = nil, idfPath: String? = nil,
                    userDictionaryPaths: [String] = [], includePolicyTerms: Bool = false) {
            let dir = Segmenter.defaultJiebaDirectory
            self.dictionaryPath = dictionaryPath ?? dir + "/dict.txt"
            self.hmmDirectory = hmmDirectory ?? dir + "/finalseg"
            self.idfPath = idfPath ?? dir + "/analyse/idf.txt"
            self.userDictionaryPaths = userDictionaryPaths
            self.includePolicyTerms = includePolicyTerms
        }
    }

    public let configuration: Configuration
    /// Sum of all word frequencies (jieba's `total`).
    public let total: Int
    public let nodeCount: Int

    // Frozen tables: views into one image (a mapped cache file, or built here from the text files).
    let tables: TableImage
    let trieShift: UInt64
    let trieSlots: UnsafeBufferPointer<UInt64>       // edges, word flag set (ScalarTrie.flaggedTables)
    let trieRoot: UnsafeBufferPointer<UInt32>        // root's BMP children, word flag set
    let freq: UnsafeBufferPointer<Int>               // per node; 0 = a prefix only
    let logp: UnsafeBufferPointer<Double>            // log(freq) - log(total), NaN for prefixes
    let fallback: Double                             // log(1) - log(total)
    let hmmStart: UnsafeBufferPointer<Double>
    let hmmTrans: UnsafeBufferPointer<Double>
    let hmmEmit: UnsafeBufferPointer<Double>
    let forceSplit: Set<[UInt32]>
    private let keywordBox = LazyBox<KeywordExtractor>()

    /// Whether the tables came from the cache file rather than the text files.
    public var tablesFromCache: Bool { tables.fromCache }

    // Image fields and sections.
    private enum F: Int { case total, nodeCount, trieShift, fallback }
    private enum S: Int { case slots, root, freq, logp, hmmStart, hmmTrans, hmmEmit, forceSplit }

    /// Loads the dictionary, then user dictionaries in order (files, then extra texts), then the HMM
    /// (from the table cache when it holds them for exactly these files: see TableImage.swift).
    public init(_ configuration: Configuration = Configuration(), userDictionaryTexts: [String] = []) throws {
        self.configuration = configuration
        var texts = userDictionaryTexts
        if configuration.includePolicyTerms { texts.insert(PolicyTerms.userDictionary, at: 0) }
        let sourceBytes = TableCache.fileSize(configuration.dictionaryPath)
        let image = try TableCache.image(kind: "jieba", key: Self.cacheKey(configuration, texts: texts),
                                         sourceBytes: sourceBytes) { key in
            try Self.build(configuration, texts: texts, key: key)
        }
        tables = image
        let f = image.fields
        total = Int(f[F.total.rawValue])
        nodeCount = Int(f[F.nodeCount.rawValue])
        trieShift = f[F.trieShift.rawValue]
        fallback = Double(bitPattern: f[F.fallback.rawValue])
        trieSlots = image.section(S.slots.rawValue, as: UInt64.self)
        trieRoot = image.section(S.root.rawValue, as: UInt32.self)
        freq = image.section(S.freq.rawValue, as: Int.self)
        logp = image.section(S.logp.rawValue, as: Double.self)
        hmmStart = image.section(S.hmmStart.rawValue, as: Double.self)
        hmmTrans = image.section(S.hmmTrans.rawValue, as: Double.self)
        hmmEmit = image.section(S.hmmEmit.rawValue, as: Double.self)
        // Force-split words: each as its length, then its scalars.
        var split = Set<[UInt32]>()
        let fs = image.section(S.forceSplit.rawValue, as: UInt32.self)
        var i = 0
        while i < fs.count {
            let n = Int(fs[i])
            split.insert(Array(fs[(i + 1)..<(i + 1 + n)]))
            i += 1 + n
        }
        forceSplit = split
    }

    /// The cache key: every input's identity; nil (no caching) if a file cannot be stat'ed.
    private static func cacheKey(_ c: Configuration, texts: [String]) -> String? {
        var parts = [TableCache.baseKey, "jieba-tables"]
        for path in [c.dictionaryPath] + c.userDictionaryPaths
            + ["prob_start.py", "prob_trans.py", "prob_emit.py"].map({ c.hmmDirectory + "/" + $0 }) {
            guard let id = TableCache.fileIdentity(path) else { return nil }
            parts.append(id)
        }
        for t in texts { parts.append("text:\(t.utf8.count):\(TableCache.fnv64(t.utf8))") }
        return parts.joined(separator: "\n")
    }

    /// The tables from the text files, as an in-memory image.
    private static func build(_ configuration: Configuration, texts: [String], key: String) throws -> TableImage {
        var builder = DictionaryBuilder()
        try builder.loadMain(bytes: try FileBytes.read(configuration.dictionaryPath), path: configuration.dictionaryPath)
        for path in configuration.userDictionaryPaths {
            try builder.loadUser(bytes: try FileBytes.read(path), path: path)
        }
        for (i, text) in texts.enumerated() {
            try builder.loadUser(bytes: Array(text.utf8), path: "<user dictionary text \(i)>")
        }
        let hmm = try HMMModel(directory: configuration.hmmDirectory)

        let logTotal = log(Double(builder.total))
        let fallback = log(1.0) - logTotal
        let logp = builder.freq.map { f in f != 0 ? log(Double(f)) - logTotal : .nan }
        let flagged = builder.trie.flaggedTables { builder.freq[$0] != 0 }
        var split: [UInt32] = []
        for w in builder.forceSplit.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            split.append(UInt32(w.count)); split.append(contentsOf: w)
        }
        var fields = [UInt64](repeating: 0, count: 4)
        fields[F.total.rawValue] = UInt64(builder.total)
        fields[F.nodeCount.rawValue] = UInt64(builder.trie.nodeCount)
        fields[F.trieShift.rawValue] = builder.trie.shift
        fields[F.fallback.rawValue] = fallback.bitPattern
        let freq = builder.freq
        return flagged.slots.withUnsafeBytes { slots in
            flagged.root.withUnsafeBytes { root in
                freq.withUnsafeBytes { freq in
                    logp.withUnsafeBytes { logp in
                        hmm.start.withUnsafeBytes { hs in
                            hmm.trans.withUnsafeBytes { ht in
                                hmm.emit.withUnsafeBytes { he in
                                    split.withUnsafeBytes { sp in
                                        TableImage.make(key: key, fields: fields,
                                                        sections: [slots, root, freq, logp, hs, ht, he, sp])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Shared instances

    nonisolated(unsafe) private static var cache: [Configuration: Segmenter] = [:]
    private static let cacheLock = NSLock()

    /// One instance per configuration per process, loaded on first use.
    public static func shared(_ configuration: Configuration = Configuration()) throws -> Segmenter {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let s = cache[configuration] { return s }
        let s = try Segmenter(configuration)
        cache[configuration] = s
        return s
    }

    // MARK: Cutting

    var trieView: TrieView {
        TrieView(slots: UnsafePointer(trieSlots.baseAddress!), mask: trieSlots.count - 1,
                 shift: trieShift, root: UnsafePointer(trieRoot.baseAddress!))
    }
    var hmmView: HMMView {
        HMMView(start: UnsafePointer(hmmStart.baseAddress!), trans: UnsafePointer(hmmTrans.baseAddress!),
                emit: UnsafePointer(hmmEmit.baseAddress!))
    }

    /// A reusable cutter with its own working memory; use one per thread.
    public func makeCutter(hmm: Bool = true) -> TokenCutter { TokenCutter(segmenter: self, hmm: hmm) }

    /// Token ranges in Unicode scalar offsets (tokens tile the text, as jieba's do).
    public func tokenRanges(_ scalars: [UInt32], hmm: Bool = true) -> [Range<Int>] {
        let cutter = makeCutter(hmm: hmm)
        var ends: [Int32] = []
        scalars.withUnsafeBufferPointer { cutter.cut($0, appendingEndsTo: &ends) }
        var out: [Range<Int>] = []
        out.reserveCapacity(ends.count)
        var start = 0
        for e in ends { out.append(start..<Int(e)); start = Int(e) }
        return out
    }

    /// Token ranges of `text` in Unicode scalar offsets.
    public func tokenRanges(in text: String, hmm: Bool = true) -> [Range<Int>] {
        tokenRanges(UTF8Scalars.scalars(of: text), hmm: hmm)
    }

    /// jieba.lcut(text) (HMM on by default).
    public func lcut(_ text: String, hmm: Bool = true) -> [String] {
        let scalars = UTF8Scalars.scalars(of: text)
        return tokenRanges(scalars, hmm: hmm).map { UTF8Scalars.string(scalars[$0]) }
    }

    /// The tokens as substrings of `text`. Bounds are Unicode-scalar exact (a token may end
    /// inside a grapheme cluster, e.g. before a combining mark, as jieba's do).
    public func cut(_ text: String, hmm: Bool = true) -> [Substring] {
        let ranges = tokenRanges(in: text, hmm: hmm)
        var out: [Substring] = []
        out.reserveCapacity(ranges.count)
        let view = text.unicodeScalars
        var idx = view.startIndex
        for r in ranges {
            let end = view.index(idx, offsetBy: r.count)
            out.append(Substring(view[idx..<end]))
            idx = end
        }
        return out
    }

    /// FREQ.get(word): nil if absent, 0 if only a prefix of dictionary words.
    public func frequency(of word: String) -> Int? {
        let view = trieView
        var node = 0
        for s in UTF8Scalars.scalars(of: word) {
            let c = view.child(of: node, s)
            if c == 0 { return nil }
            node = c & TrieView.nodeMask
        }
        return freq[node]
    }

    // MARK: Keywords

    /// The TF-IDF extractor on `configuration.idfPath`, loaded on first use.
    public func keywordExtractor() throws -> KeywordExtractor {
        try keywordBox.get { try KeywordExtractor(idfPath: configuration.idfPath, segmenter: self) }
    }

    /// jieba.analyse.extract_tags(text, topK, withWeight=True).
    public func keywords(in text: String, topK: Int = 20) throws -> [(term: String, weight: Double)] {
        try keywordExtractor().extract(from: text, topK: topK)
    }
}

/// Cuts text with one segmenter, reusing its working memory between calls. Not thread-safe:
/// make one per thread (the segmenter itself is shared).
public final class TokenCutter {
    public let segmenter: Segmenter
    public let hmm: Bool
    private var scratch: CutScratch

    init(segmenter: Segmenter, hmm: Bool) {
        self.segmenter = segmenter
        self.hmm = hmm
        scratch = CutScratch(capacity: 256)
    }

    deinit { scratch.free() }

    /// Appends the end offset (relative to `scalars`) of each token.
    public func cut(_ scalars: UnsafeBufferPointer<UInt32>, appendingEndsTo ends: inout [Int32]) {
        let n = scalars.count
        guard n > 0, let base = scalars.baseAddress else { return }
        if scratch.capacity < n {
            scratch.free()
            scratch = CutScratch(capacity: max(n, scratch.capacity * 2))
        }
        let s = segmenter
        let engine = CutEngine(trie: s.trieView, scorer: TableScorer(logp: UnsafePointer(s.logp.baseAddress!)),
                               fallback: s.fallback, hmm: hmm ? s.hmmView : nil,
                               forceSplit: s.forceSplit, scratch: scratch)
        let old = ends.count
        ends.reserveCapacity(old + n)
        ends.append(contentsOf: repeatElement(0, count: n))
        let count = ends.withUnsafeMutableBufferPointer { engine.cut(base, n, ends: $0.baseAddress! + old) }
        ends.removeLast(n - count)
    }
}

/// A value computed once on first use, under a lock.
final class LazyBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    func get(_ make: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        if let v = value { return v }
        let v = try make()
        value = v
        return v
    }
}
