import Foundation
import TestSupport
import JSONOutput
import XCTest
@testable import Journal

/// The stored header's writer against JSONSerialization: whatever a client's header holds, the
/// written JSON parses back to the same values, compact, with keys sorted.
final class HeaderJSONTests: XCTestCase {
    func testWrittenHeadersParseBackToTheSameValues() throws {
        var rng = SplitMix64(seed: 18)
        for _ in 0..<2_000 {
            let value = randomObject(&rng, depth: 0)
            let text = try JSONSerialization.data(withJSONObject: value)          // what a client sends
            let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: text) as? [String: Any])
            var w = JSONWriter()
            HeaderJSON.write(parsed, to: &w)
            let out = w.bytes
            let again = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out)) as? [String: Any], String(decoding: out, as: UTF8.self))
            XCTAssertEqual(NSDictionary(dictionary: again), NSDictionary(dictionary: parsed), String(decoding: out, as: UTF8.self))
            XCTAssertFalse(out.contains(0x0A), "one line: no pretty printing, newlines in strings escaped")
        }
    }

    func testKeysSortedJobIDFirstAndTypesKept() throws {
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(#"{"z":1,"a":true,"m":[false,0,1,1.5,null,"x/y"],"b":{"d":"\"\\\n\u0001","c":-7}}"#.utf8)) as? [String: Any])
        XCTAssertEqual(String(decoding: Titanic.jobIDFirst("id-1", parsed), as: UTF8.self),
                       #"{"job_id":"id-1","a":true,"b":{"c":-7,"d":"\"\\\n\u0001"},"m":[false,0,1,1.5,null,"x/y"],"z":1}"#)
        let built: [String: Any] = ["n": 3, "ok": false, "r": 0.25, "s": "报告.txt"]
        XCTAssertEqual(String(decoding: Titanic.jobIDFirst("", built), as: UTF8.self),
                       #"{"job_id":"","n":3,"ok":false,"r":0.25,"s":"报告.txt"}"#)
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
