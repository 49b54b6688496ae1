// GB/T 2260 administrative division codes by name, from data/region-codes.tsv (built into the
// binary by the EmbedDataFiles plugin; scripts/region-codes.py writes the file from two published
// tables). A region as a record names it finds its code when:
//   - the name is one division's (current names first, then names a division had in 2020), or
//   - the name is a parent's name followed by a child's ("济南市市中区": 市中区 under 济南市), or
//   - the name is the State Council's (中华人民共和国): code 100000, the national code of GB/T 2260.
// A name that several divisions share and that says nothing of its parent (朝阳区: Beijing and
// Changchun) gets no code: a wrong join is worse than none.
public struct RegionCodeTable: Sendable {
    public enum Match: Equatable, Sendable {
        case code(String)
        case ambiguous([String])
        case unknown
    }

    /// name → codes, current names before former ones.
    let byName: [String: [String]]
    let nameOf: [String: String]

    public static let standard = RegionCodeTable(tsv: RegionCodes.table)

    public init(tsv: String) {
        var current: [String: [String]] = [:], former: [String: [String]] = [:], names: [String: String] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("code\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 3, f[0].count == 6 else { continue }
            let code = String(f[0]), name = String(f[1])
            if f[2] == "current" { current[name, default: []].append(code); names[code] = name }
            else { former[name, default: []].append(code); if names[code] == nil { names[code] = name } }
        }
        // A former name counts only where no current division has it.
        for (name, codes) in former where current[name] == nil { current[name] = codes }
        byName = current; nameOf = names
    }

    public static let nationalName = "中华人民共和国"
    public static let nationalCode = "100000"

    public func match(_ region: String) -> Match {
        if region == Self.nationalName { return .code(Self.nationalCode) }
        if let codes = byName[region] {
            return codes.count == 1 ? .code(codes[0]) : .ambiguous(codes.sorted())
        }
        // A parent's name before the child's: the child's codes under that parent.
        let scalars = Array(region.unicodeScalars)
        for cut in stride(from: scalars.count - 2, through: 2, by: -1) {
            let parent = String(String.UnicodeScalarView(scalars[..<cut])), child = String(String.UnicodeScalarView(scalars[cut...]))
            guard let parents = byName[parent], let children = byName[child] else { continue }
            let under = children.filter { c in parents.contains { Self.isParent($0, of: c) } }
            if under.count == 1 { return .code(under[0]) }
        }
        return .unknown
    }

    public func code(for region: String?) -> String? {
        guard let region, case .code(let c) = match(region) else { return nil }
        return c
    }

    /// The division's name in the table (its current name where it has one).
    public func name(of code: String) -> String? { nameOf[code] }

    /// Whether `parent` (a province xx0000 or a prefecture xxxx00) contains `child`.
    static func isParent(_ parent: String, of child: String) -> Bool {
        guard parent != child else { return false }
        let p = Array(parent.utf8), c = Array(child.utf8)
        if parent.hasSuffix("0000") { return p[0..<2] == c[0..<2] }
        if parent.hasSuffix("00") { return p[0..<4] == c[0..<4] }
        return false
    }
}

/// The embedded table's type (its member `table` is generated at build time).
public enum RegionCodes {}
