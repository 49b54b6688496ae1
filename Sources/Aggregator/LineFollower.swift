import Glibc

/// Follows a JSON Lines output file for `reportq tail -f`: yields complete lines as they are
/// appended, across rotations (when the path gets a new inode, the old file is read to its end
/// first) and truncations (a torn-line repair: reading resumes at the new end).
/// `poll()` never blocks; call it on a timer.
public final class LineFollower {
    public enum Start { case beginning, end }

    public let path: String
    private var fd: Int32 = -1
    private var inode: UInt64 = 0
    private var offset = 0
    private var partial: [UInt8] = []
    private var backlog: [String]          // rotated files still to read (from .beginning)
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)   // lines are ~100 KB

    /// `.beginning` also replays rotated files "<path>.<n>", oldest first.
    public init(path: String, from start: Start) {
        self.path = path
        backlog = start == .beginning ? PosixFile.rotatedFiles(of: path).map(\.path) : []
        if backlog.isEmpty { openActive(atEnd: start == .end) } else { openFile(backlog.removeFirst()) }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Complete lines (without the newline) that appeared since the last call; past `maxBytes`
    /// read (in 1 MiB steps), the rest waits for the next call, so a big file is read in parts.
    public func poll(maxBytes: Int = .max) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        try poll(maxBytes: maxBytes) { lines.append(Array($0)) }
        return lines
    }

    /// As `poll`, but hands each line to `body` in place (valid only during the call): no copy
    /// of lines that lie whole in the read buffer, as most do.
    public func poll(maxBytes: Int = .max, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var budget = maxBytes
        while true {
            if fd < 0 { openActive(atEnd: false); if fd < 0 { return } }
            try drain(budget: &budget, body)
            if budget <= 0 { return }
            if let next = nextFile() {
                try drain(budget: &budget, body)              // lines the writer added before it rotated
                if budget <= 0 { return }
                close(fd); fd = -1
                partial.removeAll()                  // a rotated file ends on a newline; anything else was torn
                if next == path { openActive(atEnd: false) } else { openFile(next) }
                continue
            }
            return
        }
    }

    private func nextFile() -> String? {
        if !backlog.isEmpty { return backlog.removeFirst() }
        guard let now = PosixFile.identity(path) else { return nil }
        if now.inode != inode {
            // Rotated, maybe several times since the last poll: continue with the rotated file
            // after ours, so nothing written in between is skipped.
            let rotated = PosixFile.rotatedFiles(of: path)
            if let mine = rotated.firstIndex(where: { PosixFile.identity($0.path)?.inode == inode }) {
                backlog = rotated[(mine + 1)...].map(\.path)
                if !backlog.isEmpty { return backlog.removeFirst() }
            }
            return path
        }
        if now.size < offset {                                        // cut back (torn-line repair)
            offset = now.size
            partial.removeAll()
        }
        return nil
    }

    private func drain(budget: inout Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        while budget > 0 {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ResultStoreError.io(errno: errno, operation: "read \(path)")
            }
            if n == 0 { return }
            offset += n
            budget -= n
            try buffer.withUnsafeBytes { p in
                let base = p.baseAddress!
                var start = 0
                // memchr finds the newlines: lines are ~100 KB, a byte loop would dominate.
                while start < n, let nl = memchr(base + start, 0x0A, n - start) {
                    let i = UnsafeRawPointer(nl) - base
                    if partial.isEmpty {
                        try body(UnsafeRawBufferPointer(rebasing: p[start..<i]))
                    } else {
                        partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[start..<i]))
                        try partial.withUnsafeBytes { try body($0) }
                        partial.removeAll(keepingCapacity: true)
                    }
                    start = i + 1
                }
                partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[start..<n]))
            }
        }
    }

    private func openFile(_ file: String) {
        fd = open(file, O_RDONLY | O_CLOEXEC)
        inode = fd >= 0 ? (PosixFile.identity(fd: fd)?.inode ?? 0) : 0
        offset = 0
    }

    private func openActive(atEnd: Bool) {
        openFile(path)
        if fd >= 0, atEnd {
            // Start after the last complete line.
            offset = PosixFile.identity(fd: fd)?.size ?? 0
            var probe = offset
            var byte: UInt8 = 0
            while probe > 0, pread(fd, &byte, 1, off_t(probe - 1)) == 1, byte != 0x0A { probe -= 1 }
            offset = probe
        }
    }
}
