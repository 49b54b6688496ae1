import ArgumentParser
import Glibc

/// What a path that names nothing becomes.
enum MissingPath {
    /// An error before anything starts: `push` and `run` queue nothing rather than part of a list.
    case refuse
    /// Kept as given: `extract` writes an error line for it, in its place among the others.
    case keep
}

/// One entry of the expanded list: a file to read, or an entry of a folder that cannot be read
/// as one (a symbolic link loop, a broken link, a folder that cannot be listed, a FIFO…), with
/// why. Those get a line of their own: an error line from `extract`, a refusal from `push`/`run`.
struct InputPath: Equatable {
    let path: LocalPath
    /// Why it cannot be read (nil: a file, or a path kept as given).
    var problem: String?
}

/// The files named on a command line: files as given, directories recursively (hidden entries
/// skipped, sorted), glob patterns the shell left alone ("data/*.txt"), and `-` for a list of
/// paths on stdin, one per line. Paths stay bytes (LocalPath): names need not be UTF-8.
func expandPaths(_ arguments: [String], missing: MissingPath = .refuse) throws -> [InputPath] {
    try expandPaths(arguments.map { $0 == "-" ? nil : LocalPath(argument: $0) }, missing: missing)
}

/// `nil` stands for `-` (paths on stdin).
private func expandPaths(_ arguments: [LocalPath?], missing: MissingPath) throws -> [InputPath] {
    var files: [InputPath] = []
    for argument in arguments {
        guard let argument else {
            files += try expandPaths(standardInputLines().map { $0 }, missing: missing)
            continue
        }
        var info = stat()
        if argument.withCString({ stat($0, &info) }) == 0 {
            files += info.st_mode & S_IFMT == S_IFDIR ? walk(argument) : [InputPath(path: argument)]
        } else if argument.isPattern, case let matches = glob(argument), !matches.isEmpty {
            files += try expandPaths(matches, missing: missing)
        } else if missing == .keep {
            files.append(InputPath(path: argument))
        } else {
            throw ValidationError(argument.isPattern ? "no file matches \(argument.escaped)" : "no such file or directory: \(argument.escaped)")
        }
    }
    return files
}

/// Paths on stdin, one a line (surrounding spaces and a carriage return trimmed, empty lines
/// skipped), read as bytes.
private func standardInputLines() -> [LocalPath] {
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        data += chunk[..<n]
    }
    return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
        return trimmed.isEmpty ? nil : LocalPath(bytes: Array(trimmed))
    }
}

/// Regular files under `directory`, recursively, sorted; hidden entries (".name") skipped, links to
/// files followed, links to other directories not. An entry that cannot be read comes back with
/// its problem: a link loop (to itself, or to a folder that holds it), a broken link, a folder that
/// cannot be listed, anything that is neither a file nor a folder. POSIX readdir with its d_type:
/// Foundation's enumerator with URL resource values cost ~340k instructions per file.
func walk(_ directory: LocalPath) -> [InputPath] {
    var found: [InputPath] = []
    var pending = [(path: directory, ancestors: [FileID]())]
    while let (dir, above) = pending.popLast() {
        guard let stream = dir.withCString({ opendir($0) }) else {
            found.append(InputPath(path: dir, problem: "cannot list the folder: \(String(cString: strerror(errno)))"))
            continue
        }
        defer { closedir(stream) }
        var info = stat()
        let ancestors = above + (dir.withCString({ stat($0, &info) }) == 0 ? [FileID(info)] : [])
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            let path = dir.appending(name)
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): found.append(InputPath(path: path))
            case Int32(DT_DIR): pending.append((path, ancestors))
            default:
                switch classify(path, ancestors: ancestors) {
                case .file: found.append(InputPath(path: path))
                case .folder: pending.append((path, ancestors))
                case .linkToFolder: break                     // not followed (documented)
                case .problem(let why): found.append(InputPath(path: path, problem: why))
                }
            }
        }
    }
    return found.sorted { $0.path < $1.path }
}

/// A directory's identity, to tell a link that leads back up the tree.
private struct FileID: Equatable {
    let device: UInt64, inode: UInt64
    init(_ info: stat) { device = UInt64(info.st_dev); inode = UInt64(info.st_ino) }
}

private enum EntryKind: Equatable {
    case file, folder, linkToFolder
    case problem(String)
}

/// What an entry whose d_type did not settle it is (a link, or a file system without d_type).
private func classify(_ path: LocalPath, ancestors: [FileID]) -> EntryKind {
    var own = stat()
    guard path.withCString({ lstat($0, &own) }) == 0 else { return .problem("cannot read: \(String(cString: strerror(errno)))") }
    switch own.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .folder
    case S_IFLNK: break
    default: return .problem("not a regular file (\(fileType(own)))")
    }
    var target = stat()
    guard path.withCString({ stat($0, &target) }) == 0 else {
        let code = errno
        switch code {
        case ELOOP: return .problem("symbolic link loop: \(String(cString: strerror(code)))")
        case ENOENT: return .problem("broken symbolic link: its target does not exist")
        default: return .problem("cannot follow the symbolic link: \(String(cString: strerror(code)))")
        }
    }
    switch target.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR:
        return ancestors.contains(FileID(target))
            ? .problem("symbolic link loop: it leads to a folder that holds it; not followed")
            : .linkToFolder
    default: return .problem("not a regular file: a link to \(fileType(target))")
    }
}

private func fileType(_ info: stat) -> String {
    switch info.st_mode & S_IFMT {
    case S_IFIFO: return "a FIFO"
    case S_IFSOCK: return "a socket"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    default: return "an unknown kind of file"
    }
}

private func glob(_ pattern: LocalPath) -> [LocalPath?] {
    var g = glob_t()
    defer { globfree(&g) }
    guard pattern.withCString({ Glibc.glob($0, 0, nil, &g) }) == 0 else { return [] }
    return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { LocalPath(bytes: Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0)))) } }
}
