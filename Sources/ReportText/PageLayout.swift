// Paginated text (a PDF's text layer, or OCR of page images) → paragraphs. Both readers hand
// over words with their boxes; here they become lines, the page furniture (running headers,
// footers, page numbers) is dropped, and lines are joined back into paragraphs by geometry:
// a line continues the previous one when that one ran to the right margin and this one is
// not indented. Pages join the same way, so a paragraph broken at a page end is whole again.

/// A run of text with its box, y growing downward (points for PDF text, pixels for OCR).
struct PlacedText {
    var scalars: [UInt32]
    var x0: Double, y0: Double, x1: Double, y1: Double
    var spaceAfter = false
}

/// One page's lines in reading order, with the page's size in the same unit as the boxes.
struct LaidOutPage {
    var width: Double
    var height: Double
    var lines: [PlacedText]
}

enum PageLayout {
    /// Words in reading order → lines: a word starts a new line when it leaves the line's
    /// vertical extent or goes back to the left.
    static func lines(of words: [PlacedText]) -> [PlacedText] {
        var lines: [PlacedText] = []
        var current: PlacedText?
        var gapAfterLast = false
        for w in words where !w.scalars.isEmpty {
            guard var line = current else { current = w; gapAfterLast = w.spaceAfter; continue }
            let middle = (w.y0 + w.y1) / 2
            let height = max(line.y1 - line.y0, 1)
            if middle < line.y0 || middle > line.y1 || w.x0 < line.x1 - height {
                lines.append(line)
                current = w; gapAfterLast = w.spaceAfter
                continue
            }
            if gapAfterLast { line.scalars.append(0x20) }
            line.scalars += w.scalars
            line.x0 = min(line.x0, w.x0); line.x1 = max(line.x1, w.x1)
            line.y0 = min(line.y0, w.y0); line.y1 = max(line.y1, w.y1)
            gapAfterLast = w.spaceAfter
            current = line
        }
        if let line = current { lines.append(line) }
        return lines
    }

    /// The pages' text as paragraphs, one per output line (UTF-8), furniture dropped.
    static func paragraphs(_ pages: [LaidOutPage]) -> [UInt8] {
        let body = dropFurniture(pages)
        let all = body.flatMap { $0 }
        guard !all.isEmpty else { return [] }
        let em = median(all.map { $0.y1 - $0.y0 }) ?? 12
        let gap = median(zip(all, all.dropFirst()).compactMap { a, b -> Double? in
            let g = b.y0 - a.y1
            return g >= 0 && g < 3 * em ? g : nil
        }) ?? em / 2
        let documentMargins = margins(all, em: em)
        var out: [UInt8] = []
        out.reserveCapacity(all.reduce(0) { $0 + $1.scalars.count } * 3)
        var previous: (line: PlacedText, right: Double)?
        for lines in body {
            // Mirrored margins (odd and even pages) differ: a page with enough lines has its own.
            let (left, right) = lines.count >= 8 ? margins(lines, em: em) : documentMargins
            for (i, line) in lines.enumerated() {
                if let (p, pRight) = previous {
                    let samePage = i > 0
                    let ranToMargin = p.x1 >= pRight - 1.5 * em
                    let indented = line.x0 > left + 0.5 * em
                    let spaced = samePage && line.y0 - p.y1 > gap + 0.6 * em
                    if ranToMargin && !indented && !spaced {
                        // A Latin word wrapped at a space takes the space back; a token set in Chinese on
                        // both sides ("液化天然气(LN|G)") was cut by a wrap that falls anywhere.
                        if let a = p.scalars.last, let b = line.scalars.first, Scalar.isASCIILetter(a), Scalar.isASCIILetter(b),
                           !LineCleaner.latinRunIsGlued(p.scalars, atEnd: true), !LineCleaner.latinRunIsGlued(line.scalars, atEnd: false) {
                            out.append(0x20)
                        }
                    } else {
                        out.append(0x0A)
                    }
                }
                for c in line.scalars { UTF8Out.append(c, to: &out) }
                previous = (line, right)
            }
        }
        out.append(0x0A)
        return out
    }

    /// The body's left edge and right edge. Left: the leftmost line start that at least a tenth of
    /// the lines share (a title page's many indented short lines do not move it). Right: the 90th
    /// percentile of line ends (justified text ends there; a few wider lines are tables or headers).
    private static func margins(_ lines: [PlacedText], em: Double) -> (left: Double, right: Double) {
        let bucket = max(em / 4, 0.5)
        var counts: [Int: Int] = [:]
        for l in lines { counts[Int((l.x0 / bucket).rounded()), default: 0] += 1 }
        let enough = max(2, lines.count / 10)
        let left = counts.filter { $0.value >= enough }.keys.min() ?? counts.keys.min() ?? 0
        let ends = lines.map(\.x1).sorted()
        let right = ends[min(ends.count - 1, ends.count * 9 / 10)]
        return (Double(left) * bucket, right)
    }

    // MARK: page furniture

    /// Share of the page height, at the top and at the bottom, where headers and footers sit.
    static let furnitureBand = 0.12

    /// Drops, at the top and bottom of pages, page numbers and lines that recur (digits aside) at
    /// the same height on several pages: running headers ("2026年政府工作报告"), footers,
    /// "第3页 共15页". A title that reads like the running header but sits lower is kept.
    static func dropFurniture(_ pages: [LaidOutPage]) -> [[PlacedText]] {
        func inBand(_ l: PlacedText, _ p: LaidOutPage) -> Bool {
            l.y1 <= p.height * furnitureBand || l.y0 >= p.height * (1 - furnitureBand)
        }
        var heights: [[UInt32]: [(page: Int, y: Double)]] = [:]
        for (n, p) in pages.enumerated() {
            for l in p.lines where inBand(l, p) { heights[furnitureKey(l.scalars), default: []].append((n, l.y0)) }
        }
        let recurring = max(2, (pages.count + 2) / 3)
        return pages.map { p in
            p.lines.filter { l in
                guard inBand(l, p) else { return true }
                if LineCleaner.isPageNumber(trimmed(l.scalars)) { return false }
                let tolerance = max(l.y1 - l.y0, 1) / 2
                let samePlace = Set((heights[furnitureKey(l.scalars)] ?? []).filter { abs($0.y - l.y0) <= tolerance }.map(\.page))
                return samePlace.count < recurring
            }
        }
    }

    /// The line with digits as one mark and spaces gone: "第 3 页" and "第12页" match.
    private static func furnitureKey(_ s: [UInt32]) -> [UInt32] {
        var key: [UInt32] = []
        for c in s where c != 0x20 && c != 0x3000 {
            if Scalar.isDigit(c) { if key.last != 0x23 { key.append(0x23) } } else { key.append(c) }
        }
        return key
    }

    private static func trimmed(_ s: [UInt32]) -> [UInt32] {
        var a = 0, b = s.count
        while a < b && (s[a] == 0x20 || s[a] == 0x3000) { a += 1 }
        while b > a && (s[b - 1] == 0x20 || s[b - 1] == 0x3000) { b -= 1 }
        return Array(s[a..<b])
    }

    private static func median(_ values: [Double]) -> Double? {
        if values.isEmpty { return nil }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
