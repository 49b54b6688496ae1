// The one call site into Segmenter: jieba-compatible tokens over the cleaned text, TF-IDF
// keywords, optional per-sentence tokens and counts of a configurable term list.
import ReportText
import Segmenter

struct WordsResult {
    var tokenCount = 0                              // tokens that are not whitespace
    var keywords: [(term: String, weight: Double)] = []
    var sentenceTokens: [[String]]? = nil           // with PipelineOptions.includeTokens
    var termCounts: TermCountsResult? = nil         // with PipelineOptions.terms
    var warning: String? = nil                      // the segmenter could not be loaded
}

struct TermCountsResult {
    var terms: [String]
    var document: [Int]
    var sections: [(path: String, counts: [Int])]
}

enum SegmentationBridge {
    /// One segmenter per process: jieba's dictionary plus the built-in policy terms
    /// (新质生产力, 专精特新, …), so they count as words and can be keywords.
    static let configuration = Segmenter.Configuration(includePolicyTerms: true)

    static func words(_ st: StructuredText, options: PipelineOptions) -> WordsResult {
        var result = WordsResult()
        let segmenter: Segmenter
        let keywordExtractor: KeywordExtractor
        do {
            segmenter = try Segmenter.shared(configuration)
            keywordExtractor = try segmenter.keywordExtractor()
        } catch {
            // A worker without the dictionary still extracts everything else; say why words are missing.
            result.warning = "segmenter unavailable: \(error)"
            return result
        }
        let scalars = st.scalars
        let cutter = segmenter.makeCutter()
        var ends: [Int32] = []
        scalars.withUnsafeBufferPointer { cutter.cut($0, appendingEndsTo: &ends) }

        var start = 0
        for e in ends {
            let end = Int(e)
            if !(end - start == 1 && isSpace(scalars[start])) { result.tokenCount += 1 }
            start = end
        }
        result.keywords = keywordExtractor.extract(scalars: scalars, ends: ends, topK: options.keywordCount)

        if options.includeTokens {
            result.sentenceTokens = st.sentences.map { s in
                tokens(in: scalars, from: s.start, to: s.end, ends: ends)
            }
        }
        if !options.terms.isEmpty {
            let counter = TermCounter(terms: options.terms)
            let spans = [0..<scalars.count] + st.sections.map { $0.start..<$0.end }
            let counts = counter.counts(in: scalars, spans: spans)
            result.termCounts = TermCountsResult(
                terms: options.terms, document: counts[0],
                sections: zip(st.sections, counts.dropFirst()).map { ($0.path, $1) })
        }
        return result
    }

    /// Tokens of the whole-text cut that start inside [from, to), without whitespace tokens.
    private static func tokens(in scalars: [UInt32], from: Int, to: Int, ends: [Int32]) -> [String] {
        // First token ending after `from`: binary search on the sorted ends.
        var lo = 0, hi = ends.count
        while lo < hi { let mid = (lo + hi) / 2; if Int(ends[mid]) <= from { lo = mid + 1 } else { hi = mid } }
        var out: [String] = []
        var start = lo == 0 ? 0 : Int(ends[lo - 1])
        var i = lo
        while i < ends.count, start < to {
            let end = Int(ends[i])
            if start >= from, !(end - start == 1 && isSpace(scalars[start])) {
                out.append(UTF8Scalars.string(scalars[start..<end]))
            }
            start = end; i += 1
        }
        return out
    }

    private static func isSpace(_ s: UInt32) -> Bool { s == 0x20 || s == 0x0A || s == 0x09 || s == 0x0D || s == 0x3000 }
}
