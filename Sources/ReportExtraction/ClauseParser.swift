// Parsing one sentence of the targets passage into targets. A sentence is cut into clauses
// at ，；; a clause is either numeric ("地区生产总值增长5.5%左右", "城乡居民人均可支配收入分别增长
// 5.5%左右和6%左右", "地区生产总值增长4.5%—5%") or qualitative ("固定资产投资合理增长",
// "完成省下达的节能减排降碳约束性指标和环境质量改善目标").

struct TargetValue {
    var value: Double
    var valueMax: Double?
    var unit: String?        // nil for a bare index value (居民消费价格指数控制在103左右)
    var post: [String]       // 左右, 以上 … after the number
    var end: Int
}

enum ClauseParser {
    typealias L = TargetLexicon

    /// Words looked for while parsing, built once.
    enum W {
        static let economy = sc("经济"), enumerationComma = sc("、"), complete = sc("完成"), requirements = sc("要求")
        static let handedDown = sc("下达"), target = sc("目标"), task = sc("任务"), copula = sc("是"), withTheNation = sc("与全国"), likeTheNation = sc("同全国")
        static let asWellAs = sc("以及"), growthOver = sc("比增"), and = sc("和")
        static let backReferences: [Scalars] = ["总量", "总额", "规模"].map(sc)
        static let growth = sc("增长"), andSoOn = sc("等"), onTheBasisOf = sc("基础上")
    }

    /// Targets of one sentence, with how many of its clauses gave targets and whether the
    /// first one did (the passage continues only through sentences that open with a target).
    struct SentenceResult { var targets: [Target] = []; var clauses = 0; var hits = 0; var firstHit = false }

    /// With `leadIn`, clauses that only frame the sentence before its first target ("在提高质量和效益的基础上",
    /// "综合考虑各方面因素") are passed over like item labels: the sentence still opens with a target.
    static func sentence(in t: Scalars, range: Range<Int>, leadIn: Bool = false) -> SentenceResult {
        var res = SentenceResult()
        var a = range.lowerBound
        var k = a
        while k <= range.upperBound {
            if k == range.upperBound || Ch.isClauseEnd(t[k]) {
                let r = trimRange(t, a..<k)
                if r.count >= 2 {
                    var found = clause(t, r)
                    // A target without a name continues the one before it in the same unit ("增长7%以上，
                    // 力争达到8%"): same indicator, and its measure when only a level verb was written.
                    // In another unit it is a second figure of a statement ("5696亿元，增长5.3%"), not a target,
                    // unless it is the growth of a level target ("县域经济总量突破355亿元，增长6%到6.5%").
                    var q = 0
                    while q < found.count {
                        guard found[q].indicator.isEmpty else { q += 1; continue }
                        // Also the level reached after a growth ("地区生产总值增长8%，达到296亿元"): two targets of one indicator.
                        guard let prev = q > 0 ? found[q - 1] : res.targets.last,
                              prev.unit == found[q].unit || (prev.measure == .level && prev.value != nil && found[q].measure == .growth)
                                || (prev.measure == .growth && prev.value != nil && found[q].measure == .level && isAmount(found[q].unit))
                                || (prev.measure == .qualitative && found[q].value != nil)   // "…低于全国平均水平，力争调控在103.5%左右"
                        else { found.remove(at: q); continue }
                        found[q].indicator = prev.indicator
                        // "增长7%以上，力争达到8%": the level verb continues the growth; "增长8%，达到296亿元" is a level.
                        if found[q].measure == .level, prev.unit == found[q].unit, prev.value != nil { found[q].measure = prev.measure }
                        q += 1
                    }
                    // "出口总值增长12%，力争总量突破100亿美元": 总量 names the indicator before it.
                    for q in found.indices where W.backReferences.contains(sc(found[q].indicator)) {
                        if let prev = q > 0 ? found[q - 1] : res.targets.last { found[q].indicator = prev.indicator }
                    }
                    // "一是经济增长，地区生产总值增长6%；二是…": a numbered label is no clause of its own.
                    if found.isEmpty && isItemLabel(t, r) { a = k + 1; k += 1; continue }
                    // "其中，农业总产值…": a connective alone is no clause of its own.
                    if found.isEmpty, L.connectiveClauses.contains(where: { $0 == squeezeSpaces(Array(t[r])) }) { a = k + 1; k += 1; continue }
                    if found.isEmpty && leadIn && res.clauses == 0 && isLeadIn(t, r) { a = k + 1; k += 1; continue }
                    if res.clauses == 0 { res.firstHit = !found.isEmpty }
                    res.clauses += 1
                    if !found.isEmpty { res.hits += 1 }
                    res.targets += found
                }
                a = k + 1
            }
            k += 1
        }
        return res
    }

    static func targets(in t: Scalars, range: Range<Int>) -> [Target] { sentence(in: t, range: range).targets }

    /// One clause; a trailing "、<another target>" is parsed recursively.
    static func clause(_ t: Scalars, _ r0: Range<Int>) -> [Target] {
        var lead: [String] = []
        let r = stripLeading(t, r0, qualifiers: &lead)
        guard r.count >= 2 else { return [] }
        if let c = countBeforeNoun(t, clause: r0, body: r, lead: lead) { return [c] }
        if let p = firstValueStart(t, r) {
            return numeric(t, clause: r0, body: r, numberAt: thresholdInName(t, r, valueAt: p) ?? p, lead: lead)
        }
        return qualitative(t, clause: r0, body: r, lead: lead)
    }

    /// "省外2000万元以上项目资金增长7%", "年销售收入500万元以上工业企业增加值增长10%": a threshold (以上/以下) right
    /// after the name with no verb before it, followed by more of the name and the verb of a later figure, is
    /// part of the name. Where the figure of the clause starts then, or nil.
    static func thresholdInName(_ t: Scalars, _ r: Range<Int>, valueAt p: Int) -> Int? {
        guard let v = value(t, at: p, limit: r.upperBound), v.post.contains(where: { $0 == "以上" || $0 == "以下" }),
              v.end + 2 < r.upperBound, Ch.isHan(t[v.end]), L.joiners.match(t, at: v.end) == nil,
              stripTail(t, from: r.lowerBound, end: p).measure == nil, trimRange(t, r.lowerBound..<p).count >= 2,
              let next = firstValueStart(t, v.end..<r.upperBound) else { return nil }
        let between = v.end..<next
        guard between.count >= 3, !t.contains(W.enumerationComma, from: between.lowerBound, to: between.upperBound),
              stripTail(t, from: v.end, end: next).measure != nil else { return nil }
        return next
    }

    // MARK: numeric targets

    static func numeric(_ t: Scalars, clause r0: Range<Int>, body r: Range<Int>, numberAt p: Int, lead: [String]) -> [Target] {
        // Values: one, a range, or several joined by 、/和 (compounds).
        var values: [TargetValue] = []
        var k = p
        while let v = value(t, at: k, limit: r.upperBound) {
            values.append(v)
            var j = v.end
            while j < r.upperBound, Ch.isSpace(t[j]) { j += 1 }
            if let jn = L.joiners.match(t, at: j), j + jn.length < r.upperBound {
                var n = j + jn.length
                while n < r.upperBound, Ch.isSpace(t[n]) { n += 1 }
                if n < r.upperBound, NumberScanner.digit(t[n]) != nil { k = n; continue }
            }
            break
        }
        guard let last = values.last else { return [] }
        // "…增长7%以上，力争达到8%": only verbs before the number; the sentence gives the
        // indicator of the target before it (see `sentence`), marked here by an empty name.
        // "…增长6.5%左右，力争7%": nothing at all before the number but a leading qualifier.
        // (争取 leaves no qualifier in `lead` but opens a follow-up all the same: "增长百分之三，争取百分之四".)
        let bare = trimRange(t, r.lowerBound..<p).isEmpty
            && (!lead.isEmpty || L.leadingQualifiers.match(t, at: trimRange(t, r0).lowerBound) != nil)
        if values.count == 1, let m = bare ? (measure: .level, quals: []) : verbsOnly(t, r.lowerBound..<p, unit: last.unit) {
            let quals = lead + m.quals + last.post
            let span = trimRange(t, r0.lowerBound..<last.end)
            return [Target(indicator: "", measure: m.measure, value: last.value, valueMax: last.valueMax, unit: last.unit,
                           qualifier: quals.isEmpty ? nil : quals.joined(separator: "+"), text: t.string(span)).at(span)]
        }

        // Subject: text before the number minus verbs/qualifiers at its end.
        var subjEnd = p
        while subjEnd > r.lowerBound, Ch.isSpace(t[subjEnd - 1]) || isCellBreak(t[subjEnd - 1]) { subjEnd -= 1 }
        var tail = stripTail(t, from: r.lowerBound, end: subjEnd)
        var measure = tail.measure ?? .level
        var pre = tail.quals
        // "全市地区生产总值高于全省增速0.5个百分点", "地区生产总值增速力争高于全省1个百分点": a growth (or level)
        // relative to a comparator; the indicator is what stands before the comparison.
        if last.unit == "个百分点", let cmp = comparison(t, r.lowerBound..<tail.end) {
            let head = stripTail(t, from: r.lowerBound, end: cmp.at)
            let comparatorGrowth = L.growthWords.contains { t.contains($0, from: cmp.at, to: p) }
            if head.measure == .growth || tail.measure == .growth || comparatorGrowth { measure = .growth }
            pre = head.quals + [cmp.qualifier] + tail.quals
            tail = StrippedTail(end: head.end, measure: measure, quals: pre, firstGrowth: head.firstGrowth,
                                distributive: head.distributive || tail.distributive)
        }
        subjEnd = tail.end
        let firstStripped = tail.firstGrowth
        // "下降2万吨" reads as the level reached; "比增100亿元" says the increment itself.
        if measure == .change, !(last.unit == "%" || last.unit == "个百分点"), !tail.increment { measure = .level }
        var subject = trimRange(t, r.lowerBound..<subjEnd)
        // "实现地区生产总值增长6%", "完成固定资产投资1000亿元": the opening verb is not the name.
        for v in ["全面实现", "实现", "完成", "确保", "保持"].map(sc) where t.has(v, at: subject.lowerBound) && subject.count > v.count + 1 {
            subject = (subject.lowerBound + v.count)..<subject.upperBound; break
        }
        // "经济增长5%左右": the verb is the indicator's own word.
        var subjectWords = squeezeSpaces(Array(t[subject]))
        if subjectWords.count == 4, subjectWords[0] == "全" || subjectWords[0] == "本", IndicatorCodes.regionLevelWords.contains(subjectWords[1]) {
            subjectWords.removeFirst(2)      // "全市经济增长7.5%左右"
        }
        if subjectWords == W.economy, let v = firstStripped {
            subject = subject.lowerBound..<(v.lowerBound + v.count)
        }
        // "力争实现两位数增长、总量突破7000亿元": a part before 、 that ends with its own verb is no name of this figure.
        var before: [Target] = []
        if let d = t.findLast(W.enumerationComma, from: subject.lowerBound + 2, to: subject.upperBound), d + 1 < subject.upperBound,
           stripTail(t, from: subject.lowerBound, end: d).measure != nil {
            before = clause(t, subject.lowerBound..<d)
            subject = trimRange(t, (d + 1)..<subject.upperBound)
        }
        guard isIndicator(t, subject) else { return before }

        // Split compounds: "城乡居民人均可支配收入分别增长5.5%左右和6%左右".
        var names = [t.string(subject)]
        var shared = false
        if values.count > 1 {
            names = splitNames(t, subject, forValues: values.count)
        } else if !tail.distributive, let parts = completeIndicatorsJoinedByAnd(t, subject) {
            // "城镇居民人均可支配收入和农民人均纯收入实际增长6%以上": two whole indicators, one value each.
            names = parts.map { t.string($0) }; shared = true
        } else if tail.distributive || t.contains(W.enumerationComma, from: subject.lowerBound, to: subject.upperBound) {
            // "规模以上工业增加值、固定资产投资均增长6%左右", "城镇居民人均可支配收入和农民人均纯收入分别增长7.5%":
            // one value for each listed indicator (和/及/与 join indicators only before 分别/均).
            let parts = splitList(t, subject, onAnd: tail.distributive)
            if parts.count > 1, parts.allSatisfy({ isIndicator(t, $0) }) {
                names = completeNames(t, parts, distributive: tail.distributive); shared = true
            } else if tail.distributive, let pair = expandContraction(Array(t[subject])) {
                names = pair.map(\.string); shared = true          // "城乡居民人均可支配收入分别增长7.5%"
            }
        }
        var span = trimRange(t, r0.lowerBound..<last.end)
        if span.isEmpty { span = r0 }
        let text = t.string(span)
        var out: [Target] = before
        let pairs: [(String, TargetValue)] = shared ? names.map { ($0, values[0]) }
            : values.enumerated().filter { $0.offset < names.count }.map { (names[$0.offset], $0.element) }
        for (name, v) in pairs {
            let quals = lead + pre + v.post
            out.append(Target(indicator: name, code: nil, measure: measure, value: v.value, valueMax: v.valueMax,
                              unit: v.unit, qualifier: quals.isEmpty ? nil : quals.joined(separator: "+"), text: text).at(span))
        }
        // "…47万人以上、城镇调查失业率控制在5.5%以内": another target after 、/和.
        var j = last.end
        while j < r.upperBound, Ch.isSpace(t[j]) { j += 1 }
        if j < r.upperBound, let jn = L.joiners.match(t, at: j) {
            let rest = trimRange(t, (j + jn.length)..<r.upperBound)
            if rest.count >= 2 { out += clause(t, rest) }
        } else if j + 4 < r.upperBound, Ch.isHan(t[j]) {
            // "地区生产总值增长7%左右一般公共预算收入增长6%": list lines glued without punctuation.
            let more = clause(t, j..<r.upperBound)
            if !more.isEmpty, more.allSatisfy({ $0.value != nil && !$0.indicator.isEmpty }) { out += more }
        }
        return out
    }

    /// "一是经济增长", "（二）财政收入", "3.就业": an enumerator and a short label without numbers.
    static func isItemLabel(_ t: Scalars, _ r: Range<Int>) -> Bool {
        var a = r.lowerBound
        if let n = NumberScanner.chinese(t, at: a), n.end < r.upperBound, t[n.end] == "是" || t[n.end] == "、" { a = n.end + 1 }
        else if let n = NumberScanner.arabic(t, at: a), n.end < r.upperBound, isOne(of: ".、．）)", t[n.end]) { a = n.end + 1 }
        else if t[a] == "（" || t[a] == "(", let c = (a + 1..<min(r.upperBound, a + 5)).first(where: { t[$0] == "）" || t[$0] == ")" }) { a = c + 1 }
        else { return false }
        let rest = trimRange(t, a..<r.upperBound)
        return rest.count >= 2 && rest.count <= 8 && t[rest].allSatisfy { Ch.isHan($0) || $0 == "和" }
    }

    /// (measure, qualifiers) when `r` is nothing but tail words ("达到", "力争达到", "增长"), at least one a verb.
    static func verbsOnly(_ t: Scalars, _ r0: Range<Int>, unit: String? = nil) -> (measure: Measure, quals: [String])? {
        let r = trimRange(t, r0)
        var e = r.upperBound
        var measure: Measure?
        var quals: [String] = []
        while e > r.lowerBound {
            guard let (w, role) = L.subjectTail.first(where: { e - $0.0.count >= r.lowerBound && t.has($0.0, at: e - $0.0.count) })
            else { return nil }
            e -= w.count
            switch role {
            case .growthVerb: measure = .growth
            case .changeVerb: if measure != .growth { measure = .change }
            case .levelVerb: if measure == nil { measure = .level }
            case .qualifier: quals.insert(t.string(e..<(e + w.count)), at: 0)
            case .adverb: break
            }
            while e > r.lowerBound, Ch.isSpace(t[e - 1]) { e -= 1 }
        }
        guard var m = measure else { return nil }
        if let u = unit, m == .change, !(u == "%" || u == "个百分点") { m = .level }
        return (m, quals)
    }

    /// The first Arabic number in the clause that carries a unit (years, enumerators and names like 5G are skipped).
    static func firstValueStart(_ t: Scalars, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if NumberScanner.digit(t[i]) != nil {
                if i > r.lowerBound, Ch.isASCIILetter(t[i - 1]) || t[i - 1] == "." {
                    // PM2.5, G20: part of a name
                    while i < r.upperBound, NumberScanner.digit(t[i]) != nil || t[i] == "." { i += 1 }
                    continue
                }
                if value(t, at: i, limit: r.upperBound) != nil { return i }
                while i < r.upperBound, NumberScanner.digit(t[i]) != nil || t[i] == "." { i += 1 }
                continue
            }
            // "增长百分之四点三", "三百八十四亿元": a Chinese numeral that starts a figure.
            if NumberScanner.cls(t[i]) & 6 != 0, i == r.lowerBound || NumberScanner.cls(t[i - 1]) & 14 == 0,
               value(t, at: i, limit: r.upperBound) != nil { return i }
            i += 1
        }
        return nil
    }

    /// A number with its unit, range and trailing qualifiers: "5.5%左右", "4.5%—5%", "5—5.5%", "15万人以上".
    static func value(_ t: Scalars, at i: Int, limit: Int) -> TargetValue? {
        guard i < t.count else { return nil }
        if NumberScanner.digit(t[i]) == nil { return chineseValue(t, at: i, limit: limit) }
        guard let n = NumberScanner.arabic(t, at: i), n.end <= limit else { return nil }
        if n.end < t.count, Ch.isASCIILetter(t[n.end]) { return nil }
        var unit = UnitScanner.unit(t, at: n.end)
        var valueMax: Double?
        var end: Int
        if let u = unit {
            end = u.end
            // range after the unit: 4.5%—5%
            if let sep = L.rangeSeparators.match(t, at: end), let m = NumberScanner.arabic(t, at: end + sep.length),
               let u2 = UnitScanner.unit(t, at: m.end), u2.written == u.written {
                valueMax = m.value; end = u2.end
            }
        } else if let sep = L.rangeSeparators.match(t, at: n.end), let m = NumberScanner.arabic(t, at: n.end + sep.length),
                  let u2 = UnitScanner.unit(t, at: m.end) {
            // range before the unit: 5—5.5%
            unit = u2; valueMax = m.value; end = u2.end
        } else {
            return bareIndexValue(t, n, start: i, limit: limit)
        }
        guard let u = unit, end <= limit else { return nil }
        let (post, j) = postQualifiers(t, from: end, limit: limit)
        return TargetValue(value: n.value, valueMax: valueMax, unit: u.written, post: post, end: j)
    }

    /// A figure in Chinese numerals: "百分之四点三", or a number before a unit of ten thousand or more
    /// ("三百八十四亿元"); counts such as "三个" or "十件" are left to the words around them.
    static func chineseValue(_ t: Scalars, at i: Int, limit: Int) -> TargetValue? {
        guard let f = NumberScanner.chineseFigure(t, at: i), f.end <= limit else { return nil }
        var unit = "%"
        var end = f.end
        if !f.percent {
            // "站稳千亿台阶": a bare 千/百 is a round figure of speech, and 亿台 there is no unit.
            guard (i..<f.end).contains(where: { NumberScanner.chineseDigit(t[$0]) != nil }),
                  let u = UnitScanner.unit(t, at: f.end), u.magnitude >= 1e4, u.end <= limit,
                  !(u.end < t.count && t[u.end] == "阶") else { return nil }
            unit = u.written; end = u.end
        }
        let (post, j) = postQualifiers(t, from: end, limit: limit)
        return TargetValue(value: f.value, valueMax: nil, unit: unit, post: post, end: j)
    }

    /// 左右, 以上 … after `from`: the qualifiers and where they end.
    static func postQualifiers(_ t: Scalars, from: Int, limit: Int) -> ([String], Int) {
        var post: [String] = []
        var j = from
        while true {
            var s = j
            while s < limit, Ch.isSpace(t[s]) { s += 1 }
            guard let q = L.postQualifiers.match(t, at: s), s + q.length <= limit else { break }
            post.append(q.value); j = s + q.length
        }
        return (post, j)
    }

    /// An index written without a unit ("居民消费价格指数控制在103左右", "…指数为102.5"): only
    /// right after a level verb or 指数, and only when nothing but qualifiers follows it in the
    /// clause, so years (2026年), ranks (第3, 前10) and item numbers never read as values.
    static func bareIndexValue(_ t: Scalars, _ n: ParsedNumber, start: Int, limit: Int) -> TargetValue? {
        guard L.bareValueLeads.contains(where: { t.has($0, at: start - $0.count) }) else { return nil }
        let (post, j) = postQualifiers(t, from: n.end, limit: limit)
        guard trimRange(t, j..<limit).isEmpty else { return nil }
        return TargetValue(value: n.value, valueMax: nil, unit: nil, post: post, end: j)
    }

    // MARK: qualitative targets

    static func qualitative(_ t: Scalars, clause r0: Range<Int>, body r: Range<Int>, lead: [String]) -> [Target] {
        // "重点完成好以下工作任务：" opens what follows; it is no item.
        let after = r0.upperBound
        if (after < t.count && isOne(of: "：:", t[after])) || (!r0.isEmpty && isOne(of: "：:", t[after - 1])) { return [] }
        let text = t.string(r0)
        // Object form: "(全面)完成(省|国家)下达(的)X和Y".
        if let c = t.find(W.complete, from: r.lowerBound, to: r.upperBound) {
            let prefix = squeezeSpaces(Array(t[r.lowerBound..<c]))
            let adverbial = prefix.isEmpty || L.completionAdverbs.contains(prefix)
                || (prefix.first == "按" && prefix.hasSuffix(W.requirements))
            if adverbial {
                var o = c + 2
                // "(省|国家|省政府|上级…)下达(的)": the issuer is whatever short text precedes 下达.
                if let x = t.find(W.handedDown, from: o, to: min(r.upperBound, o + 8)) { o = x + 2 }
                if o < r.upperBound, t[o] == "的" { o += 1 }
                let obj = trimRange(t, o..<r.upperBound)
                // "完成全年发展目标面临诸多挑战", "为全面完成预期目标": talk about the targets, not one of them.
                if isTalkAboutTargets(Array(t[obj])) { return [] }
                let parts = splitList(t, obj, onAnd: true)
                let names = parts.filter { isIndicator(t, $0) }.map { t.string($0) }
                guard !names.isEmpty, names.count == parts.count else { return [] }
                return names.map { Target(indicator: $0, measure: .qualitative, text: text).at(r0) }
            }
        }
        // Subject form: "<indicators><predicate>…" with the earliest predicate.
        // "实现单位GDP能耗下降目标": the opening verb is not the name.
        var r = r
        for v in L.openingVerbs where t.has(v, at: r.lowerBound) && r.count > v.count + 3 {
            r = (r.lowerBound + v.count)..<r.upperBound; break
        }
        // A predicate followed by 及/、 and more names is a noun of the list ("单位地区生产总值能耗降低及生态环境
        // 质量指标完成国家下达目标任务"): the next predicate is the clause's, if there is one.
        var best: (pos: Int, len: Int, qual: String)?
        var inList: (pos: Int, len: Int, qual: String)?
        var i = r.lowerBound + 2
        while i < r.upperBound {
            if let m = L.qualitativePredicates.match(t, at: i) {
                let e = i + m.length
                if e + 1 < r.upperBound, t[e] == "及" || t[e] == "、", Ch.isHan(t[e + 1]) {
                    if inList == nil { inList = (i, m.length, m.value) }
                    i = e; continue
                }
                best = (i, m.length, m.value); break
            }
            i += 1
        }
        guard let pred = best ?? inList else { return [] }
        var subj = trimRange(t, r.lowerBound..<pred.pos)
        // "地方财政收入与经济保持同步增长", "城镇常住居民人均可支配收入与全省同步增长": the comparator is not the name.
        if let c = comparisonJoin(t, subj) { subj = trimRange(t, subj.lowerBound..<c) }
        var subjectQuals: [String] = []
        var distributive = false
        var trimmed = true
        while trimmed {
            trimmed = false
            if let q = subjectEndQualifier(t, subj) {
                if !q.value.isEmpty { subjectQuals.insert(q.value, at: 0) }
                subj = trimRange(t, subj.lowerBound..<(subj.upperBound - q.length)); trimmed = true; continue
            }
            for w in L.trailingNoise where subj.count > w.count + 1 && t.has(w, at: subj.upperBound - w.count) {
                // "经济增长保持在合理区间": 增长 is the indicator's own word after 经济.
                if w == W.growth, squeezeSpaces(Array(t[subj.lowerBound..<(subj.upperBound - w.count)])).hasSuffix(W.economy) { continue }
                if L.distributiveAdverbs.contains(w) { distributive = true }
                subj = trimRange(t, subj.lowerBound..<(subj.upperBound - w.count)); trimmed = true; break
            }
            // "单位GDP能耗、二氧化碳排放强度等节能减排指标", "…氮氧化物等主要污染物排放量": the kind named after
            // 等 is not a further part.
            if !trimmed, let d = t.findLast(W.andSoOn, from: subj.lowerBound + 2, to: subj.upperBound), subj.upperBound - d <= 10 {
                subj = trimRange(t, subj.lowerBound..<d); trimmed = true
            }
        }
        // "经济增长目标与全国保持一致" talks about targets, it is not one; "项目建设是加快…的主要推动力" defines.
        let subjS = Array(t[subj])
        if subjS.hasSuffix(W.copula) || L.adverbialSubjects.contains(where: { $0 == squeezeSpaces(subjS) }) { return [] }
        if subjS.contains(W.target) || subjS.contains(W.withTheNation) || subjS.contains(W.likeTheNation) { return [] }
        var parts = splitList(t, subj, onAnd: true)
        if isModifierList(t, parts) { parts = [subj] }
        guard !parts.isEmpty, parts.allSatisfy({ isIndicator(t, $0) }) else { return [] }
        let quals = lead + subjectQuals + (pred.qual.isEmpty ? [] : [pred.qual])
        let q = quals.isEmpty ? nil : quals.joined(separator: "+")
        return completeNames(t, parts, distributive: distributive).map {
            Target(indicator: $0, measure: .qualitative, qualifier: q, text: text).at(r0)
        }
    }

    // MARK: helpers

    /// An object made only of generic words (全年发展目标, 预期目标, 各项目标任务), or one where 目标 is followed
    /// by more than 任务 (目标面临诸多挑战).
    static func isTalkAboutTargets(_ o: Scalars) -> Bool {
        if let k = o.find(W.target) {
            var rest = Array(o[(k + W.target.count)...])
            if rest.hasPrefix(W.task) { rest.removeFirst(W.task.count) }
            if !rest.isEmpty { return true }
        }
        var k = 0
        while k < o.count {
            guard let w = L.genericTargetWords.first(where: { o.has($0, at: k) }) else { return false }
            k += w.count
        }
        return !o.isEmpty
    }

    /// Drops enumerators (1. （一） 一是 ①) and connectives; collects leading qualifiers (力争).
    static func stripLeading(_ t: Scalars, _ r0: Range<Int>, qualifiers: inout [String]) -> Range<Int> {
        var a = r0.lowerBound
        let b = r0.upperBound
        var changed = true
        while changed && a < b {
            changed = false
            while a < b, Ch.isSpace(t[a]) { a += 1 }
            guard a < b else { break }
            // A label before a colon, also after an enumerator: "（1）经济增长：地区生产总值增长6%".
            let afterLabel = labelEnd(t, a, b)
            if afterLabel != a { a = afterLabel; changed = true; continue }
            // 1. / 1、 / 1） / (1) / （一） / 一是 / 一、 / ①
            if let n = NumberScanner.arabic(t, at: a), n.end < b, isOne(of: ".、）)．", t[n.end]),
               n.end + 1 < b, !Ch.isDigit(t[n.end + 1]) {
                a = n.end + 1; changed = true; continue
            }
            if t[a] == "（" || t[a] == "(" {
                var k = a + 1
                while k < b, k - a <= 4, t[k] != "）" && t[k] != ")" { k += 1 }
                if k < b, k - a <= 4 { a = k + 1; changed = true; continue }
            }
            // Not "一、二、三产业分别增长…": an ordinal followed by the next one is the list itself.
            if let n = NumberScanner.chinese(t, at: a), n.end < b,
               t[n.end] == "是" || (t[n.end] == "、" && (n.end + 1 >= b || NumberScanner.chineseDigit(t[n.end + 1]) == nil)) {
                a = n.end + 1; changed = true; continue
            }
            if t[a] >= 0x2460 && t[a] <= 0x2473 { a += 1; changed = true; continue }   // ①…⑳
            // "按可比口径实际利用外商直接投资…": a basis note before the name.
            if L.basisStarts.contains(where: { t.has($0, at: a) }) {
                let limit = min(b, a + 10)
                var k = a + 1
                while k < limit, !L.basisEnds.contains(where: { t.has($0, at: k) }) { k += 1 }
                if k < limit, let w = L.basisEnds.first(where: { t.has($0, at: k) }), k + w.count + 2 < b {
                    a = k + w.count
                    if a < b, t[a] == "，" || t[a] == "," { a += 1 }
                    changed = true; continue
                }
            }
            if isOne(of: "—–-•·●○■□◆◇★☆*>▲|", t[a]) { a += 1; changed = true; continue }  // bullets, table cells
            // "2026年地区生产总值…": a leading year
            if let n = NumberScanner.arabic(t, at: a), n.end < b, t[n.end] == "年", n.value >= 1990, n.value <= 2100 {
                a = n.end + 1; changed = true; continue
            }
            if let q = L.leadingQualifiers.match(t, at: a) {
                if !q.value.isEmpty { qualifiers.append(q.value) }
                a += q.length; changed = true; continue
            }
            for w in L.leadingNoise where t.has(w, at: a) && b - a > w.count + 1 {
                a += w.count
                if a < b, t[a] == "：" || t[a] == ":" || t[a] == "，" { a += 1 }
                changed = true; break
            }
        }
        return a..<b
    }

    /// Where the item starts past a label ending in a colon ("经济发展方面：地区生产总值增长6%"), or `a`
    /// when there is none. In "1.地区生产总值：增长6%" / "城镇新增就业：1.5万人" the part before the colon
    /// is the indicator, not a label: only verbs (or nothing) stand between the colon and the figure.
    static func labelEnd(_ t: Scalars, _ a: Int, _ b: Int) -> Int {
        var firstDigit = a
        if let n = NumberScanner.arabic(t, at: a), n.end < b, isOne(of: ".、．", t[n.end]) { firstDigit = n.end + 1 }
        while firstDigit < b, NumberScanner.digit(t[firstDigit]) == nil { firstDigit += 1 }
        guard let colon = (a..<firstDigit).last(where: { t[$0] == "：" || t[$0] == ":" }), colon + 1 < b,
              !trimRange(t, (colon + 1)..<firstDigit).isEmpty, verbsOnly(t, (colon + 1)..<firstDigit) == nil else { return a }
        return colon + 1
    }

    /// Between an indicator and its figure: "地区生产总值：增长6%", a table's "|地区生产总值|增长6%|".
    @inline(__always) static func isCellBreak(_ c: UInt32) -> Bool { c == "：" || c == ":" || c == "|" }

    /// A noun phrase that can name an indicator: 2–40 scalars, some Han, no talk words.
    static func isIndicator(_ t: Scalars, _ r: Range<Int>) -> Bool {
        guard r.count >= 2, r.count <= 40 else { return false }
        let s = Array(t[r])
        // Some Han, or a Latin abbreviation such as GDP / CPI.
        guard s.contains(where: Ch.isHan) || s.filter(Ch.isASCIILetter).count >= 2 else { return false }
        for w in L.nonIndicatorWords where s.contains(w) { return false }
        for w in L.nonIndicatorStarts where s.hasPrefix(w) {
            // "在" also opens real names rarely; be strict: these open adverbials
            return false
        }
        for c in s where c == "，" || c == "。" || c == "；" || c == "：" || c == ":" { return false }
        return true
    }

    /// "X和Y" where both are whole indicators, each long enough and ending with an indicator's head
    /// (收入, 总额, 增加值, 率 …): the parts; nil for one name that holds 和 ("能源和环境指标", "节能和环保产业").
    static func completeIndicatorsJoinedByAnd(_ t: Scalars, _ r: Range<Int>) -> [Range<Int>]? {
        guard t.contains(W.and, from: r.lowerBound, to: r.upperBound),
              !t.contains(W.enumerationComma, from: r.lowerBound, to: r.upperBound) else { return nil }
        let parts = splitList(t, r, onAnd: true)
        guard parts.count == 2, parts.allSatisfy({ p in
            p.count >= 4 && isIndicator(t, p) && L.sharedHeads.contains { Array(t[p]).hasSuffix($0) }
        }) else { return nil }
        return parts
    }

    /// Splits "A、B和C" into parts (和/及 only when `onAnd`).
    static func splitList(_ t: Scalars, _ r: Range<Int>, onAnd: Bool) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var a = r.lowerBound
        var k = r.lowerBound
        var quote = 0
        while k < r.upperBound {
            let c = t[k]
            if c == "“" || c == "《" || c == "(" || c == "（" { quote += 1 }
            if c == "”" || c == "》" || c == ")" || c == "）" { quote = max(0, quote - 1) }
            var sepLen = 0
            if quote == 0 {
                if c == "、" || c == "/" { sepLen = 1 }
                else if onAnd, c == "以", t.has(W.asWellAs, at: k) { sepLen = 2 }
                else if onAnd, c == "和" || c == "及" { sepLen = 1 }
            }
            if sepLen > 0 && k > a {
                parts.append(trimRange(t, a..<k)); a = k + sepLen; k = a; continue
            }
            k += 1
        }
        parts.append(trimRange(t, a..<r.upperBound))
        return parts.filter { !$0.isEmpty }
    }

    /// Names for a compound with `n` values: "一产、二产、三产增加值" → 一产增加值 …;
    /// "城乡居民人均可支配收入" → 城镇居民… and 农村居民…; "城镇和农村居民…" likewise; "三次产业增加值" →
    /// 第一产业增加值, 第二产业增加值, 第三产业增加值.
    static func splitNames(_ t: Scalars, _ r: Range<Int>, forValues n: Int) -> [String] {
        let whole = Array(t[r])
        if n == 3 {
            for (w, names) in L.threeSectors {
                if let i = whole.find(w) { return names.map { (Array(whole[..<i]) + $0 + Array(whole[(i + w.count)...])).string } }
            }
        }
        let parts = splitList(t, r, onAnd: true)
        if parts.count == n { return completeNames(t, parts) }
        if let pair = expandContraction(whole), pair.count == n { return pair.map(\.string) }
        return [whole.string]
    }

    /// A 分别 list's contracted pair spelled out: 城乡居民… → 城镇居民…, 农村居民…; 金融机构存贷款余额 → 金融机构存款余额 ….
    static func expandContraction(_ s: Scalars) -> [Scalars]? {
        for (c, parts) in L.contractedPairs {
            if let i = s.find(c) { return parts.map { Array(s[..<i]) + $0 + Array(s[(i + c.count)...]) } }
        }
        return nil
    }

    /// The names of a list's parts, each completed with what the parts share: "城镇、农村居民人均可支配收入"
    /// (short heads of one length before the last part's rest), "农业、规模以上工业、服务业增加值" (the last
    /// part's head noun), "万元GDP能耗、水耗" (the first part's modifier before short parts of the same kind).
    /// The head and modifier rules apply only to lists that share a verb's figures (`distributive`: 分别, 均, or
    /// several values); "实际使用外资、进出口总额稳中提质" lists two names of their own.
    static func completeNames(_ t: Scalars, _ parts: [Range<Int>], distributive: Bool = true) -> [String] {
        let strs = parts.map { Array(t[$0]) }
        guard strs.count > 1, let last = strs.last, let first = strs.first else { return strs.map(\.string) }
        let heads = strs.dropLast()
        if heads.allSatisfy({ $0.count <= 3 }), let k = heads.first?.count, last.count > k, heads.allSatisfy({ $0.count == k }),
           parallel(Array(heads) + [Array(last[..<k])]) {
            let suffix = Array(last[k...])
            return heads.map { ($0 + suffix).string } + [last.string]
        }
        // "(节能减排和)大气、水环境质量": known parallel heads, of any lengths, before a part that opens with one.
        if let completed = completeParallelRuns(strs) { return completed.map(\.string) }
        guard distributive else { return strs.map(\.string) }
        if let h = L.sharedHeads.first(where: { last.hasSuffix($0) && last.count > $0.count }) {
            return heads.map { p in L.measureEnds.contains(where: { p.hasSuffix($0) }) ? p.string : (p + h).string } + [last.string]
        }
        let rest = strs.dropFirst()
        if rest.allSatisfy({ $0.count <= 3 && $0.count + 2 <= first.count && $0.last == first.last }) {
            return [first.string] + rest.map { (Array(first[..<(first.count - $0.count)]) + $0).string }
        }
        return strs.map(\.string)
    }

    /// Each run of parts that are only a parallel head (大气) takes the rest of the part after it when that part
    /// opens with a parallel head too (水环境质量 → 大气环境质量); nil when no run is completed.
    static func completeParallelRuns(_ parts: [Scalars]) -> [Scalars]? {
        func isHead(_ p: Scalars) -> Bool { L.parallelHeads.contains { $0 == p } }
        var out = parts
        var changed = false
        var j = 0
        while j < out.count {
            guard isHead(out[j]) else { j += 1; continue }
            var m = j
            while m < out.count, isHead(out[m]) { m += 1 }
            if m < out.count, let p = L.parallelHeads.filter({ out[m].hasPrefix($0) && out[m].count > $0.count + 1 }).max(by: { $0.count < $1.count }) {
                let suffix = Array(out[m][p.count...])
                for x in j..<m { out[x] += suffix }
                changed = true
            }
            j = m + 1
        }
        return changed ? out : nil
    }

    /// Heads that vary one word of a name: 城镇/农村, 存款/贷款 (known pairs), or 一产/二产/三产 and 第一/第二
    /// (a scalar shared at one position). "能耗及生态环境质量指标" has no such heads: 能耗 is a name of its own.
    static func parallel(_ heads: [Scalars]) -> Bool {
        if heads.allSatisfy({ h in L.parallelHeads.contains(where: { $0 == h }) }) { return true }
        guard let k = heads.first?.count, k >= 2 else { return heads.allSatisfy { $0.count == 1 && NumberScanner.chineseDigit($0[0]) != nil } }
        return (0..<k).contains { p in heads.allSatisfy { $0[p] == heads[0][p] } }
    }

    /// "长江、黄河、澜沧江省境内干流全线水质": names of rivers, lakes or mountains before a longer part are
    /// a modifier of that part's noun, not indicators of their own.
    static func isModifierList(_ t: Scalars, _ parts: [Range<Int>]) -> Bool {
        guard parts.count > 1, let last = parts.last, last.count > 4 else { return false }
        return parts.dropLast().allSatisfy { $0.count <= 4 && L.featureEnds.contains(t[$0.upperBound - 1]) }
    }

    // MARK: subjects

    /// What `stripTail` took off the end of a subject.
    struct StrippedTail {
        var end: Int
        var measure: Measure?         // growth | change from the verbs; nil when only level verbs or none
        var quals: [String]           // qualifiers among them, in text order
        var firstGrowth: Range<Int>?  // the last growth verb in the text (the first one stripped)
        var distributive = false      // 分别 / 均 / 都 among them
        var increment = false         // 比增: the figure is the increase itself
    }

    /// Strips verbs, qualifiers, adverbs and notes (按可比口径, 较2015年, 在2005年基础上) from the end of
    /// [lower, end), keeping at least two scalars of subject.
    static func stripTail(_ t: Scalars, from lower: Int, end e0: Int) -> StrippedTail {
        var tail = StrippedTail(end: e0, measure: nil, quals: [], firstGrowth: nil)
        var e = e0
        func skipBreaks() { while e > lower, Ch.isSpace(t[e - 1]) || isCellBreak(t[e - 1]) { e -= 1 } }
        skipBreaks()
        var stripped = true
        while stripped {
            stripped = false
            for (w, role) in L.subjectTail where e - w.count >= lower + 2 && t.has(w, at: e - w.count) {
                // 新增, 净增, 递增: 增 is part of the word before it.
                if w.count == 1, w[0] == "增", L.notBeforeBareGrowth.contains(t[e - 2]) { continue }
                e -= w.count
                switch role {
                case .growthVerb:
                    if tail.firstGrowth == nil { tail.firstGrowth = e..<(e + w.count) }
                    tail.measure = .growth
                case .changeVerb:
                    if tail.measure != .growth { tail.measure = .change }
                    if w == W.growthOver { tail.increment = true }
                case .qualifier: tail.quals.insert(t.string(e..<(e + w.count)), at: 0)
                case .levelVerb: break
                case .adverb: if L.distributiveAdverbs.contains(w) { tail.distributive = true }
                }
                skipBreaks()
                stripped = true
                break
            }
            if !stripped, let n = noteStart(t, from: lower, end: e) { e = n; skipBreaks(); stripped = true }
        }
        tail.end = e
        return tail
    }

    /// Where a note ending at `e` starts: a basis ("按可比口径", "按验资口径", "按可比价格计算"), a base
    /// year ("较2015年", "比2020年") or a base ("在2005年基础上"); nil if none ends there.
    static func noteStart(_ t: Scalars, from lower: Int, end e: Int) -> Int? {
        if let end = L.basisEnds.first(where: { e - $0.count >= lower + 2 && t.has($0, at: e - $0.count) }) {
            var s = e - end.count
            while s > max(lower + 1, e - 9) {
                s -= 1
                if L.basisStarts.contains(where: { t.has($0, at: s) }) { return s >= lower + 2 ? s : nil }
            }
        }
        // "较2015年", "比2020年", "较上年控制目标": a base of comparison before the verb.
        var b = e - 1
        while b >= max(lower + 2, e - 12) {
            if t[b] == "较" || t[b] == "比", L.comparisonBases.contains(where: { t.has($0, at: b + 1) })
                || (b + 6 == e && (b + 1..<b + 5).allSatisfy({ NumberScanner.digit(t[$0]) != nil }) && t[b + 5] == "年") { return b }
            b -= 1
        }
        // "在2005年(的)基础上"
        if e - 3 >= lower + 2, t.has(W.onTheBasisOf, at: e - 3) {
            var s = e - 3
            while s > max(lower + 1, e - 16) { s -= 1; if t[s] == "在" { return s >= lower + 2 ? s : nil } }
        }
        return nil
    }

    /// "…高于全省增速" in a subject: where the comparison word stands and the qualifier it gives; the
    /// comparator after it is short and names something else (全省, 城镇居民, 生产总值和全省平均增速).
    static func comparison(_ t: Scalars, _ r: Range<Int>) -> (at: Int, qualifier: String)? {
        var i = r.lowerBound + 2
        while i < r.upperBound {
            if let m = L.comparisonWords.match(t, at: i), i + m.length < r.upperBound, r.upperBound - (i + m.length) <= 16 {
                return (i, m.value)
            }
            i += 1
        }
        return nil
    }

    /// Where a qualitative subject's comparator starts ("与经济", "同全省", "和全国", "较上年"), or nil.
    static func comparisonJoin(_ t: Scalars, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound + 2
        while i < r.upperBound {
            if L.comparisonJoiners.contains(where: { t.has($0, at: i) }),
               L.comparators.contains(where: { t.has($0, at: i + 1) }) { return i }
            i += 1
        }
        return nil
    }

    /// A qualifier or emphasis word ending the subject ("…增幅力争"), as (length, qualifier or "").
    static func subjectEndQualifier(_ t: Scalars, _ r: Range<Int>) -> (length: Int, value: String)? {
        for k in [2, 3] where r.count > k + 1 {
            if let q = L.subjectEndQualifiers.match(t, at: r.upperBound - k), q.length == k { return q }
        }
        return nil
    }

    /// A unit that counts an amount (亿元, 万人), not a rate.
    static func isAmount(_ unit: String?) -> Bool {
        guard let u = unit else { return false }
        return u != "%" && u != "个百分点" && u != "‰"
    }

    /// "在提高质量和效益的基础上", "综合考虑各方面因素", "按照…要求": a clause that frames what follows.
    static func isLeadIn(_ t: Scalars, _ r: Range<Int>) -> Bool {
        guard r.count <= 30 else { return false }
        if L.leadInOpeners.contains(where: { t.has($0, at: r.lowerBound) }) { return true }
        return t[r.lowerBound] == "在" && L.leadInEnds.contains { t.has($0, at: r.upperBound - $0.count) }
    }

    /// "办好30件民生实事", "实现20万农村人口稳定脱贫": a count before the noun it counts, after nothing or an
    /// opening verb. A level target named by what follows the count.
    static func countBeforeNoun(_ t: Scalars, clause r0: Range<Int>, body r: Range<Int>, lead: [String]) -> Target? {
        var a = r.lowerBound
        if let v = L.countVerbs.match(t, at: a) { a += v.length }
        guard a < r.upperBound, NumberScanner.digit(t[a]) != nil, let n = NumberScanner.arabic(t, at: a), n.end < r.upperBound,
              !Ch.isASCIILetter(t[n.end]) else { return nil }
        var j = n.end
        var unit: String
        if let u = UnitScanner.unit(t, at: j) {
            guard isAmount(u.written) else { return nil }
            unit = u.written; j = u.end
        } else if let m = UnitScanner.magnitudes.match(t, at: j), j + m.length < r.upperBound, Ch.isHan(t[j + m.length]) {
            unit = t.string(j..<(j + m.length)); j += m.length
        } else { return nil }
        let (post, k) = postQualifiers(t, from: j, limit: r.upperBound)
        var noun = trimRange(t, k..<r.upperBound)
        var trailing: [String] = []
        if noun.count > 4, let q = L.postQualifiers.match(t, at: noun.upperBound - 2), q.length == 2 {
            trailing = [q.value]; noun = trimRange(t, noun.lowerBound..<(noun.upperBound - 2))
        }
        // The noun must not open with a verb or qualifier ("5万人以上", "100亿元，增长…" are the usual figures).
        guard noun.count >= 2, Ch.isHan(t[noun.lowerBound]), L.postQualifiers.match(t, at: noun.lowerBound) == nil,
              !t[noun].contains(where: { NumberScanner.digit($0) != nil }),      // "11个重点城市…天数平均增长13%"
              !L.subjectTail.contains(where: { t.has($0.0, at: noun.lowerBound) }), isIndicator(t, noun) else { return nil }
        let quals = lead + post + trailing
        let span = trimRange(t, r0)
        return Target(indicator: t.string(noun), measure: .level, value: n.value, unit: unit,
                      qualifier: quals.isEmpty ? nil : quals.joined(separator: "+"), text: t.string(span)).at(span)
    }
}
