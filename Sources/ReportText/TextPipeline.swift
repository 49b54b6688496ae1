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
}
