// Traditional → Simplified with OpenCC's phrase-level t2s configuration. The conversion
// runs in Swift over scalars (OpenCCScalarConverter) on dictionaries loaded through
// libopencc once per process; if that cannot be built, libopencc's C API converts instead.
import Foundation

public enum ScriptConverter {
    /// Frequent characters that exist only in Traditional script, and their Simplified forms,
    /// as a lookup table over the CJK Unified Ideographs block (1: traditional, 2: simplified).
    private static let scriptTable: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0xA000 - 0x4E00)
        for c in u32("這們個來時會說對為國學經發過產業動進還與區關實現開總際應頭當點體員務計設機長門問間報議據項類權濟華廣將給錢參農場變顯鄉縣幣億萬歲條較種質東車") { t[Int(c) - 0x4E00] = 1 }
        for c in u32("这们个来时会说对为国学经发过产业动进还与区关实现开总际应头当点体员务计设机长门问间报议据项类权济华广将给钱参农场变显乡县币亿万岁条较种质东车") { t[Int(c) - 0x4E00] = 2 }
        return t
    }()

    /// True when a sample of the text (its first 10k scalars) is written in Traditional characters.
    public static func isTraditional(_ s: [UInt32]) -> Bool {
        var trad = 0, simp = 0
        let n = min(s.count, 10_000)
        scriptTable.withUnsafeBufferPointer { t in
            for i in 0..<n {
                let c = s[i]
                if c < 0x4E00 || c >= 0xA000 { continue }
                let k = t[Int(c) - 0x4E00]
                if k == 1 { trad += 1 } else if k == 2 { simp += 1 }
            }
        }
        return trad >= 3 && trad > simp * 2
    }

    /// Converts scalars to Simplified; returns the input unchanged if OpenCC is unavailable.
    public static func toSimplified(_ s: [UInt32]) -> [UInt32] {
        if let fast = scalarConverter { return fast.convert(s) }
        return library?.convert(scalars: s) ?? s
    }

    static let configPath: String? = OpenCCLibrary.configPath("t2s.json")

    /// The Swift converter, built once (Swift's lazy statics are thread-safe); nil if the
    /// configuration has an unknown shape or a dictionary could not be loaded.
    static let scalarConverter: OpenCCScalarConverter? = configPath.flatMap { try? OpenCCConfigLoader.load(configPath: $0) }

    /// libopencc's own converter: the fallback, and the reference in tests.
    static let library: OpenCCLibrary? = configPath.flatMap { OpenCCLibrary(configPath: $0) }

    /// Whether OpenCC could be opened (for diagnostics and tests).
    public static var isAvailable: Bool { scalarConverter != nil || library != nil }
}
