// The head of a report as metadata extraction reads it: the short lines before 各位代表
// (title, date line, congress line, speaker line), spaces squeezed out, and the same lines
// joined into one run so that words broken over two lines are still found.

import ReportText

struct Line { var range: Range<Int>; var squeezed: Scalars }

struct ReportHead {
    var lines: [Line]
    /// The lines' scalars one after another, and the line index of each.
    var joined: Scalars
    var joinedLine: [Int]

    /// The head paragraphs ReportText found (HeadBoundary), spaces squeezed out; body paragraphs
    /// (over 100 scalars) that a head without 各位代表 runs into are not part of a title block.
    init(_ doc: StructuredText, scalars t: Scalars) {
        var lines: [Line] = []
        for k in doc.head where k < doc.paragraphs.count {
            let p = doc.paragraphs[k]
            let r = trimRange(t, p.start..<p.end)
            guard !r.isEmpty else { continue }
            let squeezed = squeezeSpaces(Array(t[r]))
            if squeezed.count <= 100 { lines.append(Line(range: r, squeezed: squeezed)) }
        }
        self.init(lines: lines)
    }

    /// A head of the given lines (a front-matter title read as a one-line head, tests).
    init(lines: [Line]) {
        self.lines = lines
        joined = []
        joinedLine = []
        for (k, l) in lines.enumerated() {
            joined += l.squeezed
            joinedLine += Array(repeating: k, count: l.squeezed.count)
        }
    }

    /// The title a collection published the report under, read as a head: a closing note in
    /// brackets ("…政府工作报告（2022年1月12日 王军）") is a line of its own, as a date line is.
    init(publishedTitle line: Scalars) {
        if line.last == "）" || line.last == ")", let open = line.lastIndex(where: { $0 == "（" || $0 == "(" }), open > 0 {
            self.init(lines: [Line(range: 0..<open, squeezed: Array(line[0..<open])),
                              Line(range: open..<line.count, squeezed: Array(line[open...]))])
        } else {
            self.init(lines: [Line(range: 0..<line.count, squeezed: line)])
        }
    }

    var isEmpty: Bool { lines.isEmpty }

    /// The first line that reads like a printed title.
    var firstTitleLine: Int? { lines.firstIndex { TitleReader.isTitleLike($0.squeezed) } }
}
