// ReportExtraction: from a StructuredText to metadata, expected targets, review-year
// indicators and quantities. Pure functions over the cleaned text's Unicode scalars.
import ReportText

public enum Extractor {
    public static func extract(_ doc: StructuredText) -> Extraction {
        let t = Array(doc.text.unicodeScalars)
        let starts = doc.sentences.map(\.start)
        let ids = doc.sentences.map(\.id)
        // Sentence id holding a scalar offset (binary search over sentence starts).
        let sentenceAt: (Int) -> Int? = { off in
            guard !starts.isEmpty else { return nil }
            var lo = 0, hi = starts.count - 1
            if off < starts[0] { return ids[0] }
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= off { lo = mid } else { hi = mid - 1 }
            }
            return ids[lo]
        }
        return extract(scalars: t, titleBlock: doc.titleBlock, sentenceAt: sentenceAt)
    }

    /// The same on bare text (tests, tools): sentence ids come from `sentenceAt`.
    static func extract(scalars t: Scalars, titleBlock: TitleBlock = TitleBlock(),
                        sentenceAt: (Int) -> Int? = { _ in nil }) -> Extraction {
        let document = DocumentInfoExtractor.extract(t, titleBlock: titleBlock)
        var targets: [Target] = []
        var reviewLimit = t.count
        if let passage = TargetPassageFinder.find(in: t) {
            targets = passage.targets
            reviewLimit = passage.cue
        }
        // Sentence ids and codes.
        var searchFrom = 0
        for k in targets.indices {
            targets[k].code = IndicatorCodes.code(for: targets[k].indicator)
            let ts = sc(targets[k].text)
            if let p = t.find(ts, from: searchFrom) ?? t.find(ts) { targets[k].sentence = sentenceAt(p); searchFrom = p }
        }
        let indicators = ReviewIndicatorExtractor.extract(t, until: reviewLimit, year: document.reviewYear, sentenceAt: sentenceAt)
        let quantities = QuantityExtractor.extract(t, sentenceAt: sentenceAt)
        return Extraction(document: document, targets: targets, indicators: indicators, quantities: quantities)
    }

    /// Extraction on a plain string (no structure): used by tests and quick tools.
    public static func extract(text: String) -> Extraction {
        extract(scalars: Array(text.unicodeScalars))
    }
}
