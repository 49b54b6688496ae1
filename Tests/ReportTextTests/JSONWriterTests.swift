// The JSON writer's output parses back (Foundation's parser) to what was written: escapes,
// numbers, nesting (deeper than its 64-level fast path), and copies that stay independent.
import Foundation
import XCTest
@testable import ReportText

final class JSONWriterTests: XCTestCase {
    private func parse(_ w: JSONWriter) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(w.bytes), options: [.fragmentsAllowed])
    }

    func testValuesAndEscapesRoundTrip() throws {
        var w = JSONWriter(reservingCapacity: 1)   // forces the buffer to grow
        let tricky = "引号\"反斜杠\\换行\n回车\r制表\t控制\u{01}\u{1F}尾𠀀"
        w.beginObject()
        w.key("s"); w.string(tricky)
        w.key("k\"ey"); w.int(-9_223_372_036_854_775_807)
        w.key("ints"); w.beginArray(); for v in [0, 7, 10, -3, 1234567890, Int.max] { w.int(v) }; w.endArray()
        w.key("d"); w.double(2.5)
        w.key("whole"); w.double(6.0)
        w.key("none"); w.string(nil as String?)
        w.key("nan"); w.double(.nan)
        w.key("b"); w.bool(true)
        w.key("empty"); w.beginObject(); w.endObject()
        w.key("raw"); w.raw(Array(#"{"x":[1,2]}"#.utf8))
        w.endObject()
        let o = try XCTUnwrap(try parse(w) as? [String: Any])
        XCTAssertEqual(o["s"] as? String, tricky)
        XCTAssertEqual((o["k\"ey"] as? NSNumber)?.int64Value, -9_223_372_036_854_775_807)
        XCTAssertEqual((o["ints"] as? [NSNumber])?.map(\.intValue), [0, 7, 10, -3, 1234567890, Int.max])
        XCTAssertEqual(o["d"] as? Double, 2.5)
        XCTAssertTrue(String(decoding: w.bytes, as: UTF8.self).contains(#""whole":6.0"#))
        XCTAssertTrue(o["none"] is NSNull)
        XCTAssertTrue(o["nan"] is NSNull)
        XCTAssertEqual(o["b"] as? Bool, true)
        XCTAssertEqual((o["empty"] as? [String: Any])?.count, 0)
        XCTAssertEqual(((o["raw"] as? [String: Any])?["x"] as? [Int]), [1, 2])
    }

    func testDeepNestingKeepsCommasRight() throws {
        var w = JSONWriter()
        for _ in 0..<100 { w.beginArray(); w.int(1) }
        for _ in 0..<100 { w.int(2); w.endArray() }
        var node: Any = try parse(w)
        for level in 0..<100 {
            let a = try XCTUnwrap(node as? [Any], "level \(level)")
            XCTAssertEqual(a.count, level == 99 ? 2 : 3)
            XCTAssertEqual(a.first as? Int, 1)
            XCTAssertEqual(a.last as? Int, 2)
            if level < 99 { node = a[1] }
        }
    }

    func testCopiesAreIndependent() throws {
        var a = JSONWriter()
        a.beginArray(); a.int(1)
        var b = a
        b.int(2); b.endArray()
        a.int(3); a.endArray()
        XCTAssertEqual(String(decoding: a.bytes, as: UTF8.self), "[1,3]")
        XCTAssertEqual(String(decoding: b.bytes, as: UTF8.self), "[1,2]")
    }
}
