// Scratch files and small filesystems for tests that exercise real disks: temporary
// directories removed at teardown, raw file reads and writes, and tmpfs mounts for
// disk-full and read-only cases (root only; callers skip when mounting is refused).
import Glibc
import XCTest

/// A fresh directory /tmp/PREFIX-XXXXXX, removed by the test's teardown block.
public func temporaryDirectory(_ test: XCTestCase, prefix: String = "reportq-test") -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    test.addTeardownBlock { removeTree(path) }
    return path
}

/// rm -r without following symbolic links.
public func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    guard (st.st_mode & S_IFMT) == S_IFDIR else { unlink(path); return }
    if let dir = opendir(path) {
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names { removeTree(path + "/" + name) }
    }
    rmdir(path)
}

/// The whole file, or [] if it cannot be opened.
public func readFile(_ path: String) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        out.append(contentsOf: buf[0..<n])
    }
    return out
}

public func writeFile(_ path: String, _ bytes: [UInt8]) { writeRaw(path, bytes, flags: O_TRUNC) }
public func appendRaw(_ path: String, _ bytes: [UInt8]) { writeRaw(path, bytes, flags: O_APPEND) }

private func writeRaw(_ path: String, _ bytes: [UInt8], flags: Int32) {
    let fd = open(path, O_WRONLY | O_CREAT | flags, 0o644)
    precondition(fd >= 0, "cannot open \(path)")
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// Mounts a tmpfs of `bytes` at a new directory (unmounted at teardown), or nil where this
/// machine does not allow mounting.
public func mountTmpfs(_ test: XCTestCase, bytes: Int, prefix: String = "reportq-tmpfs") -> String? {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    guard mount("tmpfs", path, "tmpfs", 0, "size=\(bytes)") == 0 else { rmdir(path); return nil }
    test.addTeardownBlock { umount2(path, Int32(MNT_DETACH)); rmdir(path) }
    return path
}

/// Remounts a tmpfs from mountTmpfs read-only (`readOnly: false` makes it writable again).
public func remountTmpfs(_ path: String, bytes: Int, readOnly: Bool = true) -> Bool {
    mount("tmpfs", path, "tmpfs", UInt(MS_REMOUNT) | (readOnly ? UInt(MS_RDONLY) : 0), "size=\(bytes)") == 0
}
