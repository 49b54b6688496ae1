// The report's title as printed, and what kind of report the title and the opening say it is.

enum TitleReader {
    /// The nearest title-like line above the date line, else the first in the head; a title broken
    /// over two lines or printed after a year-and-region line is put back together.
    static func title(_ head: ReportHead, dateLine: Int?) -> String? {
        let lines = head.lines
        var titleLine: Int?
        if let dl = dateLine {
            var i = dl - 1
            while i >= 0 { if isTitleLike(lines[i].squeezed) { titleLine = i; break }; i -= 1 }
        }
        if titleLine == nil { titleLine = head.firstTitleLine }
        // "政府工作报告——2025年1月8日在…会议上": the title and its date line printed as one line.
        var titleText: Scalars?
        if titleLine == nil, let li = lines.firstIndex(where: { titleBeforeDash($0.squeezed) != nil }) {
            titleLine = li; titleText = titleBeforeDash(lines[li].squeezed)
        }
        guard let tl = titleLine else { return nil }
        var title = titleText ?? stripMarkup(lines[tl].squeezed)
        // A title broken over two lines: "关于…执行情况" + "与2026年计划草案的报告".
        if tl > 0, let f = title.first, isOne(of: "与和及的暨", f) {
            let prev = stripMarkup(lines[tl - 1].squeezed)
            if prev.count <= 40, !prev.contains(where: { $0 == "。" || $0 == "：" || $0 == ":" || $0 == "，" }),
               !HeadLexicon.chromeWords.contains(where: { prev.contains($0) }) { title = prev + title }
        }
        // "2024年温州市" + "政府工作报告": a line holding only a year and a region names the title too.
        if tl > 0, title.first == "政" || title.first == "国" || title.first == "人" {
            var prev = stripMarkup(lines[tl - 1].squeezed)
            var a = 0
            if let y = NumberScanner.arabic(prev, at: 0), y.end < prev.count, prev[y.end] == "年", y.value >= 1990, y.value <= 2100 { a = y.end + 1 }
            if RegionReader.isRegionName(Array(prev[a...])) { prev += title; title = prev }
        }
        return title.string
    }

    /// The title a collection published the report under, as the report's title when the text
    /// prints none: as published ("河池市政府工作报告（2022年1月12日 王军）"), once when doubled.
    static func publishedTitle(_ raw: String) -> String? {
        let all = sc(raw)
        var s = Array(all[trimRange(all, 0..<all.count)])
        if s.count % 2 == 0, s.count >= 8, Array(s[0..<(s.count / 2)]) == Array(s[(s.count / 2)...]) { s = Array(s[0..<(s.count / 2)]) }
        return s.isEmpty ? nil : s.string
    }

    static func docType(title: Scalars, head: ReportHead, body t: Scalars) -> DocType {
        let opening = min(t.count, 6000)
        if title.contains(HeadLexicon.workReport) { return .governmentWorkReport }
        if title.contains(HeadLexicon.developmentPlan)
            || title.contains(HeadLexicon.developmentWords) && title.contains(HeadLexicon.planWord) { return .developmentPlan }
        if head.joined.contains(HeadLexicon.workReport)
            || HeadLexicon.reportingPhrases.contains(where: { t.contains($0, from: 0, to: opening) }) { return .governmentWorkReport }
        if t.contains(HeadLexicon.developmentPlan, from: 0, to: opening) { return .developmentPlan }
        if t.contains(HeadLexicon.workReport, from: 0, to: opening) { return .governmentWorkReport }
        return .other
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
        for w in HeadLexicon.chromeWords where s.contains(w) { return false }
        if s.hasPrefix(sc("——")) || s.hasPrefix(sc("—")) { return false }
        return HeadLexicon.titleEndings.contains { s.hasSuffix($0) }
    }
}
