// The review year (the year whose work is reviewed) and the plan year (the year the targets are
// for), from (in this order) the meeting date, the section headings, the title, the title the
// report was published under, and the opening's "刚刚过去的2024年".

enum YearReader {
    static func years(_ t: Scalars, meetingDate: DateParts?, title: Scalars, publishedTitle: Scalars?) -> (review: Int?, plan: Int?) {
        // Reports delivered in November or December plan the next year.
        if let d = meetingDate { return d.month >= 10 ? (d.year, d.year + 1) : (d.year - 1, d.year) }
        var (review, plan) = headingYears(t)
        // Title years: "2026年…政府工作报告" / "济南市2023年国民经济和社会发展计划" name the plan year;
        // "关于2025年…计划执行情况与2026年计划草案的报告" names both.
        for source in [title, publishedTitle ?? []] where plan == nil || review == nil {
            let ty = yearsIn(source)
            if ty.count >= 2 { review = review ?? ty.min(); plan = plan ?? ty.max() }
            else if plan == nil, let y = ty.first { plan = y }
        }
        // Body: "刚刚过去的2024年".
        if review == nil, plan == nil {
            for p in HeadLexicon.reviewPhrases {
                if let k = t.find(p, from: 0, to: min(t.count, 20000)),
                   let n = NumberScanner.number(t, at: k + p.count), n.end < t.count, t[n.end] == "年",
                   n.value >= 1949, n.value <= 2100 { review = Int(n.value); break }
            }
        }
        if review == nil, let p = plan { review = p - 1 }
        if plan == nil, let r = review { plan = r + 1 }
        return (review, plan)
    }

    /// Short heading-like lines anywhere: "一、2024年工作回顾", "三、2025年工作安排",
    /// "三、一九八三年的主要任务".
    static func headingYears(_ t: Scalars) -> (review: Int?, plan: Int?) {
        var review: Int?, plan: Int?
        var a = 0
        var i = 0
        while i <= t.count && (review == nil || plan == nil) {
            if i == t.count || Ch.isNewline(t[i]) {
                let r = trimRange(t, a..<i)
                // "2021—2025年工作回顾" reviews 2025 (only 2025 is followed by 年); "2025年…执行情况与
                // 2026年计划草案" reviews the first year and plans the last.
                let years = r.count >= 6 && r.count <= 50 ? yearsWithEnds(Array(t[r])) : []
                if let first = years.first, let last = years.last {
                    let line = Array(t[r])
                    if review == nil, HeadLexicon.reviewHeadings.contains(where: { line.contains($0) }) { review = first.year }
                    else if plan == nil, HeadLexicon.planHeadings.contains(where: { line.contains($0) }) {
                        if !HeadLexicon.periodWords.contains(where: { line.contains($0) }) { plan = last.year }
                        // "今后五年工作的总体要求和2008年的主要目标": a year tied to the plan words.
                        else if let y = years.last(where: { yearNamesPlan(line, after: $0.end) }) { plan = y.year }
                    }
                }
                a = i + 1
            }
            i += 1
        }
        return (review, plan)
    }

    /// "…年的主要目标", "…年工作安排": a plan heading word right after the year (past 的/度).
    private static func yearNamesPlan(_ line: Scalars, after end: Int) -> Bool {
        var k = end
        if k < line.count, line[k] == "度" { k += 1 }
        if k < line.count, line[k] == "的" { k += 1 }
        return HeadLexicon.planHeadings.contains { line.has($0, at: k) } || line.has(sc("政府工作"), at: k)
    }

    /// All "YYYY年" in `s`, in order.
    static func yearsIn(_ s: Scalars) -> [Int] { yearsWithEnds(s).map(\.year) }

    /// All "YYYY年" (Arabic or Chinese numerals: 二〇〇八年) in `s`, with the index after 年.
    static func yearsWithEnds(_ s: Scalars) -> [(year: Int, end: Int)] {
        var out: [(Int, Int)] = []
        var i = 0
        while i < s.count {
            if i == 0 || NumberScanner.digit(s[i - 1]) == nil && NumberScanner.chineseDigit(s[i - 1]) == nil,
               let n = NumberScanner.number(s, at: i), n.end < s.count, s[n.end] == "年", n.value >= 1949, n.value <= 2100 {
                out.append((Int(n.value), n.end + 1)); i = n.end + 1
            } else { i += 1 }
        }
        return out
    }
}
