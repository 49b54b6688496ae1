// Structure: paragraphs → one text with its head, numbered sections and sentences,
// all located by Unicode scalar offsets into that text.

enum Structurer {
    static func structure(_ cleaned: CleanedText, source: SourceInfo) -> StructuredText {
        let paras = cleaned.paragraphs
        // The text: paragraphs joined by "\n"; spans in scalar offsets.
        var text: [UInt32] = []
        text.reserveCapacity(paras.reduce(0) { $0 + $1.count + 1 })
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.capacity * 3)
        var spans: [TextSpan] = [], byteStarts: [Int] = []
        spans.reserveCapacity(paras.count)
        byteStarts.reserveCapacity(paras.count)
        for p in paras {
            if !text.isEmpty { text.append(0x0A); bytes.append(0x0A) }
            spans.append(TextSpan(start: text.count, end: text.count + p.count))
            byteStarts.append(bytes.count)
            text.append(contentsOf: p)
            for c in p { UTF8Out.append(c, to: &bytes) }
        }

        let headEnd = HeadBoundary.end(of: paras)

        let sections = sections(paras, spans, from: headEnd, textEnd: text.count)
        let sentences = SentenceSplitter.split(text, bytes, spans, byteStarts, sections)
        return StructuredText(source: source, text: String(decoding: bytes, as: UTF8.self), scalars: text,
                              metadata: cleaned.metadata, head: 0..<headEnd, sections: sections,
                              paragraphs: spans, sentences: sentences)
    }

    /// Numbered headings → sections. A heading is taken only if its number continues the
    /// sequence at its level (the previous number + 1, or + 2 for a lost heading), so a
    /// stray "3、" in a list does not open a section.
    private static func sections(_ paras: [[UInt32]], _ spans: [TextSpan], from: Int, textEnd: Int) -> [Section] {
        var out: [Section] = []
        var stack: [(level: Int, index: Int)] = []     // open sections, outermost first
        var lastNumber = [Int](repeating: 0, count: 5)  // per level, within the current parent
        var level1List: (last: Int, endsSentence: Bool)?   // a numbered list that restarted at 一、
        let unnumbered = unnumberedHeadings(paras, from: from)
        var unnumberedCount = 0
        for k in from..<paras.count {
            let p = paras[k]
            var mark = HeadingParser.parse(p)
            if mark == nil && unnumbered.contains(k) {
                unnumberedCount += 1
                mark = HeadingMark(level: 1, number: unnumberedCount, label: chineseNumeral(unnumberedCount), bodyStart: 0)
            }
            guard let m = mark else { continue }
            let prev = lastNumber[m.level]
            // Level 1 never restarts: a later "一、…二、…" is a list inside a section, and
            // its items stay list items while they keep the first item's shape.
            if m.level == 1 {
                let endsSentence = LineCleaner.endsParagraph(p)
                if let l = level1List, m.number == l.last + 1, endsSentence == l.endsSentence {
                    level1List = (m.number, endsSentence); continue
                }
                if m.number == 1 && prev > 0 { level1List = (1, endsSentence); continue }
                level1List = nil
            }
            // Deeper levels restart under each new parent.
            let continues = m.number > prev && m.number <= prev + 2
            guard continues || (m.number == 1 && (m.level > 1 || prev == 0)) else { continue }
            // Close sections at this level or deeper.
            while let top = stack.last, top.level >= m.level {
                out[top.index].end = spans[k].start > 0 ? spans[k].start - 1 : 0
                stack.removeLast()
            }
            lastNumber[m.level] = m.number
            for deeper in (m.level + 1)..<5 { lastNumber[deeper] = 0 }
            let parentPath = stack.last.map { out[$0.index].path }
            let path = parentPath.map { $0 + "." + m.label } ?? m.label
            out.append(Section(path: path, level: m.level, heading: headingText(p, m), start: spans[k].start, end: textEnd))
            stack.append((m.level, out.count - 1))
        }
        return out
    }

    /// Reports without numbered top-level headings ("“十四五”时期工作回顾", "2026年重点工作")
    /// still have them as short standalone lines without punctuation, each followed by a
    /// long paragraph. Used only when no "一、" heading exists; they get 一, 二, … as paths.
    private static func unnumberedHeadings(_ paras: [[UInt32]], from: Int) -> Set<Int> {
        if paras[from...].contains(where: { HeadingParser.parse($0)?.level == 1 }) { return [] }
        var found: Set<Int> = []
        for k in from..<max(from, paras.count - 1) {
            let p = paras[k]
            guard p.count >= 4, p.count <= 25, paras[k + 1].count > 40, HeadingParser.parse(p) == nil,
                  !p.hasPrefix(Words.addressToDeputies),
                  !p.contains(where: { Scalar.isCJKPunct($0) && $0 != 0x201C && $0 != 0x201D && $0 != 0x300A && $0 != 0x300B }),
                  !p.contains(where: { $0 == 0x2C || $0 == 0x3A || $0 == 0x3B || $0 == 0x2E })
            else { continue }
            found.insert(k)
        }
        return found.count >= 2 ? found : []
    }

    static func chineseNumeral(_ n: Int) -> String {
        let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return n == 0 ? "零" : d[n] }
        if n < 20 { return "十" + d[n % 10] }
        if n < 100 { return d[n / 10] + "十" + d[n % 10] }
        return String(n)
    }

    /// The heading text: the line after its number, or its first sentence when the
    /// heading runs into a paragraph ("（一）坚持……。面对……").
    private static func headingText(_ p: [UInt32], _ m: HeadingMark) -> String {
        var e = m.bodyStart
        while e < p.count && p[e] != 0x3002 && p[e] != 0xFF01 && p[e] != 0xFF1F && p[e] != 0xFF1B && e < m.bodyStart + 120 { e += 1 }
        if e == m.bodyStart + 120 {   // no sentence end nearby: cut at the first comma
            e = m.bodyStart
            while e < p.count && p[e] != 0xFF0C && e < m.bodyStart + 120 { e += 1 }
        }
        return UTF8Out.string(p[m.bodyStart..<min(e, p.count)])
    }
}
