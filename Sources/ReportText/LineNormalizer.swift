// Clean, within one line: trim, drop markdown marks, make ASCII punctuation inside Chinese
// text Chinese (， ： ； ？ ！ and paired （ ）), and remove spaces that touch Chinese
// characters ("政 府 工 作 报 告", "增长 5.5%") while keeping spaces between Latin words.

struct NormalizedLine {
    var s: [UInt32]
    var markdownHeading: Bool
}

enum LineNormalizer {
    static func normalize(_ src: ArraySlice<UInt32>) -> NormalizedLine {
        var lo = src.startIndex, hi = src.endIndex
        while lo < hi && src[lo] == 0x20 { lo += 1 }
        while hi > lo && src[hi - 1] == 0x20 { hi -= 1 }
        var md = false
        // Markdown: "## heading", "> quote", "- item".
        if lo < hi && src[lo] == 0x23 /* # */ {
            var j = lo
            while j < hi && src[j] == 0x23 { j += 1 }
            if j - lo <= 6 && (j == hi || src[j] == 0x20 || src[j] > 0x7F) { md = j < hi; lo = j }
        } else if hi - lo > 2 && (src[lo] == 0x3E || src[lo] == 0x2D || src[lo] == 0x2A || src[lo] == 0x2B) && src[lo + 1] == 0x20 {
            var j = lo + 1
            while j < hi && src[j] == 0x20 { j += 1 }
            if j < hi && Scalar.isCJK(src[j]) { lo = j }
        }
        while lo < hi && src[lo] == 0x20 { lo += 1 }
        if let speaker = speakerLine(src[lo..<hi]) { return NormalizedLine(s: speaker, markdownHeading: md) }
        return NormalizedLine(s: punctuateAndSqueeze(src[lo..<hi]), markdownHeading: md)
    }

    private static func punctuateAndSqueeze(_ s: ArraySlice<UInt32>) -> [UInt32] {
        var out = [UInt32](); out.reserveCapacity(s.count)
        var i = s.startIndex
        let e = s.endIndex
        var closeParenAt = -1
        @inline(__always) func nextNonSpace(_ k: Int) -> UInt32? {
            var j = k
            while j < e && s[j] == 0x20 { j += 1 }
            return j < e ? s[j] : nil
        }
        while i < e {
            let c = s[i]
            if c == 0x20 {
                var j = i
                while j < e && s[j] == 0x20 { j += 1 }
                let prev = out.last, next = j < e ? s[j] : nil
                let keep = !(prev.map(Scalar.isCJK) ?? true) && !(next.map(Scalar.isCJK) ?? true)
                if keep { out.append(0x20) }
                i = j
                continue
            }
            if c < 0x80 {
                switch c {
                case 0x2C, 0x3A, 0x3B:   // , : ;
                    let prev = out.last, next = nextNonSpace(i + 1)
                    let digitsAround = prev.map(Scalar.isDigit) ?? false && (next.map(Scalar.isDigit) ?? false)
                    let chinese = (prev.map(Scalar.isCJK) ?? false) || (next.map(Scalar.isIdeograph) ?? false)
                        || next == 0x201C
                    if chinese && !digitsAround {
                        out.append(c == 0x2C ? 0xFF0C : c == 0x3A ? 0xFF1A : 0xFF1B); i += 1; continue
                    }
                case 0x3F, 0x21:        // ? !
                    if let p = out.last, Scalar.isCJK(p) { out.append(c == 0x3F ? 0xFF1F : 0xFF01); i += 1; continue }
                case 0x28:              // ( … ) around Chinese text → （ … ）
                    var j = i + 1, hasHan = false
                    while j < e && j < i + 40 && s[j] != 0x29 && s[j] != 0x28 { if Scalar.isIdeograph(s[j]) { hasHan = true }; j += 1 }
                    if hasHan && j < e && s[j] == 0x29 { closeParenAt = j; out.append(0xFF08); i += 1; continue }
                case 0x29:
                    if i == closeParenAt { out.append(0xFF09); i += 1; continue }
                default: break
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static let officeTitles: [[UInt32]] = ["市长", "省长", "区长", "县长", "州长", "主席", "旗长", "盟长", "镇长"].map(u32)

    /// "上海市市长 龚 正" → "上海市市长 龚正": the one space between office and name is kept
    /// so extraction can split them; spaces inside the name go.
    private static func speakerLine(_ s: ArraySlice<UInt32>) -> [UInt32]? {
        if s.count > 40 || s.count < 4 { return nil }
        let a = Array(s)
        for t in officeTitles {
            var from = 0
            while let p = a.firstIndex(of: t, from: from) {
                from = p + 1
                let afterTitle = p + t.count
                guard afterTitle < a.count, a[afterTitle] == 0x20 else { continue }
                var name: [UInt32] = []
                var ok = true
                for c in a[afterTitle...] {
                    if c == 0x20 { continue }
                    if Scalar.isIdeograph(c) || c == 0xB7 || c == 0x30FB || c == 0x2022 { name.append(c) } else { ok = false; break }
                }
                guard ok, name.count >= 2, name.count <= 12 else { continue }
                var head: [UInt32] = []
                for c in a[..<afterTitle] where c != 0x20 {
                    guard Scalar.isIdeograph(c) else { return nil }
                    head.append(c)
                }
                return head + [0x20] + name
            }
        }
        return nil
    }
}
