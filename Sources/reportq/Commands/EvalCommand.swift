// `reportq eval --gold GOLD.json OUT.jsonl [--verbose] [--json]`: scores extraction output
// against the hand-made gold (matching rules: Sources/ExtractionScoring/GoldScoring.swift);
// `reportq eval --labels labels.tsv OUT.jsonl`: consistency with a collection's labels
// (Sources/ExtractionScoring/LabelConsistency.swift).
// With `--run`, the positional paths are report files/directories run in-process instead.
import ArgumentParser
import Foundation
import ReportExtraction
import ExtractionScoring
import ReportText
#if canImport(Glibc)
import Glibc
#endif

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction output (JSON Lines from `reportq extract`) against gold annotations or collection labels.",
        discussion: """
            --gold scores every field and target against hand-made gold (protocols/targets.md).
            --labels checks consistency with a labels.tsv (name, level, region, year): region, level,
            plan year in {year, year+1}, review year = plan year - 1, and a GDP growth target (or a
            stated "no target") for reports from 2000 on.
            """)

    @Option(name: .long, help: "Gold annotations (a JSON array, see protocols/targets.md).")
    var gold: String?

    @Option(name: .long, help: "A labels.tsv with columns name, level, region, year (as ../shared/wild/labels.tsv).")
    var labels: String?

    @Argument(help: "Output JSON Lines files (or, with --run, report files/directories).")
    var inputs: [String]

    @Flag(name: .customLong("run"), help: "Run the pipeline in-process on the given report files instead of reading JSON Lines.")
    var runPipeline = false

    @Flag(name: .long, help: "With --run: print the CPU time spent in the text pipeline and in extraction (to stderr).")
    var timing = false

    @Flag(name: .shortAndLong, help: "Per-file breakdown: field differences, missed and extra targets; with --labels, the files failing each check.")
    var verbose = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if (gold == nil) == (labels == nil) { throw ValidationError("give exactly one of --gold and --labels") }
    }

    func run() throws {
        let predicted = try readPredictions()
        if let labels {
            guard let text = try? String(contentsOfFile: labels, encoding: .utf8) else { throw ValidationError("cannot read \(labels)") }
            let rows: [ReportLabel]
            do { rows = try ReportLabel.parse(tsv: text) } catch { throw ValidationError("\(labels): \(error)") }
            let report = ConsistencyScorer.evaluate(labels: rows, predicted: predicted)
            if json { try printJSON(report) } else { print(Self.format(report, verbose: verbose)) }
            return
        }
        guard let gold, let goldData = FileManager.default.contents(atPath: gold) else { throw ValidationError("cannot read \(gold ?? "")") }
        let goldRecords: [GoldRecord]
        do { goldRecords = try JSONDecoder().decode([GoldRecord].self, from: goldData) }
        catch { throw ValidationError("gold \(gold) is not a valid gold file: \(error)") }
        var report = Evaluator.evaluate(gold: goldRecords, predicted: predicted)
        if json {
            if !verbose { report.perFile = [] }
            try printJSON(report)
            return
        }
        print(Self.format(report, verbose: verbose))
    }

    private func printJSON<T: Encodable>(_ value: T) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try enc.encode(value), as: UTF8.self))
    }

    /// The records to score: read from JSON Lines, or made in-process with --run.
    private func readPredictions() throws -> [PredictedRecord] {
        var predicted: [PredictedRecord] = []
        if runPipeline {
            var bytes = 0
            var textTime = 0.0, extractTime = 0.0
            for file in try expandPaths(inputs, missing: .keep) {
                guard case .success(let data) = InputFile.read(file) else { continue }
                let name = file.path.lastComponent.text
                let t0 = Self.cpuSeconds()
                guard let st = try? TextPipeline.process(data) else {
                    predicted.append(PredictedRecord(errorFor: name)); continue
                }
                let t1 = Self.cpuSeconds()
                let x = Extractor.extract(st)
                extractTime += Self.cpuSeconds() - t1; textTime += t1 - t0
                bytes += data.count
                predicted.append(PredictedRecord(name: name, extraction: x))
            }
            if timing {
                let mb = Double(bytes) / 1e6
                FileHandle.standardError.write(Data(String(format: "input %.1f MB  text pipeline %.3f s (%.1f MB/s)  extraction %.3f s (%.1f MB/s)\n",
                                                           mb, textTime, mb / max(textTime, 1e-9), extractTime, mb / max(extractTime, 1e-9)).utf8))
            }
            return predicted
        }
        let decoder = JSONDecoder()
        for path in inputs {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
            var lineNo = 0
            for line in data.split(separator: 0x0A) where !line.isEmpty {
                lineNo += 1
                do { predicted.append(try decoder.decode(PredictedRecord.self, from: Data(line))) }
                catch { FileHandle.standardError.write(Data("\(path):\(lineNo): skipped, not a record (\(error))\n".utf8)) }
            }
        }
        return predicted
    }

    /// This thread's CPU time: stable when other processes share the machine.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func format(_ r: ConsistencyReport, verbose: Bool) -> String {
        var s = "files: \(r.files)  error records: \(r.errorRecords.count)  no record: \(r.missingRecords.count)\n\n"
        for c in r.checks {
            let name = c.check.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            s += "  \(name) \(String(format: "%.3f", c.rate))  (\(c.passed)/\(c.total))"
            if c.check == .gdpGrowthTarget {
                s += "  reports from \(ConsistencyCheck.gdpTargetFromYear) on; \(r.notSetGDPTargets) say they set none"
            }
            s += "\n"
        }
        if verbose {
            if !r.errorRecords.isEmpty { s += "\n## error records\n" + r.errorRecords.map { "   \($0)\n" }.joined() }
            if !r.missingRecords.isEmpty { s += "\n## no record\n" + r.missingRecords.map { "   \($0)\n" }.joined() }
            for c in r.checks where !c.failures.isEmpty {
                s += "\n## \(c.check.rawValue): \(c.failures.count) failing\n"
                for f in c.failures { s += "   \(f.file)  expected \(f.expected)  got \(f.got)\n" }
            }
        }
        return s
    }

    static func format(_ r: EvalReport, verbose: Bool) -> String {
        var s = "files: \(r.files)"
        if !r.missingRecords.isEmpty { s += "  (no record for: \(r.missingRecords.joined(separator: ", ")))" }
        s += "\n\nmetadata (exact match)\n"
        for f in Evaluator.fieldNames { s += "  \(f.padding(toLength: 14, withPad: " ", startingAt: 0)) \(pct(r.fieldAccuracy[f] ?? 0))\n" }
        s += "\ntargets   precision \(pct(r.targetPrecision))  recall \(pct(r.targetRecall))  F1 \(String(format: "%.3f", r.targetF1))\n"
        s += "gdp target (value + qualifier)  \(pct(r.gdpTargetAccuracy))\n"
        s += "gdp_actual (value, unit, growth) \(pct(r.gdpActualAccuracy))\n"
        if verbose {
            for f in r.perFile {
                s += "\n## \(f.file)  targets \(f.targetsMatched)/\(f.targetsGold) matched, \(f.targetsPredicted) predicted"
                s += "  gdp_target=\(f.gdpTarget ? "ok" : "WRONG") gdp_actual=\(f.gdpActual ? "ok" : "WRONG")\n"
                for d in f.fieldDiffs { s += "   field   \(d)\n" }
                for m in f.missed { s += "   missed  \(m)\n" }
                for x in f.spurious { s += "   extra   \(x)\n" }
            }
        }
        return s
    }
}
