// `reportq eval --gold GOLD.json OUT.jsonl [--verbose] [--json]`: scores extraction output
// against the hand-made gold (matching rules: Sources/ReportExtraction/Evaluation.swift).
// With `--run`, the positional paths are report files/directories run in-process instead.
import ArgumentParser
import Foundation
import ReportExtraction
import ReportText
#if canImport(Glibc)
import Glibc
#endif

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction output (JSON Lines from `reportq extract`) against gold annotations.")

    @Option(name: .long, help: "Gold annotations (a JSON array, see protocols/targets.md).")
    var gold: String

    @Argument(help: "Output JSON Lines files (or, with --run, report files/directories).")
    var inputs: [String]

    @Flag(name: .customLong("run"), help: "Run the pipeline in-process on the given report files instead of reading JSON Lines.")
    var runPipeline = false

    @Flag(name: .long, help: "With --run: print the CPU time spent in the text pipeline and in extraction (to stderr).")
    var timing = false

    @Flag(name: .shortAndLong, help: "Per-file breakdown: field differences, missed and extra targets.")
    var verbose = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        guard let goldData = FileManager.default.contents(atPath: gold) else { throw ValidationError("cannot read \(gold)") }
        let goldRecords: [GoldRecord]
        do { goldRecords = try JSONDecoder().decode([GoldRecord].self, from: goldData) }
        catch { throw ValidationError("gold \(gold) is not a valid gold file: \(error)") }

        var predicted: [PredictedRecord] = []
        if runPipeline {
            var bytes = 0
            var textTime = 0.0, extractTime = 0.0
            for file in try expandPaths(inputs, missing: .keep) {
                guard case .success(let data) = InputFile.read(file) else { continue }
                let name = fileName(of: file)
                let t0 = Self.cpuSeconds()
                guard let st = try? TextPipeline.process(data) else { continue }
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
        } else {
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
        }
        let report = Evaluator.evaluate(gold: goldRecords, predicted: predicted)
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var out = report
            if !verbose { out.perFile = [] }
            print(String(decoding: try enc.encode(out), as: UTF8.self))
            return
        }
        print(Self.format(report, verbose: verbose))
    }

    /// This thread's CPU time: stable when other processes share the machine.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

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
