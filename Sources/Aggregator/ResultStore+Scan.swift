import Foundation
import Glibc

extension ResultStore {
    /// Adds every job id in `file` to the index. For the active file (`repair`), a torn end — a
    /// last line without newline (a crash mid-write, or zeros from a crash after the size was
    /// extended) or a last line that is not `{…}` or holds NUL bytes (pages lost in writeback)
    /// — is cut off and logged.
    func index(file: String, repair: Bool) throws {
        let rfd = Glibc.open(file, O_RDONLY | O_CLOEXEC)
        if rfd < 0 { throw ResultStoreError.from(errno: errno, "open \(file)") }
        defer { Glibc.close(rfd) }
        guard let size = PosixFile.identity(fd: rfd)?.size, size > 0 else { return }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, rfd, 0), map != MAP_FAILED else {
            throw ResultStoreError.io(errno: errno, operation: "mmap \(file)")
        }
        defer { munmap(map, size) }
        let p = UnsafeRawBufferPointer(start: map, count: size)

        var lineStart = 0
        var goodEnd = 0                 // end of the last complete line
        var lastLine = 0..<0
        while lineStart < size {
            guard let nl = memchr(map + lineStart, 0x0A, size - lineStart) else { break }
            let lineEnd = map.distance(to: nl)
            let line = UnsafeRawBufferPointer(rebasing: p[lineStart..<lineEnd])
            if !line.isEmpty {
                if let key = try? ResultStore.jobKey(line) {
                    index.insert(key)
                } else {
                    skippedLines += 1
                    options.log("\(file): line at offset \(lineStart) has no readable job_id, ignored")
                }
            }
            lastLine = lineStart..<lineEnd
            lineStart = lineEnd + 1
            goodEnd = lineStart
        }
        var cut = goodEnd
        if repair, !lastLine.isEmpty, !ResultStore.looksComplete(UnsafeRawBufferPointer(rebasing: p[lastLine])) {
            cut = lastLine.lowerBound
            if let key = try? ResultStore.jobKey(UnsafeRawBufferPointer(rebasing: p[lastLine])) {
                index.remove(key)
            }
        }
        if repair {
            if cut < size {
                options.log("\(file): torn end of \(size - cut) bytes cut at offset \(cut)")
                repairedBytes = size - cut
                if ftruncate(fd, off_t(cut)) != 0 { throw ResultStoreError.from(errno: errno, "truncate \(file)") }
                if options.fsync, fdatasync(fd) != 0 { throw ResultStoreError.from(errno: errno, "fdatasync \(file)") }
            }
            end = cut; durableEnd = cut
        }
    }
}
