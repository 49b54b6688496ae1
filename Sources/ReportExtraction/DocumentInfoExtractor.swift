// Document metadata from the title block (the lines before 各位代表) with fallbacks into the
// body: doc_type, title, region (+ level), meeting date, congress, speaker, review/plan years.
import ReportText

struct Line { var range: Range<Int>; var squeezed: Scalars }

enum DocumentInfoExtractor {
    static let speakerTitles: [Scalars] = ["代省长", "代市长", "代区长", "代县长", "代主席", "省长", "市长", "区长", "县长",
                                           "主席", "州长", "盟长", "旗长", "专员", "主任", "局长"].map(sc)
    static let titleEndings: [Scalars] = ["工作报告", "报告", "计划", "计划草案", "（草案）", "(草案)", "纲要", "全文",
                                          "（摘要）", "(摘要)", "（摘登）", "(摘登)", "（全文）", "(全文)"].map(sc)
    static let chromeWords: [Scalars] = ["点击", "查阅", "更多", "下载", "打印", "分享", "来源", "当前位置", "首页", "责任编辑"].map(sc)

    static func extract(_ t: Scalars, titleBlock: TitleBlock) -> DocumentInfo {
        var info = DocumentInfo()
        let lines = headLines(t)
        // Congress line: the head's "…第X届人民代表大会第Y次会议…", joined across line breaks.
        var joined: Scalars = []
        var joinedLine: [Int] = []     // line index of each joined scalar
        for (li, l) in lines.enumerated() { joined += l.squeezed; joinedLine += Array(repeating: li, count: l.squeezed.count) }
        var dateLineIndex: Int?
        var regionFromCongress: String?
        // The first congress words name the session; a later mention may carry the date ("…会议文件（1）"
        // over the title, then "——2024年1月8日在…会议上").
        var from = 0
        while let c = DateScanner.congress(joined, from: from, to: joined.count) {
            let r = readCongress(joined, joinedLine, lines, termStart: c.termStart, end: c.end)
            if info.congress == nil || r.date != nil {
                info.congress = Congress(term: c.term, session: c.session)
                info.meetingDate = r.date?.iso
                dateLineIndex = r.dateLine
                regionFromCongress = r.region ?? regionFromCongress
            }
            if r.date != nil { break }
            from = c.end
        }

        // No date with the congress words: a delivery date under the title, "（2026年1月12日）", or a
        // bare one under a congress line or the speaker line. A date line above the title is the
        // page's, and so is a bare date under a title with no congress words (a news page's date).
        if info.meetingDate == nil {
            let firstTitle = lines.firstIndex { isTitleLike($0.squeezed) } ?? -1
            for (li, l) in lines.enumerated() where l.squeezed.count <= 20 && li > firstTitle {
                var a = 0, b = l.squeezed.count
                while a < b, "（(—-".unicodeScalars.contains(l.squeezed[a]) { a += 1 }
                while b > a, "）)".unicodeScalars.contains(l.squeezed[b - 1]) { b -= 1 }
                if let (d, at) = DateScanner.firstDate(l.squeezed, from: a, to: b), at == a,
                   let e = DateScanner.date(l.squeezed, at: a)?.1, e == b, a > 0 || info.congress != nil {
                    info.meetingDate = d.iso; dateLineIndex = dateLineIndex ?? li; break
                }
            }
        }

        // Page metadata (titleBlock.metadata["时间"]: 发布时间, timestamps) never gives the meeting date;
        // the cleaner keeps a bare date printed under the congress line in the text (found above).

        // Title: the nearest title-like line before the date line, else the first in the head.
        var titleLine: Int?
        if let dl = dateLineIndex {
            var i = dl - 1
            while i >= 0 { if isTitleLike(lines[i].squeezed) { titleLine = i; break }; i -= 1 }
        }
        if titleLine == nil { titleLine = lines.firstIndex { isTitleLike($0.squeezed) } }
        // "政府工作报告——2025年1月8日在…会议上": the title and its date line printed as one line.
        var titleText: Scalars?
        if titleLine == nil, let li = lines.firstIndex(where: { titleBeforeDash($0.squeezed) != nil }) {
            titleLine = li; titleText = titleBeforeDash(lines[li].squeezed)
        }
        if let tl = titleLine {
            var title = titleText ?? stripMarkup(lines[tl].squeezed)
            // A title broken over two lines: "关于…执行情况" + "与2026年计划草案的报告".
            if tl > 0, let f = title.first, "与和及的暨".unicodeScalars.contains(f) {
                let prev = stripMarkup(lines[tl - 1].squeezed)
                if prev.count <= 40, !prev.contains(where: { $0 == "。" || $0 == "：" || $0 == ":" || $0 == "，" }),
                   !chromeWords.contains(where: { prev.contains($0) }) { title = prev + title }
            }
            // "2024年温州市" + "政府工作报告": a line holding only a year and a region names the title too.
            if tl > 0, title.first == "政" || title.first == "国" || title.first == "人" {
                var prev = stripMarkup(lines[tl - 1].squeezed)
                var a = 0
                if let y = NumberScanner.arabic(prev, at: 0), y.end < prev.count, prev[y.end] == "年", y.value >= 1990, y.value <= 2100 { a = y.end + 1 }
                if isRegionName(Array(prev[a...])) { prev += title; title = prev }
            }
            info.title = title.string
        }
        else if let tb = titleBlock.title, isTitleLike(squeezeSpaces(sc(tb))) { info.title = squeezeSpaces(sc(tb)).string }

        // Speaker: "北京市市长 殷勇", "自治区人民政府主席 张雨浦", "市长 赵庆文".
        var regionFromSpeaker: String?
        for (li, l) in lines.enumerated() {
            var s = l.squeezed
            if li == dateLineIndex {
                // "——…会议上 北京市市长 殷勇": a speaker after the congress words on the same line
                guard let m = s.findLast(sc("会议上")) ?? s.findLast(sc("会议")) else { continue }
                s = Array(s[(m + (s.has(sc("会议上"), at: m) ? 3 : 2))...])
            }
            if let (sp, prefix) = speaker(in: s) {
                info.speaker = sp
                regionFromSpeaker = regionName(prefix)
                break
            }
        }
        if info.speaker == nil, let sl = titleBlock.speakerLine, let (sp, prefix) = speaker(in: squeezeSpaces(sc(sl))) {
            info.speaker = sp; regionFromSpeaker = regionName(prefix)
        }

        // Document type.
        let titleS = info.title.map(sc) ?? []
        let headText = joined
        if titleS.contains(sc("政府工作报告")) { info.docType = "government_work_report" }
        else if titleS.contains(sc("国民经济和社会发展计划")) || titleS.contains(sc("国民经济和社会发展")) && titleS.contains(sc("计划")) {
            info.docType = "development_plan"
        } else if headText.contains(sc("政府工作报告")) || t.contains(sc("向大会报告工作"), from: 0, to: min(t.count, 6000))
                    || t.contains(sc("报告政府工作"), from: 0, to: min(t.count, 6000)) {
            info.docType = "government_work_report"
        } else if t.contains(sc("国民经济和社会发展计划"), from: 0, to: min(t.count, 6000)) {
            info.docType = "development_plan"
        } else if t.contains(sc("政府工作报告"), from: 0, to: min(t.count, 6000)) {
            info.docType = "government_work_report"
        }

        // Region: congress line, then title, then speaker line, then the body.
        let regionFromTitle = info.title.flatMap { regionInTitle(sc($0)) }
        let named = [regionFromCongress, regionFromTitle, regionFromSpeaker].compactMap { $0 }.filter { isRegionName(sc($0)) }
        var region = named.first
        // "在西湖区第十五届…" under the title "杭州市西湖区人民政府工作报告": the fuller name of the same place.
        if let r = region, let fuller = named.first(where: { $0.count > r.count && $0.hasSuffix(r) }) { region = fuller }
        if region == nil { region = regionFromBody(t) }
        if let r = region {
            info.region = r
            info.regionLevel = Gazetteer.level(of: r)
        } else if let lv = levelFromBody(t) {
            info.regionLevel = lv
        }

        // Years.
        (info.reviewYear, info.planYear) = years(t, lines: lines, meetingDate: info.meetingDate, title: titleS)
        return info
    }

    /// Date, date line and region of the congress words at [termStart, end) in the joined head.
    static func readCongress(_ joined: Scalars, _ joinedLine: [Int], _ lines: [Line], termStart: Int, end: Int)
        -> (date: DateParts?, dateLine: Int, region: String?) {
        var dateLine = joinedLine[termStart]
        var region: String?
        var date: DateParts?
        // Date: the last full date before the term, within the same statement.
        var lineStart = termStart
        while lineStart > 0, termStart - lineStart < 60, joinedLine[lineStart - 1] >= joinedLine[termStart] - 2 { lineStart -= 1 }
        if let (d, at) = deliveryDate(joined, from: lineStart, to: termStart, lineOf: { lines[joinedLine[$0]].squeezed }) {
            date = d
            dateLine = joinedLine[at]
            // Region: between "在" and the term.
            if let z = joined.find(sc("在"), from: at, to: termStart) {
                let name = Array(joined[(z + 1)..<termStart])
                if name.count >= 2 { region = name.string }
            }
        } else if let z = joined.findLast(sc("在"), from: max(lineStart, termStart - 20), to: termStart) {
            let name = Array(joined[(z + 1)..<termStart])
            if name.count >= 2 { region = name.string }
        }
        // "——在…第四次会议上（2024年1月8日）": the date right after the congress words, on their line.
        if date == nil, end < joined.count {
            var k = end
            while k < joined.count, k - end < 3, "上（(".unicodeScalars.contains(joined[k]) { k += 1 }
            if let (d, e) = DateScanner.date(joined, at: k), joinedLine[k] == joinedLine[end - 1],
               e >= joined.count || NumberScanner.digit(joined[e]) == nil { date = d }
        }
        return (date, dateLine, region)
    }

    /// The first date in [from, to) that is not a page time: dates after a label ("发布时间：",
    /// "日期："), followed by a clock time, or on a line with page words are skipped.
    static func deliveryDate(_ t: Scalars, from: Int, to: Int, lineOf: (Int) -> Scalars) -> (DateParts, Int)? {
        var k = from
        while let (d, at) = DateScanner.firstDate(t, from: k, to: to) {
            let end = DateScanner.date(t, at: at)?.1 ?? at + 1
            let clock = end < t.count && NumberScanner.digit(t[end]) != nil
            let line = lineOf(at)
            let labelled = line.contains { $0 == "：" || $0 == ":" } || pageWords.contains { line.contains($0) }
            if !clock && !labelled { return (d, at) }
            k = end
        }
        return nil
    }
    static let pageWords: [Scalars] = ["时间", "日期", "来源", "浏览", "发布", "点击", "阅读"].map(sc)

    // MARK: head lines

    /// Lines before 各位代表 (or the first 15 lines when there is none), empty lines dropped.
    static func headLines(_ t: Scalars) -> [Line] {
        var lines: [Line] = []
        var a = 0
        var i = 0
        let cap = min(t.count, 8000)
        while i <= cap {
            if i == cap || Ch.isNewline(t[i]) {
                let r = trimRange(t, a..<i)
                if !r.isEmpty {
                    let sq = squeezeSpaces(Array(t[r]))
                    if sq.hasPrefix(sc("各位代表")) { return lines }
                    // Body paragraphs (long lines) are not part of a title block.
                    if sq.count <= 100 { lines.append(Line(range: r, squeezed: sq)) }
                    if lines.count > 60 { break }
                }
                a = i + 1
            }
            i += 1
        }
        return Array(lines.prefix(15))
    }

    static func stripMarkup(_ s: Scalars) -> Scalars {
        var a = 0
        while a < s.count, s[a] == "#" || s[a] == "*" || s[a] == ">" { a += 1 }
        var b = s.count
        while b > a, s[b - 1] == "*" { b -= 1 }
        return Array(s[a..<b])
    }

    /// The title-like part before a dash on the same line ("政府工作报告——2025年1月8日在…会议上").
    static func titleBeforeDash(_ s: Scalars) -> Scalars? {
        guard let d = s.firstIndex(where: { $0 == "—" }), d > 0 else { return nil }
        let part = Array(s[0..<d])
        return isTitleLike(part) ? stripMarkup(part) : nil
    }

    /// A printed title: short, no sentence punctuation, ends like a report, not web chrome.
    static func isTitleLike(_ s0: Scalars) -> Bool {
        let s = stripMarkup(s0)
        guard s.count >= 4, s.count <= 60 else { return false }
        for c in s where c == "。" || c == "，" || c == "," || c == "：" || c == ":" || c == "！" || c == "；" { return false }
        for w in chromeWords where s.contains(w) { return false }
        if s.hasPrefix(sc("——")) || s.hasPrefix(sc("—")) { return false }
        return titleEndings.contains { s.hasSuffix($0) }
    }

    // MARK: speaker

    /// (speaker, text before the title) when the line is "<prefix><title><name>".
    static func speaker(in s0: Scalars) -> (Speaker, Scalars)? {
        var s = stripMarkup(s0)
        if let c = s.firstIndex(where: { $0 == "：" || $0 == ":" }) { s.remove(at: c) }
        guard s.count >= 4, s.count <= 36 else { return nil }
        for title in speakerTitles {
            guard let p = s.findLast(title) else { continue }
            let name = Array(s[(p + title.count)...])
            guard isPersonName(name) else { continue }
            var tStart = p
            var tLen = title.count
            // The speaker's own grade is part of the title: 代理市长, 常务副市长, 副主席 (代市长 is listed).
            if title.first != "代", let m = titleModifiers.first(where: { p >= $0.count && s.has($0, at: p - $0.count) }) {
                tStart -= m.count; tLen += m.count
            }
            var prefix = Array(s[0..<tStart])
            if prefix.contains(sc("记者")) || prefix.contains(sc("摄")) { return nil }
            // "绵阳市发展和改革委员会主任": a 主任/局长 is named with the agency; the title keeps
            // it and only the region before it is left as the prefix.
            if agencyOffices.contains(title), let a = agencyStart(prefix) {
                tStart = a.start; tLen += prefix.count - a.start
                prefix = Array(prefix[0..<a.regionEnd])
            }
            return (Speaker(name: name.string, title: s[tStart..<(tStart + tLen)].map { $0 }.string), prefix)
        }
        return nil
    }

    /// Written right before an office title, longest first.
    static let titleModifiers: [Scalars] = ["常务副", "代理", "副", "代"].map(sc)
    static let agencyOffices: [Scalars] = ["主任", "局长"].map(sc)
    static let agencyEndings: [Scalars] = ["委员会", "委", "局", "厅", "办公室"].map(sc)

    /// Where the agency name starts in "<region><人民政府><agency>" ("江西省发展和改革委员会",
    /// "市发改委"), and where the region ends; nil when the prefix does not end like an agency.
    static func agencyStart(_ p: Scalars) -> (start: Int, regionEnd: Int)? {
        guard agencyEndings.contains(where: { p.hasSuffix($0) }) else { return nil }
        // The longest leading region name (or a bare level word: 市/省/区/县/州).
        var regionEnd = 0
        var k = min(p.count - 2, 16)
        while k >= 1 {
            let head = Array(p[0..<k])
            if isRegionName(head) || (k <= 3 && regionSuffixes.contains(head)) { regionEnd = k; break }
            k -= 1
        }
        var start = regionEnd
        for gov in ["人民政府", "政府"].map(sc) where p.has(gov, at: start) { start += gov.count; break }
        guard p.count - start >= 2 else { return nil }
        return (start, regionEnd)
    }

    static func isPersonName(_ n: Scalars) -> Bool {
        if n.contains("·") || n.contains("•") {
            return n.count >= 3 && n.count <= 16 && n.allSatisfy { Ch.isHan($0) || $0 == "·" || $0 == "•" }
        }
        return n.count >= 2 && n.count <= 4 && n.allSatisfy(Ch.isHan)
    }

    // MARK: region

    /// "四川省人民政府" → "四川省"; "自治区人民政府" → nil (no name).
    static func regionName(_ prefix: Scalars) -> String? {
        var s = prefix
        // 盟 and 地区 are governed by a 行政公署 ("兴安盟行政公署盟长", "阿克苏地区行政公署专员").
        for suf in ["人民政府", "行政公署", "政府"].map(sc) where s.hasSuffix(suf) { s.removeLast(suf.count) }
        return isRegionName(s) ? s.string : nil
    }

    static let regionSuffixes: [Scalars] = ["自治区", "自治州", "自治县", "特别行政区", "省", "市", "区", "县", "州", "盟", "旗", "地区"].map(sc)
    static let genericRegions: Set<String> = ["自治区", "市", "省", "区", "县", "全市", "全省", "全区", "本市", "该市", "我市", "我省", "我区", "城区", "市区"]

    static func isRegionName(_ s: Scalars) -> Bool {
        guard s.count >= 2, s.count <= 16, s.allSatisfy(Ch.isHan) else { return false }
        if genericRegions.contains(s.string) { return false }
        return regionSuffixes.contains { s.hasSuffix($0) }
    }

    /// "2026年北京市政府工作报告" → 北京市; "济南市2023年国民经济和社会发展计划" → 济南市.
    static func regionInTitle(_ s: Scalars) -> String? {
        var a = 0
        if s.hasPrefix(sc("关于")) { a = 2 }
        if let y = NumberScanner.number(s, at: a), y.end < s.count, s[y.end] == "年" { a = y.end + 1 }
        var best: Int?
        for stop in ["人民政府", "政府工作报告", "国民经济", "经济和社会"].map(sc) {
            if let p = s.find(stop, from: a), best == nil || p < best! { best = p }
        }
        // A year inside ("济南市2023年…") ends the name too.
        var k = a
        while k < s.count { if NumberScanner.digit(s[k]) != nil { if best == nil || k < best! { best = k }; break }; k += 1 }
        guard let b = best, b > a else { return nil }
        let name = Array(s[a..<b])
        return isRegionName(name) ? name.string : nil
    }

    /// No region in the title block: the level from "我代表市人民政府", the name from the most
    /// mentioned province or prefecture-level city of that level.
    static func regionFromBody(_ t: Scalars) -> String? {
        guard let level = levelFromBody(t), level != "district" else { return nil }
        guard let (name, count) = Gazetteer.mostMentioned(in: t, level: level), count >= 3 else { return nil }
        return name
    }

    static func levelFromBody(_ t: Scalars) -> String? {
        // "我代表市人民政府": the first 代表 followed by a level word (各位代表 comes first).
        let limit = min(t.count, 6000)
        var from = 0
        while let p = t.find(sc("代表"), from: from, to: limit) {
            let s = Array(t[(p + 2)..<min(t.count, p + 12)])
            if s.hasPrefix(sc("自治区")) || s.hasPrefix(sc("省")) { return "province" }
            if s.hasPrefix(sc("市")) || s.hasPrefix(sc("州")) || s.hasPrefix(sc("盟")) || s.hasPrefix(sc("地区")) { return "city" }
            if s.hasPrefix(sc("区")) || s.hasPrefix(sc("县")) || s.hasPrefix(sc("旗")) { return "district" }
            from = p + 2
        }
        return nil
    }

    // MARK: years

    static let reviewHeads: [Scalars] = ["工作回顾", "工作总结", "执行情况", "发展回顾"].map(sc)
    static let planHeads: [Scalars] = ["工作安排", "总体要求", "主要目标", "主要预期目标", "重点工作", "工作任务", "计划草案"].map(sc)
    /// A plan heading about a period or a horizon ("“十五五”时期主要目标和2035年远景展望") names no plan year.
    static let periodWords: [Scalars] = ["时期", "远景", "规划", "纲要", "五年"].map(sc)
    static let reviewPhrases: [Scalars] = ["刚刚过去的", "即将过去的", "过去的", "回顾"].map(sc)

    static func years(_ t: Scalars, lines: [Line], meetingDate: String?, title: Scalars) -> (Int?, Int?) {
        if let d = meetingDate, let y = Int(d.prefix(4)), let m = Int(d.dropFirst(5).prefix(2)) {
            return m >= 10 ? (y, y + 1) : (y - 1, y)
        }
        var review: Int?
        var plan: Int?
        // Short heading-like lines anywhere: "一、2024年工作回顾", "三、2025年工作安排".
        var a = 0
        var i = 0
        while i <= t.count && (review == nil || plan == nil) {
            if i == t.count || Ch.isNewline(t[i]) {
                let r = trimRange(t, a..<i)
                // "2021—2025年工作回顾" reviews 2025 (only 2025 is followed by 年); "2025年…执行情况与
                // 2026年计划草案" reviews the first year and plans the last.
                let ys = r.count >= 6 && r.count <= 50 ? yearsIn(Array(t[r])) : []
                if let first = ys.first, let last = ys.last {
                    let line = Array(t[r])
                    if review == nil, reviewHeads.contains(where: { line.contains($0) }) { review = first }
                    else if plan == nil, planHeads.contains(where: { line.contains($0) }),
                            !periodWords.contains(where: { line.contains($0) }) { plan = last }
                }
                a = i + 1
            }
            i += 1
        }
        // Title years: "2026年…政府工作报告" / "济南市2023年国民经济和社会发展计划" name the plan year;
        // "关于2025年…计划执行情况与2026年计划草案的报告" names both.
        let ty = yearsIn(title)
        if ty.count >= 2 { review = review ?? ty.min(); plan = plan ?? ty.max() }
        else if plan == nil, let y = ty.first { plan = y }
        // Body: "刚刚过去的2024年".
        if review == nil {
            for p in reviewPhrases.prefix(3) {
                if let k = t.find(p, from: 0, to: min(t.count, 20000)),
                   let n = NumberScanner.number(t, at: k + p.count), n.end < t.count, t[n.end] == "年",
                   n.value >= 1990, n.value <= 2100 { review = Int(n.value); break }
            }
        }
        if review == nil, let p = plan { review = p - 1 }
        if plan == nil, let r = review { plan = r + 1 }
        return (review, plan)
    }

    /// All "YYYY年" in `s`, in order.
    static func yearsIn(_ s: Scalars) -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < s.count {
            if i == 0 || NumberScanner.digit(s[i - 1]) == nil, let n = NumberScanner.number(s, at: i), n.end < s.count,
               s[n.end] == "年", n.value >= 1990, n.value <= 2100 {
                out.append(Int(n.value)); i = n.end + 1
            } else { i += 1 }
        }
        return out
    }

    /// The first "YYYY年" in the range.
    static func yearIn(_ t: Scalars, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if let n = NumberScanner.number(t, at: i), n.end < r.upperBound, t[n.end] == "年", n.value >= 1990, n.value <= 2100,
               i == 0 || NumberScanner.digit(t[i - 1]) == nil { return Int(n.value) }
            i += 1
        }
        return nil
    }
}
