import Glibc

/// A whole file read with open/fstat/read: Foundation's attributesOfItem + contents(atPath:) +
/// Array(Data) cost a dictionary, a Data and a second copy per file.
enum InputFile {
    enum Failure: Error {
        case tooLarge(size: Int)
        case unreadable(errno: Int32)
        /// An entry of a walked folder that is not a readable file (InputPath.problem says why).
        case notAFile(String)
    }

    /// The bytes of an expanded path: its problem, when walking found one, or the file's.
    static func read(_ input: InputPath, limit: Int? = nil) -> Result<[UInt8], Failure> {
        if let problem = input.problem { return .failure(.notAFile(problem)) }
        return read(input.path, limit: limit)
    }

    /// The file's bytes; `.tooLarge` (before reading) when it holds more than `limit` bytes.
    static func read(_ path: LocalPath, limit: Int? = nil) -> Result<[UInt8], Failure> {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }   // (a FIFO must not block the open)
        guard fd >= 0 else { return .failure(.unreadable(errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.unreadable(errno: EISDIR)) }
        let size = Int(info.st_size)
        if let limit, size > limit { return .failure(.tooLarge(size: size)) }
        var failed: Int32 = 0
        // Read into uninitialized storage (no zero fill), then on until EOF (the file may have grown).
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 { if errno == EINTR { continue }; failed = errno; return }
                if n == 0 { break }
                count += n
            }
        }
        var atEnd = bytes.count < size          // a short read is the end
        while failed == 0, !atEnd {
            withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { chunk in
                let n = Glibc.read(fd, chunk.baseAddress!, chunk.count)
                if n < 0 { if errno != EINTR { failed = errno }; return }
                if n == 0 { atEnd = true; return }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<n]))
            }
            if let limit, bytes.count > limit { return .failure(.tooLarge(size: bytes.count)) }
        }
        if failed != 0 { return .failure(.unreadable(errno: failed)) }
        return .success(bytes)
    }
}
