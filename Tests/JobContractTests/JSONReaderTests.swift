import Foundation
import JSONOutput
import TestSupport
import XCTest
@testable import JobContract

/// The contract's JSON reader against Foundation's parser: what one accepts the other reads the
/// same, what JSON forbids it refuses, and a value read and written back parses to the same.
final class JSONReaderTests: XCTestCase {
    private func read(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { p in
            var r = JSONReader(p)
            let v = try r.readValue()
            try r.expectEnd()
            return v
        }
    }

    private func written(_ v: JSONValue) -> [UInt8] {
        var w = JSONWriter()
        v.write(to: &w)
        return w.bytes
    }

    func testRandomDocumentsReadAndWriteBackToTheSameValues() throws {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<2_000 {
            let value = randomObject(&rng, depth: 0)
            let text = try JSONSerialization.data(withJSONObject: value, options: rng.next() % 2 == 0 ? [.prettyPrinted] : [])
            let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: text) as? [String: Any])
            let mine = try read(String(decoding: text, as: UTF8.self))
            let out = written(mine)
            let again = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out)) as? [String: Any], String(decoding: out, as: UTF8.self))
            XCTAssertEqual(NSDictionary(dictionary: again), NSDictionary(dictionary: parsed), String(decoding: out, as: UTF8.self))
            XCTAssertFalse(out.contains(0x0A), "compact: one line")
            // Skipping checks the same bytes and ends where reading ends.
            try Array(text).withUnsafeBytes { p in
                var r = JSONReader(p)
                try r.skipValue()
                try r.expectEnd()
            }
        }
    }

    func testValuesAndCanonicalForm() throws {
        let v = try read(#" { "z" : 1.50 , "a":[true,false,null,-0,2e3,"x\/y"], "m":{"d":"\"\\\n\u0001\u00e9\ud83d\ude00","c":-7} } "#)
        XCTAssertEqual(String(decoding: written(v), as: UTF8.self),
                       #"{"a":[true,false,null,-0,2e3,"x/y"],"m":{"c":-7,"d":"\"\\\n\u0001é😀"},"z":1.50}"#)
    }

    func testMalformedJSONIsRefused() {
        let bad = ["", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "{'a':1}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul",
                   "\"\u{01}\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00x\"", "{\"a\":1}x", "{\"a\":1,\"a\":2}",
                   "NaN", "[1 2]", "{\"a\" 1}", "\"unterminated"]
        for text in bad {
            XCTAssertThrowsError(try read(text), "accepted \(text)")
            if let foundation = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
               !["{\"a\":1,\"a\":2}", "{\"a\":1,}", "[1,]"].contains(text) {      // Foundation allows these
                XCTFail("Foundation reads \(text) as \(foundation): the test's case is wrong")
            }
        }
        // Invalid UTF-8 inside a string.
        XCTAssertThrowsError(try [0x22, 0xC3, 0x28, 0x22].withUnsafeBytes { p in var r = JSONReader(p); _ = try r.readString() })
        XCTAssertThrowsError(try [0x22, 0xC3, 0x28, 0x22].withUnsafeBytes { p in var r = JSONReader(p); try r.skipValue() })
    }

    func testNestingIsBounded() throws {
        let ok = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        XCTAssertNoThrow(try read(ok))
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try read(deep)) { XCTAssertTrue("\($0)".contains("nested deeper"), "\($0)") }
    }

    func testIntegers() throws {
        func int(_ s: String) throws -> Int { try Array(s.utf8).withUnsafeBytes { p in var r = JSONReader(p); return try r.readInt() } }
        XCTAssertEqual(try int("0"), 0)
        XCTAssertEqual(try int("-42"), -42)
        XCTAssertEqual(try int("9223372036854775807"), Int.max)
        XCTAssertEqual(try int("-9223372036854775808"), Int.min)
        for bad in ["9223372036854775808", "1.0", "1e2", "-", "x"] { XCTAssertThrowsError(try int(bad), bad) }
    }

    private func randomObject(_ rng: inout SplitMix64, depth: Int) -> [String: Any] {
        var object: [String: Any] = [:]
        for _ in 0..<Int.random(in: 0...5, using: &rng) { object[randomString(&rng)] = randomValue(&rng, depth: depth + 1) }
        return object
    }

    private func randomValue(_ rng: inout SplitMix64, depth: Int) -> Any {
        switch Int.random(in: 0..<(depth < 3 ? 8 : 6), using: &rng) {
        case 0: return randomString(&rng)
        case 1: return Int.random(in: -1_000_000...1_000_000, using: &rng)
        case 2: return Double(Int.random(in: -100_000...100_000, using: &rng)) / 64
        case 3: return Bool.random(using: &rng)
        case 4: return NSNull()
        case 5: return Int64.random(in: Int64.min...Int64.max, using: &rng)
        case 6: return (0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) }
        default: return randomObject(&rng, depth: depth)
        }
    }

    private func randomString(_ rng: inout SplitMix64) -> String {
        let pieces = ["a", "Z", "9", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1f}", "é", "报告", "😀", "\u{7f}", "\u{2028}"]
        return (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }
}
