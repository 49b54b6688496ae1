import Glibc
import JobContract
import ReportText

/// A path as the file system has it: bytes, which on Linux need not be UTF-8 (GBK names are
/// common for Chinese reports). A Swift String repairs such bytes (U+FFFD for each), after which
/// the file cannot be opened, so paths stay bytes from argv, readdir, glob and stdin to open(2).
struct LocalPath: Hashable, Comparable, CustomStringConvertible {
    /// The path's bytes (no NUL).
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { bytes = Array(text.utf8) }

    /// A command-line argument's path. ArgumentParser reads CommandLine.arguments, whose bytes
    /// that are not UTF-8 were repaired to U+FFFD; the raw argv entry that repairs to the same
    /// text gives them back.
    init(argument: String) {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { self.init(argument); return }
        for i in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[i] else { continue }
            if String(cString: raw) == argument {
                self.init(bytes: Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))))
                return
            }
        }
        self.init(argument)
    }

    var isUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// The path as text: itself when it is UTF-8; else decoded as GB18030 (GBK's superset) when
    /// every byte sequence is legal there; else UTF-8 with U+FFFD for each byte that is not.
    var text: String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        if let gb = GB18030Text.decode(bytes) { return gb }
        return String(decoding: bytes, as: UTF8.self)
    }

    var description: String { text }

    /// The bytes in base64 when they are not UTF-8, as a job header's and a record's
    /// `name_base64` carry a name that `text` cannot give back exactly; nil for UTF-8.
    var base64UnlessUTF8: String? { isUTF8 ? nil : Base64.encode(bytes) }

    /// One line, nothing lost (push's `id<TAB>path` output, messages): UTF-8 as is, except `\`
    /// as `\\`, tab, newline and carriage return as `\t` `\n` `\r`, other control characters and
    /// bytes that are not UTF-8 as `\xNN`.
    var escaped: String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x5C: out += "\\\\"; i += 1
            case 0x09: out += "\\t"; i += 1
            case 0x0A: out += "\\n"; i += 1
            case 0x0D: out += "\\r"; i += 1
            case 0..<0x20, 0x7F: out += LocalPath.hexEscape(b); i += 1
            case 0..<0x80: out.unicodeScalars.append(Unicode.Scalar(b)); i += 1
            default:
                let n = LocalPath.utf8SequenceLength(bytes, at: i)
                if n > 0, let scalar = String(validating: bytes[i..<i + n], as: UTF8.self) {
                    // C1 controls (U+0080…U+009F) are control characters too.
                    if let s = scalar.unicodeScalars.first, (0x80...0x9F).contains(s.value) {
                        for byte in bytes[i..<i + n] { out += LocalPath.hexEscape(byte) }
                    } else {
                        out += scalar
                    }
                    i += n
                } else {
                    out += LocalPath.hexEscape(b); i += 1
                }
            }
        }
        return out
    }

    /// The last component ("a/b/report.txt" → "report.txt"; trailing slashes ignored).
    var lastComponent: LocalPath {
        var end = bytes.count
        while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")), end > 1 else { return LocalPath(bytes: Array(bytes[..<end])) }
        return LocalPath(bytes: Array(bytes[(slash + 1)..<end]))
    }

    /// `self/name`.
    func appending(_ name: [UInt8]) -> LocalPath {
        LocalPath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    /// Whether it holds a glob metacharacter (`*`, `?`, `[`).
    var isPattern: Bool { bytes.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") } }

    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { p in
            try p.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    static func < (a: LocalPath, b: LocalPath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    private static func hexEscape(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
    }

    /// The length of the UTF-8 sequence its lead byte at `i` announces (0 for a byte that cannot lead one).
    private static func utf8SequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let n: Int
        switch bytes[i] {
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: return 0
        }
        return i + n <= bytes.count ? n : 0
    }
}
