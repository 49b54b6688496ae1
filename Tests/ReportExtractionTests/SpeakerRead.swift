@testable import ReportExtraction

/// What `SpeakerReader.speaker` reads in one head line, as "name/title" (and "/prefix":
/// the text before the title, with `prefix`); nil when it finds no speaker.
func speakerRead(_ line: String, prefix: Bool = true) -> String? {
    SpeakerReader.speaker(in: squeezeSpaces(sc(line))).map {
        "\($0.speaker.name)/\($0.speaker.title ?? "null")" + (prefix ? "/\($0.prefix.string)" : "")
    }
}
