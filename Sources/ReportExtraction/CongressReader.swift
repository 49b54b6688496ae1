// The congress session a report was delivered at and its date: "——2026年1月25日在北京市第十六届
// 人民代表大会第四次会议上", "（2022年2月10日在州十五届人民代表大会第一次会议上）", a bare
// "2016年1月12日" line next to the congress line, "（2005年1月25日 王珉）".

struct CongressReading {
    var congress: Congress?
    var date: DateParts?
    /// The head line holding the delivery date (the title is looked for above it).
    var dateLine: Int?
    /// The head line holding the congress words.
    var congressLine: Int?
    /// The region named between 在 and the term ("在成都市第十六届…").
    var region: String?
    /// The congress is the National People's Congress (第十四届全国人民代表大会).
    var national = false
    /// A speaker named after the date in brackets, without an office: "（2005年1月25日 王珉）".
    var namedSpeaker: String?
}

enum CongressReader {
    static func read(_ head: ReportHead) -> CongressReading {
        var reading = CongressReading()
        let joined = head.joined
        // The first congress words name the session; a later mention may carry the date ("…会议文件（1）"
        // over the title, then "——2024年1月8日在…会议上").
        var from = 0
        while let c = DateScanner.congress(joined, from: from, to: joined.count) {
            let r = session(head, termStart: c.termStart, end: c.end)
            if reading.congress == nil || r.date != nil {
                reading.congress = Congress(term: c.term, session: c.session)
                reading.congressLine = head.joinedLine[c.termStart]
                reading.date = r.date
                reading.dateLine = r.dateLine
                reading.region = r.region ?? reading.region
                reading.national = joined.has(HeadLexicon.nationalCongress, at: c.termStart + termLength(joined, c.termStart))
                    || joined.has(HeadLexicon.nationalCongressShort, at: c.termStart + termLength(joined, c.termStart))
            }
            if r.date != nil { break }
            from = c.end
        }
        if reading.date == nil, let (d, line, name) = standaloneDate(head, underCongress: reading.congress != nil) {
            reading.date = d
            reading.dateLine = reading.dateLine ?? line
            reading.namedSpeaker = name
        }
        return reading
    }

    /// Scalars from the term's start (第十六 or 十六) through 届.
    private static func termLength(_ t: Scalars, _ start: Int) -> Int {
        var k = start
        while k < t.count, t[k] != "届" { k += 1 }
        return k - start + 1
    }

    /// Date, date line and region of the congress words at [termStart, end) in the joined head.
    static func session(_ head: ReportHead, termStart: Int, end: Int) -> (date: DateParts?, dateLine: Int, region: String?) {
        let joined = head.joined, joinedLine = head.joinedLine
        var dateLine = joinedLine[termStart]
        var region: String?
        var date: DateParts?
        // Date: the last full date before the term, within the same statement.
        var lineStart = termStart
        while lineStart > 0, termStart - lineStart < 60, joinedLine[lineStart - 1] >= joinedLine[termStart] - 2 { lineStart -= 1 }
        if let (d, at) = deliveryDate(joined, from: lineStart, to: termStart, lineOf: { head.lines[joinedLine[$0]].squeezed }) {
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
            while k < joined.count, k - end < 3, isOne(of: "上（(", joined[k]) { k += 1 }
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
            let labelled = line.contains { $0 == "：" || $0 == ":" } || HeadLexicon.pageWords.contains { line.contains($0) }
            if !clock && !labelled { return (d, at) }
            k = end
        }
        return nil
    }

    /// No date with the congress words: a delivery date on a line of its own, "（2026年1月12日）",
    /// "——2017年2月11日", or a bare one under a congress line or the speaker line, optionally followed
    /// by the speaker's name ("（2005年1月25日 王珉）"). A date line above the title is the page's,
    /// and so is a bare date under a title with no congress words (a news page's date).
    static func standaloneDate(_ head: ReportHead, underCongress: Bool) -> (DateParts, Int, String?)? {
        let firstTitle = head.firstTitleLine ?? -1
        for (li, l) in head.lines.enumerated() where l.squeezed.count <= 24 && li > firstTitle {
            let s = l.squeezed
            var a = 0, b = s.count
            while a < b, isOne(of: "（(—-", s[a]) { a += 1 }
            while b > a, isOne(of: "）)", s[b - 1]) { b -= 1 }
            guard let (d, at) = DateScanner.firstDate(s, from: a, to: b), at == a,
                  let e = DateScanner.date(s, at: a)?.1, a > 0 || underCongress else { continue }
            if e == b { return (d, li, nil) }
            // A name after the date, inside the same brackets.
            let rest = Array(s[e..<b])
            if a > 0, SpeakerReader.isPersonName(rest) { return (d, li, rest.string) }
        }
        return nil
    }
}
