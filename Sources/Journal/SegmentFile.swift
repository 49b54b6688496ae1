import Glibc
import PositionedIO

/// One open segment file: positioned reads and writes that retry short transfers and EINTR.
final class SegmentFile {
    let number: UInt64
    let path: String
    let fd: Int32
    var size: Int          // logical end: where the next record goes

    init(number: UInt64, path: String, fd: Int32, size: Int) {
        self.number = number; self.path = path; self.fd = fd; self.size = size
    }

    deinit { Glibc.close(fd) }

    static func name(_ number: UInt64) -> String {
        var digits = String(number)
        while digits.count < 16 { digits = "0" + digits }
        return "seg-\(digits).log"
    }

    /// Parses "seg-<16 digits>.log".
    static func number(fromName name: String) -> UInt64? {
        guard name.hasPrefix("seg-"), name.hasSuffix(".log"), name.utf8.count == 24 else { return nil }
        return UInt64(name.dropFirst(4).dropLast(4))
    }

    /// Writes `parts` at `offset`; throws the classified errno. Partial writes are the caller's to undo.
    func write(_ parts: [UnsafeRawBufferPointer], at offset: Int) throws {
        let e = PositionedWrite.write(fd, parts, at: offset)
        if e != 0 { throw JournalError.from(errno: e, "write \(path)") }
    }

    func read(count: Int, at offset: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buf, n in
            try read(into: UnsafeMutableRawBufferPointer(buf), at: offset)
            n = count
        }
    }

    /// Fills `buffer` from `offset` (e.g. straight into a message that will be sent on).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError.io(errno: errno, operation: "read \(path)")
            }
            if n == 0 { throw JournalError.io(errno: EIO, operation: "read \(path): short file") }
            done += n
        }
    }

    func sync() throws {
        if fdatasync(fd) != 0 { throw JournalError.failed("fdatasync \(path): \(String(cString: strerror(errno)))") }
    }

    func truncate(to n: Int) throws {
        if ftruncate(fd, off_t(n)) != 0 { throw JournalError.from(errno: errno, "truncate \(path)") }
    }
}

enum FileSystem {
    /// fsync on the directory makes creates, renames and unlinks in it durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw JournalError.from(errno: errno, "open directory \(path)") }
        defer { close(fd) }
        if fsync(fd) != 0 { throw JournalError.failed("fsync directory \(path): \(String(cString: strerror(errno)))") }
    }

    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        let parts = path.split(separator: "/")
        for (i, part) in parts.enumerated() {
            prefix += "/" + part
            // The journal directory itself (the last part) is 0700; its parents as usual.
            if mkdir(prefix, i == parts.count - 1 ? Journal.directoryMode : 0o755) != 0, errno != EEXIST {
                throw JournalError.from(errno: errno, "mkdir \(prefix)")
            }
        }
    }

    static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw JournalError.from(errno: errno, "opendir \(path)") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func fileSize(_ fd: Int32) throws -> Int {
        var st = stat()
        if fstat(fd, &st) != 0 { throw JournalError.io(errno: errno, operation: "fstat") }
        return Int(st.st_size)
    }
}
