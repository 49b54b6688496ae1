import Glibc
import PositionedIO

/// Thin helpers over the system calls the output store needs, with errno classified.
enum PosixFile {
    /// `bytes` then a newline, in one pwritev when it all goes (no copy of the line to append "\n").
    static func writeLine(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        var newline: UInt8 = 0x0A
        let e = withUnsafeBytes(of: &newline) { PositionedWrite.write(fd, [bytes, $0], at: offset) }
        if e != 0 { throw ResultStoreError.from(errno: e, "write \(path)") }
    }

    static func syncDirectory(of path: String) throws {
        let dir = directory(of: path)
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw ResultStoreError.from(errno: errno, "open \(dir)") }
        defer { close(fd) }
        if fsync(fd) != 0 { throw ResultStoreError.from(errno: errno, "fsync \(dir)") }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func list(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            names.append(withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            })
        }
        return names
    }

    /// (inode, size) of a path, nil if it does not exist.
    static func identity(_ path: String) -> (inode: UInt64, size: Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_ino), Int(st.st_size))
    }

    static func identity(fd: Int32) -> (inode: UInt64, size: Int)? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return (UInt64(st.st_ino), Int(st.st_size))
    }

    /// Rotated siblings "<name>.<n>" of `path`, oldest (lowest n) first.
    static func rotatedFiles(of path: String) -> [(number: Int, path: String)] {
        let dir = directory(of: path), base = baseName(of: path) + "."
        return list(dir).compactMap { name -> (Int, String)? in
            guard name.hasPrefix(base), let n = Int(name.dropFirst(base.count)), n > 0 else { return nil }
            return (n, dir + "/" + name)
        }.sorted { $0.0 < $1.0 }
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
