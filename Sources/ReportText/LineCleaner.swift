// Clean, across lines: drop web chrome (toolbars, font-size switches, breadcrumbs, share
// bars, photo captions, trailing "related" blocks), keep "来源/时间" lines as metadata,
// drop page numbers, and re-join paragraphs that were broken at page or line ends.

struct CleanedText {
    var paragraphs: [[UInt32]]
    var metadata: [String: String]
}

enum LineCleaner {
    static func clean(_ text: [UInt32]) -> CleanedText {
        // 0. A front-matter block is the file's metadata, not report text.
        var metadata: [String: String] = [:]
        var start = 0
        if let block = FrontMatter.read(text) {
            for (key, value) in block.fields where !value.isEmpty && metadata[key] == nil { metadata[key] = value }
            start = block.bodyStart
        }
        // 1. Split into normalized, non-empty lines.
        var lines: [NormalizedLine] = []
        let n = text.count
        for i in start...n where i == n || text[i] == 0x0A {
            if i > start {
                let l = LineNormalizer.normalize(text[start..<i])
                if !l.s.isEmpty { lines.append(l) }
            }
            start = i + 1
        }
        RunOnText.restoreBreaks(&lines)
        // 2. The head region (HeadBoundary).
        let headEnd = HeadBoundary.end(of: lines.map(\.s))
        // 3. Trailing chrome ("相关报道：", "打印本页" …) in the second half ends the document.
        var bodyEnd = lines.count
        for k in max(headEnd, lines.count / 2)..<lines.count where isTrailerLabel(lines[k].s) { bodyEnd = k; break }

        // Running headers/footers of a paginated export: a short line without sentence
        // punctuation that recurs three or more times is kept only where it first occurs.
        var seen: [[UInt32]: Int] = [:]
        for k in 0..<bodyEnd where lines[k].s.count >= 4 && lines[k].s.count <= 24 && !endsParagraph(lines[k].s) && HeadingParser.parse(lines[k].s) == nil {
            seen[lines[k].s, default: 0] += 1
        }
        // A longer one ("——2019年1月23日在邯郸市第十五届人民代表大会第四次会议上" set as the running
        // header), or a heading, counts too where it recurs beside the page numbers: text alone
        // repeats no such line there.
        var besidePageNumber: [[UInt32]: Int] = [:]
        var counted = Set<Int>()
        for p in 0..<bodyEnd where isPageNumber(lines[p].s) {
            for k in max(0, p - 2)..<min(bodyEnd, p + 3) where k != p && !counted.contains(k) {
                let s = lines[k].s
                guard s.count >= 4, s.count <= 80, !isPageNumber(s), seen[s] == nil else { continue }
                counted.insert(k)
                besidePageNumber[s, default: 0] += 1
            }
        }
        for (line, n) in besidePageNumber where n >= 2 {
            seen[line] = lines[0..<bodyEnd].reduce(0) { $0 + ($1.s == line ? 1 : 0) }
        }
        let repeated = Set(seen.filter { $0.value >= 3 }.map(\.key))

        // 4. Classify line by line.
        var kept: [(line: NormalizedLine, head: Bool)] = []
        var pendingKey: String?          // a metadata label whose value is on the next line
        var dropNext = false             // a chrome label whose value is on the next line
        var crumb = false, afterArrow = false
        for k in 0..<bodyEnd {
            let s = lines[k].s
            let inHead = k < headEnd
            if !repeated.isEmpty, repeated.contains(s) {
                if seen[s] == -1 { continue }   // a later copy of a running header
                // The first page's header right above the same line of the text: the text's copy stays.
                if k + 1 < bodyEnd && lines[k + 1].s == s { continue }
                seen[s] = -1
            }
            if let key = pendingKey {
                pendingKey = nil
                if s.count <= 60 && !isChrome(s, inHead: inHead) && HeadingParser.parse(s) == nil {
                    if metadata[key] == nil { metadata[key] = UTF8Out.string(s) }
                    continue
                }
            }
            if dropNext { dropNext = false; if s.count <= 20 { continue } }
            if crumb {
                let arrow = isArrow(s)
                let nextArrow = k + 1 < bodyEnd && isArrow(lines[k + 1].s)
                if s.count <= 16 && (arrow || afterArrow || nextArrow) { afterArrow = arrow; continue }
                crumb = false
            }
            if s.count <= 80, let fields = metadataFields(s) {
                for (key, value) in fields {
                    if let value { if metadata[key] == nil { metadata[key] = value } } else { pendingKey = key }
                }
                continue
            }
            if s.count <= 30 && (s.hasPrefix(Words.youAreHere)) { crumb = true; afterArrow = false; continue }
            if s.count <= 12 && (s.hasPrefix(Words.editorInCharge) || s.hasPrefix(Words.editor)) && s.last == 0xFF1A { dropNext = true; continue }
            if isChrome(s, inHead: inHead) || isPageNumber(s) || isCaption(s) { continue }
            if inHead && isDateTimeOnly(s) {
                // "滁州市市长 许继伟 / 2022年1月7日", "…政府工作报告 / 2022年1月7日 / ——在…会议上": a date
                // alone under the report's first lines, with no clock time, may be the delivery date and stays
                // in the text (extraction decides by its place); labelled or clocked dates are page times.
                // A date right above the congress line ("2016年1月12日" / "在成都市第十六届…会议上") is the delivery date too.
                let aboveCongress = k + 1 < bodyEnd && namesCongress(lines[k + 1].s)
                if (!kept.isEmpty || aboveCongress) && isCalendarDateOnly(s) { kept.append((lines[k], inHead)); continue }
                if metadata["时间"] == nil { metadata["时间"] = UTF8Out.string(s) }
                continue
            }
            kept.append((lines[k], inHead))
        }

        // 5. Re-join broken paragraphs. Text wrapped at a fixed width (PDF or e-mail
        // exports) shows many unterminated lines of the same display width: such a full
        // line always continues on the next one, even if it starts like a heading.
        let wrap = wrapWidth(kept.map(\.line.s))
        // Full: within a couple of characters of the width (a line shortened by a punctuation
        // rule still continues). Cut at the width: within one column of the widest lines, which
        // only a line cut mid-sentence reaches, not one that ends near the width by chance.
        // Indented: full but for a paragraph's two-character indent, stripped on normalizing.
        func fit(_ s: [UInt32]) -> LineFit {
            guard let wrap else { return .short }
            let d = displayWidth(s)
            guard d <= wrap.width + 2 else { return .short }
            if d >= wrap.widest - 1 { return .cut }
            return d >= wrap.width - 4 ? .full : d >= wrap.width - 8 ? .indented : .short
        }
        var paragraphs: [[UInt32]] = []
        var cur: [UInt32] = []
        var curIsMarkdownHeading = false, curHead = false, lastLine = LineFit.short
        for (line, head) in kept {
            let lastLineFull = lastLine == .full || lastLine == .cut
            let next = fit(line.s)
            if !cur.isEmpty && shouldJoin(cur, curIsMarkdownHeading, curHead, lastLine, line, head, next) {
                // Latin words wrapped onto two lines take a space back, unless a full line cut a
                // token set in Chinese on both sides ("公募RE|ITs试点"): a fixed-width wrap falls mid-word.
                if let a = cur.last, let b = line.s.first, Scalar.isASCIILetter(a) && Scalar.isASCIILetter(b),
                   !(lastLineFull && Self.latinRunIsGlued(cur, atEnd: true) && Self.latinRunIsGlued(line.s, atEnd: false)) {
                    cur.append(0x20)
                }
                cur.append(contentsOf: line.s)
            } else {
                if !cur.isEmpty { paragraphs.append(cur) }
                cur = line.s; curIsMarkdownHeading = line.markdownHeading; curHead = head
            }
            lastLine = next
        }
        if !cur.isEmpty { paragraphs.append(cur) }
        return CleanedText(paragraphs: paragraphs, metadata: metadata)
    }

    /// Whether the run of ASCII letters and digits at the line's end (or start) touches something
    /// other than a space on its other side (Chinese, a bracket): a Latin token set in Chinese text.
    static func latinRunIsGlued(_ s: [UInt32], atEnd: Bool) -> Bool {
        // Letters, digits and what joins them inside a token ("PM2.5", "COVID-19", "5G+").
        func isLatin(_ c: UInt32) -> Bool {
            Scalar.isASCIILetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x5F
        }
        if atEnd {
            var i = s.count - 1
            while i >= 0, isLatin(s[i]) { i -= 1 }
            return i >= 0 && s[i] != 0x20 && s[i] != 0x09
        }
        var i = 0
        while i < s.count, isLatin(s[i]) { i += 1 }
        return i == s.count || (s[i] != 0x20 && s[i] != 0x09)
    }

    // MARK: joining

    private static let terminals: Set<UInt32> = Set(u32("。！？；：…!?;:"))
    private static let closers: Set<UInt32> = Set(u32("”’」』）)》】〕"))
    private static let sentenceEnds: Set<UInt32> = Set(u32("。！？；"))
    private static let leadingPunct: Set<UInt32> = Set(u32("，。；：、）”’」』》！？…"))

    static func endsParagraph(_ s: [UInt32]) -> Bool {
        var i = s.count - 1
        guard i >= 0 else { return true }
        if terminals.contains(s[i]) { return true }
        var closed = false
        while i >= 0 && closers.contains(s[i]) { i -= 1; closed = true }
        return closed && i >= 0 && (sentenceEnds.contains(s[i]) || s[i] == 0x2026 || s[i] == 0x21 || s[i] == 0x3F)
    }

    /// How much of the wrap width a line fills (see `clean`, step 5); any but `short` is near it.
    enum LineFit { case short, indented, full, cut }

    private static func shouldJoin(_ a: [UInt32], _ aMarkdownHeading: Bool, _ aHead: Bool, _ aFit: LineFit,
                                   _ bl: NormalizedLine, _ bHead: Bool, _ bFit: LineFit) -> Bool {
        let b = bl.s
        if aMarkdownHeading || bl.markdownHeading { return false }
        let aCutMidText = aFit == .cut && !aHead
        if endsParagraph(a) {
            // A colon where a line was cut at the width: the sentence goes on, unless a list starts.
            // So does a semicolon at the width, less an indent (a target list "…增长5%；|城镇登记失业率…；"
            // set as one paragraph, its first line indented): no paragraph ends with "；", list items may.
            if a.last == 0xFF1B { return aFit != .short && !aHead && !startsList(b) }
            return aCutMidText && a.last == 0xFF1A && !startsList(b)
        }
        if b.hasPrefix(Words.addressToDeputies) && !aCutMidText { return false }
        if let f = b.first, leadingPunct.contains(f) { return true }      // no line starts with "，"
        // Short lines of the title block stand alone, except the date line broken
        // before "人民代表大会…会议上", and a sentence cut at the width (a news lead, not a title).
        // (A plan report's title runs past 40: "关于…2023年国民经济和社会发展计划执行情况与2024年…计划草案的报告".)
        if aHead && (a.count <= 40 || (a.count <= 80 && endsLikeTitle(a))) {
            if aFit == .cut && a.contains(0xFF0C) { return true }
            let dateStart = (a.first == 0x2014 || a.contains(Words.congressTerm)) && !a.contains(Words.meeting)
            if dateStart && b.contains(Words.meeting) && b.count <= 40 { return true }
            // "政  府  工  作  报  告", "海口市市长  张  勇" spaced out in the layout: a text export
            // puts each character after a wide gap on a line of its own.
            if b.count == 1, Scalar.isIdeograph(b[0]), a.count <= 12, a.allSatisfy(Scalar.isIdeograph) { return true }
            // "（2006年1月14日在…会议上 代市长郑" / "松岩讲话）": a bracket the break left open.
            if opensBracket(a) && b.count <= 40 && b.contains(where: { $0 == 0xFF09 || $0 == 0x29 }) { return true }
            // A date line or a title the wrap broke ("…第七次会" / "议上", "…会议上市长 肖盛" / "峰",
            // "…远景目标纲要的" / "报告"): it fills the width (less an indent), its tail is a few
            // characters that start no title-block line of their own, and it is not whole already
            // (a date line ending "会议上" or "）", a title, a motto as wide keep the line under them apart).
            guard aFit != .short, b.count <= headTailLength, !startsHeadLine(b), !a.hasSuffix(Words.atMeeting),
                  a.last != 0xFF09, a.last != 0x29 else { return false }
            let dateLine = a.first == 0x2014 || a.contains(Words.congressTerm) || a.contains(Words.meeting)
            // A title's tail is a fragment ("报告", "纲要的报告", "（草案）"), and a title has no colon
            // (an info bar "2015-05-16来源：本站" above a page's "政府工作报告" is no title's start).
            return dateLine || (b.count <= 5 && !a.contains(0xFF1A) && endsLikeTitle(a + b))
        }
        // A numbered line without a sentence in it is a heading, not a broken paragraph; one that
        // ends near the width by chance is one too (a heading cut by the wrap reaches the width).
        let numberedHeading = HeadingParser.parse(a) != nil && a.count <= 50
            && !a.contains(where: { sentenceEnds.contains($0) || $0 == 0xFF1A })
        if aFit == .cut || (aFit == .full && !numberedHeading) { return true }
        if HeadingParser.parse(b) != nil { return false }
        let openQuote = a.reduce(0) { $0 + ($1 == 0x201C ? 1 : $1 == 0x201D ? -1 : 0) } > 0
        if openQuote { return true }
        if numberedHeading { return false }
        // A short line with no punctuation at all, followed by a long one (or one the wrap cut, or
        // a paragraph's indented first line), is an unnumbered heading.
        if a.count <= 30 && (b.count > 40 || bFit != .short)
            && !a.contains(where: { Scalar.isCJKPunct($0) && $0 != 0x201C && $0 != 0x201D && $0 != 0x300A && $0 != 0x300B }) {
            return false
        }
        return true
    }

    /// The longest tail of a title-block line a wrap carries onto the next line ("次会议上 省长 胡玉亭）").
    private static let headTailLength = 12

    /// Whether the line leaves a bracket open ("（2006年1月14日在…代市长郑").
    private static func opensBracket(_ s: [UInt32]) -> Bool {
        var depth = 0
        for c in s {
            if c == 0xFF08 || c == 0x28 { depth += 1 } else if (c == 0xFF09 || c == 0x29) && depth > 0 { depth -= 1 }
        }
        return depth > 0
    }

    /// A line that starts a title-block line of its own: the date line ("——2016年…", "2016年1月12日",
    /// "（2021年1月25日…）"), the address, a heading.
    private static func startsHeadLine(_ s: [UInt32]) -> Bool {
        guard let f = s.first else { return true }
        if f == 0x2014 || f == 0xFF0D || f == 0x2D || f == 0x2015 || Scalar.isDigit(f) { return true }
        if (f == 0xFF08 || f == 0x28) && s.contains(where: Scalar.isDigit) { return true }
        return s.hasPrefix(Words.addressToDeputies) || HeadingParser.parse(s) != nil
    }

    private static let titleEndings: [[UInt32]] = ["报告", "计划", "草案", "纲要", "（草案）", "(草案)", "（摘要）", "(摘要)",
                                                   "（全文）", "(全文)"].map(u32)
    /// Ends the way a report's title does.
    static func endsLikeTitle(_ s: [UInt32]) -> Bool {
        titleEndings.contains { s.hasSuffix($0) }
    }

    /// A line that opens a list item: a heading number, or "一是…", "二是…".
    private static func startsList(_ s: [UInt32]) -> Bool {
        if HeadingParser.parse(s) != nil { return true }
        return s.count >= 2 && s[1] == 0x662F && Self.chineseDigits.contains(s[0])    // 是
    }
    private static let chineseDigits: Set<UInt32> = Set(u32("一二三四五六七八九十"))

    /// Columns a line takes: 2 for Chinese characters and full-width forms, 1 for ASCII.
    static func displayWidth(_ s: [UInt32]) -> Int {
        var w = 0
        for c in s { w += c < 0x1100 ? 1 : 2 }
        return w
    }

    /// The width text was wrapped at, if most unterminated lines share one (±4 columns), and the
    /// widest of those lines.
    static func wrapWidth(_ lines: [[UInt32]]) -> (width: Int, widest: Int)? {
        var hist: [Int: Int] = [:]
        var unterminated = 0
        for l in lines where l.count >= 10 && !endsParagraph(l) {
            hist[displayWidth(l), default: 0] += 1
            unterminated += 1
        }
        if unterminated < 8 { return nil }
        var best = 0, bestCount = 0
        for (w, _) in hist {
            var c = 0
            for d in 0...4 { c += hist[w - d] ?? 0 }
            if c > bestCount || (c == bestCount && w > best) { best = w; bestCount = c }
        }
        guard bestCount * 10 >= unterminated * 4 && bestCount >= 8 else { return nil }
        let widest = (0...4).map { best - $0 }.first { hist[$0] != nil } ?? best
        return (best, widest)
    }

    // MARK: chrome

    private static let chromeExact: Set<[UInt32]> = Set(["下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "【", "】", "[", "]",
        "分享", "分享：", "分享到：", "关闭", "返回", "返回顶部", "首页", ">", "》", "›", "»", "|", "打印本页", "关闭窗口",
        "【打印本页】", "【关闭窗口】", "【打印】", "【关闭】", "字号", "字体", "默认", "大字", "小字", "繁体", "简体", "繁體",
        "无障碍", "微信", "微博", "QQ空间", "复制链接", "二维码", "TOP", "top"].map(u32))
    private static let chromeHeadOnly: Set<[UInt32]> = Set(["大", "中", "小", "默认", "A", "A+", "A-"].map(u32))
    private static let chromePrefixes: [[UInt32]] = ["【字号", "【字体", "字号：", "字体：", "分享到", "分享：", "点击查阅",
        "阅读量", "阅读次数", "浏览量", "浏览次数", "点击数", "点击量", "访问量", "扫一扫", "打印本页", "关闭窗口", "【打印",
        "【关闭", "上一篇", "下一篇", "返回顶部", "版权所有", "主办单位", "网站标识码", "相关附件", "相关链接", "相关报道",
        "相关新闻", "相关阅读", "校对：", "审核：", "【我要纠错】", "【纠错】"].map(u32)
    private static let trailerLabels: [[UInt32]] = ["相关报道", "相关附件", "相关链接", "相关新闻", "相关阅读", "扫一扫在手机",
        "打印本页", "关闭窗口", "【打印本页", "责任编辑", "上一篇", "下一篇", "版权所有"].map(u32)

    static func isChrome(_ s: [UInt32], inHead: Bool) -> Bool {
        if s.count > 70 { return false }
        if s.count <= 8 {
            if chromeExact.contains(s) { return true }
            if inHead && chromeHeadOnly.contains(s) { return true }
        }
        if s.count <= 40 { for p in chromePrefixes where s.hasPrefix(p) { return true } }
        // A row of 【…】 buttons: "【字号：加大还原减小】", "【打印】【关闭】".
        if s.count <= 40, s.first == 0x3010, s.last == 0x3011, !s.contains(where: { sentenceEnds.contains($0) }) { return true }
        // Hash-like link ids ("abcd39f1fb7f…:") left over from a link list.
        if s.count >= 16 && s.count <= 70 && s.allSatisfy({ Scalar.isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0xFF1A || $0 == 0x3A }) { return true }
        return false
    }

    private static func isTrailerLabel(_ s: [UInt32]) -> Bool {
        if s.count > 40 { return false }
        let t = s.first == 0x3010 ? Array(s.dropFirst()) : s
        for p in trailerLabels where t.hasPrefix(p) { return true }
        return false
    }

    private static func isArrow(_ s: [UInt32]) -> Bool { s.count == 1 && (s[0] == 0x3E || s[0] == 0x300B || s[0] == 0x203A || s[0] == 0xBB) }

    private static let metadataLabels: [(label: [UInt32], key: String?)] = [
        ("来源", "来源"), ("文章来源", "来源"), ("信息来源", "来源"), ("稿源", "来源"), ("时间", "时间"),
        ("发表时间", "时间"), ("发布时间", "时间"), ("更新时间", "时间"), ("日期", "时间"), ("发布日期", "时间"),
        ("作者", "作者"), ("记者", "记者"),
        // Labels that share a line with the ones above and are dropped.
        ("字号", nil), ("字体", nil), ("阅读量", nil), ("阅读次数", nil), ("浏览次数", nil), ("浏览量", nil),
        ("点击数", nil), ("点击量", nil), ("编辑", nil), ("责任编辑", nil), ("分享到", nil), ("分享", nil),
    ].map { (u32($0.0), $0.1) }

    /// A label at s[i] followed by a colon: (label length, key).
    private static func label(at i: Int, in s: [UInt32]) -> (Int, String?)? {
        var best: (Int, String?)?
        for (label, key) in metadataLabels where s.hasPrefix(label, at: i) {
            let k = i + label.count
            if k < s.count, s[k] == 0xFF1A || s[k] == 0x3A, label.count > (best?.0 ?? 0) { best = (label.count, key) }
        }
        return best
    }

    /// "来源：解放日报" → [("来源", "解放日报")]; "来源：" alone → [("来源", nil)];
    /// "发布时间：2026-02-02 09:30来源：北京日报字号：大中小" → time and source, the rest dropped.
    private static func metadataFields(_ s: [UInt32]) -> [(String, String?)]? {
        guard s.first != nil, label(at: 0, in: s) != nil else { return nil }
        var fields: [(String?, Int, Int)] = []     // key, value start, value end
        var i = 0
        while i < s.count {
            if let (len, key) = label(at: i, in: s) {
                if var last = fields.popLast() { last.2 = i; fields.append(last) }
                fields.append((key, i + len + 1, s.count))
                i += len + 1
            } else { i += 1 }
        }
        var out: [(String, String?)] = []
        for (key, vs, ve) in fields {
            guard let key else { continue }
            var a = vs, b = ve
            while a < b && s[a] == 0x20 { a += 1 }
            while b > a && s[b - 1] == 0x20 { b -= 1 }
            out.append((key, a < b ? UTF8Out.string(s[a..<b]) : nil))
        }
        return out
    }

    /// Photo captions: "殷勇同志作政府工作报告。本报记者 戴冰摄".
    private static func isCaption(_ s: [UInt32]) -> Bool {
        if s.count > 60 { return false }
        if s.contains(Words.reporter) && (s.last == Words.photographedBy || s.contains(Words.deliversTheReport) || s.contains(Words.ourPaper)) { return true }
        return s.last == Words.photographedBy && s.contains(0x3002) && s.count <= 40
    }

    /// Page numbers: "3", "- 3 -", "—3—", "第3页", "第 3 页 共 10 页", "(1)", "3/10".
    static func isPageNumber(_ s: [UInt32]) -> Bool {
        if s.count > 16 { return false }
        var digits = 0
        for c in s {
            if Scalar.isDigit(c) { digits += 1; continue }
            switch c {
            case 0x20, 0x2D, 0x2014, 0x2013, 0xFF0D, 0x28, 0x29, 0xFF08, 0xFF09, 0x5B, 0x5D, 0x2F, 0x7C,
                 0x7B2C /* 第 */, 0x9875 /* 页 */, 0x5171 /* 共 */, 0xB7: continue
            default: return false
            }
        }
        return digits > 0 || s.count <= 2
    }

    /// A line naming a people's congress session: "在成都市第十六届人民代表大会第四次会议上".
    private static func namesCongress(_ s: [UInt32]) -> Bool {
        s.count <= 90 && (s.contains(Words.peoplesCongress) || s.contains(Words.peoplesCongressShort)) && s.contains(Words.meeting)
    }

    /// "2022年1月7日" with no clock time (digits, 年 月 日 and spaces only).
    private static func isCalendarDateOnly(_ s: [UInt32]) -> Bool {
        s.contains(0x5E74) && s.contains(0x6708) && s.last == 0x65E5
            && s.allSatisfy { Scalar.isDigit($0) || $0 == 0x5E74 || $0 == 0x6708 || $0 == 0x65E5 || $0 == 0x20 }
    }

    /// "2026年02月10日 07时41分", "2026-02-09 09:45:30".
    private static func isDateTimeOnly(_ s: [UInt32]) -> Bool {
        if s.count < 8 || s.count > 25 { return false }
        var digits = 0
        for c in s {
            if Scalar.isDigit(c) { digits += 1; continue }
            switch c {
            case 0x5E74, 0x6708, 0x65E5, 0x65F6, 0x5206, 0x79D2, 0x20, 0x2D, 0x3A, 0xFF1A, 0x2F, 0x2E: continue
            default: return false
            }
        }
        return digits >= 6
    }
}
