// Text that lost its paragraph breaks (a page's text taken in one string, cells of a table, a
// converter that joins paragraphs): the title block, the address to the deputies and the speech
// run on in one line. The breaks a reader needs are put back before the cleaner classifies lines:
// the address on a line of its own, the title block cut into its lines, and in a line too long to
// be a paragraph, a numbered heading after a sentence's end on a line of its own.

enum RunOnText {
    static func restoreBreaks(_ lines: inout [NormalizedLine]) {
        if lines.contains(where: { $0.s.count > runOnLength }) {
            lines = lines.flatMap { l in
                l.s.count > runOnLength ? splitRunOn(l.s).map { NormalizedLine(s: $0, markdownHeading: false) } : [l]
            }
        }
        splitAtTheAddress(&lines)
    }

    /// The address starts a line of its own and ends one, so the head before it is read as the
    /// head again. Only where no line starts with the address.
    static func splitAtTheAddress(_ lines: inout [NormalizedLine]) {
        let window = lines.prefix(HeadBoundary.addressWithin)
        guard !window.contains(where: { $0.s.hasPrefix(Words.addressToDeputies) }) else { return }
        for (k, line) in window.enumerated() {
            let s = line.s
            guard let at = addressPosition(in: s), at > 0 else { continue }
            let colon = at + Words.addressToDeputies.count
            guard colon < s.count, s[colon] == 0xFF1A else { continue }
            var pieces = splitTitleBlock(Array(s[..<at])) + [Array(s[at...colon])]
            if colon + 1 < s.count { pieces.append(Array(s[(colon + 1)...])) }
            lines.replaceSubrange(k...k, with: pieces.map { NormalizedLine(s: $0, markdownHeading: false) })
            return
        }
    }

    /// How far into a run-on line the address is looked for: past any title block.
    static let addressWithinLine = 400

    /// Where "各位代表" starts within the line's first `addressWithinLine` scalars.
    private static func addressPosition(in s: [UInt32]) -> Int? {
        let word = Words.addressToDeputies
        let last = min(s.count - word.count, addressWithinLine)
        guard last >= 0 else { return nil }
        var i = 0
        while i <= last {
            if s[i] == word[0] && s[(i + 1)..<(i + word.count)].elementsEqual(word[1...]) { return i }
            i += 1
        }
        return nil
    }

    /// A title block run together ("政府工作报告2021年1月30日在…会议上四川省人民政府代省长 黄 强")
    /// in the lines it is read as: the date line starts at "——" or at a date right after the
    /// title, and what follows "会议上" (the speaker) is a line of its own.
    static func splitTitleBlock(_ s: [UInt32]) -> [[UInt32]] {
        var cuts: [Int] = []
        var i = 1
        while i < s.count {
            if s[i] == 0x2014 && s[i - 1] != 0x2014, startsDateLine(s, after: i) { cuts.append(i) }
            else if (Scalar.isDigit(s[i]) && !Scalar.isDigit(s[i - 1]) || s[i] == 0x5728 /* 在 */) && LineCleaner.endsLikeTitle(Array(s[..<i])) { cuts.append(i) }
            // After a bracketed date: "…会议上（2018年1月26日）" / the speaker.
            else if s[i - 1] == 0xFF09 || s[i - 1] == 0x29, i >= 2, s[i - 2] == 0x65E5 /* 日 */ { cuts.append(i) }
            // After "会议上", unless a bracket closes or a bracketed date follows: "会议上（2018年1月26日）".
            else if s[i - 1] == 0x4E0A, i >= 3, s[(i - 3)..<i].elementsEqual(Words.atMeeting),
                    s[i] != 0xFF09, s[i] != 0x29, s[i] != 0xFF08, s[i] != 0x28 { cuts.append(i) }
            i += 1
        }
        var pieces: [[UInt32]] = [], from = 0
        for c in cuts where c > from { pieces.append(Array(s[from..<c])); from = c }
        pieces.append(Array(s[from...]))
        return pieces
    }

    /// "——2014年…", "——在…", "——二〇…": a dash run that opens a date line, not "市长——余学友".
    private static func startsDateLine(_ s: [UInt32], after i: Int) -> Bool {
        var j = i
        while j < s.count && s[j] == 0x2014 { j += 1 }
        guard j < s.count else { return false }
        return Scalar.isDigit(s[j]) || s[j] == 0x5728 || s[j] == 0x3007 || Scalar.chineseDigit(s[j]) != nil   // 在 〇
    }

    /// A line this long is text that lost its paragraph breaks, not a paragraph.
    static let runOnLength = 3_000

    /// Breaks a run-on line where a numbered heading follows a sentence's end ("…意见。一、2020年
    /// 工作回顾…", "。（一）…"), so sections and the years their headings name are found again.
    static func splitRunOn(_ s: [UInt32]) -> [[UInt32]] {
        var pieces: [[UInt32]] = [], from = 0
        var i = 1
        while i < s.count {
            let c = s[i - 1]
            if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F), s[i] == 0xFF08 || s[i] == 0x7B2C || Scalar.chineseDigit(s[i]) != nil || s[i] == Scalar.ten,
               let mark = HeadingParser.parse(s, from: i, end: min(s.count, i + 12)), mark.level <= 2 {
                pieces.append(Array(s[from..<i])); from = i
            }
            i += 1
        }
        pieces.append(Array(s[from...]))
        return pieces
    }
}
