// Strict UTF-8 validation on bytes (no overlongs, no surrogates, ≤ U+10FFFF).
// A multi-byte sequence cut off at the very end of the input is tolerated: files
// truncated by a download or a `head -c` should still be read.

enum UTF8Validation {
    /// For a lead byte: how many continuation bytes follow, and the allowed range of the
    /// first one (which rules out overlongs, surrogates and code points past U+10FFFF).
    /// nil for bytes that cannot start a multi-byte sequence.
    @inline(__always)
    static func leadByte(_ b0: UInt8) -> (need: Int, lo: UInt8, hi: UInt8)? {
        switch b0 {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// Returns the length of the valid prefix if the whole input is valid UTF-8 except
    /// possibly a truncated last sequence; nil if there is an invalid byte anywhere else.
    static func validLength(_ b: [UInt8], from start: Int = 0) -> Int? {
        // The standard library's validator is vectorised; the scan below only runs to
        // tell a truncated tail from real damage.
        let whole = start == 0 ? String(validating: b, as: UTF8.self) : String(validating: b[start...], as: UTF8.self)
        if whole != nil { return b.count }
        return b.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            var i = start
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n {
                    let w = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                if i >= n { break }
                let b0 = p[i]
                if b0 < 0x80 { i += 1; continue }
                guard let (need, lo, hi) = leadByte(b0) else { return nil }
                // Check the continuation bytes that are present.
                var k = 1
                while k <= need {
                    if i + k >= n { return i }          // truncated at the end: tolerated
                    let c = p[i + k]
                    if k == 1 { if c < lo || c > hi { return nil } }
                    else if c & 0xC0 != 0x80 { return nil }
                    k += 1
                }
                i += need + 1
            }
            return n
        }
    }
}

extension UTF8Validation {
    /// Lossy decoding for text that is UTF-8 but for a few corrupted bytes: invalid
    /// sequences are dropped. Returns nil when more than 1 byte in 500 is bad (then the
    /// file is probably in another encoding, or not text).
    static func repaired(_ b: [UInt8]) -> [UInt8]? {
        var out = [UInt8](); out.reserveCapacity(b.count)
        var bad = 0
        var i = 0
        let limit = b.count / 500 + 1
        while i < b.count {
            // Validate the rest; on failure find the offending sequence, skip one byte.
            let n = b.count
            let b0 = b[i]
            if b0 < 0x80 { out.append(b0); i += 1; continue }
            let lead = leadByte(b0)
            let need = lead?.need ?? -1, lo = lead?.lo ?? 0x80, hi = lead?.hi ?? 0xBF
            var ok = need > 0 && i + need < n
            if ok {
                for k in 1...need {
                    let c = b[i + k]
                    if k == 1 ? (c < lo || c > hi) : (c & 0xC0 != 0x80) { ok = false; break }
                }
            }
            if ok { out.append(contentsOf: b[i...(i + need)]); i += need + 1 }
            else {
                if i + max(need, 0) >= n && need > 0 { break }   // truncated tail
                bad += 1
                if bad > limit { return nil }
                i += 1
            }
        }
        return out
    }
}
