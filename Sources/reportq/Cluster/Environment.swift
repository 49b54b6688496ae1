import Foundation

/// Defaults from the environment: every option of the cluster commands reads REPORTQ_<NAME>
/// first (docs/ENVIRONMENT.md lists them). A command-line flag always wins.
enum Env {
    static func string(_ name: String, _ fallback: String) -> String {
        if let v = ProcessInfo.processInfo.environment[name], !v.isEmpty { return v }
        return fallback
    }

    static func int(_ name: String, _ fallback: Int) -> Int {
        optionalInt(name) ?? fallback
    }

    static func optionalInt(_ name: String) -> Int? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        guard let n = Int(v.trimmingCharacters(in: .whitespaces)) else {
            printError("ignoring \(name)=\(v): not an integer")
            return nil
        }
        return n
    }

    static func optionalString(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }

    static func flag(_ name: String) -> Bool {
        guard let v = ProcessInfo.processInfo.environment[name]?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(v)
    }

    /// Default broker endpoint for clients and workers.
    static var broker: String { string("REPORTQ_BROKER", "tcp://127.0.0.1:5555") }
}
