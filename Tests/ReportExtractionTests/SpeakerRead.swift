@testable import ReportExtraction

/// What `DocumentInfoExtractor.speaker` reads in one head line, as "name/title" (and "/prefix":
/// the text before the title, with `prefix`); nil when it finds no speaker.
func speakerRead(_ line: String, prefix: Bool = true) -> String? {
    DocumentInfoExtractor.speaker(in: squeezeSpaces(sc(line))).map {
        "\($0.0.name)/\($0.0.title)" + (prefix ? "/\($0.1.string)" : "")
    }
}
