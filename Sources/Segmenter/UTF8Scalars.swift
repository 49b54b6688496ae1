// UTF-8 ⇄ Unicode scalar conversion on raw bytes (the segmenter works on scalar arrays,
// like Python's str indexing). Invalid bytes decode to U+FFFD, one scalar per bad byte.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum UTF8Scalars {
    public static let replacement: UInt32 = 0xFFFD

    /// Decodes `bytes`, appending scalars. Returns false if any byte sequence was invalid.
    @discardableResult
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scalars: inout [UInt32]) -> Bool {
        decode(bytes, into: &scalars, offsets: nil)
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scalars: inout [UInt32],
                       offsets: UnsafeMutablePointer<[Int32]>?) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        var valid = true
        scalars.reserveCapacity(scalars.count + n)
        var i = 0
        while i < n {
            let b0 = p[i]
            let start = i
            var scalar: UInt32
            if b0 < 0x80 {
                scalar = UInt32(b0); i += 1
            } else if b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F); i += 2
            } else if b0 >= 0xE0 && b0 <= 0xEF && i + 2 < n
                        && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80
                        && !(b0 == 0xE0 && p[i + 1] < 0xA0) && !(b0 == 0xED && p[i + 1] >= 0xA0) {
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F); i += 3
            } else if b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < n
                        && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && p[i + 3] & 0xC0 == 0x80
                        && !(b0 == 0xF0 && p[i + 1] < 0x90) && !(b0 == 0xF4 && p[i + 1] >= 0x90) {
                scalar = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
                    | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F); i += 4
            } else {
                scalar = replacement; i += 1; valid = false
            }
            scalars.append(scalar)
            offsets?.pointee.append(Int32(truncatingIfNeeded: start))
        }
        return valid
    }

    /// Decodes p[0..<n] into `out` (room for n scalars); returns the scalar count, or 0 when a
    /// byte sequence is invalid.
    static func decode(_ p: UnsafePointer<UInt8>, _ n: Int, into out: UnsafeMutablePointer<UInt32>) -> Int {
        var i = 0, k = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                out[k] = UInt32(b0); i += 1
            } else if b0 >= 0xE0 && b0 <= 0xEF && i + 2 < n
                        && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80
                        && !(b0 == 0xE0 && p[i + 1] < 0xA0) && !(b0 == 0xED && p[i + 1] >= 0xA0) {
                out[k] = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F); i += 3
            } else if b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
                out[k] = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F); i += 2
            } else if b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < n
                        && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && p[i + 3] & 0xC0 == 0x80
                        && !(b0 == 0xF0 && p[i + 1] < 0x90) && !(b0 == 0xF4 && p[i + 1] >= 0x90) {
                out[k] = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
                    | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F); i += 4
            } else {
                return 0
            }
            k += 1
        }
        return k
    }

    /// Whether p[0..<n] is valid UTF-8 (the sequences `decode` accepts without a replacement).
    static func isValid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
            } else if b0 >= 0xE0 && b0 <= 0xEF && i + 2 < n
                        && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80
                        && !(b0 == 0xE0 && p[i + 1] < 0xA0) && !(b0 == 0xED && p[i + 1] >= 0xA0) {
                i += 3
            } else if b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
                i += 2
            } else if b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < n
                        && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && p[i + 3] & 0xC0 == 0x80
                        && !(b0 == 0xF0 && p[i + 1] < 0x90) && !(b0 == 0xF4 && p[i + 1] >= 0x90) {
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    /// Decodes `bytes`, appending scalars and each scalar's starting byte offset (relative to
    /// `bytes`); callers that need the end add `bytes.count` themselves.
    @discardableResult
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scalars: inout [UInt32],
                              offsets: inout [Int32]) -> Bool {
        withUnsafeMutablePointer(to: &offsets) { decode(bytes, into: &scalars, offsets: $0) }
    }

    /// Appends the UTF-8 encoding of `scalar`.
    @inline(__always)
    public static func encode(_ scalar: UInt32, into out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// A String from a run of scalars.
    public static func string<C: Collection>(_ scalars: C) -> String where C.Element == UInt32 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for s in scalars { encode(s, into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The scalars of a String.
    public static func scalars(of text: String) -> [UInt32] {
        var out: [UInt32] = []
        var t = text
        t.withUTF8 { _ = decode($0, into: &out) }
        return out
    }
}

/// Whole-file reads (the dictionaries are a few MB; one read beats line iteration).
enum FileBytes {
    static func read(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            throw SegmenterError.fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if got > 0 { out.append(contentsOf: chunk[0..<got]) }
            if got < chunk.count {
                if ferror(f) != 0 { throw SegmenterError.fileUnreadable(path: path, reason: "read error") }
                break
            }
        }
        return out
    }
}
