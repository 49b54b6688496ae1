// Unit lexicon: what may follow a number, with the magnitude prefixes 万/亿/万亿… split off
// so that 12027.5亿元 normalizes to 1.20275e12 元 and 15万人 to 150000 人.

struct ParsedUnit: Equatable {
    var written: String    // as in the text, e.g. "亿元", "万人", "%", "个百分点"
    var magnitude: Double  // 1e8 for 亿元
    var base: String       // "元"
    var end: Int
}

enum UnitScanner {
    /// Units that stand alone (no magnitude applies before them in practice).
    static let standaloneWords: [(String, String)] = [
        ("%", "%"), ("％", "%"), ("‰", "‰"), ("个百分点", "个百分点"), ("百分点", "个百分点"),
        ("倍", "倍"),
    ]

    /// Base units (the part after a magnitude). Longest match wins: 千瓦时 before 千瓦.
    static let baseWords: [String] = [
        "元", "美元", "欧元", "港元", "元/人", "元/平方米", "元/吨",
        "人", "人次", "名", "位", "户", "家", "个", "项", "所", "座", "条", "台", "辆", "套", "件", "张",
        "只", "头", "匹", "艘", "架", "列", "部", "种", "处", "间", "栋", "幢", "批", "场", "场次", "次", "期", "篇",
        "支", "棵", "株", "册", "份", "单", "笔", "宗", "块", "片",
        "公里", "千米", "米", "厘米", "平方公里", "平方千米", "平方米", "立方米", "亩", "公顷",
        "吨", "千克", "公斤", "斤", "克", "吨标准煤", "吨标煤", "标准箱", "标箱",
        "千瓦", "千瓦时", "瓦", "兆瓦", "吉瓦", "吉瓦时", "千伏", "千伏安",
        "微克/立方米", "毫克/立方米", "小时", "分钟", "天", "岁", "床", "张床位",
    ]
    static let base = Lexicon<String>(baseWords.map { ($0, $0) })

    static let magnitudeWords: [(String, Double)] = [
        ("万亿", 1e12), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("十万", 1e5), ("万", 1e4), ("千", 1e3), ("百", 1e2),
    ]
    static let magnitudes = Lexicon<Double>(magnitudeWords)

    struct UnitInfo { var written: String; var magnitude: Double; var base: String }

    /// Every unit as one word (standalone, base, magnitude + base), so the common case is a
    /// single longest match returning a prebuilt string.
    static let all: Lexicon<UnitInfo> = {
        var entries: [(String, UnitInfo)] = []
        var seen = Set<String>()
        // First spelling wins: 千瓦 is a base unit, not 千 × 瓦.
        func add(_ w: String, _ info: UnitInfo) { if seen.insert(w).inserted { entries.append((w, info)) } }
        for (w, b) in standaloneWords { add(w, UnitInfo(written: b, magnitude: 1, base: b)) }   // ％ → %
        for b in baseWords { add(b, UnitInfo(written: b, magnitude: 1, base: b)) }
        for b in baseWords { for (m, f) in magnitudeWords { add(m + b, UnitInfo(written: m + b, magnitude: f, base: b)) } }
        return Lexicon(entries)
    }()

    /// The unit right after a number ending at `i` (spaces and 余/多 allowed in between).
    static func unit(_ t: Scalars, at i: Int) -> ParsedUnit? {
        var j = i
        while j < t.count, Ch.isSpace(t[j]) { j += 1 }
        if j < t.count, t[j] == "余" || t[j] == "多" { j += 1 }
        guard j < t.count else { return nil }
        if let m = all.match(t, at: j) {
            return ParsedUnit(written: m.value.written, magnitude: m.value.magnitude, base: m.value.base, end: j + m.length)
        }
        // "5万多人": 余/多 between the magnitude and the unit.
        if let m = magnitudes.match(t, at: j) {
            var k = j + m.length
            if k < t.count, t[k] == "余" || t[k] == "多" { k += 1 } else { return nil }
            while k < t.count, Ch.isSpace(t[k]) { k += 1 }
            if let b = base.match(t, at: k) {
                let written = t.string(j..<(j + m.length)) + b.value
                return ParsedUnit(written: written, magnitude: m.value, base: b.value, end: k + b.length)
            }
        }
        return nil
    }
}
