import ArgumentParser
import Foundation
import Glibc

/// What a path that names nothing becomes.
enum MissingPath {
    /// An error before anything starts: `push` and `run` queue nothing rather than part of a list.
    case refuse
    /// Kept as given: `extract` writes an error line for it, in its place among the others.
    case keep
}

/// The files named on a command line: files as given, directories recursively (hidden entries
/// skipped, sorted), glob patterns the shell left alone ("data/*.txt"), and `-` for a list of
/// paths on stdin, one per line.
func expandPaths(_ arguments: [String], missing: MissingPath = .refuse) throws -> [String] {
    var files: [String] = []
    for argument in arguments {
        if argument == "-" {
            while let line = readLine() {
                let path = line.trimmingCharacters(in: .whitespaces)
                if !path.isEmpty { files += try expandPaths([path], missing: missing) }
            }
            continue
        }
        var isDirectory: ObjCBool = false
        let isPattern = argument.contains(where: { "*?[".contains($0) })
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            files += isDirectory.boolValue ? walk(argument) : [argument]
        } else if isPattern, case let matches = glob(argument), !matches.isEmpty {
            files += try expandPaths(matches, missing: missing)
        } else if missing == .keep {
            files.append(argument)
        } else {
            throw ValidationError(isPattern ? "no file matches \(argument)" : "no such file or directory: \(argument)")
        }
    }
    return files
}

/// Regular files under `directory`, recursively, sorted; hidden entries (".name") skipped, links to
/// files followed, links to directories not (no cycles). POSIX readdir with its d_type: Foundation's
/// enumerator with URL resource values cost ~340k instructions per file (`push` of a big tree).
func walk(_ directory: String) -> [String] {
    var found: [String] = []
    var pending = [directory]
    while let dir = pending.popLast() {
        guard let stream = opendir(dir) else { continue }
        defer { closedir(stream) }
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): found.append(path)
            case Int32(DT_DIR): pending.append(path)
            default:
                var info = stat()
                if entry.pointee.d_type == DT_UNKNOWN, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                    found.append(path)
                }
            }
        }
    }
    return found.sorted()
}

private func glob(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
    return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
}

/// The last component of a file path ("a/b/report.txt" → "report.txt"), the job's name.
/// On the UTF-8 bytes: NSString's lastPathComponent costs ~27k instructions a call.
func fileName(of path: String) -> String {
    var utf8 = Substring(path).utf8
    while utf8.count > 1, utf8.last == UInt8(ascii: "/") { utf8 = utf8.dropLast() }
    guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")), utf8.count > 1 else { return String(utf8) ?? path }
    return String(utf8[utf8.index(after: slash)...]) ?? path
}
