import Foundation
import PackagePlugin

/// Puts a data file of the package into the target it is applied to, as a static string: the file
/// stays the one definition, and the binary carries it (no resource bundle to ship beside it).
///   JobContract: protocols/record.schema.json as `RecordSchema.text`, so the code that checks field
///                paths (`reportq tail --where`, `--fields`) reads the schema, not a copy that could drift;
///   Panel:       data/region-codes.tsv as `RegionCodes.table` (GB/T 2260 codes, scripts/region-codes.py).
@main
struct EmbedDataFiles: BuildToolPlugin {
    static let files: [String: (path: String, type: String, member: String)] = [
        "JobContract": ("protocols/record.schema.json", "RecordSchema", "text"),
        "Panel": ("data/region-codes.tsv", "RegionCodes", "table"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let file = Self.files[target.name] else { return [] }
        let input = context.package.directoryURL.appending(path: file.path)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(file.type)Embedded.swift")
        return [.buildCommand(
            displayName: "Embedding \(file.path)",
            executable: try context.tool(named: "FileEmbedder").url,
            arguments: [input.path(), output.path(), file.type, file.member],
            inputFiles: [input],
            outputFiles: [output])]
    }
}
