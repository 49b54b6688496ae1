// GB18030 (a superset of GBK and GB2312) to UTF-8 through glibc's iconv.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum GB18030 {
    /// Converts the bytes; nil if any sequence is illegal. A truncated trailing
    /// multi-byte sequence is dropped, not an error.
    static func toUTF8(_ input: [UInt8], strict: Bool = false) -> [UInt8]? {
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        // GB18030 → UTF-8 grows at most 1.5x (2 bytes → 3); 4-byte sequences stay 4.
        var out = [UInt8](repeating: 0, count: input.count + input.count / 2 + 16)
        var input = input
        var produced = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                produced = outBuf.count - outLeft
                if r == -1 {
                    // EINVAL: incomplete sequence at the end of the input → tolerated (not when strict).
                    return !strict && errno == EINVAL && inLeft < 4
                }
                return true
            }
        }
        if !ok { return nil }
        out.removeSubrange(produced...)
        return out
    }
}

/// Short texts that are not UTF-8, such as file names from a Chinese system (GBK), as text.
public enum GB18030Text {
    /// The bytes decoded as GB18030; nil unless every sequence in them is legal and complete.
    public static func decode(_ bytes: [UInt8]) -> String? {
        GB18030.toUTF8(bytes, strict: true).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
