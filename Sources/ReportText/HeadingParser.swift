// Numbered headings: 一、 (level 1), （一） (level 2), 1. / 1、 (level 3), （1） (level 4).
// Works on a paragraph's scalars; the cleaner has already made ASCII parentheses around
// Chinese text full-width.

public struct HeadingMark: Equatable, Sendable {
    public var level: Int
    public var number: Int
    public var label: String       // "一", "（二）", "3", "（4）" — the path component
    public var bodyStart: Int      // index of the first scalar after the number mark
}

public enum HeadingParser {
    static let dunhao: UInt32 = 0x3001        // 、
    static let openParen: UInt32 = 0xFF08     // （
    static let closeParen: UInt32 = 0xFF09    // ）

    public static func parse(_ s: [UInt32], from start: Int = 0, end: Int? = nil) -> HeadingMark? {
        let e = end ?? s.count
        var i = start
        guard i < e else { return nil }
        let c = s[i]
        if c == 0x7B2C /* 第 */ {
            // 第一部分 / 第一章 … (level 1)
            var j = i + 1
            while j < e && j < i + 5 && (Scalar.chineseDigit(s[j]) != nil || s[j] == Scalar.ten) { j += 1 }
            guard j > i + 1, let n = Scalar.chineseNumber(s[(i + 1)..<j]), n > 0 else { return nil }
            var k = j
            if k + 1 < e && s[k] == 0x90E8 && s[k + 1] == 0x5206 { k += 2 }     // 部分
            else if k < e && (s[k] == 0x7AE0 || s[k] == 0x7BC7) { k += 1 }        // 章 篇
            else { return nil }
            while k < e && (s[k] == 0x20 || s[k] == 0x3001 || s[k] == 0xFF1A) { k += 1 }
            return HeadingMark(level: 1, number: n, label: UTF8Out.string(s[i..<j]) + UTF8Out.string(s[j..<(s[j] == 0x90E8 ? j + 2 : j + 1)]), bodyStart: k)
        }
        if Scalar.chineseDigit(c) != nil || c == Scalar.ten {
            // 一、 … 二十三、
            var j = i
            while j < e && j < i + 4 && (Scalar.chineseDigit(s[j]) != nil || s[j] == Scalar.ten) { j += 1 }
            guard j < e, s[j] == dunhao, let n = Scalar.chineseNumber(s[i..<j]), n > 0 else { return nil }
            return HeadingMark(level: 1, number: n, label: UTF8Out.string(s[i..<j]), bodyStart: j + 1)
        }
        if c == openParen || c == 0x28 {
            i += 1
            var j = i
            while j < e && j < i + 4 && (Scalar.chineseDigit(s[j]) != nil || s[j] == Scalar.ten) { j += 1 }
            if j > i, j < e, s[j] == closeParen || s[j] == 0x29, let n = Scalar.chineseNumber(s[i..<j]), n > 0 {
                return HeadingMark(level: 2, number: n, label: "（" + UTF8Out.string(s[i..<j]) + "）", bodyStart: j + 1)
            }
            j = i
            while j < e && j < i + 3 && Scalar.isDigit(s[j]) { j += 1 }
            if j > i, j < e, s[j] == closeParen || s[j] == 0x29, let n = Int(UTF8Out.string(s[i..<j])), n > 0 {
                return HeadingMark(level: 4, number: n, label: "（\(n)）", bodyStart: j + 1)
            }
            return nil
        }
        if Scalar.isDigit(c) {
            var j = i
            while j < e && j < i + 3 && Scalar.isDigit(s[j]) { j += 1 }
            guard j < e, s[j] == 0x2E || s[j] == dunhao, let n = Int(UTF8Out.string(s[i..<j])), n > 0, n < 100 else { return nil }
            // "1.5万" is a number, not a heading.
            if j + 1 < e, Scalar.isDigit(s[j + 1]) { return nil }
            if j + 1 >= e { return nil }
            return HeadingMark(level: 3, number: n, label: String(n), bodyStart: j + 1)
        }
        return nil
    }
}
