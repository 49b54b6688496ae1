import Glibc
import TestSupport
import XCTest
@testable import Journal

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

