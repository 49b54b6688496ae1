import CZeroMQ

/// Z85 (ZeroMQ RFC 32), the text form of CURVE keys: 32 bytes ↔ 40 characters.
public enum Z85 {
    /// Encodes bytes whose count is a multiple of 4; nil otherwise.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        var out = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        guard zmq_z85_encode(&out, bytes, bytes.count) != nil else { return nil }
        return String(cString: out)
    }

    /// Decodes a string whose length is a multiple of 5; nil when it is not valid Z85.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard !chars.isEmpty, chars.count % 5 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: chars.count * 4 / 5)
        let ok = text.withCString { zmq_z85_decode(&out, $0) != nil }
        return ok ? out : nil
    }

    /// True for a 40-character Z85 string that decodes to a 32-byte CURVE key.
    public static func isCurveKey(_ text: String) -> Bool {
        text.utf8.count == 40 && decode(text)?.count == 32
    }
}
