// Builds an OpenCCScalarConverter from an OpenCC configuration file (t2s.json, tw2s.json,
// hk2s.json, …): reads the JSON for the segmentation and conversion-chain dictionaries and
// enumerates each .ocd2 file through libopencc's own loader (COpenCCLexicon), so the
// entries are exactly OpenCC's. Shapes other than mmseg + ocd2/group-of-ocd2 are refused.
import COpenCCLexicon
import Foundation

enum OpenCCConfigLoader {
    struct Unsupported: Error, CustomStringConvertible { var description: String }

    static func load(configPath: String) throws -> OpenCCScalarConverter {
        let data = try Data(contentsOf: URL(fileURLWithPath: configPath))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Unsupported(description: "\(configPath): not a JSON object")
        }
        let dir = (configPath as NSString).deletingLastPathComponent
        var cache: [String: ScalarDictionary] = [:]   // TSPhrases serves twice in t2s.json

        guard let seg = root["segmentation"] as? [String: Any], seg["type"] as? String == "mmseg",
              let segDict = seg["dict"] as? [String: Any] else {
            throw Unsupported(description: "\(configPath): segmentation is not mmseg")
        }
        let segmentation = try group(segDict, dir: dir, cache: &cache)
        guard let steps = root["conversion_chain"] as? [[String: Any]], !steps.isEmpty else {
            throw Unsupported(description: "\(configPath): no conversion_chain")
        }
        let chain = try steps.map { step -> OpenCCScalarConverter.Group in
            guard let d = step["dict"] as? [String: Any] else {
                throw Unsupported(description: "\(configPath): a conversion step without dict")
            }
            return try group(d, dir: dir, cache: &cache)
        }
        return OpenCCScalarConverter(segmentation: segmentation, chain: chain)
    }

    /// An "ocd2" dictionary is a group of one; a "group" must hold only ocd2 dictionaries.
    private static func group(_ spec: [String: Any], dir: String,
                              cache: inout [String: ScalarDictionary]) throws -> OpenCCScalarConverter.Group {
        switch spec["type"] as? String {
        case "ocd2":
            return [try dictionary(spec, dir: dir, cache: &cache)]
        case "group":
            guard let dicts = spec["dicts"] as? [[String: Any]], !dicts.isEmpty else {
                throw Unsupported(description: "empty dictionary group")
            }
            return try dicts.map { d in
                guard d["type"] as? String == "ocd2" else {
                    throw Unsupported(description: "group member of type \(d["type"] ?? "?")")
                }
                return try dictionary(d, dir: dir, cache: &cache)
            }
        default:
            throw Unsupported(description: "dictionary of type \(spec["type"] ?? "?")")
        }
    }

    private static func dictionary(_ spec: [String: Any], dir: String,
                                   cache: inout [String: ScalarDictionary]) throws -> ScalarDictionary {
        guard let file = spec["file"] as? String else { throw Unsupported(description: "ocd2 without file") }
        let path = file.hasPrefix("/") ? file : dir + "/" + file
        if let d = cache[path] { return d }
        let d = ScalarDictionary(entries: try entries(ocd2Path: path))
        cache[path] = d
        return d
    }

    /// (key, default value) pairs of an .ocd2 file, as libopencc's MarisaDict reads them.
    static func entries(ocd2Path path: String) throws -> [(key: [UInt32], value: [UInt32])] {
        var length = 0, count = 0
        var error: UnsafeMutablePointer<CChar>? = nil
        guard let buffer = copencc_lexicon_load(path, &length, &count, &error) else {
            let message = error.map { String(cString: $0) } ?? "\(path): cannot load"
            free(error)
            throw Unsupported(description: message)
        }
        defer { free(buffer) }
        var out: [(key: [UInt32], value: [UInt32])] = []
        out.reserveCapacity(count)
        buffer.withMemoryRebound(to: UInt8.self, capacity: length) { base in
            let bytes = UnsafeBufferPointer(start: base, count: length)
            var i = 0
            func next() -> [UInt32] {   // one '\0'-terminated UTF-8 string
                let start = i
                while i < length && bytes[i] != 0 { i += 1 }
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s.unicodeScalars.map(\.value)
            }
            while i < length {
                let key = next()
                let value = next()
                out.append((key, value))
            }
        }
        return out
    }
}
