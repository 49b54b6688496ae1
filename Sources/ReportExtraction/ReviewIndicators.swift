// The review year's results: GDP level and growth ("全市实现地区生产总值12027.5亿元,增长3.1%",
// "地区生产总值增长5.4%", "预计全市地区生产总值超过1.2万亿元"), and the same reading for a few
// other recurring indicators (一般公共预算收入, 社会消费品零售总额 …). Statements about five
// years, averages or part of the year are passed over.

enum ReviewIndicatorExtractor {
    struct Spec {
        var name: String; var code: String; var keys: [Scalars]; var levelUnits: Set<String>
        var firsts: Set<UInt32> { Set(keys.map { $0[0] }) }
    }

    static let specs: [Spec] = [
        Spec(name: "地区生产总值", code: "gdp",
             keys: ["地区生产总值", "国内生产总值", "全省生产总值", "全市生产总值", "全区生产总值", "全县生产总值", "生产总值", "GDP", "经济总量",
                    "经济增速", "经济增长"].map(sc),
             levelUnits: ["亿元", "万亿元", "万亿"]),
        Spec(name: "一般公共预算收入", code: "fiscal_revenue", keys: ["地方一般公共预算收入", "一般公共预算收入"].map(sc),
             levelUnits: ["亿元", "万亿元"]),
        Spec(name: "社会消费品零售总额", code: "retail_sales", keys: ["社会消费品零售总额"].map(sc), levelUnits: ["亿元", "万亿元"]),
        Spec(name: "固定资产投资", code: "fixed_asset_investment", keys: ["固定资产投资"].map(sc), levelUnits: ["亿元", "万亿元"]),
        Spec(name: "规模以上工业增加值", code: "industrial_value_added", keys: ["规模以上工业增加值", "规上工业增加值"].map(sc), levelUnits: ["亿元"]),
    ]


    /// `selfNames`: words meaning the report's own region before a key (Gazetteer.selfNames: 林区生产总值,
    /// a county's 县域经济总量; elsewhere 县域 is the counties' sum and stays a bad prefix).
    static func extract(_ t: Scalars, until limit: Int, year: Int?, selfNames: [Scalars] = [], sentenceAt: (Int) -> Int?) -> [Indicator] {
        var out: [Indicator] = []
        for (k, spec) in specs.enumerated() {
            if let ind = first(spec, bit: UInt8(1 << k), t, until: limit, year: year, selfNames: selfNames, sentenceAt: sentenceAt) {
                out.append(ind)
            }
        }
        return out
    }

    /// Bit k set for the scalars that start a key of `specs[k]` (BMP only; keys start with Han or Latin
    /// letters), so the scan over the text is one table read per scalar.
    static let keyStarts: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for (k, spec) in specs.enumerated() { for c in spec.firsts where c < 0x10000 { table[Int(c)] |= UInt8(1 << k) } }
        return table
    }()

    static func first(_ spec: Spec, bit: UInt8, _ t: Scalars, until limit: Int, year: Int?, selfNames: [Scalars],
                      sentenceAt: (Int) -> Int?) -> Indicator? {
        var i = 0
        let end = min(limit, t.count)
        let starts = keyStarts
        var pending: Indicator?
        var levelOnly: Indicator?
        let yearMark = year.map { sc("\($0)年") }
        while i < end {
            // A tight scan to the next scalar that may start a key: the statement's state is not touched per scalar.
            while i < end {
                let c = t[i]
                if c < 0x10000, starts[Int(c)] & bit != 0 { break }
                i += 1
            }
            guard i < end else { break }
            guard let key = spec.keys.first(where: { t.has($0, at: i) }) else { i += 1; continue }
            defer { i += key.count }
            // Clause and sentence bounds.
            var cs = i
            // A colon ends a lead-in too: "主要经济指标稳中有进：地区生产总值286.5亿元".
            while cs > 0, !Ch.isClauseEnd(t[cs - 1]), t[cs - 1] != "：", t[cs - 1] != ":" { cs -= 1 }
            var ss = i
            while ss > 0, !Ch.isSentenceEnd(t[ss - 1]) { ss -= 1 }
            var se = i
            while se < t.count, !Ch.isSentenceEnd(t[se]) { se += 1 }
            var before = Array(t[cs..<i]).filter { !Ch.isSpace($0) }
            if let own = selfNames.first(where: { before.hasSuffix($0) }) { before.removeLast(own.count) }
            if ReviewLexicon.badBefore.contains(where: { before.hasSuffix($0) }) { continue }
            if !before.allSatisfy({ ReviewLexicon.okBefore.contains($0) }) { continue }
            var ce = i + key.count
            while ce < se, !Ch.isClauseEnd(t[ce]) { ce += 1 }
            let after = Array(t[(i + key.count)..<ce])
            if ReviewLexicon.ratioWords.contains(where: { after.contains($0) }) { continue }

            // "2023年，…全市地区生产总值突破1万亿元" in a 2026 report, "到2027年，…地区生产总值超过3万亿元": another year.
            if let y = year, namesOtherYear(t, ss..<i, year: y) { continue }

            var f = clauseFigures(spec, t, key: i..<(i + key.count), clauseEnd: ce)
            let bounds = Bounds(clauseEnd: ce, sentenceEnd: se)
            var nextClause = f.refine(spec, t, bounds)
            if f.value == nil, f.growth == nil, let later = figuresInNextClauses(spec, t, after: ce, sentenceEnd: se) {
                f = later.figures; nextClause = later.next
            }
            guard f.value != nil || f.growth != nil else {
                // "地区生产总值跨越两个千亿元台阶，2011年达到4243.4亿元，比上年增长12.3%": the year's own clause.
                if pending == nil, let mark = yearMark, let own = namedYearClause(spec, t, from: ce, sentenceEnd: se, yearMark: mark) {
                    pending = Indicator(indicator: spec.name, code: spec.code, year: year, value: own.value, unit: own.unit,
                                        growth: own.growth, text: t.string(own.range), sentence: sentenceAt(i))
                }
                continue
            }
            // Reject statements about other periods: the sentence up to the figures and the
            // clause right after them ("…13697.5亿元，较“十三五”末…").
            // A clause that says 全年 itself ("今年以来，…，预计全年实现地区生产总值…") is about the
            // whole year whatever the sentence said before it.
            let fullYear = t.contains(Self.fullYear, from: cs, to: i)
            // In the clause after the figures, a streak or a record ("连续13个季度…", "为2010年以来最高") does not date them.
            var window = Array(t[(fullYear ? cs : ss)..<f.figEnd])
            // Nor does a comparison after a statement that names the review year and gives the year's growth
            // ("预计2012年…实现6700亿元，比上年增长11.0%，比2007年翻一番").
            let namesTheYear = f.growth != nil && yearMark.map { t.contains($0, from: ss, to: f.figEnd) } == true
            if !namesTheYear, !ReviewLexicon.streakWords.contains(where: { t.contains($0, from: nextClause.lowerBound, to: nextClause.upperBound) }) {
                window += Array(t[nextClause])
            }
            // What follows a neighbour's 、 still dates the statement: "达到2.5万亿元、五年年均增长7.2%".
            if let cut = f.cutAt { window += Array(t[cut..<ce]).filter { $0 != "较" } }
            // A 由…到 span is the year's only when nothing else names a period and the sentence ties
            // it to the year (上年, 全年, the review year) or gives the year's growth; five-year spans
            // ("过去五年…由X增加到Y，年均增长…") are passed over even though Y is the last year's level.
            let periods = f.span ? ReviewLexicon.spanPeriods : ReviewLexicon.otherPeriods
            let untied = f.span && f.growth == nil && !tiedToYear(t, ss..<se, year: year)
            if untied || periods.contains(where: { window.contains($0) }) {
                // "前三季度…，预计全年突破1400亿元": the full-year estimate later in the sentence.
                if spec.code == "gdp", let est = fullYearEstimate(spec, t, from: ce, to: se) {
                    return Indicator(indicator: spec.name, code: spec.code, year: year, value: est.value, unit: est.unit,
                                     growth: nil, text: t.string(trimRange(t, ss..<se)), sentence: sentenceAt(i))
                }
                // "生产总值年均增长12%，2007年达到9145亿元，年增长14.4%": the review year's own clause after a span.
                // It stands in only if no statement of the year follows; a later one without a level gets its level
                // ("…2010年达到5515.8亿元…" then "全年地区生产总值增长14.7%").
                if pending == nil, let mark = yearMark, let own = namedYearClause(spec, t, from: ce, sentenceEnd: se, yearMark: mark) {
                    pending = Indicator(indicator: spec.name, code: spec.code, year: year, value: own.value, unit: own.unit,
                                        growth: own.growth, text: t.string(own.range), sentence: sentenceAt(i))
                } else if pending == nil, let mark = yearMark, let v = f.value, let vs = f.valueStart, opensWithYear(t, ss..<i, mark: mark),
                          !periods.contains(where: { t.contains($0, from: ss, to: vs) }) {
                    // "2016年，全市生产总值达到3157.7亿元，年均增长14%": the level is the named year's; the average is not.
                    pending = Indicator(indicator: spec.name, code: spec.code, year: year, value: v, unit: f.unit, growth: nil,
                                        text: t.string(trimRange(t, ss..<f.figEnd)), sentence: sentenceAt(i))
                }
                continue
            }
            var found = Indicator(indicator: spec.name, code: spec.code, year: year, value: f.value, unit: f.unit, growth: f.growth,
                                  text: t.string(trimRange(t, cs..<max(f.lastEnd, f.figEnd))), sentence: sentenceAt(i))
            if let p = pending, found.value == nil, p.value != nil { found.value = p.value; found.unit = p.unit }
            // "全市GDP突破1400亿元大关，达到1420.6亿元，…年均增长5.7%" then "GDP增长9.8%": the year's level stated
            // without its growth waits for a later statement of the growth alone, which takes the level.
            if found.growth == nil, found.value != nil {
                if levelOnly == nil { levelOnly = found }
                continue
            }
            if let l = levelOnly {
                guard found.value == nil else { return l }
                // "兰州新区生产总值增长20%，一般公共预算收入增长48.5%": a part of the region earlier in the sentence is
                // the subject of the figures after it too.
                if ReviewLexicon.partSubjects.contains(where: { t.contains($0, from: ss, to: cs) }) { continue }
                found.value = l.value; found.unit = l.unit
            }
            return found
        }
        return levelOnly ?? pending
    }

    struct Bounds { var clauseEnd: Int; var sentenceEnd: Int }

    /// The key's clause gives no figure of its own ("地区生产总值历史性突破千亿元大关", "地区生产总值增速居全省第3
    /// 位"): the level in the next clause ("达1000.3亿元", "预计全年完成560亿元"), with the growth after it.
    static func figuresInNextClauses(_ spec: Spec, _ t: Scalars, after ce: Int, sentenceEnd se: Int) -> (figures: Figures, next: Range<Int>)? {
        guard ce < se, let lv = levelClause(t, from: ce + 1, sentenceEnd: se, units: spec.levelUnits,
                                            subjects: ReviewLexicon.estimateOpeners, verbs: ReviewLexicon.levelVerbs + ReviewLexicon.completionVerbs)
        else { return nil }
        var f = Figures(figEnd: lv.end, lastEnd: lv.end)
        f.value = lv.value; f.unit = lv.unit
        var e = lv.end
        while e < se, !Ch.isClauseEnd(t[e]) { e += 1 }
        if e < se, let g = growthClause(t, from: e + 1, sentenceEnd: se) {
            f.growth = g.0; f.figEnd = g.1; f.lastEnd = g.1
            return (f, g.1..<g.1)
        }
        var ne = e + 1
        while ne < se, !Ch.isClauseEnd(t[ne]) { ne += 1 }
        return (f, min(e + 1, se)..<min(ne, se))
    }

    /// What one statement says: level (亿元) and growth (增长 x%), where its figures end.
    struct Figures {
        var value: Double?
        var valueStart: Int?
        var unit: String?
        var growth: Double?
        var figEnd: Int
        var lastEnd: Int
        var span = false          // the level is the end of a 由X到Y span
        var cutAt: Int?           // where a neighbour's figures start after 、 (not read)

        /// Completes the key's clause with the clauses after it; returns the clause after the statement.
        mutating func refine(_ spec: Spec, _ t: Scalars, _ b: Bounds) -> Range<Int> {
            var ce = b.clauseEnd
            let se = b.sentenceEnd
            /// The clause after the one ending at `end` (empty at the sentence's end).
            func clause(after end: Int) -> Range<Int> {
                guard end < se else { return end..<end }
                var ne = end + 1
                while ne < se, !Ch.isClauseEnd(t[ne]) { ne += 1 }
                return (end + 1)..<ne
            }
            var nextClause = clause(after: ce)
            // "突破200亿元，达到203.6亿元，增长4.6%" (or "…亿元、达到…"): a threshold, then the figure itself.
            let afterThreshold = figEnd < ce && t[figEnd] == "、" ? figEnd + 1 : ce + 1
            if value != nil, let v = valueStart, ReviewLexicon.thresholdWords.contains(where: { t.has($0, at: v - $0.count) }), afterThreshold < se,
               let exact = levelClause(t, from: afterThreshold, sentenceEnd: se, units: spec.levelUnits) {
                value = exact.value; unit = exact.unit; figEnd = exact.end; lastEnd = exact.end
                ce = exact.end
                while ce < se, !Ch.isClauseEnd(t[ce]) { ce += 1 }
                nextClause = clause(after: ce)
            } else if value != nil, let v = valueStart, ReviewLexicon.thresholdWords.contains(where: { t.has($0, at: v - $0.count) }),
                      ReviewLexicon.milestoneWords.contains(where: { t.contains($0, from: v, to: ce) }) {
                // "经济总量先后跨越4000亿元、5000亿元两个大台阶": steps passed over the years, not the year's level.
                value = nil; unit = nil; valueStart = nil
            }
            if growth == nil, ce < se, let g = growthClause(t, from: ce + 1, sentenceEnd: se) {
                growth = g.0; lastEnd = g.1; figEnd = g.1; nextClause = ce..<ce
            } else if growth == nil, value != nil, ce < se, let g = growthAfterAside(t, from: ce + 1, sentenceEnd: se) {
                // "2120.86亿元，恢复至2019年的105.3%，增长10.8%": an aside about the level, then the growth.
                growth = g.0; lastEnd = g.1; figEnd = g.1; nextClause = ce..<ce
            } else if value == nil, growth != nil, ce < se,
                      let lv = levelClause(t, from: ce + 1, sentenceEnd: se, units: spec.levelUnits, subjects: ReviewLexicon.totalWords, verbs: ReviewLexicon.levelAfterGrowthVerbs) {
                // "地区生产总值增长8.1%，(总量)达到1650亿元": the level after the growth.
                value = lv.value; unit = lv.unit; lastEnd = lv.end; figEnd = lv.end; nextClause = clause(after: ce)
            } else if value == nil, growth != nil, ce < se, case let aside = clause(after: ce), aside.upperBound < se,
                      ReviewLexicon.comparisonAsides.contains(where: { t.has($0, at: trimRange(t, aside).lowerBound) }),
                      let lv = levelClause(t, from: aside.upperBound + 1, sentenceEnd: se, units: spec.levelUnits,
                                           subjects: ReviewLexicon.totalWords, verbs: ReviewLexicon.levelAfterGrowthVerbs) {
                // "地区生产总值增长5.7%，高于全国0.7个百分点，经济总量达到64697亿元": a comparison, then the level.
                value = lv.value; unit = lv.unit; lastEnd = lv.end; figEnd = lv.end; nextClause = clause(after: aside.upperBound)
            }
            return nextClause
        }
    }

    /// Level and growth in the key's own clause [key.upperBound, clauseEnd).
    static func clauseFigures(_ spec: Spec, _ t: Scalars, key: Range<Int>, clauseEnd ce: Int) -> Figures {
        var f = Figures(figEnd: key.upperBound, lastEnd: ce)
        var k = key.upperBound
        while k < ce {
            // "一般公共预算收入增长2.3%、支出首次超过7000亿元": after 、 a new subject's figures are not the key's.
            if t[k] == "、", f.value != nil || f.growth != nil, !continuesStatement(t, k + 1, end: ce) { f.cutAt = k; break }
            if let n = NumberScanner.arabic(t, at: k) {
                if let u = UnitScanner.unit(t, at: n.end) {
                    // "比原统计数增加292亿元": an increment, not the level.
                    let increment = ReviewLexicon.incrementWords.contains { t.has($0, at: k - $0.count) }
                    // "地区生产总值超10亿元的工业集中区达到6个": a figure before 的 qualifies a noun.
                    let modifier = u.end < ce && t[u.end] == "的"
                    if spec.levelUnits.contains(u.written), f.value == nil, !increment, !modifier, !(k > 1 && t[k - 1] == "到" && t[k - 2] != "达") {
                        f.value = n.value; f.unit = u.written; f.figEnd = u.end; f.valueStart = k
                    } else if u.written == "%", f.growth == nil, growthVerbBefore(t, k, from: key.lowerBound) {
                        f.growth = n.value; f.figEnd = u.end
                    } else if u.written == "%", f.growth == nil, declineVerbBefore(t, k, from: key.lowerBound) {
                        f.growth = -n.value; f.figEnd = u.end          // "地区生产总值下降1.5%"
                    }
                }
                k = n.end; continue
            }
            k += 1
        }
        // "由上年的88.6亿元增加到101.2亿元": the level reached is the figure.
        if let sp = levelSpan(t, key.upperBound..<ce, units: spec.levelUnits) {
            f.value = sp.value; f.unit = sp.unit; f.figEnd = max(f.figEnd, sp.end); f.valueStart = sp.start; f.span = true
        }
        return f
    }

    /// Whether what follows a 、 in a statement still speaks of the key: a figure, a verb, 总量 or a growth word.
    static func continuesStatement(_ t: Scalars, _ k0: Int, end: Int) -> Bool {
        var k = k0
        while k < end, Ch.isSpace(t[k]) { k += 1 }
        guard k < end else { return true }
        if NumberScanner.digit(t[k]) != nil { return true }
        return ReviewLexicon.statementWords.contains { t.has($0, at: k) }
    }

    /// A year other than the review year named before the key ("2023年，…", "到2027年，"), not as a base of
    /// comparison ("比2020年增长9.5%").
    static func namesOtherYear(_ t: Scalars, _ r: Range<Int>, year: Int) -> Bool {
        var i = r.lowerBound
        while i + 4 < r.upperBound {
            if NumberScanner.digit(t[i]) != nil, i == 0 || NumberScanner.digit(t[i - 1]) == nil,
               let n = NumberScanner.arabic(t, at: i), n.end == i + 4, n.end < r.upperBound, t[n.end] == "年" {
                let base = i > 0 && (t[i - 1] == "比" || t[i - 1] == "较" || t[i - 1] == "同" || t[i - 1] == "与")
                if !base, Int(n.value) != year, n.value >= 1980, n.value <= 2100 { return true }
                i = n.end; continue
            }
            i += 1
        }
        return false
    }

    /// Whether the sentence opens with the review year ("2016年，…").
    static func opensWithYear(_ t: Scalars, _ r: Range<Int>, mark: Scalars) -> Bool {
        let a = trimRange(t, r).lowerBound
        return t.has(mark, at: a)
    }

    /// After a rejected span in the same sentence, a clause that opens with the review year itself and gives
    /// the level ("2007年达到9145亿元") and/or growth ("年增长14.4%", in it or in the clause after).
    @inline(never) static func namedYearClause(_ spec: Spec, _ t: Scalars, from ce: Int, sentenceEnd se: Int, yearMark mark: Scalars)
        -> (value: Double?, unit: String?, growth: Double?, range: Range<Int>)? {
        var k = ce
        while k < se {
            let a = k + 1
            var e = a
            while e < se, !Ch.isClauseEnd(t[e]) { e += 1 }
            let c = trimRange(t, a..<min(e, t.count))
            if !c.isEmpty, NumberScanner.digit(t[c.lowerBound]) != nil, t.has(mark, at: c.lowerBound) {
                let body = c.lowerBound + mark.count
                var value: Double?, unit: String?, growth: Double?
                var last = c.upperBound
                if let lv = levelClause(t, from: body, sentenceEnd: c.upperBound, units: spec.levelUnits) {
                    value = lv.value; unit = lv.unit
                } else if let g = growthClause(t, from: body, sentenceEnd: c.upperBound) { growth = g.0 }
                if growth == nil, e < se, let g = growthClause(t, from: e + 1, sentenceEnd: se) { growth = g.0; last = g.1 }
                guard value != nil || growth != nil else { return nil }
                return (value, unit, growth, c.lowerBound..<last)
            }
            k = e
        }
        return nil
    }

    /// "…，预计全年突破1400亿元": the first level after 预计全年 in [from, to).
    static func fullYearEstimate(_ spec: Spec, _ t: Scalars, from: Int, to: Int) -> (value: Double, unit: String)? {
        guard let est = t.find(estimatedFullYear, from: from, to: to) else { return nil }
        var q = est + estimatedFullYear.count
        while q < to {
            if let n = NumberScanner.arabic(t, at: q), let u = UnitScanner.unit(t, at: n.end), spec.levelUnits.contains(u.written) {
                return (n.value, u.written)
            }
            q += 1
        }
        return nil
    }
    static let estimatedFullYear = sc("预计全年")

    static let fullYear = sc("全年")

    /// Whether the sentence names one year: 上年, 全年 …, or the review year itself.
    static func tiedToYear(_ t: Scalars, _ r: Range<Int>, year: Int?) -> Bool {
        if ReviewLexicon.oneYearMarks.contains(where: { t.contains($0, from: r.lowerBound, to: r.upperBound) }) { return true }
        guard let y = year else { return false }
        return t.contains(sc("\(y)年"), from: r.lowerBound, to: r.upperBound)
    }

    /// "由(上年的)X亿元(增加|跃升|提高…)到/至Y亿元" in `r`: the second level, where it starts and ends.
    static func levelSpan(_ t: Scalars, _ r: Range<Int>, units: Set<String>) -> (value: Double, unit: String, start: Int, end: Int)? {
        guard let f = ReviewLexicon.spanStarts.compactMap({ t.find($0, from: r.lowerBound, to: r.upperBound) }).min() else { return nil }
        /// The first number with a level unit in [a, min(a + window, r.end)).
        func level(from a: Int, window: Int) -> (Double, String, Int, Int)? {
            var k = a
            while k < min(r.upperBound, a + window) {
                if let n = NumberScanner.arabic(t, at: k) {
                    if let u = UnitScanner.unit(t, at: n.end), units.contains(u.written) { return (n.value, u.written, k, u.end) }
                    k = n.end; continue
                }
                k += 1
            }
            return nil
        }
        guard let from = level(from: f + 1, window: 8),
              let to = ReviewLexicon.spanEnds.compactMap({ t.find($0, from: from.3, to: min(r.upperBound, from.3 + 8)) }).min(),
              let reached = level(from: to + 1, window: 2) else { return nil }
        return (reached.0, reached.1, reached.2, reached.3)
    }


    /// The next clause when it states the level itself: "，达到203.6亿元" / "，为5502.7亿元"; after a
    /// growth also "，总量突破2500亿元" (`subjects` may open the clause, `verbs` lead to the figure).
    static func levelClause(_ t: Scalars, from: Int, sentenceEnd: Int, units: Set<String>, subjects: [Scalars] = [],
                            verbs: [Scalars] = ReviewLexicon.levelVerbs) -> (value: Double, unit: String, end: Int)? {
        var k = from
        while k < sentenceEnd, Ch.isSpace(t[k]) { k += 1 }
        if let s = subjects.first(where: { t.has($0, at: k) }) { k += s.count }
        for p in verbs where t.has(p, at: k) {
            var j = k + p.count
            while j < sentenceEnd, Ch.isSpace(t[j]) { j += 1 }
            if let n = NumberScanner.arabic(t, at: j), let u = UnitScanner.unit(t, at: n.end), units.contains(u.written) {
                return (n.value, u.written, u.end)
            }
            return nil
        }
        return nil
    }


    /// Whether the % at `k` reads as a growth rate: 增长/增速 shortly before it.
    static func growthVerbBefore(_ t: Scalars, _ k: Int, from: Int) -> Bool {
        let a = max(from, k - 8)
        return ReviewLexicon.growthVerbs.contains { t.contains($0, from: a, to: k) }
    }

    /// The growth in the clause after an aside that goes on about the level ("恢复至2019年的105.3%", "在东北地区
    /// …第三个进入3000亿元行列"); nil when the clause after `from` opens otherwise.
    static func growthAfterAside(_ t: Scalars, from: Int, sentenceEnd se: Int) -> (Double, Int)? {
        let k = trimRange(t, from..<se).lowerBound
        guard ReviewLexicon.asideOpeners.contains(where: { t.has($0, at: k) }) else { return nil }
        var e = k
        while e < se, !Ch.isClauseEnd(t[e]) { e += 1 }
        guard e < se, !ReviewLexicon.growthVerbs.contains(where: { t.contains($0, from: k, to: e) }) else { return nil }
        return growthClause(t, from: e + 1, sentenceEnd: se)
    }

    /// Whether the % at `k` is a decline of the key itself: 下降 right before it ("下降1.5%", "同比下降5%").
    static func declineVerbBefore(_ t: Scalars, _ k: Int, from: Int) -> Bool {
        let a = max(from, k - 6)
        return ReviewLexicon.declineVerbs.contains { d in t.find(d, from: a, to: k).map { trimRange(t, ($0 + d.count)..<k).isEmpty } ?? false }
    }

    /// The next clause when it is only a growth rate: "，增长5.3%" / "，同比增长4%以上".
    static func growthClause(_ t: Scalars, from: Int, sentenceEnd: Int) -> (Double, Int)? {
        var k = from
        while k < sentenceEnd, Ch.isSpace(t[k]) { k += 1 }
        // "，按可比价格计算，比上年增长6.1%": a clause that only says how it was computed is skipped.
        if k < sentenceEnd, t[k] == "按" {
            var e = k
            while e < sentenceEnd, !Ch.isClauseEnd(t[e]) { e += 1 }
            if e < sentenceEnd, e - k >= 4, e - k <= 10, t[e - 2] == "计", t[e - 1] == "算" {
                k = e + 1
                while k < sentenceEnd, Ch.isSpace(t[k]) { k += 1 }
            }
        }
        // "可比价增长8%", "同口径增长11.1%", "按可比价计算增长6%": how it was computed, before the growth word.
        var basisWords = 0
        while basisWords < 3, let b = ReviewLexicon.growthBases.first(where: { t.has($0, at: k) }) { k += b.count; basisWords += 1 }
        for p in ReviewLexicon.growthClauseWords where t.has(p, at: k) {
            var j = k + p.count
            while j < sentenceEnd, Ch.isSpace(t[j]) || t[j] == "为" || t[j] == "达" { j += 1 }
            // "增长（同比，下同）9%": a bracketed note before the figure.
            if j < sentenceEnd, t[j] == "（" || t[j] == "(" {
                var q = j + 1
                while q < sentenceEnd, q - j <= 12, t[q] != "）" && t[q] != ")" { q += 1 }
                if q < sentenceEnd, q - j <= 12 { j = q + 1 }
            }
            if let n = NumberScanner.arabic(t, at: j), let u = UnitScanner.unit(t, at: n.end), u.written == "%" { return (n.value, u.end) }
        }
        for p in ReviewLexicon.declineVerbs where t.has(p, at: k) {
            if let n = NumberScanner.arabic(t, at: k + p.count), let u = UnitScanner.unit(t, at: n.end), u.written == "%" { return (-n.value, u.end) }
        }
        return nil
    }
}
