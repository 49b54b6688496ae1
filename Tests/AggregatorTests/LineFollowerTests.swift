import Foundation
import TestSupport
import XCTest
@testable import Aggregator

final class LineFollowerTests: XCTestCase {
    func testFollowsAppendsPartialLinesAndRotation() throws {
        let path = temporaryDirectory(self) + "/results.jsonl"
        var o = quiet()
        o.rotateBytes = 1500
        let s = try ResultStore.open(path: path, options: o)
        for i in 0..<3 { try s.append(record(i)) }
        try s.flush()
        let fromStart = LineFollower(path: path, from: .beginning)
        let fromEnd = LineFollower(path: path, from: .end)
        XCTAssertEqual(text(try fromStart.poll()), text((0..<3).map { record($0) }))
        XCTAssertEqual(text(try fromEnd.poll()), text([]))

        // A half-written line is not yielded until its newline arrives.
        appendRaw(path, Array(record(3).prefix(10)))
        XCTAssertEqual(text(try fromStart.poll()), text([]))
        appendRaw(path, Array(record(3).dropFirst(10)) + [0x0A])
        XCTAssertEqual(text(try fromStart.poll()), text([record(3)]))
        XCTAssertEqual(text(try fromEnd.poll()), text([record(3)]))
        s.close()

        // Rotation: lines written before and after the switch all arrive, in order, once.
        let s2 = try ResultStore.open(path: path, options: o)
        for i in 4..<40 { try s2.append(record(i)) }
        try s2.flush()
        XCTAssertGreaterThan(PosixFile.rotatedFiles(of: path).count, 1)
        var got: [[UInt8]] = []
        for _ in 0..<10 { got += try fromStart.poll() }
        XCTAssertEqual(text(got), text((4..<40).map { record($0) }))

        // A new reader from the beginning replays the rotated files too.
        let replay = LineFollower(path: path, from: .beginning)
        XCTAssertEqual(text(try replay.poll()), text((0..<40).map { record($0) }))
    }

    func testFollowerWaitsForAFileThatDoesNotExistYet() throws {
        let path = temporaryDirectory(self) + "/later.jsonl"
        let f = LineFollower(path: path, from: .end)
        XCTAssertEqual(text(try f.poll()), text([]))
        let s = try ResultStore.open(path: path, options: quiet())
        try s.append(record(1)); try s.flush()
        XCTAssertEqual(text(try f.poll()), text([record(1)]))
    }

    func testWhereFilter() throws {
        let f = try LineFilter(["status=ok", "source.bytes=7", "document.region=北京市"])
        let line = Array(#"{"job_id":"x","status":"ok","source":{"bytes":7},"document":{"region":"北京市","speaker":null,"x":true}}"#.utf8)
        XCTAssertTrue(f.matches(line))
        XCTAssertFalse(try LineFilter(["status=error"]).matches(line))
        XCTAssertTrue(try LineFilter(["source.bytes=7.0"]).matches(line))
        XCTAssertTrue(try LineFilter(["document.speaker=null"]).matches(line))
        XCTAssertTrue(try LineFilter(["document.x=true"]).matches(line))
        XCTAssertFalse(try LineFilter(["document.x=1"]).matches(line))
        XCTAssertFalse(try LineFilter(["missing.field=1"]).matches(line))
        XCTAssertFalse(f.matches(Array("garbage".utf8)))
        XCTAssertTrue(try LineFilter([]).matches(Array("garbage".utf8)))
        XCTAssertThrowsError(try LineFilter(["noequals"]))
        XCTAssertThrowsError(try LineFilter(["=x"]))
        XCTAssertThrowsError(try LineFilter(["a..b=x"]))
    }
}
