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
}

enum TargetPassageFinder {
    static let cues: [Scalars] = ["主要预期目标", "主要目标", "主要指标", "预期目标", "主要经济指标", "计划指标", "发展目标"].map(sc)
    static let connectors: [Scalars] = ["建议为", "建议是", "安排如下", "如下", "确定为", "设定为", "是", "为"].map(sc)
    static let fiveYearMarks: [Scalars] = ["十五五", "十四五", "十六五", "十三五", "五年", "纲要", "规划", "年均", "2030年", "2035年"].map(sc)

    static func find(in t: Scalars) -> TargetPassage? {
        var candidates: [TargetPassage] = []
        var covered = -1
        var i = 0
        // All cue occurrences, longest cue at a position, not inside a longer one already seen.
        while i < t.count {
            let c = t[i]
            if c == "主" || c == "预" || c == "计" || c == "发" {
                for cue in cues where t.has(cue, at: i) {
                    if i < covered { break }
                    covered = i + cue.count
                    if let start = passageStart(t, after: i + cue.count) {
                        var p = parse(t, cue: i, start: start)
                        p.fiveYear = isFiveYear(t, cue: i, passage: p)
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
        let annual = candidates.filter { !$0.fiveYear }
        let pool = annual.isEmpty ? candidates : annual
        // Most items wins; on a tie the earlier passage.
        var best: TargetPassage?
        for p in pool where best == nil || p.targets.count > best!.targets.count { best = p }
        return best
    }

    /// After the cue: optional connector (是/为/建议为/如下), then an optional colon. Line breaks
    /// inside ("主要预期目标\n是：") are skipped. Nil if the cue is not introducing a list.
    static func passageStart(_ t: Scalars, after k0: Int) -> Int? {
        var k = skipSpace(t, k0, newlines: true)
        guard k < t.count else { return nil }
        if t[k] == "：" || t[k] == ":" { return k + 1 }
        for c in connectors where t.has(c, at: k) {
            k = skipSpace(t, k + c.count, newlines: true)
            if k < t.count, t[k] == "：" || t[k] == ":" { return k + 1 }
            return k
        }
        return nil
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
                let s = ClauseParser.sentence(in: t, range: r)
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

    /// The cue's own sentence, or the first items, talk about five years or a plan outline.
    static func isFiveYear(_ t: Scalars, cue: Int, passage: TargetPassage) -> Bool {
        var s = cue
        while s > 0, !Ch.isSentenceEnd(t[s - 1]), cue - s < 120 { s -= 1 }
        for m in fiveYearMarks where t.contains(m, from: s, to: cue) { return true }
        if let first = passage.targets.first, first.text.unicodeScalars.count > 0 {
            if sc(first.text).contains(sc("年均")) { return true }
        }
        return false
    }
}
