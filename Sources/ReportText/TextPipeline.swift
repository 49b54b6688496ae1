// decode → clean → normalize script → structure, on one file's bytes.

public enum TextPipeline {
    public static func process(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws -> StructuredText {
        let decoded = try InputDecoder.decode(bytes, options: options)
        var scalars = CharacterNormalizer.normalize(decoded.utf8)
        if !scalars.contains(where: Scalar.isIdeograph) {
            throw InputError(code: "no_text", message: "the file holds no Chinese text")
        }
        // Script conversion before line cleaning, so chrome and headings are matched in
        // Simplified only; pinyin glosses are already gone so OpenCC sees whole phrases.
        let traditional = ScriptConverter.isTraditional(scalars)
        if traditional { scalars = ScriptConverter.toSimplified(scalars) }
        let cleaned = LineCleaner.clean(scalars)
        if !cleaned.paragraphs.contains(where: { $0.contains(where: Scalar.isIdeograph) }) {
            throw InputError(code: "no_text", message: "no Chinese text was found after cleaning")
        }
        let source = SourceInfo(encoding: decoded.encoding, format: decoded.format,
                                script: traditional ? "traditional" : "simplified", bytes: bytes.count,
                                pages: decoded.pages)
        return Structurer.structure(cleaned, source: source)
    }

    /// Text that is already clean (tests, tools): its non-empty lines as paragraphs, structured
    /// like a file's, without decoding, cleaning or script conversion.
    public static func structure(plainText: String) -> StructuredText {
        var paragraphs: [[UInt32]] = []
        for line in plainText.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var s = Array(line.unicodeScalars.map(\.value))
            while let l = s.last, Scalar.isSpace(l) { s.removeLast() }
            while let f = s.first, Scalar.isSpace(f) { s.removeFirst() }
            if !s.isEmpty { paragraphs.append(s) }
        }
        let source = SourceInfo(encoding: "utf-8", format: "text", script: "simplified", bytes: plainText.utf8.count)
        return Structurer.structure(CleanedText(paragraphs: paragraphs, metadata: [:]), source: source)
    }
}
