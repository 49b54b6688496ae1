// Small helpers for working on Unicode scalar values (UInt32) instead of Characters:
// classification of CJK text and UTF-8 encoding of scalar runs.

@inline(__always) func u32(_ s: String) -> [UInt32] { s.unicodeScalars.map { $0.value } }

enum Scalar {
    /// CJK ideographs (BMP blocks, compatibility, and the supplementary planes).
    @inline(__always) static func isIdeograph(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007 /* 〇 */
    }
    /// Chinese punctuation: CJK symbols, full-width forms, curly quotes, dashes, ellipsis, middle dot.
    @inline(__always) static func isCJKPunct(_ c: UInt32) -> Bool {
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x2027)
            || c == 0x00B7 || c == 0x2030 || c == 0x2032 || c == 0x2033
    }
    @inline(__always) static func isCJK(_ c: UInt32) -> Bool { isIdeograph(c) || isCJKPunct(c) }
    @inline(__always) static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 }
    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isLatinWordChar(_ c: UInt32) -> Bool {
        isASCIILetter(c) || isDigit(c) || (c >= 0xC0 && c <= 0x24F)
    }
    /// 一二三…十百〇零两 used in heading numbers and Chinese numerals.
    static func chineseDigit(_ c: UInt32) -> Int? {
        switch c {
        case 0x3007, 0x96F6: return 0          // 〇 零
        case 0x4E00: return 1                  // 一
        case 0x4E8C, 0x4E24: return 2          // 二 两
        case 0x4E09: return 3; case 0x56DB: return 4; case 0x4E94: return 5
        case 0x516D: return 6; case 0x4E03: return 7; case 0x516B: return 8; case 0x4E5D: return 9
        default: return nil
        }
    }
    static let ten: UInt32 = 0x5341      // 十
    static let hundred: UInt32 = 0x767E  // 百

    /// Value of a small Chinese numeral such as 三, 十二, 二十三 (nil if not one).
    static func chineseNumber(_ s: ArraySlice<UInt32>) -> Int? {
        if s.isEmpty || s.count > 5 { return nil }
        var total = 0, current = 0, sawAny = false
        for c in s {
            if let d = chineseDigit(c) { current = current * 10 + d; sawAny = true }
            else if c == ten { total += (current == 0 ? 1 : current) * 10; current = 0; sawAny = true }
            else if c == hundred { total += (current == 0 ? 1 : current) * 100; current = 0; sawAny = true }
            else { return nil }
        }
        return sawAny ? total + current : nil
    }
}

extension Array where Element == UInt32 {
    @inline(__always) func hasPrefix(_ p: [UInt32], at i: Int = 0) -> Bool {
        if i + p.count > count { return false }
        var k = 0
        while k < p.count { if self[i + k] != p[k] { return false }; k += 1 }
        return true
    }
    func firstIndex(of p: [UInt32], from: Int = 0) -> Int? {
        if p.isEmpty || count < p.count { return nil }
        var i = from
        let last = count - p.count
        while i <= last {
            if self[i] == p[0] && hasPrefix(p, at: i) { return i }
            i += 1
        }
        return nil
    }
    func contains(_ p: [UInt32]) -> Bool { firstIndex(of: p) != nil }
    func hasSuffix(_ p: [UInt32]) -> Bool { count >= p.count && hasPrefix(p, at: count - p.count) }
}

enum UTF8Out {
    @inline(__always) static func append(_ c: UInt32, to out: inout [UInt8]) {
        if c < 0x80 { out.append(UInt8(c)) }
        else if c < 0x800 { out.append(UInt8(0xC0 | (c >> 6))); out.append(UInt8(0x80 | (c & 0x3F))) }
        else if c < 0x10000 {
            out.append(UInt8(0xE0 | (c >> 12))); out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (c >> 18))); out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }
    static func bytes<C: Collection>(_ s: C) -> [UInt8] where C.Element == UInt32 {
        var out = [UInt8](); out.reserveCapacity(s.count * 3)
        for c in s { append(c, to: &out) }
        return out
    }
    static func string<C: Collection>(_ s: C) -> String where C.Element == UInt32 {
        String(decoding: bytes(s), as: UTF8.self)
    }
}

/// Decodes UTF-8 that is already known to be valid (our decoders guarantee it) into scalars.
enum UTF8In {
    static func scalars(_ b: [UInt8]) -> [UInt32] {
        // Written in place (never more scalars than bytes): no per-scalar append checks.
        [UInt32](unsafeUninitializedCapacity: b.count) { out, written in
            b.withUnsafeBufferPointer { p in
                let n = p.count
                var i = 0, k = 0
                while i < n {
                    let b0 = UInt32(p[i])
                    if b0 < 0x80 { out[k] = b0; i += 1 }
                    else if b0 < 0xE0, i + 1 < n { out[k] = ((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F); i += 2 }
                    else if b0 < 0xF0, i + 2 < n {
                        out[k] = ((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F); i += 3
                    } else if i + 3 < n {
                        out[k] = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
                            | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F); i += 4
                    } else { out[k] = 0xFFFD; i = n }
                    k += 1
                }
                written = k
            }
        }
    }
}
