// Finding the main expected-targets passage: the cue (主要预期目标是 / 主要目标是 / 计划主要指标
// …) followed by the items, which may run over several sentences and numbered sub-heads
// ("1.经济增长。…2.结构效益。…"). Five-year (十五五/纲要/年均) passages are passed over when
// an annual one exists.

struct TargetPassage {
    var cue: Int                 // where the cue word starts
    var start: Int               // first scalar after "是：" / "为:"
    var end: Int                 // end of the last sentence that gave targets
    var targets: [Target]
    var fiveYear: Bool
    var weakCue = false          // 发展目标 / 目标任务 …: used only when no 主要(预期)目标 passage exists
    var numericCount: Int { targets.filter { $0.value != nil }.count }
}

enum TargetPassageFinder {
    static let cues: [Scalars] = ["主要预期目标", "主要目标", "主要指标", "预期目标", "主要经济指标", "计划指标", "发展目标", "目标任务", "预期指标", "奋斗目标"].map(sc)
    static let weakCues: [Scalars] = ["发展目标", "目标任务", "预期指标", "奋斗目标"].map(sc)
    static let connectors: [Scalars] = ["建议", "初步", "安排", "确定", "设定", "拟定", "考虑", "定", "如下", "分别", "是", "为"].map(sc)
    static let annualMarks: [Scalars] = ["今年", "全年", "本年", "年度", "明年"].map(sc)
    static let fiveYearMarks: [Scalars] = ["十五五", "十四五", "十六五", "十三五", "五年", "纲要", "规划", "年均", "2030年", "2035年"].map(sc)

    /// Cheap test on the first two scalars of every cue (主要 预期 计划 发展 目标 奋斗).
    @inline(__always) static func mayStartCue(_ t: Scalars, _ i: Int) -> Bool {
        guard i + 1 < t.count else { return false }
        switch (t[i], t[i + 1]) {
        case ("主", "要"), ("预", "期"), ("计", "划"), ("发", "展"), ("目", "标"), ("奋", "斗"): return true
        default: return false
        }
    }

    static func find(in t: Scalars) -> TargetPassage? {
        var candidates: [TargetPassage] = []
        var covered = -1
        var i = 0
        let cues = Self.cues, weakCues = Self.weakCues
        // All cue occurrences, longest cue at a position, not inside a longer one already seen.
        while i < t.count {
            let c = t[i]
            if mayStartCue(t, i) {
                for cue in cues where t.has(cue, at: i) {
                    if i < covered { break }
                    covered = i + cue.count
                    if let start = passageStart(t, after: i + cue.count) {
                        var p = parse(t, cue: i, start: start)
                        p.fiveYear = isFiveYear(t, cue: i, passage: p)
                        p.weakCue = weakCues.contains(cue)
                        if !p.targets.isEmpty {
                            candidates.append(p)
                            covered = max(covered, p.end)   // cues inside this passage are its own words
                        }
                    }
                    break
                }
            }
            i += 1
        }
        if candidates.isEmpty { return fallback(in: t) }
        // Strong cue before weak, annual before five-year, more numeric items, more items; earliest on ties.
        func rank(_ p: TargetPassage) -> (Int, Int, Int, Int) { (p.weakCue ? 0 : 1, p.fiveYear ? 0 : 1, p.numericCount, p.targets.count) }
        var best: TargetPassage?
        for p in candidates where best == nil || rank(p) > rank(best!) { best = p }
        return best
    }

    static let thisYear: [Scalars] = ["今年", "全年", "明年", "本年度"].map(sc)

    /// No cue anywhere: the first sentence that speaks of this year (今年/全年) and sets a GDP
    /// growth target ("今年全市地区生产总值增长目标为6%左右，…") stands for the passage.
    static func fallback(in t: Scalars) -> TargetPassage? {
        var a = 0
        var k = 0
        while k <= t.count {
            if k == t.count || Ch.isSentenceEnd(t[k]) {
                let r = trimRange(t, a..<k)
                if r.count >= 8, thisYear.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }),
                   !fiveYearMarks.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) {
                    let s = ClauseParser.sentence(in: t, range: r)
                    // The growth must name GDP in its own words: a bare "，增长5.3%" after "全年实现地区生产总值
                    // 5696亿元" is the rest of a review statement.
                    if s.targets.contains(where: { IndicatorCodes.code(for: $0.indicator) == "gdp" && $0.measure == "growth"
                                                   && sc($0.text).contains(sc($0.indicator)) }) {
                        return TargetPassage(cue: r.lowerBound, start: r.lowerBound, end: r.upperBound, targets: s.targets, fiveYear: false)
                    }
                }
                a = k + 1
            }
            k += 1
        }
        return nil
    }

    /// After the cue: connector words (是/为/建议为/初步安排如下 …), then an optional colon. Line
    /// breaks inside ("主要预期目标\n是：") are skipped. Nil if the cue is not introducing a list.
    static func passageStart(_ t: Scalars, after k0: Int) -> Int? {
        var k = skipSpace(t, k0, newlines: true)
        var words = 0
        while k < t.count, words < 4, let c = connectors.first(where: { t.has($0, at: k) }) {
            k = skipSpace(t, k + c.count, newlines: true); words += 1
        }
        guard k < t.count else { return nil }
        if t[k] == "：" || t[k] == ":" { return k + 1 }
        // "二、2023年主要预期目标" alone on its line: a heading over the items, unless the next line
        // has its own cue ("全旗…主要预期目标为：…"), which then starts them.
        if words == 0, endsShortLine(t, at: k0) {
            var e = k
            while e < t.count, !Ch.isSentenceEnd(t[e]) { e += 1 }
            return introducesPassage(t, k..<e) ? nil : k
        }
        return words > 0 && (t[k - 1] == "是" || t[k - 1] == "为" || t[k - 1] == "下") ? k : nil
    }

    /// Whether only spaces follow `k0` up to a line break, and the line is heading-short.
    static func endsShortLine(_ t: Scalars, at k0: Int) -> Bool {
        let e = skipSpace(t, k0, newlines: false)
        guard e < t.count, Ch.isNewline(t[e]) else { return false }
        var a = k0
        while a > 0, !Ch.isNewline(t[a - 1]) { a -= 1; if k0 - a > 30 { return false } }
        return true
    }

    static func skipSpace(_ t: Scalars, _ k0: Int, newlines: Bool) -> Int {
        var k = k0
        while k < t.count, Ch.isSpace(t[k]) || (newlines && Ch.isNewline(t[k])) { k += 1 }
        return k
    }

    /// Reads sentences from `start` while they open with a target; numbered sub-heads are
    /// skipped. Past a paragraph break a sentence must be mostly targets to continue.
    static func parse(_ t: Scalars, cue: Int, start: Int) -> TargetPassage {
        var targets: [Target] = []
        var k = start
        var end = start
        var skipped = 0
        var newParagraph = false
        let limit = min(t.count, start + 4000)
        while k < limit {
            var e = k
            while e < t.count, !Ch.isSentenceEnd(t[e]) { e += 1 }
            let r = trimRange(t, k..<e)
            if !r.isEmpty {
                if k > start && introducesPassage(t, r) { break }     // another passage starts here
                let s = ClauseParser.sentence(in: t, range: r)
                // "（二）一般公共预算收入增长5%。" is an item; "（一）坚持创新引领" opens the next part.
                // (Only a figure makes it an item: "（一）着力提升首都功能" would read as a qualitative target.)
                if newParagraph && !targets.isEmpty && isMajorHeading(t, r) && !(s.firstHit && s.targets.first?.value != nil)
                    && !labelsTargetsInLine(t, label: r, end: e) { break }
                let continues = s.firstHit && (!newParagraph || targets.isEmpty || s.hits * 2 >= s.clauses)
                if continues {
                    targets += s.targets; end = r.upperBound; skipped = 0
                } else if s.targets.isEmpty && (isSubhead(t, r) || (targets.isEmpty && r.count <= 20)) {
                    skipped += 1
                    if skipped > 2 { break }
                } else {
                    break
                }
                newParagraph = false
            }
            if e < t.count, Ch.isNewline(t[e]) { newParagraph = true }
            k = e + 1
        }
        return TargetPassage(cue: cue, start: start, end: end, targets: targets, fiveYear: false)
    }

    /// "1.经济增长", "（二）民生保障", "一是稳增长" — a short label that organizes the items.
    static func isSubhead(_ t: Scalars, _ r: Range<Int>) -> Bool {
        guard r.count <= 14 else { return false }
        let c = t[r.lowerBound]
        if Ch.isDigit(c) || c == "（" || c == "(" || c == "①" || NumberScanner.chineseDigit(c) != nil { return true }
        return r.count <= 8
    }

    /// The cue's own sentence talks about five years or a plan outline (and not about this
    /// year), or the first item is an annual average (年均).
    static func isFiveYear(_ t: Scalars, cue: Int, passage: TargetPassage) -> Bool {
        var s = cue
        while s > 0, !Ch.isSentenceEnd(t[s - 1]), cue - s < 120 { s -= 1 }
        if let first = passage.targets.first, sc(first.text).contains(sc("年均")) { return true }
        let fiveYear = fiveYearMarks.contains { t.contains($0, from: s, to: cue) }
        let annual = annualMarks.contains { t.contains($0, from: s, to: cue) } || namesOneYear(t, s..<cue)
        return fiveYear && !annual
    }

    /// "2027年全市经济社会发展主要预期目标": a single year (not a span's end, not a 2030/2035 horizon)
    /// right before the cue's own words.
    static func namesOneYear(_ t: Scalars, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            if NumberScanner.digit(t[i]) != nil, i == 0 || NumberScanner.digit(t[i - 1]) == nil,
               let n = NumberScanner.arabic(t, at: i), n.end < r.upperBound, t[n.end] == "年", n.value >= 1990, n.value <= 2100 {
                let spanEnd = i > 0 && L.rangeSeparators.match(t, at: i - 1) != nil
                let spanStart = n.end + 1 < t.count && L.rangeSeparators.match(t, at: n.end + 1) != nil
                let horizon = fiveYearMarks.contains { t.has($0, at: i) }
                if !spanEnd && !spanStart && !horizon { return true }
                i = n.end; continue
            }
            i += 1
        }
        return false
    }
    typealias L = TargetLexicon

    /// Whether a cue with its connector ("主要预期目标是：") occurs in the range.
    static func introducesPassage(_ t: Scalars, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            if mayStartCue(t, i) {
                for cue in cues where t.has(cue, at: i) && i + cue.count <= r.upperBound {
                    if passageStart(t, after: i + cue.count) != nil { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// "（二）财政收入。一般公共预算收入增长5%。": a short numbered label whose own line goes on
    /// with a sentence that opens with a target is an item of the passage, not the next part.
    static func labelsTargetsInLine(_ t: Scalars, label r: Range<Int>, end e: Int) -> Bool {
        guard r.count <= 14, e < t.count, !Ch.isNewline(t[e]) else { return false }
        var f = e + 1
        while f < t.count, !Ch.isSentenceEnd(t[f]) { f += 1 }
        let next = trimRange(t, (e + 1)..<f)
        guard !next.isEmpty else { return false }
        let s = ClauseParser.sentence(in: t, range: next)
        return s.firstHit && s.targets.first?.value != nil
    }

    /// "（一）…", "一、…", "第一…": a heading of the next part, which ends a passage.
    static func isMajorHeading(_ t: Scalars, _ r: Range<Int>) -> Bool {
        let a = r.lowerBound
        guard r.count >= 2 else { return false }
        if (t[a] == "（" || t[a] == "("), NumberScanner.chineseDigit(t[a + 1]) != nil || NumberScanner.chineseUnit(t[a + 1]) != nil { return true }
        if let n = NumberScanner.chinese(t, at: a), n.end < r.upperBound, t[n.end] == "、" { return true }
        return t[a] == "第" && r.count > 2 && NumberScanner.chinese(t, at: a + 1) != nil
    }
}
