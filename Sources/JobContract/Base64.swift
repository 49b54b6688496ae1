/// Base64 (RFC 4648 §4, standard alphabet, padded): how a job header and a record carry bytes
/// that are not text, such as a file name that is not UTF-8 (`name_base64`).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = UInt32(bytes[i]), b1 = n > 1 ? UInt32(bytes[i + 1]) : 0, b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            for k in 0..<4 { out.append(k <= n ? alphabet[Int(v >> UInt32(18 - 6 * k) & 0x3F)] : UInt8(ascii: "=")) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes, or nil unless `text` is padded standard base64.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        for start in stride(from: 0, to: chars.count, by: 4) {
            var v: UInt32 = 0, padding = 0
            for k in 0..<4 {
                let c = chars[start + k]
                if c == UInt8(ascii: "=") {
                    guard start + 4 == chars.count, k >= 2 else { return nil }
                    padding += 1; v <<= 6; continue
                }
                guard padding == 0, let d = alphabet.firstIndex(of: c) else { return nil }
                v = v << 6 | UInt32(d)
            }
            out.append(UInt8(v >> 16 & 0xFF))
            if padding < 2 { out.append(UInt8(v >> 8 & 0xFF)) }
            if padding < 1 { out.append(UInt8(v & 0xFF)) }
        }
        return out
    }
}
