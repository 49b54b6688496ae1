import JobContract
import JSONOutput

/// A dotted path into a record ("status", "document.region", "targets.code"). Arrays are
/// transparent: `targets.code` is the `code` of every element of `targets`, and a path that ends
/// at an array stands for its elements.
public struct FieldPath: Equatable, Sendable, CustomStringConvertible {
    public let keys: [String]

    public init(_ text: String) throws(FieldPathError) {
        keys = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !keys.contains(where: \.isEmpty) else { throw .malformed("\"\(text)\" is not a dotted field path") }
    }

    public var description: String { keys.joined(separator: ".") }

    /// Throws unless protocols/record.schema.json has the path (`RecordSchema`), naming the
    /// nearest one it has: a misspelt path used to match nothing, silently.
    public func checkedAgainstRecordSchema() throws(FieldPathError) -> FieldPath {
        guard RecordSchema.hasField(keys) else { throw .unknownField(description, suggestion: RecordSchema.suggestion(for: keys)) }
        return self
    }

    /// The values at the path in a JSON line, read in place (JobContract's JSONReader; what is
    /// not on the path is skipped, not built); nil when the line is not JSON.
    public func values(in line: UnsafeRawBufferPointer) -> [JSONValue]? { lookup(in: line)?.values }

    /// The values, and whether an array was opened on the way (then they are a list, even of
    /// one element or none).
    func lookup(in line: UnsafeRawBufferPointer) -> (values: [JSONValue], throughArray: Bool)? {
        var r = JSONReader(line)
        var found: [JSONValue] = []
        var throughArray = false
        do { try FieldPath.collect(&r, keys[...], into: &found, throughArray: &throughArray) } catch { return nil }
        return (found, throughArray)
    }

    private static func collect(_ r: inout JSONReader, _ keys: ArraySlice<String>, into found: inout [JSONValue],
                                throughArray: inout Bool) throws {
        switch try r.peekKind() {
        case .array?:
            throughArray = true
            try r.readArray { r in try collect(&r, keys, into: &found, throughArray: &throughArray) }
        case .object? where !keys.isEmpty:
            let key = keys.first!
            try r.readObject { r, name in
                if name == key { try collect(&r, keys.dropFirst(), into: &found, throughArray: &throughArray) } else { try r.skipValue() }
            }
        default:
            if keys.isEmpty { found.append(try r.readValue()) } else { try r.skipValue() }
        }
    }
}

public enum FieldPathError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case unknownField(String, suggestion: String?)

    public var description: String {
        switch self {
        case .malformed(let why): return why
        case .unknownField(let path, let suggestion):
            return "a record has no field \"\(path)\" (protocols/record.schema.json)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
        }
    }
}

/// `reportq tail --where PATH=VALUE` / `PATH!=VALUE`, repeatable: every condition must hold.
/// `=` holds when some value at the path equals VALUE (`targets.code=gdp`: some target's code is
/// gdp); `!=` when none does (a record without the field passes). VALUE compares as text with
/// strings, as a number with numbers ("5" matches 5 and 5.0), and `true`, `false`, `null`.
public struct LineFilter {
    public enum Comparison: String, Sendable { case equals = "=", notEquals = "!=" }

    public struct Condition: Equatable, Sendable {
        public let path: FieldPath
        public let comparison: Comparison
        public let value: String
    }

    public let conditions: [Condition]

    /// `checkedAgainstRecordSchema`: a path the record schema does not have is an error.
    public init(_ expressions: [String], checkedAgainstRecordSchema: Bool = false) throws(FieldPathError) {
        var conditions: [Condition] = []
        for e in expressions {
            guard let eq = e.firstIndex(of: "=") else { throw .malformed("expected PATH=VALUE or PATH!=VALUE, got \"\(e)\"") }
            let negated = eq > e.startIndex && e[e.index(before: eq)] == "!"
            let pathText = String(e[..<(negated ? e.index(before: eq) : eq)])
            guard !pathText.isEmpty else { throw .malformed("expected PATH=VALUE or PATH!=VALUE, got \"\(e)\"") }
            var path = try FieldPath(pathText)
            if checkedAgainstRecordSchema { path = try path.checkedAgainstRecordSchema() }
            conditions.append(Condition(path: path, comparison: negated ? .notEquals : .equals, value: String(e[e.index(after: eq)...])))
        }
        self.conditions = conditions
    }

    /// Whether a line passes; a line that is not JSON never passes a non-empty filter.
    public func matches(_ line: [UInt8]) -> Bool {
        if conditions.isEmpty { return true }
        return line.withUnsafeBytes { p in
            conditions.allSatisfy { c in
                guard let values = c.path.values(in: p) else { return false }
                let found = values.contains { LineFilter.equals($0, c.value) }
                return c.comparison == .equals ? found : !found
            }
        }
    }

    static func equals(_ value: JSONValue, _ want: String) -> Bool {
        switch value {
        case .string(let s): return s == want
        case .number(let literal):
            guard let have = Double(literal), let w = Double(want) else { return false }
            return have == w
        case .bool(let b): return (b ? "true" : "false") == want
        case .null: return want == "null"
        case .array, .object: return false
        }
    }
}

/// `reportq tail --fields a,b.c,…`: each line as tab-separated values of those fields. A string
/// is printed as is (tab, newline, carriage return and backslash as `\t` `\n` `\r` `\\`), a number
/// or boolean as JSON writes it, null or a missing field as nothing, the values of a path through
/// an array as a JSON array (`[]` for none), and an object as compact JSON.
public struct FieldSelection {
    public let paths: [FieldPath]

    /// `lists`: comma-separated paths, as given to each `--fields`.
    public init(_ lists: [String], checkedAgainstRecordSchema: Bool = false) throws(FieldPathError) {
        var paths: [FieldPath] = []
        for list in lists {
            for text in list.split(separator: ",", omittingEmptySubsequences: false) {
                var path = try FieldPath(String(text).trimmingSpaces)
                if checkedAgainstRecordSchema { path = try path.checkedAgainstRecordSchema() }
                paths.append(path)
            }
        }
        self.paths = paths
    }

    /// The row for a line (without a newline); nil when the line is not JSON.
    public func row(_ line: [UInt8]) -> [UInt8]? {
        line.withUnsafeBytes { p -> [UInt8]? in
            var out: [UInt8] = []
            for (i, path) in paths.enumerated() {
                guard let found = path.lookup(in: p) else { return nil }
                if i > 0 { out.append(0x09) }
                out += FieldSelection.cell(found.values, throughArray: found.throughArray)
            }
            return out
        }
    }

    private static func cell(_ values: [JSONValue], throughArray: Bool) -> [UInt8] {
        if values.isEmpty && !throughArray { return [] }
        if !throughArray, values.count == 1 {
            switch values[0] {
            case .string(let s): return escaped(s)
            case .null: return []
            case .number(let literal): return Array(literal.utf8)
            case .bool(let b): return Array((b ? "true" : "false").utf8)
            case .array, .object: break
            }
        }
        var w = JSONWriter(reservingCapacity: 64)
        if throughArray || values.count > 1 { JSONValue.array(values).write(to: &w) } else { values[0].write(to: &w) }
        return w.bytes
    }

    private static func escaped(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x5C: out += [0x5C, 0x5C]
            default: out.append(b)
            }
        }
        return out
    }
}

private extension String {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
