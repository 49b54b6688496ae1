import Glibc
import XCTest
@testable import Journal

/// A fresh directory under /tmp, removed by the test's teardown block.
func temporaryDirectory(_ test: XCTestCase) -> String {
    var template = Array("/tmp/journal-test-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    test.addTeardownBlock { removeTree(path) }
    return path
}

func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if (st.st_mode & S_IFMT) == S_IFDIR {
        for name in (try? FileSystem.list(path)) ?? [] { removeTree(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}

func readFile(_ path: String) -> [UInt8] {
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

func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

func segmentNames(_ dir: String) -> [String] {
    ((try? FileSystem.list(dir)) ?? []).filter { SegmentFile.number(fromName: $0) != nil }.sorted()
}

/// Copies the journal's segment files into a new directory (optionally transforming the last).
func copyJournal(_ from: String, to: String, lastSegment transform: ([UInt8]) -> [UInt8] = { $0 }) {
    mkdir(to, 0o755)
    let names = segmentNames(from)
    for (i, name) in names.enumerated() {
        let bytes = readFile(from + "/" + name)
        writeFile(to + "/" + name, i == names.count - 1 ? transform(bytes) : bytes)
    }
}

/// Deterministic body bytes for job number `i`, so a test can check them after replay.
func body(_ i: Int, size: Int = 300) -> [UInt8] {
    var g = UInt64(i) &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<size).map { _ in
        g ^= g << 13; g ^= g >> 7; g ^= g << 17
        return UInt8(truncatingIfNeeded: g)
    }
}

func header(_ i: Int) -> [UInt8] { Array(#"{"name":"file-\#(i).txt","n":\#(i)}"#.utf8) }

func quietOptions() -> Journal.Options {
    var o = Journal.Options()
    o.log = { _ in }
    return o
}

/// Mounts a tmpfs of `bytes` at a new directory, or nil if this machine does not allow it.
func mountTmpfs(_ test: XCTestCase, bytes: Int) -> String? {
    var template = Array("/tmp/journal-tmpfs-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    guard mount("tmpfs", path, "tmpfs", 0, "size=\(bytes)") == 0 else { rmdir(path); return nil }
    test.addTeardownBlock { umount2(path, Int32(MNT_DETACH)); rmdir(path) }
    return path
}

func remountReadOnly(_ path: String, bytes: Int) -> Bool {
    mount("tmpfs", path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=\(bytes)") == 0
}
