// A PDF can be a bomb: a few kilobytes of Flate data that inflate to gigabytes of content
// stream, or an image that declares a billion pixels. Poppler would inflate or render them
// faithfully, tying up a worker for minutes; this scan measures first, on the raw bytes,
// and refuses before poppler sees the file.
import CSystemZlib

enum PDFStreamScan {
    /// What all non-image streams (page content, fonts, object and xref streams) may inflate
    /// to together. A long report's content streams take a few megabytes.
    static let maxInflatedBytes = 256 << 20
    /// Pixels one image may declare (an A4 page scanned at 600 dpi has 35 million).
    static let maxImagePixels = 200_000_000

    /// Throws `too_large` when the streams inflate past the limit or an image is too big.
    /// Streams whose first filter is not Flate, or that do not inflate (encrypted ones), count
    /// as their raw size: their own filters bound what they expand to.
    static func check(_ pdf: [UInt8]) throws {
        var budget = maxInflatedBytes
        try pdf.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while let k = find(streamKeyword, in: p, from: i) {
                i = k + streamKeyword.count
                // "endstream" ends with the same letters, and a keyword must stand alone.
                if k > 0 && isRegular(p[k - 1]) { continue }
                // The keyword is followed by CR LF or LF (a lone CR is tolerated, as poppler does).
                var start = i
                if start < n && p[start] == 0x0D { start += 1 }
                if start < n && p[start] == 0x0A { start += 1 } else if start == i { continue }
                let dictionary = dictionaryBefore(k, in: p)
                let end = find(endstreamKeyword, in: p, from: start) ?? n
                if isImage(dictionary, in: p) {
                    if let w = integer(after: widthKey, in: dictionary, p), let h = integer(after: heightKey, in: dictionary, p),
                       w > 0, h > 0, w.multipliedReportingOverflow(by: h).overflow || w * h > maxImagePixels {
                        throw InputError(code: "too_large", message: "the PDF holds an image of \(w)×\(h) pixels; the limit is \(maxImagePixels) pixels")
                    }
                } else {
                    let layers = flateLayers(dictionary, in: p)
                    let inflated = layers == 0 ? end - start : inflatedSize(p, start..<end, layers: layers, budget: budget)
                    budget -= min(budget, inflated)
                    if budget == 0 {
                        throw InputError(code: "too_large", message: "the PDF's streams inflate to more than \(maxInflatedBytes) bytes (a compression bomb?)")
                    }
                }
                i = max(i, end)
            }
        }
    }

    // MARK: the stream's dictionary

    private static let streamKeyword = Array("stream".utf8)
    private static let endstreamKeyword = Array("endstream".utf8)
    private static let objKeyword = Array("obj".utf8)
    private static let filterKey = Array("/Filter".utf8)
    private static let subtypeKey = Array("/Subtype".utf8)
    private static let widthKey = Array("/Width".utf8)
    private static let heightKey = Array("/Height".utf8)
    private static let imageName = Array("/Image".utf8)
    private static let flateName = Array("/FlateDecode".utf8)
    private static let flateShortName = Array("/Fl".utf8)

    /// The bytes between the object's "obj" and its "stream" keyword (at most 16 KiB back).
    private static func dictionaryBefore(_ k: Int, in p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let floor = max(0, k - 16 << 10)
        var j = k - objKeyword.count
        while j >= floor {
            if p[j] == 0x6F && p[j + 1] == 0x62 && p[j + 2] == 0x6A { return (j + 3)..<k }
            j -= 1
        }
        return floor..<k
    }

    private static func isImage(_ d: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let s = find(subtypeKey, in: p, range: d) else { return false }
        let v = skipSpace(p, s + subtypeKey.count, d.upperBound)
        return matches(imageName, in: p, at: v, limit: d.upperBound) && (v + imageName.count == d.upperBound || !isRegular(p[v + imageName.count]))
    }

    /// How many Flate filters lead the stream's filter chain (0 if the first is another filter).
    private static func flateLayers(_ d: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Int {
        guard let f = find(filterKey, in: p, range: d) else { return 0 }
        var j = skipSpace(p, f + filterKey.count, d.upperBound)
        let inArray = j < d.upperBound && p[j] == 0x5B
        if inArray { j += 1 }
        var layers = 0
        while true {
            j = skipSpace(p, j, d.upperBound)
            let name: [UInt8]
            if matches(flateName, in: p, at: j, limit: d.upperBound) { name = flateName }
            else if matches(flateShortName, in: p, at: j, limit: d.upperBound) { name = flateShortName }
            else { return layers }
            if j + name.count < d.upperBound && isRegular(p[j + name.count]) { return layers }
            layers += 1
            j += name.count
            if !inArray { return layers }
        }
    }

    private static func integer(after key: [UInt8], in d: Range<Int>, _ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let k = find(key, in: p, range: d) else { return nil }
        var j = skipSpace(p, k + key.count, d.upperBound)
        var value = 0, digits = 0
        while j < d.upperBound, p[j] >= 0x30, p[j] <= 0x39, digits < 12 {
            value = value * 10 + Int(p[j] - 0x30); digits += 1; j += 1
        }
        // "12 0 R" is a reference to the number, not the number.
        let after = skipSpace(p, j, d.upperBound)
        if after < d.upperBound, p[after] >= 0x30, p[after] <= 0x39 { return nil }
        return digits > 0 ? value : nil
    }

    // MARK: inflating

    /// Bytes the stream inflates to through `layers` Flate filters, stopping past `budget`.
    private static func inflatedSize(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, layers: Int, budget: Int) -> Int {
        var input = Array(p[range])
        var size = 0
        for layer in 1...layers {
            let last = layer == layers
            let (count, output) = inflate(input, budget: budget, keep: !last)
            size = count
            if count > budget { break }
            input = output
        }
        return size
    }

    /// Inflates zlib data, counting its output (kept only with `keep`). Stops at the first
    /// error (poppler stops there too) or once the count passes `budget`.
    private static func inflate(_ data: [UInt8], budget: Int, keep: Bool) -> (count: Int, output: [UInt8]) {
        var z = z_stream()
        guard inflateInit_(&z, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return (0, []) }
        defer { inflateEnd(&z) }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var total = 0
        var kept: [UInt8] = []
        data.withUnsafeBufferPointer { input in
            z.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            z.avail_in = UInt32(input.count)
            chunk.withUnsafeMutableBufferPointer { out in
                while true {
                    z.next_out = out.baseAddress
                    z.avail_out = UInt32(out.count)
                    let status = CSystemZlib.inflate(&z, Z_NO_FLUSH)
                    let produced = out.count - Int(z.avail_out)
                    total += produced
                    if keep { kept.append(contentsOf: out[0..<produced]) }
                    if status != Z_OK || total > budget || (produced == 0 && z.avail_in == 0) { return }
                }
            }
        }
        return (total, kept)
    }

    // MARK: bytes

    private static func find(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        find(needle, in: p, range: from..<p.count)
    }

    private static func find(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        let first = needle[0]
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if p[i] == first && matches(needle, in: p, at: i, limit: range.upperBound) { return i }
            i += 1
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> Bool {
        if i < 0 || i + needle.count > limit { return false }
        for k in 0..<needle.count where p[i + k] != needle[k] { return false }
        return true
    }

    private static func skipSpace(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ limit: Int) -> Int {
        var j = from
        while j < limit, p[j] == 0x20 || p[j] == 0x0A || p[j] == 0x0D || p[j] == 0x09 || p[j] == 0x0C || p[j] == 0 { j += 1 }
        return j
    }

    /// A PDF regular character: not white space and not a delimiter.
    private static func isRegular(_ c: UInt8) -> Bool {
        switch c {
        case 0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: return false
        default: return true
        }
    }
}
