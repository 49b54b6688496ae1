// A byte-level JSON reader for the small documents of the job contract: the job header (read
// whole) and the envelope of an output record (a few top-level members read, the rest skipped
// without building anything). It reads UTF-8 bytes in place, as JSONWriter writes them; Foundation's
// parsers would box every value and cost more than the rest of the broker's work per job.

import JSONOutput

/// Why bytes are not the JSON expected: the byte offset and what was wrong there.
public struct JSONReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let problem: String
    public var description: String { "\(problem) at byte \(offset)" }
}

/// Reads one JSON document from UTF-8 bytes. Strict RFC 8259: no comments, no trailing commas,
/// no control characters or invalid UTF-8 in strings, no lone surrogate escapes; nesting is
/// limited to `maxDepth` levels (input comes from the network).
public struct JSONReader {
    public static let maxDepth = 64

    private let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0
    private var depth = 0

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// What the next value is, after whitespace (nil at the end of the input).
    public enum Kind: Equatable, Sendable { case object, array, string, number, bool, null }

    public mutating func peekKind() throws -> Kind? {
        skipSpace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw fail("unexpected byte \(bytes[offset])")
        }
    }

    // MARK: containers

    /// Reads an object, calling `member(&reader, key)` for each member in order; `member` must
    /// read or skip the value. Fails on a key that occurs twice.
    public mutating func readObject(_ member: (inout JSONReader, String) throws -> Void) throws {
        try expectAfterSpace(UInt8(ascii: "{"), "expected an object")
        try enter()
        var keys: [String] = []
        skipSpace()
        if consume(UInt8(ascii: "}")) { depth -= 1; return }
        repeat {
            skipSpace()
            let at = offset
            let key = try readString()
            if keys.contains(key) { offset = at; throw fail("duplicate key \"\(key)\"") }
            keys.append(key)
            try expectAfterSpace(UInt8(ascii: ":"), "expected ':' after a key")
            try member(&self, key)
            skipSpace()
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"), "expected ',' or '}' in an object")
        depth -= 1
    }

    /// Reads an array, calling `element(&reader)` for each element; it must read or skip it.
    public mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        try expectAfterSpace(UInt8(ascii: "["), "expected an array")
        try enter()
        skipSpace()
        if consume(UInt8(ascii: "]")) { depth -= 1; return }
        repeat { try element(&self); skipSpace() } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "expected ',' or ']' in an array")
        depth -= 1
    }

    // MARK: scalars

    public mutating func readString() throws -> String {
        let range = try readStringBytes()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range.bytes])
        if !range.escaped {
            guard let s = String(validating: raw, as: UTF8.self) else { throw JSONReadError(offset: range.bytes.lowerBound, problem: "invalid UTF-8 in a string") }
            return s
        }
        return try unescape(raw, at: range.bytes.lowerBound)
    }

    /// The bytes between a string's quotes as they stand (escapes not resolved), and whether
    /// there are escapes. No allocation: for values compared or copied as bytes.
    public mutating func readStringBytes() throws -> (bytes: Range<Int>, escaped: Bool) {
        try expectAfterSpace(UInt8(ascii: "\""), "expected a string")
        let start = offset
        var escaped = false
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") { offset += 1; return (start..<offset - 1, escaped) }
            if b < 0x20 { throw fail("control character in a string") }
            if b == UInt8(ascii: "\\") { escaped = true; offset += 1 }
            offset += 1
        }
        throw fail("unterminated string")
    }

    /// An integer literal (no fraction, no exponent) that fits in an Int.
    public mutating func readInt() throws -> Int {
        skipSpace()
        let at = offset
        let literal = try readNumberBytes()
        var value = 0
        var negative = false
        for i in literal {
            let b = bytes[i]
            if b == UInt8(ascii: "-") { negative = true; continue }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { offset = at; throw fail("expected an integer") }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(b - 0x30)) : m.addingReportingOverflow(Int(b - 0x30))
            if o1 || o2 { offset = at; throw fail("integer out of range") }
            value = s
        }
        return value
    }

    /// A number's literal bytes, checked against JSON's number grammar.
    public mutating func readNumberBytes() throws -> Range<Int> {
        skipSpace()
        let start = offset
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
        } else if digits() == 0 { throw fail("expected a number") }
        if consume(UInt8(ascii: ".")), digits() == 0 { throw fail("expected digits after '.'") }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            if digits() == 0 { throw fail("expected digits in an exponent") }
        }
        return start..<offset
    }

    public mutating func readBool() throws -> Bool {
        skipSpace()
        if consume(literal: "true") { return true }
        if consume(literal: "false") { return false }
        throw fail("expected true or false")
    }

    /// Consumes `null` if it comes next.
    public mutating func readNull() -> Bool {
        skipSpace()
        return consume(literal: "null")
    }

    /// Reads whatever value comes next and keeps it.
    public mutating func readValue() throws -> JSONValue {
        switch try peekKind() {
        case .object?:
            var members: [JSONMember] = []
            try readObject { r, key in members.append(JSONMember(key: key, value: try r.readValue())) }
            return .object(members)
        case .array?:
            var elements: [JSONValue] = []
            try readArray { r in elements.append(try r.readValue()) }
            return .array(elements)
        case .string?: return .string(try readString())
        case .number?:
            let r = try readNumberBytes()
            return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self))
        case .bool?: return .bool(try readBool())
        case .null?: _ = readNull(); return .null
        case nil: throw fail("expected a value")
        }
    }

    /// Checks and passes over the next value without keeping anything of it.
    public mutating func skipValue() throws {
        switch try peekKind() {
        case .object?:
            // Keys as bytes, not Strings, and no duplicate check: nothing is built while skipping.
            try expectAfterSpace(UInt8(ascii: "{"), "expected an object")
            try enter()
            skipSpace()
            if consume(UInt8(ascii: "}")) { depth -= 1; return }
            repeat {
                try skipString()
                try expectAfterSpace(UInt8(ascii: ":"), "expected ':' after a key")
                try skipValue()
                skipSpace()
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "expected ',' or '}' in an object")
            depth -= 1
        case .array?: try readArray { r in try r.skipValue() }
        case .string?: try skipString()
        case .number?: _ = try readNumberBytes()
        case .bool?: _ = try readBool()
        case .null?: _ = readNull()
        case nil: throw fail("expected a value")
        }
    }

    /// Fails unless only whitespace is left.
    public mutating func expectEnd() throws {
        skipSpace()
        if offset < bytes.count { throw fail("unexpected bytes after the JSON value") }
    }

    /// Reads one whole document with `body` (only whitespace may follow it). Errors of type `E`
    /// that `body` throws pass through; the reader's own become `E` through `malformed`.
    public static func document<T, E: Error>(_ bytes: UnsafeRawBufferPointer, malformed: (JSONReadError) -> E,
                                      _ body: (inout JSONReader) throws -> T) throws(E) -> T {
        do {
            var r = JSONReader(bytes)
            let value = try body(&r)
            try r.expectEnd()
            return value
        } catch let e as E {
            throw e
        } catch let e as JSONReadError {
            throw malformed(e)
        } catch {
            throw malformed(JSONReadError(offset: 0, problem: "\(error)"))
        }
    }

    // MARK: internals

    private mutating func skipString() throws {
        let s = try readStringBytes()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[s.bytes])
        if s.escaped { _ = try unescape(raw, at: s.bytes.lowerBound) }
        else if !JSONReader.isValidUTF8(raw) { throw JSONReadError(offset: s.bytes.lowerBound, problem: "invalid UTF-8 in a string") }
    }

    /// UTF-8 validity without making a String (ASCII runs, the common case, checked a byte at a time).
    static func isValidUTF8(_ raw: UnsafeRawBufferPointer) -> Bool {
        if !raw.contains(where: { $0 >= 0x80 }) { return true }
        return String(validating: raw, as: UTF8.self) != nil
    }

    private mutating func enter() throws {
        depth += 1
        if depth > JSONReader.maxDepth { throw fail("nested deeper than \(JSONReader.maxDepth) levels") }
    }

    private func fail(_ problem: String) -> JSONReadError { JSONReadError(offset: offset, problem: problem) }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private mutating func consume(_ b: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == b else { return false }
        offset += 1
        return true
    }

    private mutating func consume(literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard offset + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[offset + i] != p[i] { return false }
        offset += n
        return true
    }

    private mutating func expect(_ b: UInt8, _ problem: String) throws {
        if !consume(b) { throw fail(problem) }
    }

    private mutating func expectAfterSpace(_ b: UInt8, _ problem: String) throws {
        skipSpace()
        try expect(b, problem)
    }

    private mutating func digits() -> Int {
        let start = offset
        while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") { offset += 1 }
        return offset - start
    }

    /// Resolves the escapes of a string's bytes (`at`: their offset, for errors).
    private func unescape(_ raw: UnsafeRawBufferPointer, at start: Int) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func bad(_ problem: String) -> JSONReadError { JSONReadError(offset: start + i, problem: problem) }
        func hex4(_ k: Int) throws -> UInt32 {
            guard k + 4 <= raw.count else { throw bad("short \\u escape") }
            var v: UInt32 = 0
            for j in k..<k + 4 {
                let c = raw[j]
                let d: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
                default: throw bad("bad hex digit in a \\u escape")
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < raw.count else { throw bad("unterminated escape") }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(i + 2)
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 12 <= raw.count, raw[i + 6] == UInt8(ascii: "\\"), raw[i + 7] == UInt8(ascii: "u") else { throw bad("lone surrogate in a \\u escape") }
                    let low = try hex4(i + 8)
                    guard (0xDC00...0xDFFF).contains(low) else { throw bad("lone surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw bad("lone surrogate in a \\u escape")
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8)
                i += 4
            default: throw bad("unknown escape")
            }
            i += 2
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw JSONReadError(offset: start, problem: "invalid UTF-8 in a string") }
        return s
    }
}

/// A JSON value kept whole: members of a job header that this version does not know are kept
/// (and written back) as these. Numbers keep their literal, so nothing is lost to a Double.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// Writes the value compactly; object members in key order (the canonical form).
    public func write(to w: inout JSONWriter) {
        switch self {
        case .null: w.null()
        case .bool(let b): w.bool(b)
        case .number(let literal): w.raw(Array(literal.utf8))
        case .string(let s): w.string(s)
        case .array(let elements):
            w.beginArray()
            for e in elements { e.write(to: &w) }
            w.endArray()
        case .object(let members):
            w.beginObject()
            for m in members.sorted(by: { $0.key < $1.key }) { w.key(m.key); m.value.write(to: &w) }
            w.endObject()
        }
    }
}

public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue
    public init(key: String, value: JSONValue) { self.key = key; self.value = value }
}
