// Mutated corpus files (byte flips, truncations, splices, re-encodings, random junk)
// through the whole pipeline: every output must be one JSON object with status ok|error.
import Foundation
import XCTest
@testable import ReportKit

final class FuzzTests: XCTestCase {
    func testMutatedCorpusNeverCrashesAndAlwaysGivesARecord() throws {
        let corpus = try CorpusFiles.all().map(\.1)
        var rng = Xorshift(seed: 0x5EED)
        var statuses: [String: Int] = [:]
        let iterations = 2000
        for i in 0..<iterations {
            let input = mutate(corpus, &rng)
            let out = ReportPipeline.record(jobID: "fuzz-\(i)", fileName: "f\(i)", bytes: input)
            let r: [String: Any]
            do { r = try parseRecord(out) } catch {
                XCTFail("iteration \(i): output is not JSON: \(String(decoding: out.prefix(200), as: UTF8.self))"); continue
            }
            let status = r["status"] as? String ?? "?"
            XCTAssertTrue(status == "ok" || status == "error", "iteration \(i): status \(status)")
            if status == "error" {
                let code = (r["error"] as? [String: Any])?["code"] as? String
                XCTAssertNotNil(code, "iteration \(i)")
                statuses["error:" + (code ?? "?"), default: 0] += 1
            } else {
                statuses["ok", default: 0] += 1
            }
        }
        XCTAssertGreaterThan(statuses["ok"] ?? 0, iterations / 4, "\(statuses)")
        print("fuzz outcomes:", statuses.sorted { $0.key < $1.key })
    }

    /// One random mutation of a random corpus file, cut to at most 4 KB to keep the test quick.
    private func mutate(_ corpus: [[UInt8]], _ rng: inout Xorshift) -> [UInt8] {
        var b = corpus[Int(rng.next() % UInt64(corpus.count))]
        let start = Int(rng.next() % UInt64(max(1, b.count - 1024)))
        let len = 256 + Int(rng.next() % 4096)
        if rng.next() % 10 != 0 { b = Array(b[min(start, b.count)..<min(b.count, start + len)]) }
        switch rng.next() % 9 {
        case 0:   // byte flips
            for _ in 0..<(1 + Int(rng.next() % 50)) where !b.isEmpty { b[Int(rng.next() % UInt64(b.count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
        case 1:   // truncation anywhere (also inside a UTF-8 sequence)
            b = Array(b.prefix(Int(rng.next() % UInt64(b.count + 1))))
        case 2:   // splice two files
            let o = corpus[Int(rng.next() % UInt64(corpus.count))]
            let cut = Int(rng.next() % UInt64(b.count + 1)), from = Int(rng.next() % UInt64(o.count))
            b = Array(b[..<cut]) + Array(o[from..<min(o.count, from + 4096)])
        case 3:   // re-encode to UTF-16 (with BOM), possibly truncated to an odd length
            let s = String(decoding: b, as: UTF8.self)
            var u: [UInt8] = [0xFF, 0xFE]
            for x in s.utf16 { u.append(UInt8(x & 0xFF)); u.append(UInt8(x >> 8)) }
            b = rng.next() % 2 == 0 ? u : Array(u.dropLast(1))
        case 4:   // HTML wrapper, sometimes unclosed or nested deeply
            let depth = Int(rng.next() % 3000)
            b = Array(("<html><body>" + String(repeating: "<div>", count: depth) + "<p>").utf8) + b
                + (rng.next() % 2 == 0 ? Array("</p></body></html>".utf8) : [])
        case 5:   // random junk inserted
            let at = Int(rng.next() % UInt64(b.count + 1))
            let junk = (0..<Int(rng.next() % 256)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            b.insert(contentsOf: junk, at: at)
        case 6:   // pure noise
            b = (0..<Int(rng.next() % 2048)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 7:   // a ZIP signature in front of text (a broken .docx)
            b = [0x50, 0x4B, 0x03, 0x04] + b
        default:  // lines shuffled and broken at random
            var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            for k in lines.indices.reversed() where k > 0 { lines.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            b = Array(lines.joined(separator: [0x0A]))
        }
        return b
    }
}

struct Xorshift {
    var s: UInt64
    init(seed: UInt64) { s = seed | 1 }
    mutating func next() -> UInt64 { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s }
}
