// Character references: "&permil;", "&#8240;", "&#x2030;" — in HTML pages, and left in Markdown
// and text files exported from them ("控制在8&permil;").

enum HTMLEntity {
    static let named: [String: UInt32] = [
        "nbsp": 0xA0, "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "ldquo": 0x201C,
        "rdquo": 0x201D, "lsquo": 0x2018, "rsquo": 0x2019, "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026,
        "middot": 0xB7, "emsp": 0x2003, "ensp": 0x2002, "thinsp": 0x2009, "times": 0xD7, "divide": 0xF7,
        "copy": 0xA9, "reg": 0xAE, "deg": 0xB0, "plusmn": 0xB1, "permil": 0x2030, "bull": 0x2022,
        "laquo": 0xAB, "raquo": 0xBB, "yen": 0xA5, "sup2": 0xB2, "sup3": 0xB3, "le": 0x2264, "ge": 0x2265,
        "zwj": 0x200D, "zwnj": 0x200C, "shy": 0xAD,
    ]

    /// The scalar a reference's body (between & and ;) stands for: a name or #digits / #xhex.
    static func value(of body: [UInt32]) -> UInt32? {
        guard let first = body.first else { return nil }
        if first == 0x23 /* # */ {
            var v: UInt32 = 0
            var k = 1
            let hex = k < body.count && (body[k] | 0x20) == 0x78
            if hex { k += 1 }
            var digits = 0
            while k < body.count {
                let c = body[k]
                if c >= 0x30 && c <= 0x39 { v = v &* (hex ? 16 : 10) &+ (c - 0x30) }
                else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { v = v &* 16 &+ ((c | 0x20) - 0x61 + 10) }
                else { return nil }
                digits += 1; k += 1
            }
            return digits > 0 && digits <= 8 && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) ? v : nil
        }
        guard body.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        return named[String(decoding: body.map { UInt8($0) }, as: UTF8.self)]
    }

    /// A reference at t[i] == "&" ending with ";" within 12 scalars: its value and the index after it.
    static func reference(in t: [UInt32], at i: Int) -> (value: UInt32, end: Int)? {
        var j = i + 1
        let limit = min(t.count, i + 12)
        while j < limit, t[j] != 0x3B, t[j] != 0x26, t[j] != 0x3C, t[j] != 0x20 { j += 1 }
        guard j < limit, t[j] == 0x3B, j > i + 1, let v = value(of: Array(t[(i + 1)..<j])) else { return nil }
        return (v, j + 1)
    }
}
