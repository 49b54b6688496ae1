// Traditional → Simplified with OpenCC's phrase-level t2s configuration. The converter is
// opened once per process and shared behind a lock (OpenCC documents no thread safety).
import COpenCC
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
        let bytes = UTF8Out.bytes(s)
        // OpenCC is markedly faster on many short inputs than on one long one (its
        // segmenter's per-position lookups grow with the remaining input), so convert
        // line-aligned chunks of a few KB; phrases never span a line break.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + 4096)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            guard let piece = convert(Array(bytes[start..<end])) else { return s }
            out.append(contentsOf: piece)
            start = end
        }
        return UTF8In.scalars(out)
    }

    static func convert(_ utf8: [UInt8]) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        guard let od = converter else { return nil }
        return utf8.withUnsafeBufferPointer { p -> [UInt8]? in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { cp in
                guard let r = opencc_convert_utf8(od, cp, p.count) else { return nil }
                defer { opencc_convert_utf8_free(r) }
                let n = strlen(r)
                return r.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
            }
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static let converter: opencc_t? = {
        for path in configCandidates() where FileManager.default.fileExists(atPath: path) {
            let od = opencc_open(path)
            if let od, od != opencc_t(bitPattern: -1) { return od }
        }
        return nil
    }()

    /// Where t2s.json lives: $OPENCC_DATA_DIR, then the usual install prefixes.
    private static func configCandidates() -> [String] {
        var dirs: [String] = []
        if let d = ProcessInfo.processInfo.environment["OPENCC_DATA_DIR"] { dirs.append(d) }
        dirs += ["/usr/share/opencc", "/usr/local/share/opencc", "/opt/homebrew/share/opencc",
                 "/usr/lib/x86_64-linux-gnu/opencc", "/usr/lib/aarch64-linux-gnu/opencc"]
        return dirs.map { $0 + "/t2s.json" }
    }

    /// Whether OpenCC could be opened (for diagnostics and tests).
    public static var isAvailable: Bool { lock.lock(); defer { lock.unlock() }; return converter != nil }
}
