// Clean, character level: one pass over the decoded UTF-8 that yields scalars with line
// ends unified, invisible and control characters dropped, full-width digits/letters/％
// made half-width (Chinese punctuation is kept), and inline noise removed: Word
// bookmarks "[bookmark: …]", pinyin glosses "現(xiàn)", <sub>/<sup> tags, <!-- comments --> and ** marks;
// character references (&permil;) read as the characters they stand for.

enum CharacterNormalizer {
    static func normalize(_ utf8: [UInt8]) -> [UInt32] {
        let src = UTF8In.scalars(utf8)
        var out = [UInt32](); out.reserveCapacity(src.count)
        let n = src.count
        var i = 0
        while i < n {
            var c = src[i]
            // Fast path: ideographs and plain printable ASCII other than ( [ < *.
            if (c >= 0x4E00 && c <= 0x9FFF) || (c > 0x2A && c < 0x7F && c != 0x3C && c != 0x5B) || c == 0x20 {
                out.append(c); i += 1; continue
            }
            switch c {
            case 0x0D:                                   // CR LF / lone CR
                out.append(0x0A); i += 1
                if i < n && src[i] == 0x0A { i += 1 }
                continue
            case 0x0B, 0x0C, 0x2028, 0x2029, 0x85: c = 0x0A
            case 0x09, 0xA0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F: c = 0x20
            case 0xFEFF, 0x200B...0x200D, 0x2060, 0xAD, 0xFFFD: i += 1; continue
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: c -= 0xFEE0   // full-width → ASCII
            case 0xFF05: c = 0x25          // ％
            case 0xFF0E: c = 0x2E          // ．
            case 0xFF0B: c = 0x2B          // ＋
            case 0xFF0F: c = 0x2F          // ／
            case 0x28:                      // "(xiàn)" pinyin gloss after a CJK character
                if let p = out.last, Scalar.isIdeograph(p), let end = pinyinGlossEnd(src, i) { i = end; continue }
            case 0x5B:                      // "[bookmark: _GoBack]"
                if let end = bookmarkEnd(src, i) { i = end; continue }
            case 0x26:                      // "&permil;" left by a web page's export
                if let ref = HTMLEntity.reference(in: src, at: i) {
                    out.append(ref.value == 0x0A || ref.value == 0x0D || ref.value == 0x09 || ref.value == 0xA0 ? 0x20 : ref.value)
                    i = ref.end; continue
                }
            case 0x3C:                      // <sub> </sub> <sup> </sup> <br>, <!-- comments --> in Markdown
                if let end = inlineTagEnd(src, i) ?? commentEnd(src, i) { i = end; continue }
            case 0x2A:                      // markdown bold/italic marks ** and __
                if i + 1 < n && src[i + 1] == 0x2A { i += 2; while i < n && src[i] == 0x2A { i += 1 }; continue }
            default:
                if c < 0x20 && c != 0x0A { i += 1; continue }
                if c == 0x7F || (c >= 0x80 && c < 0xA0) { i += 1; continue }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Tone-marked vowels used in pinyin.
    private static let toneVowels: Set<UInt32> = Set(u32("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"))

    /// End index (after ')') of a pinyin gloss starting at s[i] == '(', or nil.
    private static func pinyinGlossEnd(_ s: [UInt32], _ i: Int) -> Int? {
        var j = i + 1
        var tone = false, letters = 0
        while j < s.count && j <= i + 8 {
            let c = s[j]
            if c == 0x29 { break }
            if c >= 0x61 && c <= 0x7A { letters += 1 }
            else if toneVowels.contains(c) { tone = true; letters += 1 }
            else { return nil }
            j += 1
        }
        guard j < s.count, s[j] == 0x29, letters >= 1 else { return nil }
        // Without a tone mark accept only syllable-shaped glosses (neutral tone: "de", "men").
        if !tone {
            let body = s[(i + 1)..<j]
            guard letters >= 2, let last = body.last,
                  [0x61, 0x65, 0x69, 0x6F, 0x75, 0x6E, 0x67, 0x72].contains(last),
                  body.contains(where: { [0x61, 0x65, 0x69, 0x6F, 0x75].contains($0) }) else { return nil }
        }
        return j + 1
    }

    private static let bookmark = u32("[bookmark:")
    private static func bookmarkEnd(_ s: [UInt32], _ i: Int) -> Int? {
        guard s.hasPrefix(bookmark, at: i) else { return nil }
        var j = i + bookmark.count
        while j < s.count && j < i + 200 { if s[j] == 0x5D { return j + 1 }; if s[j] == 0x0A { return nil }; j += 1 }
        return nil
    }

    private static let inlineTags: [[UInt32]] = ["<sub>", "</sub>", "<sup>", "</sup>", "<br>", "<br/>", "<br />",
                                                 "<b>", "</b>", "<strong>", "</strong>", "<u>", "</u>", "<i>", "</i>"].map(u32)
    private static let commentOpen = u32("<!--"), commentClose = u32("-->")
    /// An HTML comment left in a Markdown file ("<!-- 市长史翔作政府工作报告。 -->") is not shown to
    /// readers and is not report text. Unclosed within 4,000 scalars: kept (not a comment after all).
    private static func commentEnd(_ s: [UInt32], _ i: Int) -> Int? {
        guard s.hasPrefix(commentOpen, at: i) else { return nil }
        var j = i + commentOpen.count
        let limit = min(s.count, i + 4000)
        while j + 2 < limit { if s.hasPrefix(commentClose, at: j) { return j + 3 }; j += 1 }
        return nil
    }

    private static func inlineTagEnd(_ s: [UInt32], _ i: Int) -> Int? {
        for t in inlineTags where s.hasPrefix(t, at: i) { return i + t.count }
        return nil
    }
}
