// The governing region of a report and its level, from (in this order) the congress line, the
// title, the speaker line, "我代表X人民政府", the title the report was published under (front
// matter), and last the most mentioned place of the level the opening names. The State
// Council's reports (全国人民代表大会, 国务院总理, 我代表国务院) are national: 中华人民共和国.

enum RegionReader {
    struct Evidence {
        var congress: CongressReading
        var title: String?
        var speakerPrefix: Scalars?
        /// The title the report was published under (front matter), read like a head line.
        var published: (congress: CongressReading, title: Scalars)?
    }

    static func read(_ e: Evidence, body t: Scalars) -> (region: String?, level: RegionLevel?) {
        if isNational(e, body: t) { return (HeadLexicon.nationalRegion, .national) }
        let fromTitle = e.title.flatMap { regionInTitle(sc($0)) }
        let fromSpeaker = e.speakerPrefix.flatMap(regionName)
        let named = [e.congress.region, fromTitle, fromSpeaker].compactMap { $0 }.filter { isRegionName(sc($0)) }
        var region = named.first
        // "在西湖区第十五届…" under the title "杭州市西湖区人民政府工作报告": the fuller name of the same place.
        if let r = region, let fuller = named.first(where: { $0.count > r.count && $0.hasSuffix(r) }) { region = fuller }
        if region == nil { region = representedRegion(t) }
        if region == nil, let p = e.published {
            region = [p.congress.region, regionInTitle(p.title)].compactMap { $0 }.first { isRegionName(sc($0)) }
        }
        if region == nil { region = regionFromBody(t) }
        guard let r = region else { return (nil, levelFromBody(t)) }
        let official = Gazetteer.officialName(r)
        return (official, Gazetteer.level(of: official))
    }

    static func isNational(_ e: Evidence, body t: Scalars) -> Bool {
        if e.congress.national { return true }
        if let p = e.speakerPrefix, HeadLexicon.nationalSpeakers.contains(p) { return true }
        if e.congress.congress == nil, e.published?.congress.national == true { return true }
        return e.congress.region == nil && e.title.map({ regionInTitle(sc($0)) == nil }) ?? true && levelFromBody(t) == .national
    }

    /// "四川省人民政府" → "四川省"; "自治区人民政府" → nil (no name).
    static func regionName(_ prefix: Scalars) -> String? {
        var s = prefix
        // 盟 and 地区 are governed by a 行政公署 ("兴安盟行政公署盟长", "阿克苏地区行政公署专员").
        for suf in HeadLexicon.governmentWords where s.hasSuffix(suf) { s.removeLast(suf.count) }
        return isRegionName(s) ? s.string : nil
    }

    static func isRegionName(_ s: Scalars) -> Bool {
        guard s.count >= 2, s.count <= 16, s.allSatisfy(Ch.isHan) else { return false }
        if HeadLexicon.genericRegions.contains(s.string) { return false }
        return HeadLexicon.regionSuffixes.contains { s.hasSuffix($0) }
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

    /// "我代表西藏自治区人民政府": a full name after 代表 in the opening.
    static func representedRegion(_ t: Scalars) -> String? {
        let limit = min(t.count, 6000)
        var from = 0
        while let p = t.find(sc("代表"), from: from, to: limit) {
            from = p + 2
            let end = min(t.count, p + 2 + 20)
            guard let g = HeadLexicon.governmentWords.compactMap({ t.find($0, from: p + 2, to: end) }).min() else { continue }
            let name = Array(t[(p + 2)..<g])
            if isRegionName(name) { return name.string }
        }
        return nil
    }

    /// No region in the title block: the level from "我代表市人民政府", the name from the most
    /// mentioned province or prefecture-level city of that level.
    static func regionFromBody(_ t: Scalars) -> String? {
        guard let level = levelFromBody(t), level == .province || level == .city else { return nil }
        guard let (name, count) = Gazetteer.mostMentioned(in: t, level: level), count >= 3 else { return nil }
        return name
    }

    /// "我代表市人民政府": the first 代表 followed by a level word (各位代表 comes first).
    static func levelFromBody(_ t: Scalars) -> RegionLevel? {
        let limit = min(t.count, 6000)
        var from = 0
        while let p = t.find(sc("代表"), from: from, to: limit) {
            let s = Array(t[(p + 2)..<min(t.count, p + 12)])
            for (word, level) in HeadLexicon.representLevels where s.hasPrefix(word) { return level }
            from = p + 2
        }
        return nil
    }
}
