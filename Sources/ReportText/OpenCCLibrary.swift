// libopencc's C API for one configuration file: the reference the scalar converter is
// checked against, and the fallback when a configuration has a shape it does not know.
import COpenCC
import Foundation

final class OpenCCLibrary: @unchecked Sendable {
    private let handle: opencc_t
    private let lock = NSLock()    // OpenCC documents no thread safety

    /// Opens a configuration such as /usr/share/opencc/t2s.json; nil if OpenCC cannot.
    init?(configPath: String) {
        guard FileManager.default.fileExists(atPath: configPath) else { return nil }
        let od = opencc_open(configPath)
        guard let od, od != opencc_t(bitPattern: -1) else { return nil }
        handle = od
    }
    deinit { opencc_close(handle) }

    /// Converts UTF-8 text; nil if OpenCC reports an error.
    func convert(_ utf8: [UInt8]) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        return utf8.withUnsafeBufferPointer { p -> [UInt8]? in
            guard let base = p.baseAddress else { return [] }
            return base.withMemoryRebound(to: CChar.self, capacity: p.count) { cp in
                guard let r = opencc_convert_utf8(handle, cp, p.count) else { return nil }
                defer { opencc_convert_utf8_free(r) }
                let n = strlen(r)
                return r.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
            }
        }
    }

    /// Converts scalars in line-aligned chunks of a few KB: OpenCC is markedly faster on many
    /// short inputs than on one long one, and phrases never span a line break.
    func convert(scalars s: [UInt32]) -> [UInt32]? {
        let bytes = UTF8Out.bytes(s)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + 4096)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            guard let piece = convert(Array(bytes[start..<end])) else { return nil }
            out.append(contentsOf: piece)
            start = end
        }
        return UTF8In.scalars(out)
    }

    /// Where OpenCC's configurations live: $OPENCC_DATA_DIR, then the usual install prefixes.
    static func configPath(_ name: String) -> String? {
        var dirs: [String] = []
        if let d = ProcessInfo.processInfo.environment["OPENCC_DATA_DIR"] { dirs.append(d) }
        dirs += ["/usr/share/opencc", "/usr/local/share/opencc", "/opt/homebrew/share/opencc",
                 "/usr/lib/x86_64-linux-gnu/opencc", "/usr/lib/aarch64-linux-gnu/opencc"]
        return dirs.map { $0 + "/" + name }.first { FileManager.default.fileExists(atPath: $0) }
    }
}
