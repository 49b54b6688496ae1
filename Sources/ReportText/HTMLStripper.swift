// HTML → text in one pass over UTF-8 bytes. Keeps the article text, drops scripts, styles
// and page chrome (nav/header/footer/aside and elements whose class/id names them), turns
// block elements into line breaks and decodes entities. No DOM and no element stack: only
// counters, so 100k levels of nesting cost nothing.

public enum HTMLStripper {
    /// HTML is recognised by content: a leading tag, or an <html>/<body> tag near the top.
    public static func looksLikeHTML(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        let head = lowerASCII(b[i..<min(b.count, i + 4096)])
        for marker in ["<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ", "<table", "<title", "<?xml"] {
            if head.starts(with: Array(marker.utf8)) { return true }
        }
        for marker in ["<html", "<body"] where find(Array(marker.utf8), in: head) { return true }
        return false
    }

    public static func strip(_ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](); out.reserveCapacity(b.count / 2)
        let n = b.count
        var i = 0
        var skipKey: UInt64 = 0      // element whose content is being dropped (0: none)
        var skipDepth = 0            // nesting of that element name while dropping

        func newline() { if let l = out.last, l != 0x0A { out.append(0x0A) } }

        while i < n {
            let c = b[i]
            if c != 0x3C /* < */ {
                if skipKey != 0 { i += 1; continue }
                if c == 0x26 /* & */ { i = decodeEntity(b, at: i, into: &out); continue }
                out.append(c == 0x0A || c == 0x0D || c == 0x09 ? 0x20 : c)
                i += 1
                continue
            }
            // Comments, doctype, processing instructions, CDATA.
            if i + 1 < n, b[i + 1] == 0x21 /* ! */ || b[i + 1] == 0x3F /* ? */ {
                if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                    i = indexAfter(Array("-->".utf8), in: b, from: i + 4)
                } else {
                    i = indexAfter([0x3E], in: b, from: i + 2)
                }
                continue
            }
            var j = i + 1
            let closing = j < n && b[j] == 0x2F
            if closing { j += 1 }
            let nameStart = j
            if j < n, (b[j] | 0x20) >= 0x61, (b[j] | 0x20) <= 0x7A { while j < n, isNameByte(b[j]) { j += 1 } }
            if j == nameStart {      // a literal "<" in text
                if skipKey == 0 { out.append(c) }
                i += 1
                continue
            }
            let key = tagKey(b, nameStart, j)
            let attrStart = j
            let tagEnd = endOfTag(b, from: j)          // index of '>' or n
            let selfClosing = tagEnd > 0 && tagEnd < n && b[tagEnd - 1] == 0x2F
            i = tagEnd < n ? tagEnd + 1 : n

            if skipKey != 0 {
                if skipKey == headKey && key == bodyKey { skipKey = 0; skipDepth = 0; continue }   // no </head>
                if key == skipKey && !selfClosing {
                    skipDepth += closing ? -1 : 1
                    if skipDepth <= 0 { skipKey = 0; skipDepth = 0; newline() }
                }
                continue
            }
            if !closing, rawTextKeys.contains(key) {
                // script/style/textarea content is raw text up to its closing tag.
                i = skipRawText(b, from: i, name: b[nameStart..<attrStart])
                continue
            }
            if !closing, !selfClosing, dropKeys.contains(key) || (containerKeys.contains(key) && hasChromeAttribute(b[attrStart..<min(tagEnd, n)])) {
                skipKey = key; skipDepth = 1
                continue
            }
            if blockKeys.contains(key) { newline() }
        }
        return out
    }

    // MARK: tags

    @inline(__always) private static func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x3A
    }

    /// Up to 8 lower-cased name bytes packed in an integer; longer names get a marker bit.
    @inline(__always) static func tagKey(_ b: [UInt8], _ s: Int, _ e: Int) -> UInt64 {
        var k: UInt64 = 0
        var i = s
        while i < e && i < s + 8 { k = k << 8 | UInt64(b[i] | 0x20); i += 1 }
        if e - s > 8 { k |= 1 << 63 }
        return k
    }
    private static func key(_ s: String) -> UInt64 { let u = Array(s.utf8); return tagKey(u, 0, u.count) }

    private static let rawTextKeys: Set<UInt64> = Set(["script", "style", "textarea", "noscript", "template", "xmp"].map(key))
    private static let dropKeys: Set<UInt64> = Set(["head", "nav", "header", "footer", "aside", "select", "button", "svg",
                                                    "iframe", "object", "menu"].map(key))
    private static let headKey = key("head"), bodyKey = key("body")
    private static let containerKeys: Set<UInt64> = Set(["div", "ul", "ol", "section", "span", "p", "table", "dl", "td"].map(key))
    private static let blockKeys: Set<UInt64> = Set(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
                                                     "th", "table", "ul", "ol", "dl", "dt", "dd", "section", "article",
                                                     "blockquote", "pre", "hr", "title", "center", "main", "caption",
                                                     "figure", "figcaption", "address", "tbody", "body"].map(key))
    private static let chromeWords: [[UInt8]] = ["share", "breadcrumb", "crumb", "toolbar", "sidebar", "footer", "navbar",
                                                 "nav", "menu", "comment", "related", "copyright", "fontsize", "font-size",
                                                 "print", "position", "location", "qrcode", "ewm"].map { Array($0.utf8) }

    /// class="…"/id="…" values that name page chrome (share bars, breadcrumbs, menus …).
    private static func hasChromeAttribute(_ attrs: ArraySlice<UInt8>) -> Bool {
        if attrs.count < 6 { return false }
        let a = lowerASCII(attrs)
        for name in [Array("class=".utf8), Array("id=".utf8)] {
            var from = 0
            while let p = firstIndex(name, in: a, from: from) {
                // Only a whole attribute name (preceded by space), then the quoted value.
                from = p + name.count
                if p > 0, a[p - 1] != 0x20 && a[p - 1] != 0x09 && a[p - 1] != 0x0A { continue }
                var e = from
                let quote: UInt8? = e < a.count && (a[e] == 0x22 || a[e] == 0x27) ? a[e] : nil
                if quote != nil { e += 1 }
                let vs = e
                while e < a.count, quote.map({ a[e] != $0 }) ?? (a[e] != 0x20 && a[e] != 0x3E) { e += 1 }
                let value = Array(a[vs..<e])
                for w in chromeWords where find(w, in: value) { return true }
            }
        }
        return false
    }

    /// Index of the '>' that ends a tag, skipping quoted attribute values; n if none.
    private static func endOfTag(_ b: [UInt8], from: Int) -> Int {
        var i = from
        var quote: UInt8 = 0
        let limit = min(b.count, from + 65536)   // a runaway quote must not eat the document
        while i < limit {
            let c = b[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x3E { return i }
            i += 1
        }
        if quote != 0 {   // unbalanced quote: fall back to the first '>'
            var k = from
            while k < b.count { if b[k] == 0x3E { return k }; k += 1 }
        }
        return i < b.count ? i : b.count
    }

    private static func skipRawText(_ b: [UInt8], from: Int, name: ArraySlice<UInt8>) -> Int {
        let close = [0x3C, 0x2F] + lowerASCII(name)
        var i = from
        while i + close.count <= b.count {
            if b[i] == 0x3C && b[i + 1] == 0x2F {
                var k = 2
                while k < close.count && (b[i + k] | 0x20) == close[k] { k += 1 }
                if k == close.count { return indexAfter([0x3E], in: b, from: i + k) }
            }
            i += 1
        }
        return b.count
    }

    // MARK: entities

    /// Decodes the entity at b[i] == '&' into out; returns the index after it.
    private static func decodeEntity(_ b: [UInt8], at i: Int, into out: inout [UInt8]) -> Int {
        var j = i + 1
        let limit = min(b.count, i + 12)
        while j < limit, b[j] != 0x3B, b[j] != 0x26, b[j] != 0x3C, b[j] != 0x20 { j += 1 }
        guard j < limit, b[j] == 0x3B, j > i + 1 else { out.append(0x26); return i + 1 }
        let value = HTMLEntity.value(of: b[(i + 1)..<j].map(UInt32.init))
        guard let v = value else { out.append(0x26); return i + 1 }
        UTF8Out.append(v == 0x0A || v == 0x0D || v == 0x09 ? 0x20 : v, to: &out)
        return j + 1
    }

    // MARK: byte search helpers

    private static func lowerASCII(_ s: ArraySlice<UInt8>) -> [UInt8] {
        s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
    private static func firstIndex(_ p: [UInt8], in b: [UInt8], from: Int) -> Int? {
        if p.isEmpty || b.count < p.count { return nil }
        var i = from
        while i + p.count <= b.count {
            if b[i] == p[0] {
                var k = 1
                while k < p.count && b[i + k] == p[k] { k += 1 }
                if k == p.count { return i }
            }
            i += 1
        }
        return nil
    }
    private static func find(_ p: [UInt8], in b: [UInt8]) -> Bool { firstIndex(p, in: b, from: 0) != nil }
    private static func indexAfter(_ p: [UInt8], in b: [UInt8], from: Int) -> Int {
        if let k = firstIndex(p, in: b, from: from) { return k + p.count }
        return b.count
    }
}
