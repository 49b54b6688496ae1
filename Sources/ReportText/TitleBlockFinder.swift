// The title block: title, date line, congress line and speaker line, found among the
// paragraphs before 各位代表.

enum TitleBlockFinder {
    static func find(_ head: ArraySlice<[UInt32]>) -> TitleBlock {
        var tb = TitleBlock()
        var dateIndex: Int?
        for k in head.indices {
            let p = head[k]
            if dateIndex == nil, isDateLine(p) { tb.dateLine = UTF8Out.string(p); dateIndex = k }
            if tb.congressLine == nil, p.count <= 90, p.contains(Words.peoplesCongress), p.contains(Words.meeting) {
                tb.congressLine = UTF8Out.string(p)
            }
        }
        // Title: the title-like line nearest before the date line (web pages repeat the
        // page title above the report's own), else the first title-like line.
        let titles = head.indices.filter { isTitleLike(head[$0]) }
        if let d = dateIndex, let t = titles.last(where: { $0 < d }) { tb.title = UTF8Out.string(head[t]) }
        else if let t = titles.first { tb.title = UTF8Out.string(head[t]) }
        // Speaker: a short line naming an office and a person, after the date line if any.
        let from = dateIndex.map { $0 + 1 } ?? head.startIndex
        for k in from..<head.endIndex where isSpeakerLine(head[k]) { tb.speakerLine = UTF8Out.string(head[k]); break }
        if tb.speakerLine == nil {
            for k in head.indices where isSpeakerLine(head[k]) { tb.speakerLine = UTF8Out.string(head[k]); break }
        }
        return tb
    }

    private static let titleWords: [[UInt32]] = ["报告", "计划", "规划", "纲要"].map(u32)
    private static let noTitlePunct: Set<UInt32> = Set(u32("。，；：！？,:;"))

    static func isTitleLike(_ p: [UInt32]) -> Bool {
        guard p.count >= 4, p.count <= 60, !p.contains(where: { noTitlePunct.contains($0) }) else { return false }
        if p.first == 0x2014 { return false }
        return titleWords.contains { p.contains($0) }
    }

    /// "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "2026年2月3日在…会议上",
    /// "——二〇二六年一月二十七日在…".
    static func isDateLine(_ p: [UInt32]) -> Bool {
        guard p.count <= 90 else { return false }
        var i = 0
        while i < p.count && (p[i] == 0x2014 || p[i] == 0x2015 || p[i] == 0x2D || p[i] == 0xFF0D || p[i] == 0x2500 || p[i] == 0x20) { i += 1 }
        let dashed = i > 0
        // A year: four digits or four Chinese numerals, then 年.
        var j = i
        while j < p.count && j < i + 4 && (Scalar.isDigit(p[j]) || Scalar.chineseDigit(p[j]) != nil) { j += 1 }
        guard j - i == 4, j < p.count, p[j] == 0x5E74 /* 年 */ else { return false }
        return dashed || (p.contains(Words.meeting) && p.contains(0x5728 /* 在 */))
    }

    private static let offices: [[UInt32]] = ["市长", "省长", "区长", "县长", "州长", "主席", "旗长", "盟长", "镇长"].map(u32)
    static func isSpeakerLine(_ p: [UInt32]) -> Bool {
        guard p.count >= 4, p.count <= 30, !p.contains(where: { noTitlePunct.contains($0) || $0 == 0x3002 }) else { return false }
        return offices.contains { p.contains($0) } && !p.contains(Words.meeting)
    }
}
