// Sentences: split each paragraph on 。！？； (and ! ? ; in Latin context), keeping closing
// quotes and brackets with the sentence they end. A terminator inside a short quotation
// (“……。……” closing within 40 characters) does not split.

enum SentenceSplitter {
    private static let enders: Set<UInt32> = Set(u32("。！？；!?;"))
    private static let closers: Set<UInt32> = Set(u32("”’」』）)》】〕\"'"))

    static func split(_ text: [UInt32], _ spans: [TextSpan], _ sections: [Section]) -> [Sentence] {
        var out: [Sentence] = []
        out.reserveCapacity(text.count / 40)
        var secIndex = -1           // sections are in text order; track the innermost one containing a position
        var open: [Int] = []        // stack of sections containing the current position
        func sectionPath(at pos: Int) -> String? {
            while secIndex + 1 < sections.count && sections[secIndex + 1].start <= pos {
                secIndex += 1
                while let top = open.last, sections[top].end < sections[secIndex].start { open.removeLast() }
                open.append(secIndex)
            }
            while let top = open.last, sections[top].end < pos { open.removeLast() }
            return open.last.map { sections[$0].path }
        }
        for (pIndex, span) in spans.enumerated() {
            var s = span.start
            var i = span.start
            var quoteOpen = -1
            while i < span.end {
                let c = text[i]
                if c == 0x201C { quoteOpen = i }
                else if c == 0x201D { quoteOpen = -1 }
                if enders.contains(c) {
                    var e = i + 1
                    while e < span.end && (enders.contains(text[e]) || text[e] == 0x2026) { e += 1 }
                    var closedQuote = false
                    while e < span.end && closers.contains(text[e]) { if text[e] == 0x201D { closedQuote = true }; e += 1 }
                    if closedQuote { quoteOpen = -1 }
                    if quoteOpen >= 0 && closesSoon(text, from: e, end: span.end) { i = e; continue }
                    quoteOpen = -1
                    emit(text, s, e, pIndex, sectionPath(at: s), &out)
                    s = e
                    i = e
                    continue
                }
                i += 1
            }
            if s < span.end { emit(text, s, span.end, pIndex, sectionPath(at: s), &out) }
        }
        return out
    }

    /// A quotation that closes within 40 characters is a short quoted phrase: keep it whole.
    private static func closesSoon(_ t: [UInt32], from: Int, end: Int) -> Bool {
        var k = from
        while k < end && k < from + 40 {
            if t[k] == 0x201D { return true }
            if t[k] == 0x201C { return false }
            k += 1
        }
        return false
    }

    private static func emit(_ t: [UInt32], _ s0: Int, _ e0: Int, _ p: Int, _ section: String?, _ out: inout [Sentence]) {
        var s = s0, e = e0
        while s < e && t[s] == 0x20 { s += 1 }
        while e > s && t[e - 1] == 0x20 { e -= 1 }
        if s >= e { return }
        out.append(Sentence(id: out.count, section: section, paragraph: p, start: s, end: e, text: UTF8Out.string(t[s..<e])))
    }
}
