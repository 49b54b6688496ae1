// A Markdown front-matter block at the top of a file: "---" / "title: …" / "source: https://…" /
// "---" (YAML; "+++" … "+++" for TOML with "key = value"). Collections publish reports this way;
// the block is metadata about the file, not part of the report, so it leaves the text and its
// fields go to the title block's metadata.

enum FrontMatter {
    struct Block {
        var fields: [(key: String, value: String)]
        /// Offset of the first scalar after the closing fence line.
        var bodyStart: Int
    }

    /// The longest a block may be; a real one holds a handful of fields.
    static let maxLines = 40

    /// The block at the start of `text` (after blank lines), or nil when the text does not open with one
    /// or a line inside does not read as a field (then the fence was a horizontal rule, not metadata).
    static func read(_ text: [UInt32]) -> Block? {
        var i = 0
        while i < text.count, text[i] == 0x0A || text[i] == 0x20 { i += 1 }
        guard let (open, afterOpen) = line(text, from: i), let fence = fenceKind(trimmed(open)) else { return nil }
        var fields: [(String, String)] = []
        var k = afterOpen
        var lines = 0
        while k < text.count, lines < maxLines {
            guard let (l, next) = line(text, from: k) else { break }
            let t = trimmed(l)
            if fenceKind(t) == fence || (fence == .yaml && t == dots) {
                return fields.isEmpty ? nil : Block(fields: fields, bodyStart: next)
            }
            if !t.isEmpty {
                if let field = field(t, separator: fence == .yaml ? 0x3A : 0x3D) { fields.append(field) }
                // A continuation of the previous value (an indented line, a list item, a closing bracket).
                else if let last = fields.last, l.first == 0x20 || t.first == 0x2D || t.first == 0x5D || t.first == 0x7D {
                    fields[fields.count - 1].1 = last.1 + " " + UTF8Out.string(t[...])
                } else { return nil }
            }
            k = next; lines += 1
        }
        return nil
    }

    private enum Fence { case yaml, toml }
    private static let dashes = u32("---"), pluses = u32("+++"), dots = u32("...")
    private static func fenceKind(_ s: [UInt32]) -> Fence? {
        s == dashes ? .yaml : s == pluses ? .toml : nil
    }

    /// The line starting at `from` (without its newline) and the offset after it.
    private static func line(_ t: [UInt32], from: Int) -> (ArraySlice<UInt32>, Int)? {
        guard from < t.count else { return nil }
        var e = from
        while e < t.count, t[e] != 0x0A { e += 1 }
        return (t[from..<e], min(e + 1, t.count))
    }

    private static func trimmed(_ s: ArraySlice<UInt32>) -> [UInt32] {
        var a = s.startIndex, b = s.endIndex
        while a < b, s[a] == 0x20 { a += 1 }
        while b > a, s[b - 1] == 0x20 { b -= 1 }
        return Array(s[a..<b])
    }

    /// "key: value" with an ASCII key (letters, digits, _ and -); quotes around the value dropped.
    private static func field(_ s: [UInt32], separator: UInt32) -> (String, String)? {
        guard let sep = s.firstIndex(of: separator), sep > 0 else { return nil }
        var keyEnd = sep
        while keyEnd > 0, s[keyEnd - 1] == 0x20 { keyEnd -= 1 }
        let key = s[..<keyEnd]
        guard !key.isEmpty, key.allSatisfy({ Scalar.isASCIILetter($0) || Scalar.isDigit($0) || $0 == 0x5F || $0 == 0x2D }) else {
            return nil
        }
        var a = sep + 1, b = s.count
        while a < b, s[a] == 0x20 { a += 1 }
        if b - a >= 2, s[a] == s[b - 1], s[a] == 0x22 || s[a] == 0x27 { a += 1; b -= 1 }
        return (UTF8Out.string(key), UTF8Out.string(s[a..<b]))
    }
}
