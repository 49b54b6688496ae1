// Every number with a unit in the text, magnitudes expanded: 12027.5亿元 → 1.20275e12 元,
// 15万人 → 150000 人, 5.5% → 5.5 %, 三千五百万元 → 3.5e7 元. Years (2025年), dates, enumerators
// and names with digits (5G, PM2.5) carry no unit and are skipped.

enum QuantityExtractor {
    static func extract(_ t: Scalars, sentenceAt: (Int) -> Int?) -> [Quantity] {
        var out: [Quantity] = []
        var i = 0
        let n = t.count
        let classes = NumberScanner.classes
        while i < n {
            let cv = t[i]
            let k = cv < 0x10000 ? classes[Int(cv)] : 0
            if k & 7 == 0 { i += 1; continue }
            let isArabicStart = k & 1 != 0
            let isChineseStart = !isArabicStart
            // Skip digits glued to Latin letters or continuing another number.
            if i > 0, Ch.isASCIILetter(t[i - 1]) || (isArabicStart && (t[i - 1] == "." || NumberScanner.digit(t[i - 1]) != nil)) {
                i += 1; continue
            }
            if isChineseStart, i > 0, NumberScanner.isChineseNumeral(t[i - 1]) { i += 1; continue }
            // Ordinals (第四次, 第8位) are not amounts; “四个中心” / 《两个…》 are names.
            if i > 0, t[i - 1] == "第" || (isChineseStart && (t[i - 1] == "“" || t[i - 1] == "《" || t[i - 1] == "\"")) {
                i += 1
                while i < n, NumberScanner.cls(t[i]) & 7 != 0 || t[i] == "." { i += 1 }
                continue
            }
            let num: ParsedNumber?
            if isArabicStart { num = NumberScanner.arabic(t, at: i) }
            else { num = NumberScanner.chinese(t, at: i, allowMagnitudes: false) }
            guard let v = num else { i += 1; continue }
            if isArabicStart, v.end < n, Ch.isASCIILetter(t[v.end]) { i = v.end; continue }
            guard let u = UnitScanner.unit(t, at: v.end) else { i = max(v.end, i + 1); continue }
            // Chinese numerals: only where a real count is meant (三个, 两万人, 五百亿元), not words
            // like 一个/一批/一流 that are idioms; require a magnitude or a value ≥ 2 with a unit.
            if !isArabicStart && (v.value < 2 || u.base == "个百分点") && u.magnitude == 1 { i = v.end; continue }
            out.append(Quantity(value: v.value, unit: u.written, normalized: normalize(v.value * u.magnitude),
                                baseUnit: u.base, sentence: sentenceAt(i), start: i))
            i = u.end
        }
        return out
    }

    /// Rounds away binary noise from value × magnitude (5.67 × 1e12 → 5.67e12).
    static func normalize(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let digits = 12 - Int((Swift.abs(x)).log10Floor)
        if digits <= 0 { return x }
        let p = pow10(digits)
        return (x * p).rounded() / p
    }

    static func pow10(_ n: Int) -> Double { var r = 1.0; for _ in 0..<Swift.min(n, 300) { r *= 10 }; return r }
}

extension Double {
    fileprivate var log10Floor: Double {
        var e = 0.0
        var v = self
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 && v > 0 { v *= 10; e -= 1 }
        return e
    }
}
