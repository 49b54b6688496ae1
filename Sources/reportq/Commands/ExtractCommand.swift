// `reportq extract FILE… [-o out.jsonl] [--text]`: the pipeline in-process, one JSON line
// per file (paths expand as for `push`). Bad or missing files become error lines; the exit status
// says whether any did (BatchExit), and a summary on stderr names them.
import ArgumentParser
import Foundation
import JobContract
import ReportKit

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Run the text pipeline in-process and print one JSON record per file.",
        discussion: "Exit status: 0 every file gave an ok line; 1 some file gave an error line (named on stderr with its code); 2 the output could not be written.")

    @Argument(help: "Files, directories, glob patterns, or - for paths on stdin; one that names nothing becomes an error line.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Write the JSON lines to this file instead of stdout.")
    var output: String?

    @Flag(name: .long, help: "Include the cleaned text in each record.")
    var text = false

    @Flag(name: .long, help: "Include each sentence's tokens (jieba accurate mode) in the record.")
    var tokens = false

    @Option(name: .long, help: "How many TF-IDF keywords to keep per report.")
    var keywords = 20

    @Flag(name: .long, help: "Skip word segmentation: no keywords, token counts or term counts.")
    var noWords = false

    @Option(name: .long, help: "A file of terms, one per line, to count per document and per section.")
    var terms: String?

    @Flag(name: .long, help: "Read PDF pages without a text layer (scans) by OCR (tesseract, chi_sim): seconds a page.")
    var ocr = false

    @Flag(name: .long, help: "Include the pipeline's timings (stats.ms): records then differ from run to run.")
    var timings = false

    @Option(name: .long, help: "Which fields each ok record carries: full (everything), panel (document, title_block, targets, indicators, stats: no word segmentation, sentences or quantities), meta (document, title_block, stats).")
    var profile: RecordProfile = .full

    func validate() throws {
        if profile != .full && (tokens || terms != nil) {
            throw ValidationError("--tokens and --terms need --profile full (the \(profile.rawValue) profile has no sentences or words)")
        }
    }

    func run() throws {
        var options = PipelineOptions()
        options.profile = profile
        options.includeText = text
        options.includeTokens = tokens
        options.keywordCount = max(0, keywords)
        options.segmentWords = !noWords
        options.ocr = ocr
        options.includeTimings = timings
        if let terms { options.terms = try Self.readTerms(terms) }
        let sink: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                  let h = FileHandle(forWritingAtPath: output) else {
                printError("cannot write \(output)")
                throw BatchExit.couldNotFinish.exitCode
            }
            sink = h
        } else {
            sink = FileHandle.standardOutput
        }
        defer { if output != nil { try? sink.close() } }
        var buffer = [UInt8]()
        var jobNumber = 0
        var outcome = BatchOutcome()
        let started = Date()
        for input in try expandPaths(paths, missing: .keep) {
            jobNumber += 1
            let file = input.path
            let name = file.lastComponent
            let line: [UInt8]
            switch InputFile.read(input, limit: ReportPipeline.maxInputBytes) {
            case .success(let bytes):
                line = ReportPipeline.record(jobID: "local-\(jobNumber)", fileName: name.text, nameBase64: name.base64UnlessUTF8,
                                             path: file.text, bytes: bytes, options: options)
            case .failure(.tooLarge(let size)):
                // Refused before reading: the pipeline would refuse it anyway.
                line = Self.errorLine(job: jobNumber, name: name, path: file, bytes: size, .tooLarge, "the file has \(size) bytes; the limit is \(ReportPipeline.maxInputBytes)")
            case .failure(.unreadable(let code)):
                line = Self.errorLine(job: jobNumber, name: name, path: file, bytes: 0, .unreadable, "cannot read \(file.escaped): \(String(cString: strerror(code)))")
            case .failure(.notAFile(let problem)):
                line = Self.errorLine(job: jobNumber, name: name, path: file, bytes: 0, .unreadable, "\(file.escaped): \(problem)")
            }
            line.withUnsafeBytes { outcome.record(line: $0, path: file.escaped) }
            buffer.append(contentsOf: line)
            buffer.append(0x0A)
            if buffer.count > 1 << 20 { sink.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
        }
        if !buffer.isEmpty { sink.write(Data(buffer)) }
        outcome.printSummary(what: output.map { " → \($0)" } ?? "", seconds: Date().timeIntervalSince(started))
        if outcome.exit != .allOK { throw outcome.exit.exitCode }
    }

    /// One term per line; blank lines and "#" comments skipped, duplicates dropped (order kept).
    static func readTerms(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read the term list \(path) as UTF-8")
        }
        var seen = Set<String>(), out: [String] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let term = line.trimmingCharacters(in: .whitespaces)
            if term.isEmpty || term.hasPrefix("#") || !seen.insert(term).inserted { continue }
            out.append(term)
        }
        return out
    }

    static func errorLine(job: Int, name: LocalPath, path: LocalPath, bytes: Int, _ code: ErrorCode, _ message: String) -> [UInt8] {
        let source = RecordSource(name: name.text, nameBase64: name.base64UnlessUTF8, path: path.text, bytes: bytes)
        return RecordEnvelope(jobID: "local-\(job)", source: source, outcome: .error(RecordError(code, message))).line()
    }
}

extension RecordProfile: ExpressibleByArgument {}
