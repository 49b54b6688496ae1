import Foundation
import Glibc
import XCTest
@testable import Aggregator

func temporaryDirectory(_ test: XCTestCase) -> String {
    var template = Array("/tmp/results-test-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    test.addTeardownBlock { removeTree(path) }
    return path
}

func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if (st.st_mode & S_IFMT) == S_IFDIR {
        for name in PosixFile.list(path) where name != "." && name != ".." { removeTree(path + "/" + name) }
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

func appendRaw(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    precondition(fd >= 0)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// A record line as the aggregator receives it (job_id first, like the pipeline's writer).
func record(_ i: Int, pad: Int = 0) -> [UInt8] {
    let id = String(format: "%032x", i)
    return Array(#"{"job_id":"\#(id)","status":"ok","source":{"name":"f\#(i).txt","bytes":\#(i)},"pad":"\#(String(repeating: "x", count: pad))"}"#.utf8)
}

func jobID(_ i: Int) -> String { String(format: "%032x", i) }

func lines(_ path: String) -> [[UInt8]] {
    readFile(path).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
}

func quiet() -> ResultStore.Options {
    var o = ResultStore.Options()
    o.log = { _ in }
    return o
}

func mountTmpfs(_ test: XCTestCase, bytes: Int) -> String? {
    var template = Array("/tmp/results-tmpfs-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    guard mount("tmpfs", path, "tmpfs", 0, "size=\(bytes)") == 0 else { rmdir(path); return nil }
    test.addTeardownBlock { umount2(path, Int32(MNT_DETACH)); rmdir(path) }
    return path
}

/// Lines as one readable string, so a failed comparison prints text, not byte arrays.
func text<S: Sequence>(_ lines: S) -> String where S.Element == [UInt8] {
    lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
}
