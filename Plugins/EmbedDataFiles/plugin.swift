import Foundation
import PackagePlugin

/// Puts protocols/record.schema.json into the target it is applied to, as `RecordSchema.text`:
/// the schema stays the one definition of a record's fields, and the code that checks field paths
/// against it (`reportq tail --where`, `--fields`) reads it, not a copy that could drift.
@main
struct EmbedRecordSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let schema = context.package.directoryURL.appending(path: "protocols/record.schema.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "RecordSchemaText.swift")
        return [.buildCommand(
            displayName: "Embedding protocols/record.schema.json",
            executable: try context.tool(named: "FileEmbedder").url,
            arguments: [schema.path(), output.path(), "RecordSchema", "text"],
            inputFiles: [schema],
            outputFiles: [output])]
    }
}
