// Who delivered the report: "北京市市长 殷勇", "自治区人民政府主席 张雨浦", "国务院总理 李强",
// "绵阳市发展和改革委员会主任 张三", or a name alone on the line under the date line ("洛桑江村").
enum SpeakerReader {
    struct Reading {
        var speaker: Speaker
        /// The text before the office ("四川省人民政府"): it may name the region.
        var prefix: Scalars
        /// The head line it was read from.
        var line: Int? = nil
    }

    static func read(_ head: ReportHead, dateLine: Int?, namedWithDate: String?) -> Reading? {
        for (li, l) in head.lines.enumerated() {
            var s = l.squeezed
            var afterCongressWords = false
            if li == dateLine {
                // "——…会议上 北京市市长 殷勇": a speaker after the congress words on the same line
                guard let m = s.findLast(sc("会议上")) ?? s.findLast(sc("会议")) else { continue }
                afterCongressWords = s.has(sc("会议上"), at: m)
                s = Array(s[(m + (afterCongressWords ? 3 : 2))...])
            }
            if var r = speaker(in: s) { r.line = li; return r }
            // "自治区主席" / "陆兵", "市长 林" / "铎", "市长" / "买买提明·卡德": a text export broke the
            // line at the wide space before (or inside) the name; the next line is the name or its end.
            if li + 1 < head.lines.count, endsWithOffice(s) {
                let next = TitleReader.stripMarkup(head.lines[li + 1].squeezed)
                if next.count <= 16, next.allSatisfy({ Ch.isHan($0) || $0 == "·" || $0 == "•" }), !HeadLexicon.notNames.contains(next),
                   var r = speaker(in: s + next) {
                    r.line = li; return r
                }
            }
            // "（2021年1月25日在吉林省…会议上 韩俊）": a name alone after the congress words.
            if afterCongressWords, case let name = trimmedClosers(s), isPersonName(name), !HeadLexicon.notNames.contains(name) {
                return Reading(speaker: Speaker(name: name.string, title: nil), prefix: [], line: li)
            }
        }
        if let name = namedWithDate { return Reading(speaker: Speaker(name: name, title: nil), prefix: [], line: dateLine) }
        // A name alone on the line right under the date line, or right above 各位代表.
        let candidates = [dateLine.map { $0 + 1 }, head.lines.isEmpty ? nil : head.lines.count - 1].compactMap { $0 }
        for li in candidates where li < head.lines.count && li != dateLine {
            let s = TitleReader.stripMarkup(head.lines[li].squeezed)
            if dateLine != nil, isPersonName(s), !HeadLexicon.notNames.contains(s) {
                return Reading(speaker: Speaker(name: s.string, title: nil), prefix: [], line: li)
            }
        }
        return nil
    }

    /// The line ends with an office, or with an office and one character of a name.
    private static func endsWithOffice(_ s: Scalars) -> Bool {
        let t = TitleReader.stripMarkup(s)
        return HeadLexicon.speakerOffices.contains { t.hasSuffix($0) || (t.count > $0.count && Ch.isHan(t[t.count - 1]) && t.dropLast().hasSuffix($0)) }
    }

    private static func trimmedClosers(_ s: Scalars) -> Scalars {
        var s = TitleReader.stripMarkup(s)
        while let l = s.last, l == "）" || l == ")" { s.removeLast() }
        if s.hasSuffix(HeadLexicon.speechWord) { s.removeLast(HeadLexicon.speechWord.count) }
        return s
    }

    /// "杨雄市长在上海市第十四届人民代表大会第一次会议上的政府工作报告": a name, then the office, then
    /// 在 — how a collection may title a report by its speaker.
    static func nameBeforeOffice(_ s: Scalars) -> Speaker? {
        for k in 2...4 where k < s.count {
            let name = Array(s[0..<k])
            guard isPersonName(name) else { break }
            for office in HeadLexicon.speakerOffices where s.has(office, at: k) && s.has(sc("在"), at: k + office.count) {
                return Speaker(name: name.string, title: office.string)
            }
        }
        return nil
    }

    /// The speaker when the line is "<prefix><office><name>".
    static func speaker(in s0: Scalars) -> Reading? {
        // "…会议上 省长 景俊海）", "代市长郑松岩讲话）": what closes a bracketed date line.
        var s = trimmedClosers(s0)
        // "市长：王强", "市长——余学友": a colon or a dash between the office and the name.
        if let c = s.firstIndex(where: { $0 == "：" || $0 == ":" }) { s.remove(at: c) }
        if let d = s.firstIndex(where: { $0 == "—" }), d > 0 { s.removeSubrange(d..<(s[d...].firstIndex { $0 != "—" } ?? s.count)) }
        guard s.count >= 4, s.count <= 36 else { return nil }
        for office in HeadLexicon.speakerOffices {
            guard let p = s.findLast(office) else { continue }
            let name = Array(s[(p + office.count)...])
            guard isPersonName(name) else { continue }
            var tStart = p
            var tLen = office.count
            // The speaker's own grade is part of the title: 代理市长, 常务副市长, 副主席 (代市长 is listed).
            if office.first != "代", let m = HeadLexicon.officeGrades.first(where: { p >= $0.count && s.has($0, at: p - $0.count) }) {
                tStart -= m.count; tLen += m.count
            }
            var prefix = Array(s[0..<tStart])
            if HeadLexicon.bylineWords.contains(where: { prefix.contains($0) }) { return nil }
            // "绵阳市发展和改革委员会主任": a 主任/局长 is named with the agency; the title keeps
            // it and only the region before it is left as the prefix.
            if HeadLexicon.agencyOffices.contains(office), let a = agencyStart(prefix) {
                tStart = a.start; tLen += prefix.count - a.start
                prefix = Array(prefix[0..<a.regionEnd])
            }
            return Reading(speaker: Speaker(name: name.string, title: s[tStart..<(tStart + tLen)].map { $0 }.string), prefix: prefix)
        }
        return nil
    }

    /// Where the agency name starts in "<region><人民政府><agency>" ("江西省发展和改革委员会",
    /// "市发改委"), and where the region ends; nil when the prefix does not end like an agency.
    static func agencyStart(_ p: Scalars) -> (start: Int, regionEnd: Int)? {
        guard HeadLexicon.agencyEndings.contains(where: { p.hasSuffix($0) }) else { return nil }
        // The longest leading region name (or a bare level word: 市/省/区/县/州).
        var regionEnd = 0
        var k = min(p.count - 2, 16)
        while k >= 1 {
            let head = Array(p[0..<k])
            if RegionReader.isRegionName(head) || (k <= 3 && HeadLexicon.regionSuffixes.contains(head)) { regionEnd = k; break }
            k -= 1
        }
        var start = regionEnd
        for gov in HeadLexicon.agencyGovernmentWords where p.has(gov, at: start) { start += gov.count; break }
        guard p.count - start >= 2 else { return nil }
        return (start, regionEnd)
    }

    static func isPersonName(_ n: Scalars) -> Bool {
        if n.contains { $0 == "·" } || n.contains { $0 == "•" } {
            return n.count >= 3 && n.count <= 16 && n.allSatisfy { Ch.isHan($0) || $0 == "·" || $0 == "•" }
        }
        return n.count >= 2 && n.count <= 4 && n.allSatisfy(Ch.isHan)
    }
}
