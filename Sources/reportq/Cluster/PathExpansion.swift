import ArgumentParser
import Foundation
import Glibc

/// The files named on a command line: files as given, directories recursively (hidden entries
/// skipped, sorted), glob patterns the shell left alone ("data/*.txt"), and `-` for a list of
/// paths on stdin, one per line.
func expandPaths(_ arguments: [String]) throws -> [String] {
    var files: [String] = []
    for argument in arguments {
        if argument == "-" {
            while let line = readLine() {
                let path = line.trimmingCharacters(in: .whitespaces)
                if !path.isEmpty { files += try expandPaths([path]) }
            }
            continue
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            files += isDirectory.boolValue ? walk(argument) : [argument]
        } else if argument.contains(where: { "*?[".contains($0) }) {
            let matches = glob(argument)
            guard !matches.isEmpty else { throw ValidationError("no file matches \(argument)") }
            files += try expandPaths(matches)
        } else {
            throw ValidationError("no such file or directory: \(argument)")
        }
    }
    return files
}

private func walk(_ directory: String) -> [String] {
    let base = URL(fileURLWithPath: directory)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                      options: [.skipsHiddenFiles]) else { return [] }
    var found: [String] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        found.append(url.path)
    }
    return found.sorted()
}

private func glob(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
    return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
}
