// ReportExtraction: from a StructuredText to metadata, expected targets, review-year
// indicators and quantities. Pure functions over the cleaned text's Unicode scalars.
import ReportText

public enum Extractor {
    public static func extract(_ doc: StructuredText) -> Extraction {
        let t = scalars(of: doc.scalars)
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
        for k in targets.indices { targets[k].code = IndicatorCodes.code(for: targets[k].indicator, selfNames: selfNames) }
        // A growth target deliberately not set (many 2020 reports): said so, unless the passage sets one anyway.
        if !targets.contains(where: { $0.code == "gdp" && $0.measure == "growth" }), let notSet = NotSetFinder.find(in: t) {
            targets.append(notSet)
        }
        var searchFrom = 0
        for k in targets.indices {
            let ts = sc(targets[k].text)
            if let p = t.find(ts, from: searchFrom) ?? t.find(ts) { targets[k].sentence = sentenceAt(p); searchFrom = p }
        }
        let indicators = ReviewIndicatorExtractor.extract(t, until: reviewLimit, year: document.reviewYear, selfNames: selfNames,
                                                          sentenceAt: sentenceAt)
        let quantities = QuantityExtractor.extract(t, sentenceAt: sentenceAt)
        return Extraction(document: document, titleBlock: titleBlock, targets: targets, indicators: indicators,
                          quantities: quantities)
    }

    /// The structured text's scalars as Unicode.Scalar values: the same 32-bit layout, one copy.
    static func scalars(of values: [UInt32]) -> Scalars {
        Scalars(unsafeUninitializedCapacity: values.count) { out, n in
            values.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress, let dst = out.baseAddress else { return }
                UnsafeMutableRawPointer(dst).copyMemory(from: base, byteCount: src.count * MemoryLayout<UInt32>.stride)
            }
            n = values.count
        }
    }

    /// The text as Unicode scalars, decoded in one pass over its UTF-8 (String's scalar view
    /// would walk it twice: once to count, once to copy).
    static func scalars(of text: String) -> Scalars {
        var s = text
        return s.withUTF8 { u -> Scalars in
            var out = Scalars()
            out.reserveCapacity(u.count / 2)
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                var v: UInt32
                if b < 0x80 { v = UInt32(b); i += 1 }
                else if b < 0xE0, i + 1 < n { v = (UInt32(b & 0x1F) << 6) | UInt32(u[i + 1] & 0x3F); i += 2 }
                else if b < 0xF0, i + 2 < n {
                    v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F); i += 3
                } else if i + 3 < n {
                    v = (UInt32(b & 0x07) << 18) | (UInt32(u[i + 1] & 0x3F) << 12) | (UInt32(u[i + 2] & 0x3F) << 6)
                        | UInt32(u[i + 3] & 0x3F); i += 4
                } else { v = 0xFFFD; i += 1 }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            }
            return out
        }
    }

    /// Extraction on text that is already clean (tests, quick tools): structured as a file's
    /// text is, without the cleaner.
    public static func extract(text: String) -> Extraction {
        extract(TextPipeline.structure(plainText: text))
    }
}
