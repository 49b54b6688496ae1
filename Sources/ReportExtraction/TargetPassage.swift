// Finding the main expected-targets passage: the cue (主要预期目标是 / 主要目标是 / 计划主要指标
// …) followed by the items, which may run over several sentences and numbered sub-heads
// ("1.经济增长。…2.结构效益。…"). Five-year (十五五/纲要/年均) passages are passed over when
// an annual one exists.
import ReportText

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

    /// Cheap test on the first two scalars of every cue (主要 预期 计划 发展 目标 奋斗).
    @inline(__always) static func mayStartCue(_ t: Scalars, _ i: Int) -> Bool {
        guard i + 1 < t.count else { return false }
        switch (t[i], t[i + 1]) {
        case ("主", "要"), ("预", "期"), ("计", "划"), ("发", "展"), ("目", "标"), ("奋", "斗"): return true
        default: return false
        }
    }

    /// What the report says about its years: the plan year, and whether 今年 is the plan year (not in a
    /// report delivered in November or December, where 今年 is the year under review).
    struct PlanContext {
        var planYear: Int?
        var thisYearIsPlan = true
        init(planYear: Int? = nil, thisYearIsPlan: Bool = true) { self.planYear = planYear; self.thisYearIsPlan = thisYearIsPlan }
        init(_ d: DocumentInfo) {
            planYear = d.planYear
            if let p = d.planYear, let m = d.meetingDate, let y = Int(m.prefix(4)) { thisYearIsPlan = y >= p }
        }
    }

    static func find(in t: Scalars, plan: PlanContext = PlanContext()) -> TargetPassage? {
        var candidates: [TargetPassage] = []
        var covered = -1
        var i = 0
        let cues = PassageLexicon.cues, weakCues = PassageLexicon.weakCues
        // All cue occurrences, longest cue at a position, not inside a longer one already seen.
        while i < t.count {
            while i < t.count, !mayStartCue(t, i) { i += 1 }      // a tight scan: no passage state per scalar
            guard i < t.count else { break }
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
                    } else if var p = denseSentenceAfter(t, cue: i, plan: plan) {
                        // "我们对…预期目标作了适当调整。今年要…；城镇登记失业率控制在3%以内；…": no connector, but
                        // the next sentence is the list itself.
                        p.fiveYear = isFiveYear(t, cue: i, passage: p)
                        p.weakCue = true
                        candidates.append(p)
                        covered = max(covered, p.end)
                    }
                    break
                }
            }
            i += 1
        }
        if candidates.isEmpty { return fallback(in: t, plan: plan) }
        // Strong cue before weak, annual before five-year, one that sets the economy's growth before one that does
        // not ("今年主要预期目标是：地区生产总值增长8%以上…" over "高质量发展主要目标是：制造业增加值占比24%…"),
        // more numeric items, more items; earliest on ties.
        func rank(_ p: TargetPassage) -> (Int, Int, Int, Int, Int) {
            (p.weakCue ? 0 : 1, p.fiveYear ? 0 : 1, setsGrowth(p) ? 1 : 0, p.numericCount, p.targets.count)
        }
        var best: TargetPassage?
        for p in candidates where best == nil || rank(p) > rank(best!) { best = p }
        // Only weak, five-year or growth-less passages have a cue: an annual GDP growth target stated without one
        // ("初步确定2006年全市生产总值增长11%…" after a 十一五 passage) is the year's passage, ranked as a weak cue's.
        if let b = best, b.weakCue || b.fiveYear || !setsGrowth(b), var f = fallback(in: t, plan: plan) {
            f.weakCue = true
            if rank(f) > rank(b) || (b.fiveYear && setsGrowth(f)) { best = f }
        }
        return best
    }

    /// Whether the passage sets a growth of the economy (地区生产总值, 经济增长 …).
    static func setsGrowth(_ p: TargetPassage) -> Bool {
        p.targets.contains { $0.measure == .growth && $0.value != nil && IndicatorCodes.code(for: $0.indicator) == "gdp" }
    }


    /// No cue anywhere: the first sentence that sets a GDP growth target in the plan's words (a plan mark, or
    /// the plan year with a qualifier such as 左右) and says nothing of the review year opens the passage,
    /// which continues over the sentences that open with targets.
    static func fallback(in t: Scalars, plan: PlanContext = PlanContext()) -> TargetPassage? {
        var a = 0
        var k = 0
        while k <= t.count {
            if k == t.count || Ch.isSentenceEnd(t[k]) {
                let r = trimRange(t, a..<k)
                if r.count >= 8, PassageLexicon.gdpWords.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }),
                   !PassageLexicon.fiveYearMarks.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }),
                   !PassageLexicon.reviewMarks.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) {
                    let s = ClauseParser.sentence(in: t, range: r, leadIn: true)
                    // The growth must name GDP in its own words: a bare "，增长5.3%" after "全年实现地区生产总值
                    // 5696亿元" is the rest of a review statement.
                    if let g = s.targets.first(where: { IndicatorCodes.code(for: $0.indicator) == "gdp" && $0.measure == .growth
                                                         && $0.value != nil && sc($0.text).contains(sc($0.indicator)) }),
                       let at = t.find(sc(g.text), from: r.lowerBound, to: r.upperBound),
                       !PassageLexicon.completionMarks.contains(where: { t.contains($0, from: r.lowerBound, to: at) }),
                       isPlanStatement(t, r.lowerBound..<(at + g.text.unicodeScalars.count), qualified: g.qualifier != nil, plan: plan)
                        || opensWithPlanYear(sc(g.text), plan: plan) {
                        var p = parse(t, cue: r.lowerBound, start: r.lowerBound)
                        if p.targets.isEmpty { p.targets = s.targets; p.end = r.upperBound }
                        return p
                    }
                }
                a = k + 1
            }
            k += 1
        }
        return nil
    }



    /// A plan mark before the figure, or a word of the plan year with a qualified figure (6%左右, 10%以上).
    static func isPlanStatement(_ t: Scalars, _ r: Range<Int>, qualified: Bool, plan: PlanContext) -> Bool {
        if PassageLexicon.planMarks.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) { return true }
        guard qualified else { return false }
        if PassageLexicon.nextYear.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) { return true }
        if plan.thisYearIsPlan, PassageLexicon.thisYear.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) { return true }
        if let y = plan.planYear, t.contains(sc("\(y)年"), from: r.lowerBound, to: r.upperBound) { return true }
        return false
    }

    /// "今年国内生产总值增长13%": the clause itself opens with the plan year's word.
    static func opensWithPlanYear(_ text: Scalars, plan: PlanContext) -> Bool {
        PassageLexicon.nextYear.contains(where: { text.hasPrefix($0) }) || (plan.thisYearIsPlan && text.hasPrefix(PassageLexicon.thisYear[0]))
    }

    /// A cue word without a connector ("我们对疫情前考虑的预期目标作了适当调整。") followed by a sentence that
    /// is mostly targets (three or more), with at least two figures, each qualified as a target's (以内, 左右,
    /// 控制在), and nothing of the review year in either sentence.
    static func denseSentenceAfter(_ t: Scalars, cue: Int, plan: PlanContext) -> TargetPassage? {
        var e = cue
        while e < t.count, e - cue <= 30, !Ch.isSentenceEnd(t[e]) { e += 1 }
        guard e < t.count, e - cue <= 30, Ch.isSentenceEnd(t[e]) else { return nil }
        var s = cue
        while s > 0, !Ch.isSentenceEnd(t[s - 1]) { s -= 1 }
        guard !PassageLexicon.completionMarks.contains(where: { t.contains($0, from: s, to: e) }) else { return nil }
        var f = e + 1
        while f < t.count, !Ch.isSentenceEnd(t[f]) { f += 1 }
        let r = trimRange(t, (e + 1)..<f)
        guard r.count >= 20, !PassageLexicon.reviewMarks.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) else { return nil }
        let sentence = ClauseParser.sentence(in: t, range: r, leadIn: true)
        let numeric = sentence.targets.filter { $0.value != nil }
        guard sentence.targets.count >= 3, sentence.hits * 2 >= sentence.clauses, numeric.count >= 2,
              numeric.allSatisfy({ $0.qualifier != nil }) else { return nil }
        return TargetPassage(cue: cue, start: r.lowerBound, end: r.upperBound, targets: sentence.targets, fiveYear: false)
    }

    /// After the cue: connector words (是/为/建议为/初步安排如下 …), then an optional colon. Line
    /// breaks inside ("主要预期目标\n是：") are skipped. Nil if the cue is not introducing a list.
    static func passageStart(_ t: Scalars, after k0: Int) -> Int? {
        var k = skipSpace(t, k0, newlines: true)
        var words = 0
        while k < t.count, words < 4, let c = PassageLexicon.connectors.first(where: { t.has($0, at: k) }) {
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
        var sawNewline = false
        let limit = min(t.count, start + 4000)
        while k < limit {
            var e = k
            while e < t.count, !Ch.isSentenceEnd(t[e]) { e += 1 }
            let r = trimRange(t, k..<e)
            if !r.isEmpty {
                // Another passage starts here, unless it goes on with this one ("其他预期目标是，全社会固定资产投资…").
                if k > start && introducesPassage(t, r) {
                    guard PassageLexicon.continuations.contains(where: { t.has($0, at: r.lowerBound) }),
                          let items = itemsStart(t, r), items > k else { break }
                    k = items; continue
                }
                let s = ClauseParser.sentence(in: t, range: r, leadIn: targets.isEmpty)
                // "（二）一般公共预算收入增长5%。" is an item; "（一）坚持创新引领" opens the next part.
                // (Only a figure makes it an item: "（一）着力提升首都功能" would read as a qualitative target.)
                // In a file without line breaks every sentence start may be a heading ("。三、2027年重点工作（一）…").
                if (newParagraph || !sawNewline) && !targets.isEmpty && isMajorHeading(t, r) && !(s.firstHit && s.targets.first?.value != nil)
                    && !labelsTargetsInLine(t, label: r, end: e) { break }
                let continues = s.firstHit && (!newParagraph || targets.isEmpty || s.hits * 2 >= s.clauses)
                if continues {
                    targets += s.targets; end = r.upperBound; skipped = 0
                } else if s.targets.isEmpty && (isSubhead(t, r) || (targets.isEmpty && r.count <= 20)) {
                    skipped += 1
                    if skipped > 2 { break }
                } else if targets.isEmpty || newParagraph, opensParagraph(t, r), r.count <= 40,
                          !s.targets.contains(where: { $0.value != nil }), numericItemFollows(t, inLineAfter: e) {
                    // "促进农村经济持续稳定发展。粮食总产量2900万吨…": a paragraph's topic sentence before its items.
                    skipped = 0
                } else if !targets.isEmpty, let next = nextBulletItem(t, after: e, itemAt: end) {
                    // "——国内生产总值增长5%左右。这一目标考虑了…。\n——城镇新增就业…": explanations between items.
                    k = next; newParagraph = true; skipped = 0; continue
                } else {
                    break
                }
                newParagraph = false
            }
            if e < t.count, Ch.isNewline(t[e]) { newParagraph = true; sawNewline = true }
            k = e + 1
        }
        return TargetPassage(cue: cue, start: start, end: end, targets: targets, fiveYear: false)
    }

    /// Whether only spaces stand between the line's start and `r`.
    static func opensParagraph(_ t: Scalars, _ r: Range<Int>) -> Bool {
        var a = r.lowerBound
        while a > 0, Ch.isSpace(t[a - 1]) { a -= 1 }
        return a == 0 || Ch.isNewline(t[a - 1])
    }

    /// The sentence after the end `e`, on the same line, opens with a target that has a figure.
    static func numericItemFollows(_ t: Scalars, inLineAfter e: Int) -> Bool {
        guard e < t.count, !Ch.isNewline(t[e]) else { return false }
        var f = e + 1
        while f < t.count, !Ch.isSentenceEnd(t[f]) { f += 1 }
        let next = trimRange(t, (e + 1)..<f)
        guard !next.isEmpty else { return false }
        let s = ClauseParser.sentence(in: t, range: next)
        return s.firstHit && s.targets.first?.value != nil
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
        // "——经济发展取得新成效。保持经济平稳增长，全市GDP年均增长7.5%…": the GDP's growth is an annual average.
        if passage.targets.contains(where: { g in g.measure == .growth && IndicatorCodes.code(for: g.indicator) == "gdp"
                                             && PassageLexicon.averageWords.contains { sc(g.text).contains($0) } }) { return true }
        let fiveYear = PassageLexicon.fiveYearMarks.contains { t.contains($0, from: s, to: cue) }
        let annual = PassageLexicon.annualMarks.contains { t.contains($0, from: s, to: cue) } || namesOneYear(t, s..<cue)
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
                let horizon = PassageLexicon.fiveYearMarks.contains { t.has($0, at: i) }
                if !spanEnd && !spanStart && !horizon { return true }
                i = n.end; continue
            }
            i += 1
        }
        return false
    }
    typealias L = TargetLexicon

    /// Where the items start after the first cue with its connector in the range.
    static func itemsStart(_ t: Scalars, _ r: Range<Int>) -> Int? {
        for i in r where mayStartCue(t, i) {
            for cue in PassageLexicon.cues where t.has(cue, at: i) && i + cue.count <= r.upperBound {
                if let s = passageStart(t, after: i + cue.count) { return s }
            }
        }
        return nil
    }

    /// Whether a cue with its connector ("主要预期目标是：") occurs in the range.
    static func introducesPassage(_ t: Scalars, _ r: Range<Int>) -> Bool { itemsStart(t, r) != nil }

    /// "（二）财政收入。一般公共预算收入增长5%。": a short numbered label whose own line goes on
    /// with a sentence that opens with a target is an item of the passage, not the next part.
    static func labelsTargetsInLine(_ t: Scalars, label r: Range<Int>, end e: Int) -> Bool {
        r.count <= 14 && numericItemFollows(t, inLineAfter: e)
    }

    /// "（一）…", "一、…", "第一…": a heading of the next part, which ends a passage (ReportText's
    /// heading marks of the two top levels, read at a sentence start as well as at a line start).
    static func isMajorHeading(_ t: Scalars, _ r: Range<Int>) -> Bool {
        let a = r.lowerBound
        guard r.count >= 2 else { return false }
        if let mark = HeadingParser.parse(t, from: a, end: r.upperBound), mark.level <= 2 { return true }
        return t[a] == "第" && r.count > 2 && NumberScanner.chinese(t, at: a + 1) != nil
    }

    static let bulletDash = sc("——")
    static let regarding = sc("关于")

    /// Where the next "——" item starts when the passage's items are "——" lines and the text after the last
    /// item explains it: the next "——" line (within a few lines, before any heading or cue) that opens with a
    /// target. Lines "——关于城镇新增就业：…" explain the targets and are passed over.
    static func nextBulletItem(_ t: Scalars, after e: Int, itemAt last: Int) -> Int? {
        var ls = last
        while ls > 0, !Ch.isNewline(t[ls - 1]) { ls -= 1 }
        guard t.has(bulletDash, at: skipSpace(t, ls, newlines: false)) else { return nil }
        var k = e
        var lines = 0
        while k < t.count, lines < 8, k - e < 2000 {
            while k < t.count, !Ch.isNewline(t[k]) { k += 1 }        // to the end of this line
            k = skipSpace(t, k, newlines: true)
            guard k < t.count else { return nil }
            lines += 1
            var le = k
            while le < t.count, !Ch.isNewline(t[le]) { le += 1 }
            let line = trimRange(t, k..<le)
            if isMajorHeading(t, line) || introducesPassage(t, line) { return nil }
            if t.has(bulletDash, at: line.lowerBound) {
                let body = skipSpace(t, line.lowerBound + 2, newlines: false)
                if t.has(regarding, at: body) { continue }
                var se = body
                while se < le, !Ch.isSentenceEnd(t[se]) { se += 1 }
                var first = ClauseParser.sentence(in: t, range: trimRange(t, body..<se))
                if first.targets.isEmpty, se < le, isSubhead(t, trimRange(t, line.lowerBound..<se)) {   // "——就业。城镇新增就业…"
                    var se2 = se + 1
                    while se2 < le, !Ch.isSentenceEnd(t[se2]) { se2 += 1 }
                    first = ClauseParser.sentence(in: t, range: trimRange(t, (se + 1)..<se2))
                }
                return first.firstHit ? line.lowerBound : nil
            }
        }
        return nil
    }
}

/// A growth target deliberately not set ("不提出全年经济增长具体目标", "没有提出全年经济增速具体目标", "不设定具体
///增速目标"): recorded as a target with measure "not_set", so that a reader can tell it from one not found.
enum NotSetFinder {
    static let targetWord = sc("目标")

    static func find(in t: Scalars) -> Target? {
        var i = 0
        while i < t.count {
            guard PassageLexicon.negations.mayStart(t[i]), let m = PassageLexicon.negations.match(t, at: i) else { i += 1; continue }
            var ce = i + m.length
            while ce < t.count, !Ch.isClauseEnd(t[ce]), ce - i < 40 { ce += 1 }
            // The growth word, then 目标, in the same clause after the negation.
            // Only words like 全年 / 具体 between the negation and the growth word ("没有提出全年经济增速具体目标").
            var j = i + m.length
            var name: Scalars?
            var nameAt = 0
            while j < ce, j - (i + m.length) <= 4, name == nil {
                if let g = PassageLexicon.growthNames.first(where: { t.has($0, at: j) }) { name = g; nameAt = j; break }
                guard PassageLexicon.gapScalars.contains(t[j]) else { break }
                j += 1
            }
            if let g = name, let goal = t.find(targetWord, from: nameAt + g.count, to: ce), goal - (nameAt + g.count) <= 6 {
                var ss = i
                while ss > 0, !Ch.isSentenceEnd(t[ss - 1]) { ss -= 1 }
                if !PassageLexicon.pastMarks.contains(where: { t.contains($0, from: ss, to: i) }) {
                    var indicator = g
                    if indicator.hasSuffix(sc("增长")) && indicator.count > 2 && indicator != sc("经济增长") { indicator.removeLast(2) }
                    if indicator.hasSuffix(sc("增速")) && indicator.count > 2 && indicator != sc("经济增速") && indicator != sc("GDP增速") {
                        indicator.removeLast(2)
                    }
                    if indicator == sc("增速") || indicator == sc("增长") { indicator = sc("经济") + indicator }
                    let span = i..<(goal + targetWord.count)
                    return Target(indicator: indicator.string, code: "gdp", measure: .notSet, text: t.string(span)).at(span)
                }
            }
            i += m.length
        }
        return nil
    }
}
