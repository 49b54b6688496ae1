import Foundation

/// `--where field=value` for `reportq tail`: every clause must hold. `field` is a dotted path
/// into the record ("status", "document.region", "source.bytes"); the value compares as text
/// with strings, numbers ("5" matches 5 and 5.0), booleans ("true") and null ("null").
public struct LineFilter {
    public struct Clause: Equatable {
        public let path: [String]
        public let value: String
    }

    public let clauses: [Clause]

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            if case .malformed(let s) = self { return "expected field=value, got \"\(s)\"" }
            return ""
        }
    }

    public init(_ expressions: [String]) throws {
        clauses = try expressions.map { e in
            guard let eq = e.firstIndex(of: "="), eq != e.startIndex else { throw ParseError.malformed(e) }
            let path = e[..<eq].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains(where: \.isEmpty) else { throw ParseError.malformed(e) }
            return Clause(path: path, value: String(e[e.index(after: eq)...]))
        }
    }

    /// Whether a line passes; lines that are not JSON objects never pass a non-empty filter.
    public func matches(_ line: [UInt8]) -> Bool {
        if clauses.isEmpty { return true }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) else { return false }
        return clauses.allSatisfy { c in
            var node: Any? = obj
            for key in c.path { node = (node as? [String: Any])?[key] }
            return LineFilter.matches(node, c.value)
        }
    }

    static func matches(_ node: Any?, _ want: String) -> Bool {
        switch node {
        case nil: return false
        case is NSNull: return want == "null"
        case let s as String: return s == want
        case let n as NSNumber:
            // JSON booleans come back as NSNumber of ObjC type "c"; JSON numbers never do.
            if String(cString: n.objCType) == "c" { return (n.boolValue ? "true" : "false") == want }
            guard let w = Double(want) else { return false }
            return n.doubleValue == w
        default: return false
        }
    }
}
