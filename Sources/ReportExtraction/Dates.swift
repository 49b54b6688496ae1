// Dates and congress sessions written with Arabic or Chinese numerals:
// "2026年1月25日", "二〇二六年一月二十七日", "第十六届人民代表大会第四次会议", "十四届人大四次会议".

struct DateParts: Equatable { var year: Int; var month: Int; var day: Int
    var iso: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

enum DateScanner {
    /// What follows 第X届: a people's congress, the national one included.
    static let congressBodies: [Scalars] = ["全国人民代表大会", "人民代表大会", "全国人大", "人大"].map(sc)
    /// What follows the session's numeral: 第四次会议, 第二次全体会议.
    static let sessionWords: [Scalars] = ["次会议", "次全体会议"].map(sc)

    /// A number (Arabic or Chinese) at `i`, skipping spaces before it.
    static func num(_ t: Scalars, _ i: Int) -> ParsedNumber? {
        var k = i
        while k < t.count, Ch.isSpace(t[k]) { k += 1 }
        return NumberScanner.number(t, at: k)
    }

    /// Y年M月D日 starting exactly at `i`.
    static func date(_ t: Scalars, at i: Int) -> (DateParts, Int)? {
        guard let y = num(t, i), y.value >= 1949, y.value <= 2100, y.end < t.count, t[y.end] == "年",
              let m = num(t, y.end + 1), m.value >= 1, m.value <= 12, m.end < t.count, t[m.end] == "月",
              let d = num(t, m.end + 1), d.value >= 1, d.value <= 31, d.end < t.count, t[d.end] == "日" || t[d.end] == "号"
        else { return nil }
        return (DateParts(year: Int(y.value), month: Int(m.value), day: Int(d.value)), d.end + 1)
    }

    /// The first full date in [from, to).
    static func firstDate(_ t: Scalars, from: Int, to: Int) -> (DateParts, Int)? {
        var i = from
        while i < min(to, t.count) {
            if (NumberScanner.digit(t[i]) != nil || NumberScanner.chineseDigit(t[i]) != nil),
               i == 0 || (NumberScanner.digit(t[i - 1]) == nil && NumberScanner.chineseDigit(t[i - 1]) == nil),
               let d = date(t, at: i) { return (d.0, i) }
            i += 1
        }
        return nil
    }

    /// Term and session around "人民代表大会" / "人大" within [from, to): returns the congress,
    /// the index where the term's numeral (or 第) starts, and the end of "会议".
    static func congress(_ t: Scalars, from: Int, to: Int) -> (term: Int, session: Int, termStart: Int, end: Int)? {
        var i = from
        let end = min(to, t.count)
        while i < end {
            if t[i] == "届" {
                // term numeral right before 届 (optionally after 第)
                var a = i
                while a > from, NumberScanner.chineseDigit(t[a - 1]) != nil || NumberScanner.chineseUnit(t[a - 1]) != nil
                        || NumberScanner.digit(t[a - 1]) != nil { a -= 1 }
                guard a < i, let term = NumberScanner.number(t, at: a), term.end == i else { i += 1; continue }
                var k = i + 1
                while k < end, Ch.isSpace(t[k]) || Ch.isNewline(t[k]) { k += 1 }
                guard let body = congressBodies.first(where: { t.has($0, at: k) }) else { i += 1; continue }
                k += body.count
                if t.has(sc("常务委员会"), at: k) || t.has(sc("常委会"), at: k) { i += 1; continue }
                while k < end, Ch.isSpace(t[k]) || Ch.isNewline(t[k]) { k += 1 }
                if k < end, t[k] == "第" { k += 1 }
                guard let s = NumberScanner.number(t, at: k),
                      let meeting = sessionWords.first(where: { t.has($0, at: s.end) }) else { i += 1; continue }
                let termStart = a > from && t[a - 1] == "第" ? a - 1 : a
                return (Int(term.value), Int(s.value), termStart, s.end + meeting.count)
            }
            i += 1
        }
        return nil
    }
}
