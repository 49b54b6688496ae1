// ReportExtraction: from a StructuredText to metadata, expected targets, review-year
// indicators and quantities. Pure functions over the cleaned text's Unicode scalars.
import ReportText

public enum Extractor {
    /// `quantities: false` skips the quantity scan (records that do not carry quantities).
    public static func extract(_ doc: StructuredText, quantities wantQuantities: Bool = true) -> Extraction {
        let t = doc.scalars
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
        let head = ReportHead(doc, scalars: t)
        let (document, titleBlock) = DocumentInfoExtractor.extract(t, head: head, metadata: doc.metadata)
        var targets: [Target] = []
        var reviewLimit = t.count
        if let passage = TargetPassageFinder.find(in: t, plan: TargetPassageFinder.PlanContext(document)) {
            targets = passage.targets
            reviewLimit = passage.cue
        }
        // Sentence ids and codes.
        let selfNames = document.region.map(Gazetteer.selfNames) ?? []
        for k in targets.indices {
            targets[k].code = IndicatorCodes.code(for: targets[k].indicator, selfNames: selfNames)
                ?? (targets[k].measure == .qualitative ? IndicatorCodes.qualitativeGrowthCode(for: targets[k].indicator, text: targets[k].text) : nil)
        }
        // A growth target deliberately not set (many 2020 reports): said so, unless the passage sets one anyway.
        if !targets.contains(where: { $0.code == "gdp" && $0.measure == .growth }), let notSet = NotSetFinder.find(in: t) {
            targets.append(notSet)
        }
        for k in targets.indices { targets[k].sentence = targets[k].span.flatMap { sentenceAt($0.lowerBound) } }
        let indicators = ReviewIndicatorExtractor.extract(t, until: reviewLimit, year: document.reviewYear, selfNames: selfNames,
                                                          sentenceAt: sentenceAt)
        let quantities = wantQuantities ? QuantityExtractor.extract(t, sentenceAt: sentenceAt) : []
        return Extraction(document: document, titleBlock: titleBlock, targets: targets, indicators: indicators,
                          quantities: quantities)
    }

    /// Extraction on text that is already clean (tests, quick tools): structured as a file's
    /// text is, without the cleaner.
    public static func extract(text: String) -> Extraction {
        extract(TextPipeline.structure(plainText: text))
    }
}
