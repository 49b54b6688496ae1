// A reader for the subset of Python literals jieba's model files use (finalseg/prob_*.py):
// `P={'B': {'\u4e00': -3.65, ...}, ...}` — dicts, quoted strings with escapes, and floats.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

indirect enum PythonLiteral {
    case dict([(key: PythonLiteral, value: PythonLiteral)])
    case string([UInt32])
    case number(Double)

    var asNumber: Double? { if case let .number(d) = self { return d }; return nil }
    var asString: [UInt32]? { if case let .string(s) = self { return s }; return nil }
    var asDict: [(key: PythonLiteral, value: PythonLiteral)]? { if case let .dict(d) = self { return d }; return nil }

    /// Parses the value assigned to `name` (`name = <literal>`) in a Python source file's bytes.
    static func assignment(_ name: String, in source: [UInt8], path: String) throws -> PythonLiteral {
        var bytes = source
        bytes.append(0) // strtod needs a terminator
        return try bytes.withUnsafeBufferPointer { buf -> PythonLiteral in
            var parser = Parser(p: buf.baseAddress!, n: buf.count - 1, path: path)
            try parser.seekAssignment(Array(name.utf8))
            let value = try parser.value()
            return value
        }
    }

    private struct Parser {
        let p: UnsafePointer<UInt8>
        let n: Int
        let path: String
        var i = 0

        func fail(_ why: String) -> SegmenterError {
            .invalidModel(path: path, reason: "\(why) at byte \(i)")
        }

        mutating func skipSpace() {
            while i < n {
                let c = p[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1; continue }
                if c == UInt8(ascii: "#") { while i < n && p[i] != 0x0A { i += 1 }; continue }
                break
            }
        }

        /// Moves past `name =` at the start of a line.
        mutating func seekAssignment(_ name: [UInt8]) throws {
            var lineStart = true
            while i < n {
                if lineStart && i + name.count <= n && (0..<name.count).allSatisfy({ p[i + $0] == name[$0] }) {
                    var j = i + name.count
                    while j < n && p[j] == 0x20 { j += 1 }
                    if j < n && p[j] == UInt8(ascii: "=") { i = j + 1; return }
                }
                lineStart = p[i] == 0x0A
                i += 1
            }
            throw fail("no assignment to \(String(decoding: name, as: UTF8.self))")
        }

        mutating func value() throws -> PythonLiteral {
            skipSpace()
            guard i < n else { throw fail("unexpected end") }
            switch p[i] {
            case UInt8(ascii: "{"): return try dict()
            case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try string())
            default: return .number(try number())
            }
        }

        mutating func dict() throws -> PythonLiteral {
            i += 1
            var entries: [(key: PythonLiteral, value: PythonLiteral)] = []
            while true {
                skipSpace()
                guard i < n else { throw fail("unterminated dict") }
                if p[i] == UInt8(ascii: "}") { i += 1; return .dict(entries) }
                let k = try value()
                skipSpace()
                guard i < n, p[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                let v = try value()
                entries.append((k, v))
                skipSpace()
                if i < n && p[i] == UInt8(ascii: ",") { i += 1 }
            }
        }

        mutating func hex(_ count: Int) throws -> UInt32 {
            guard i + count <= n else { throw fail("short escape") }
            var v: UInt32 = 0
            for _ in 0..<count {
                let c = p[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                default: throw fail("bad hex digit")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func string() throws -> [UInt32] {
            let quote = p[i]
            i += 1
            var raw: [UInt8] = []
            var out: [UInt32] = []
            func flush() { raw.withUnsafeBufferPointer { _ = UTF8Scalars.decode($0, into: &out) }; raw.removeAll() }
            while i < n {
                let c = p[i]
                if c == quote { i += 1; flush(); return out }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard i < n else { break }
                    let e = p[i]
                    i += 1
                    flush()
                    switch e {
                    case UInt8(ascii: "u"): out.append(try hex(4))
                    case UInt8(ascii: "U"): out.append(try hex(8))
                    case UInt8(ascii: "x"): out.append(try hex(2))
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    default: out.append(UInt32(e))
                    }
                    continue
                }
                raw.append(c)
                i += 1
            }
            throw fail("unterminated string")
        }

        mutating func number() throws -> Double {
            var end: UnsafeMutablePointer<CChar>? = nil
            let start = UnsafeMutableRawPointer(mutating: p + i).assumingMemoryBound(to: CChar.self)
            let d = strtod(start, &end)
            guard let e = end, e != start else { throw fail("expected a number") }
            i += e - start
            return d
        }
    }
}
