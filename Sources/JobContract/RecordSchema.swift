/// The field paths of an output record, read from protocols/record.schema.json itself (embedded
/// at build time as `RecordSchema.text` by the EmbedDataFiles plugin), so that a path a user
/// names (`reportq tail --where document.region=…`, `--fields`) is checked against the contract,
/// not against a list that could drift from it.
///
/// A path is dotted object keys. Arrays are transparent: `targets.code` is the `code` of every
/// element of `targets`. Below an object whose keys are data (`additionalProperties`: a term's
/// count in `term_counts.document`), any key is a field.
public enum RecordSchema {
    /// A node of the path tree: the keys below it, and the schema of data keys if it has them.
    final class Node {
        var children: [String: Node] = [:]
        var anyKey: Node?
    }

    static let root: Node = {
        let root = Node()
        text.utf8CString.withUnsafeBytes { raw in
            let p = UnsafeRawBufferPointer(rebasing: raw.dropLast())        // without the NUL
            var r = JSONReader(p)
            guard case .object(let schema)? = try? r.readValue() else { return }
            var defs: [JSONMember] = []
            if let member = schema.first(where: { $0.key == "$defs" }), case .object(let d) = member.value { defs = d }
            add(.object(schema), to: root, defs: defs, depth: 0)
        }
        return root
    }()

    private static func add(_ schema: JSONValue, to node: Node, defs: [JSONMember], depth: Int) {
        guard depth < 32, case .object(let members) = schema else { return }
        for member in members {
            switch (member.key, member.value) {
            case ("$ref", .string(let ref)) where ref.hasPrefix("#/$defs/"):
                let name = String(ref.dropFirst("#/$defs/".count))
                if let def = defs.first(where: { $0.key == name }) { add(def.value, to: node, defs: defs, depth: depth + 1) }
            case ("properties", .object(let properties)):
                for property in properties {
                    let child = node.children[property.key] ?? Node()
                    node.children[property.key] = child
                    add(property.value, to: child, defs: defs, depth: depth + 1)
                }
            case ("additionalProperties", .object):
                let child = node.anyKey ?? Node()
                node.anyKey = child
                add(member.value, to: child, defs: defs, depth: depth + 1)
            case ("items", _), ("then", _), ("else", _):
                add(member.value, to: node, defs: defs, depth: depth + 1)           // arrays are transparent
            case ("allOf", .array(let list)), ("anyOf", .array(let list)), ("oneOf", .array(let list)):
                for s in list { add(s, to: node, defs: defs, depth: depth + 1) }
            default: break
            }
        }
    }

    /// Whether a record can have a field at `path` ("document.region" as ["document", "region"]).
    public static func hasField(_ path: [String]) -> Bool {
        guard !path.isEmpty else { return false }
        var node = root
        for key in path {
            guard let next = node.children[key] ?? node.anyKey else { return false }
            node = next
        }
        return true
    }

    /// Every field path, dotted (data keys as `*`), sorted.
    public static var fieldPaths: [String] {
        var out: [String] = []
        func visit(_ node: Node, _ prefix: String) {
            for (key, child) in node.children { out.append(prefix + key); visit(child, prefix + key + ".") }
            if let any = node.anyKey { out.append(prefix + "*"); visit(any, prefix + "*.") }
        }
        visit(root, "")
        return out.sorted()
    }

    /// The field path nearest to `path` by edit distance (a misspelling), if one is near enough.
    public static func suggestion(for path: [String]) -> String? {
        let wanted = Array(path.joined(separator: ".").unicodeScalars)
        var best: (distance: Int, path: String)?
        for candidate in fieldPaths where !candidate.contains("*") {
            let d = editDistance(wanted, Array(candidate.unicodeScalars))
            if d <= max(2, wanted.count / 4), d < (best?.distance ?? .max) { best = (d, candidate) }
        }
        return best?.path
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
