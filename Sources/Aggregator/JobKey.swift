/// A job id as kept in the dedup index. Ids of the broker's form (32 hex digits) pack into
/// 16 bytes; anything else (ids from other producers) is kept as text.
enum JobKey: Hashable {
    case packed(UInt64, UInt64)
    case text(String)

    init(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count == 32, let (h, l) = JobKey.hex(bytes) { self = .packed(h, l) }
        else { self = .text(String(decoding: bytes, as: UTF8.self)) }
    }

    init(_ s: String) {
        var s = s
        self = s.withUTF8 { JobKey(UnsafeRawBufferPointer($0)) }
    }

    private static func hex(_ p: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<32 {
            let c = p[i]
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10     // lower case only: the text form is canonical
            default: return nil
            }
            if i < 16 { h = h << 4 | UInt64(v) } else { l = l << 4 | UInt64(v) }
        }
        return (h, l)
    }
}

/// Finds the value of `"job_id":"…"` in one output line without parsing the JSON: the writer
/// puts job_id first, so this is a short scan. Returns the byte range of the value, or nil
/// (no key, or a value with escapes, which the caller then hands to a real JSON parser).
enum JobIDScanner {
    private static let key = Array(#""job_id""#.utf8)

    static func valueRange(in line: UnsafeRawBufferPointer) -> Range<Int>? {
        let n = line.count, k = key.count
        var i = 0
        outer: while i + k <= n {
            // Skip to the next quote, then compare the key.
            if line[i] != 0x22 { i += 1; continue }
            for j in 1..<k where line[i + j] != key[j] { i += 1; continue outer }
            var p = i + k
            while p < n, line[p] == 0x20 || line[p] == 0x09 { p += 1 }
            guard p < n, line[p] == 0x3A else { i += 1; continue }      // ':' — else it was a value
            p += 1
            while p < n, line[p] == 0x20 || line[p] == 0x09 { p += 1 }
            guard p < n, line[p] == 0x22 else { return nil }
            let start = p + 1
            var e = start
            while e < n, line[e] != 0x22 {
                if line[e] == 0x5C { return nil }                         // escaped: not our fast path
                e += 1
            }
            return e < n && e > start ? start..<e : nil
        }
        return nil
    }
}
