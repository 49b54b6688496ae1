// Decode: raw file bytes → valid UTF-8 text, by content (BOM, PDF/ZIP/OLE2 signatures,
// strict UTF-8 check, GB18030 fallback), never by file name. HTML, .docx, PDF and legacy
// .doc are reduced to text.

public struct DecodedText: Sendable {
    public var utf8: [UInt8]      // valid UTF-8, BOM removed
    public var encoding: String   // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030", or "utf-8-repaired"
                                  // (UTF-8 with a few corrupt bytes dropped)
    public var format: String     // "text", "html", "docx", "pdf", "pdf-ocr" (some pages read by OCR), "doc"
    public var pages: PageStats?  // PDFs only
}

/// What the decoder may do beyond reading text.
public struct DecodeOptions: Sendable {
    /// Read PDF pages that have no text layer (scans) by OCR; slow, seconds a page.
    public var ocr = false
    public init(ocr: Bool = false) { self.ocr = ocr }
}

public enum InputDecoder {
    /// Larger inputs are refused: a report is well under a megabyte, and the pipeline
    /// keeps a few copies of the text in memory.
    public static let maxBytes = 64 << 20

    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws -> DecodedText {
        if bytes.isEmpty { throw InputError(code: "empty", message: "the file is empty") }
        if bytes.count > maxBytes {
            throw InputError(code: "too_large", message: "the file has \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return DecodedText(utf8: try DocxReader.text(bytes), encoding: "utf-8", format: "docx")
        }
        if bytes.starts(with: pdfSignature) {
            let (utf8, pages) = try PDFReader.text(bytes, ocr: options.ocr)
            return DecodedText(utf8: utf8, encoding: "utf-8", format: pages.ocrPages > 0 ? "pdf-ocr" : "pdf", pages: pages)
        }
        if bytes.starts(with: DocReader.signature) {
            return DecodedText(utf8: try DocReader.text(bytes), encoding: "utf-8", format: "doc")
        }
        var (utf8, encoding) = try decodeText(bytes)
        if looksBinary(utf8) {
            throw InputError(code: "binary", message: "the file holds control bytes; it is not text")
        }
        var format = "text"
        if HTMLStripper.looksLikeHTML(utf8) {
            utf8 = HTMLStripper.strip(utf8)
            format = "html"
        }
        return DecodedText(utf8: utf8, encoding: encoding, format: format)
    }

    static let pdfSignature = Array("%PDF-".utf8)

    /// The character set layer: BOMs, UTF-16, strict UTF-8, then GB18030.
    static func decodeText(_ b: [UInt8]) throws -> ([UInt8], String) {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let n = UTF8Validation.validLength(b, from: 3) else {
                throw InputError(code: "undecodable", message: "the file starts with a UTF-8 BOM but is not valid UTF-8")
            }
            return (Array(b[3..<n]), "utf-8-bom")
        }
        if b.starts(with: [0xFF, 0xFE]) { return (UTF16.toUTF8(b, from: 2, littleEndian: true), "utf-16le") }
        if b.starts(with: [0xFE, 0xFF]) { return (UTF16.toUTF8(b, from: 2, littleEndian: false), "utf-16be") }
        if let sig = binarySignature(b) {
            throw InputError(code: "binary", message: "the file is \(sig), not text")
        }
        let utf8Length = UTF8Validation.validLength(b)
        if let le = UTF16.guessWithoutBOM(b) ?? (utf8Length == nil ? UTF16.guessChineseWithoutBOM(b) : nil) {
            return (UTF16.toUTF8(b, from: 0, littleEndian: le), le ? "utf-16le" : "utf-16be")
        }
        if b.contains(0) { throw InputError(code: "binary", message: "the file holds NUL bytes; it is not text") }
        if let n = utf8Length {
            return (n == b.count ? b : Array(b[..<n]), "utf-8")
        }
        if let u = GB18030.toUTF8(b), mostlyChinese(u) { return (u, "gb18030") }
        if let u = UTF8Validation.repaired(b), mostlyChinese(u) { return (u, "utf-8-repaired") }
        throw InputError(code: "undecodable",
                         message: "the bytes are neither UTF-8, UTF-16 with a BOM, nor GB18030 Chinese text")
    }

    private static func binarySignature(_ b: [UInt8]) -> String? {
        let sigs: [([UInt8], String)] = [
            (Array("%PDF".utf8), "a PDF document without a version"), ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
            (Array("GIF8".utf8), "a GIF image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            ([0x1F, 0x8B], "gzip-compressed"), ([0x7F, 0x45, 0x4C, 0x46], "an ELF binary"),
            (Array("Rar!".utf8), "a RAR archive"), ([0x50, 0x4B, 0x05, 0x06], "an empty ZIP archive"),
            ([0xD0, 0xCF, 0x11, 0xE0], "a damaged old binary Office document"),
            ([0x37, 0x7A, 0xBC, 0xAF], "a 7z archive"),
        ]
        for (s, name) in sigs where b.starts(with: s) { return name }
        return nil
    }

    /// Accept a GB18030 reading only if its non-ASCII characters are mostly Chinese:
    /// random bytes can decode without error but then give rare symbols and Hangul.
    static func mostlyChinese(_ u: [UInt8]) -> Bool {
        let s = UTF8In.scalars(u.count > 1 << 20 ? Array(u[..<(1 << 20)]) : u)
        var nonASCII = 0, chinese = 0
        for c in s where c >= 0x80 {
            nonASCII += 1
            if Scalar.isCJK(c) { chinese += 1 }
        }
        return nonASCII > 0 && chinese * 10 >= nonASCII * 8
    }

    /// Text with many C0 control characters (other than tab, newline, CR, FF, VT) is binary.
    static func looksBinary(_ u: [UInt8]) -> Bool {
        let n = min(u.count, 1 << 16)
        // Bit c set: control byte c counts against the text (tab, LF, VT, FF, CR, ESC do not).
        let counted: UInt32 = ~(1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D | 1 << 0x1B)
        return u.withUnsafeBufferPointer { p -> Bool in
            var controls = 0
            for i in 0..<n {
                let c = p[i]
                if c < 0x20 {
                    if c == 0 { return true }
                    controls += Int((counted >> UInt32(c)) & 1)
                }
            }
            return controls * 100 > n   // more than 1%
        }
    }
}

enum UTF16 {
    /// Decodes UTF-16 to UTF-8; lone surrogates become U+FFFD, an odd trailing byte is dropped.
    static func toUTF8(_ b: [UInt8], from start: Int, littleEndian: Bool) -> [UInt8] {
        var out = [UInt8](); out.reserveCapacity(b.count * 3 / 2)
        var i = start
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            littleEndian ? UInt32(b[k]) | UInt32(b[k + 1]) << 8 : UInt32(b[k]) << 8 | UInt32(b[k + 1])
        }
        while i + 1 < b.count {
            let u = unit(i); i += 2
            if u >= 0xD800 && u <= 0xDBFF {
                if i + 1 < b.count {
                    let v = unit(i)
                    if v >= 0xDC00 && v <= 0xDFFF {
                        i += 2
                        UTF8Out.append(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), to: &out); continue
                    }
                }
                UTF8Out.append(0xFFFD, to: &out)
            } else if u >= 0xDC00 && u <= 0xDFFF {
                UTF8Out.append(0xFFFD, to: &out)
            } else if u == 0xFEFF && out.isEmpty {
                continue
            } else {
                UTF8Out.append(u, to: &out)
            }
        }
        return out
    }

    /// Chinese UTF-16 without a BOM and without ASCII has no zero bytes; read as 16-bit
    /// units, nearly all of them are then ideographs, CJK punctuation or line ends. Bytes
    /// in GB18030 or UTF-8 read that way give far fewer.
    static func guessChineseWithoutBOM(_ b: [UInt8]) -> Bool? {
        let n = min(b.count, 8192) & ~1
        if n < 32 { return nil }
        func score(_ le: Bool) -> Int {
            var good = 0, k = 0
            while k < n {
                let u = le ? UInt32(b[k]) | UInt32(b[k + 1]) << 8 : UInt32(b[k]) << 8 | UInt32(b[k + 1])
                if Scalar.isIdeograph(u) || Scalar.isCJKPunct(u) || u == 0x0A || u == 0x0D || (u >= 0x20 && u < 0x7F) { good += 1 }
                k += 2
            }
            return good
        }
        let units = n / 2
        let le = score(true), be = score(false)
        if le * 100 >= units * 95 && le > be { return true }
        if be * 100 >= units * 95 && be > le { return false }
        return nil
    }

    /// UTF-16 without a BOM: ASCII-range characters leave a zero in every other byte,
    /// and Chinese text in UTF-16 has no zero bytes but shows as CJK units. Only the
    /// clear case (many zeros on one side, none on the other) is taken.
    static func guessWithoutBOM(_ b: [UInt8]) -> Bool? {
        let n = min(b.count, 4096) & ~1
        if n < 4 { return nil }
        var zeroEven = 0, zeroOdd = 0
        var k = 0
        while k < n { if b[k] == 0 { zeroEven += 1 }; if b[k + 1] == 0 { zeroOdd += 1 }; k += 2 }
        let pairs = n / 2
        if zeroOdd * 5 >= pairs && zeroEven * 50 < pairs { return true }
        if zeroEven * 5 >= pairs && zeroOdd * 50 < pairs { return false }
        return nil
    }
}
