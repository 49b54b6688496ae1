// Sentences: split each paragraph on 。！？； (and ! ? ; in Latin context), keeping closing
// quotes and brackets with the sentence they end. A terminator inside a short quotation
// (“……。……” closing within 40 characters) does not split.

enum SentenceSplitter {
    @inline(__always) private static func isEnder(_ c: UInt32) -> Bool {
        switch c { case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B: return true; default: return false }
    }
    /// ” ’ 」 』 ） ) 》 】 〕 " '
    @inline(__always) private static func isCloser(_ c: UInt32) -> Bool {
        switch c { case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x3011, 0x3015, 0x22, 0x27: return true; default: return false }
    }
    @inline(__always) private static func utf8Length(_ c: UInt32) -> Int { c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4 }

    /// `textBytes` is `text` in UTF-8 and `byteStarts[k]` the byte offset of paragraph k, so
    /// sentence strings are cut from bytes without re-encoding.
    static func split(_ text: [UInt32], _ textBytes: [UInt8], _ spans: [TextSpan], _ byteStarts: [Int],
                      _ sections: [Section]) -> [Sentence] {
        var out: [Sentence] = []
        out.reserveCapacity(text.count / 40)
        var secIndex = -1           // sections are in text order; track those containing a position
        var open: [Int] = []
        func sectionPath(at pos: Int) -> String? {
            while secIndex + 1 < sections.count && sections[secIndex + 1].start <= pos {
                secIndex += 1
                while let top = open.last, sections[top].end < sections[secIndex].start { open.removeLast() }
                open.append(secIndex)
            }
            while let top = open.last, sections[top].end < pos { open.removeLast() }
            return open.last.map { sections[$0].path }
        }
        func emit(_ s0: Int, _ e0: Int, _ bs0: Int, _ be0: Int, _ p: Int) {
            var s = s0, e = e0, bs = bs0, be = be0
            while s < e && text[s] == 0x20 { s += 1; bs += 1 }
            while e > s && text[e - 1] == 0x20 { e -= 1; be -= 1 }
            if s >= e { return }
            let str = String(decoding: textBytes[bs..<be], as: UTF8.self)
            out.append(Sentence(id: out.count, section: sectionPath(at: s), paragraph: p, start: s, end: e, text: str))
        }
        for (pIndex, span) in spans.enumerated() {
            var s = span.start, bs = byteStarts[pIndex]
            var i = span.start, bi = bs
            var quoteOpen = false
            while i < span.end {
                let c = text[i]
                if c == 0x201C { quoteOpen = true } else if c == 0x201D { quoteOpen = false }
                if !isEnder(c) { i += 1; bi += utf8Length(c); continue }
                var e = i + 1, be = bi + utf8Length(c)
                while e < span.end && (isEnder(text[e]) || text[e] == 0x2026) { be += utf8Length(text[e]); e += 1 }
                var closedQuote = false
                while e < span.end && isCloser(text[e]) {
                    if text[e] == 0x201D { closedQuote = true }
                    be += utf8Length(text[e]); e += 1
                }
                if closedQuote { quoteOpen = false }
                if !(quoteOpen && closesSoon(text, from: e, end: span.end)) {
                    quoteOpen = false
                    emit(s, e, bs, be, pIndex)
                    s = e; bs = be
                }
                i = e; bi = be
            }
            if s < span.end { emit(s, span.end, bs, bi, pIndex) }
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
}
