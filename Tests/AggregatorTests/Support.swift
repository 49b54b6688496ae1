import Foundation
import Glibc
import TestSupport
import XCTest
@testable import Aggregator

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

/// Lines as one readable string, so a failed comparison prints text, not byte arrays.
func text<S: Sequence>(_ lines: S) -> String where S.Element == [UInt8] {
    lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
}
