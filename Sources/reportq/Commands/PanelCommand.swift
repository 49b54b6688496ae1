// `reportq panel RESULTS.jsonl… -o DIR`: the records as a panel (Sources/Panel, docs/PANEL.md):
// documents.csv, targets.csv, indicators.csv, target_vs_actual.csv, panel.sqlite and report.html.
// Reads the output of `extract`, `run` or a cluster's aggregator, also while it is being written
// (a last line without its newline yet is left for the next call).
import ArgumentParser
import Foundation
import Panel

struct PanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "Turn JSON Lines records into a panel: CSV tables, an SQLite file and a page of charts.",
        discussion: """
            Writes into DIR: documents.csv (one row per record, with the GB/T 2260 region code and duplicate_of),
            targets.csv, indicators.csv (review-year results), target_vs_actual.csv (each region, year and
            indicator code: the target set for the year against the result the next report gives, and met),
            panel.sqlite (the same tables with keys, indexes and views) and report.html (open it in a browser).
            Columns and rules: docs/PANEL.md.
            Exit status: 0 written; 1 written, but some lines were not records (named on stderr); 2 not written.
            """)

    @Argument(help: "JSON Lines files of records, or directories of them (their *.jsonl files).")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The folder to write the panel into (created if missing; its panel files are replaced).")
    var output: String

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        var reading = PanelReading()
        for file in try files() {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("cannot read \(file)")
                throw BatchExit.couldNotFinish.exitCode
            }
            reading.add([UInt8](data), from: file)
        }
        let panel = Panel(records: reading.records)
        do { try PanelOutput.write(panel, to: output) } catch {
            printError("cannot write the panel into \(output): \(error)")
            throw BatchExit.couldNotFinish.exitCode
        }
        for s in reading.skipped.prefix(20) { printError("skipped \(s)") }
        if reading.skipped.count > 20 { printError("… and \(reading.skipped.count - 20) more lines that are not records") }
        for l in reading.incompleteLastLines { printError("left out \(l): the last line has no newline yet (still being written?)") }
        let s = PanelSummary(panel)
        if json {
            let object: [String: Any] = [
                "output": output, "documents": s.documents, "errors": s.errors, "duplicates": s.duplicates, "regions": s.regions,
                "targets": s.targets, "numeric_targets": s.numericTargets, "coded_numeric_targets": s.codedNumericTargets,
                "indicators": s.indicators, "target_vs_actual_rows": s.outcomeRows, "compared": s.compared, "met": s.met,
                "missed": s.missed, "gdp_pairs": s.gdpPairs, "skipped_lines": reading.skipped.count,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let coded = s.numericTargets == 0 ? 0 : Double(s.codedNumericTargets) / Double(s.numericTargets) * 100
            print("""
                panel: \(s.documents) documents (\(s.errors) errors, \(s.duplicates) duplicates) from \(s.regions) regions
                  targets \(s.targets) (\(s.numericTargets) numeric, \(String(format: "%.1f", coded)) % with a code), results \(s.indicators)
                  target vs actual: \(s.outcomeRows) rows, \(s.compared) compared (\(s.met) met, \(s.missed) missed), \(s.gdpPairs) GDP growth pairs
                  written to \(output)/: \(PanelFile.allCases.map(\.rawValue).joined(separator: ", "))
                """)
        }
        if !reading.skipped.isEmpty { throw BatchExit.filesFailed.exitCode }
    }

    /// The inputs, a directory standing for its *.jsonl files in name order.
    func files() throws -> [String] {
        var out: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ValidationError("\(input): no such file or directory")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                out += names.filter { $0.hasSuffix(".jsonl") }.sorted().map { (input as NSString).appendingPathComponent($0) }
            } else {
                out.append(input)
            }
        }
        return out
    }
}
