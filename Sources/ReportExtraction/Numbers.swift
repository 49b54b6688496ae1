// Number scanners: Arabic numerals (with decimals and thousands separators, comma or space, full-width
// digits too) and Chinese numerals (一二三…十百千万亿, 〇/零, 两; positional years like 二〇二六).

struct ParsedNumber: Equatable {
    var value: Double
    var end: Int          // index just past the number
    var isArabic: Bool
}

enum NumberScanner {
    /// Per-BMP-scalar class bits, so scanning running text for numbers is one table read:
    /// 1 Arabic digit, 2 Chinese digit, 4 Chinese unit (十百千), 8 magnitude (万亿).
    static let classes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0x10000)
        for v in 0x30...0x39 { t[v] |= 1 }
        for v in 0xFF10...0xFF19 { t[v] |= 1 }
        for c in "〇零○Ｏ一壹二两贰三叁四肆五伍六陆七柒八捌九玖".unicodeScalars { t[Int(c.value)] |= 2 }
        for c in "十拾百佰千仟".unicodeScalars { t[Int(c.value)] |= 4 }
        for c in "万亿".unicodeScalars { t[Int(c.value)] |= 8 }
        return t
    }()
    @inline(__always) static func cls(_ c: UInt32) -> UInt8 { c < 0x10000 ? classes[Int(c)] : 0 }

    @inline(__always) static func digit(_ c: UInt32) -> Int? {
        let v = c
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }   // full-width ０-９
        return nil
    }

    /// Arabic number starting exactly at `i`: 12027.5, 1,234.5, ５.５.
    static func arabic(_ t: Scalars, at i: Int) -> ParsedNumber? {
        guard i < t.count, digit(t[i]) != nil else { return nil }
        var j = i
        var intPart: Double = 0
        var group = 0                 // digits since the start or the last separator
        while j < t.count {
            if let d = digit(t[j]) { intPart = intPart * 10 + Double(d); j += 1; group += 1; continue }
            // thousands separator: ",ddd" or a space ("1 029亿元", as some sites print digit groups) before
            // three digits and a non-digit, after a group of at most three
            if t[j] == "," || t[j] == " " || t[j] == 0xA0 || t[j] == 0x2009 || t[j] == 0x202F, group <= 3, j + 3 < t.count,
               digit(t[j + 1]) != nil, digit(t[j + 2]) != nil, digit(t[j + 3]) != nil,
               j + 4 >= t.count || digit(t[j + 4]) == nil {
                j += 1; group = 0; continue
            }
            break
        }
        var value = intPart
        if j + 1 < t.count, t[j] == "." || t[j] == 0xFF0E, digit(t[j + 1]) != nil {
            j += 1
            var scale = 0.1
            while j < t.count, let d = digit(t[j]) { value += Double(d) * scale; scale /= 10; j += 1 }
            // round off binary noise: 5.5 stays 5.5
            value = (value * 1e9).rounded() / 1e9
        }
        return ParsedNumber(value: value, end: j, isArabic: true)
    }

    static func chineseDigit(_ c: UInt32) -> Int? {
        switch c {
        case "〇", "零", "○", "Ｏ": return 0
        case "一", "壹": return 1
        case "二", "两", "贰": return 2
        case "三", "叁": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default: return nil
        }
    }
    static func chineseUnit(_ c: UInt32) -> Double? {
        switch c {
        case "十", "拾": return 10
        case "百", "佰": return 100
        case "千", "仟": return 1000
        default: return nil
        }
    }
    static func isChineseNumeral(_ c: UInt32) -> Bool {
        chineseDigit(c) != nil || chineseUnit(c) != nil || c == "万" || c == "亿"
    }

    /// Chinese numeral starting at `i`. With `allowMagnitudes` false, 万/亿 end the number
    /// (so that units like 万人 keep their magnitude). "二〇二六" → 2026, "二十七" → 27,
    /// "一百二十" → 120, "十四" → 14, "三千五百万" → 35000000 (with magnitudes).
    static func chinese(_ t: Scalars, at i: Int, allowMagnitudes: Bool = false) -> ParsedNumber? {
        guard i < t.count, chineseDigit(t[i]) != nil || chineseUnit(t[i]) != nil else { return nil }
        // Positional form: only digits, ≥ 2 of them, containing 〇/零 or ≥ 3 long (years).
        var j = i
        var positional: Double = 0
        while j < t.count, let d = chineseDigit(t[j]) { positional = positional * 10 + Double(d); j += 1 }
        if j - i >= 2 && (j >= t.count || chineseUnit(t[j]) == nil) {
            // "二〇二六", "一九九八"; a pair like "三四" (three or four) is not a number
            if j - i >= 3 || t[i..<j].contains(where: { chineseDigit($0) == 0 }) {
                return ParsedNumber(value: positional, end: j, isArabic: false)
            }
            return nil
        }
        // Structured form.
        j = i
        var yi: Double = 0         // completed 亿 part
        var wan: Double = 0        // completed 万 part (below 亿)
        var section: Double = 0    // below 万
        var pending: Double = -1   // last digit not yet multiplied
        var consumed = false
        while j < t.count {
            let c = t[j]
            if let d = chineseDigit(c) {
                if d == 0 { j += 1; continue }    // 零 is a placeholder
                pending = Double(d); consumed = true; j += 1; continue
            }
            if let u = chineseUnit(c) {
                section += (pending < 0 ? 1 : pending) * u
                pending = -1; consumed = true; j += 1; continue
            }
            if allowMagnitudes, consumed, c == "万" {
                wan = (section + max(pending, 0)) * 1e4
                section = 0; pending = -1; j += 1; continue
            }
            if allowMagnitudes, consumed, c == "亿" {
                yi = (wan + section + max(pending, 0)) * 1e8
                wan = 0; section = 0; pending = -1; j += 1; continue
            }
            break
        }
        guard consumed else { return nil }
        let value = yi + wan + section + max(pending, 0)
        return ParsedNumber(value: value, end: j, isArabic: false)
    }

    /// A figure written in Chinese numerals, as reports of the 1980s print them: "百分之四点三" (4.3, a
    /// percentage) or "三百八十四" / "四点三" (before a unit, which the caller reads).
    static func chineseFigure(_ t: Scalars, at i: Int) -> (value: Double, end: Int, percent: Bool)? {
        let percent = t.has(percentOf, at: i)
        let a = percent ? i + percentOf.count : i
        guard let n = chinese(t, at: a) else { return nil }
        var value = n.value
        var j = n.end
        // "四点三": 点 and digits after it.
        if j + 1 < t.count, t[j] == "点", chineseDigit(t[j + 1]) != nil {
            j += 1
            var scale = 0.1
            while j < t.count, let d = chineseDigit(t[j]) { value += Double(d) * scale; scale /= 10; j += 1 }
            value = (value * 1e9).rounded() / 1e9
        }
        return (value, j, percent)
    }
    static let percentOf: [UInt32] = Array("百分之".unicodeScalars.map(\.value))

    /// Either kind of number at `i`.
    static func number(_ t: Scalars, at i: Int, allowChinese: Bool = true) -> ParsedNumber? {
        if let a = arabic(t, at: i) { return a }
        if allowChinese { return chinese(t, at: i) }
        return nil
    }
}
