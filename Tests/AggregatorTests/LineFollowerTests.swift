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

    /// Nested paths through arrays, `!=`, several conditions (issue 15: `targets.code=gdp` and `!=`
    /// used to match nothing).
    func testWhereGoesThroughArraysAndNegates() throws {
        let line = Array(#"{"job_id":"x","status":"ok","document":{"region":"北京市","speaker":null},"targets":[{"code":"gdp","value":5},{"code":"cpi","value":2.0},{"code":null}],"keywords":[{"term":"发展"}],"sentences":[{"tokens":["经济","发展"]}]}"#.utf8)
        func holds(_ conditions: String...) throws -> Bool { try LineFilter(conditions).matches(line) }
        XCTAssertTrue(try holds("targets.code=gdp"))
        XCTAssertTrue(try holds("targets.code=cpi", "targets.value=2"))
        XCTAssertFalse(try holds("targets.code=jobs"))
        XCTAssertTrue(try holds("targets.code!=jobs"))
        XCTAssertFalse(try holds("targets.code!=gdp"), "!= holds only when no value is gdp")
        XCTAssertTrue(try holds("targets.code=null"))
        XCTAssertTrue(try holds("sentences.tokens=经济"), "a path that ends at an array of strings")
        XCTAssertTrue(try holds("status!=error", "document.region=北京市", "targets.code=gdp"))
        XCTAssertFalse(try holds("status!=error", "document.region=上海市"))
        XCTAssertTrue(try holds("document.speaker.name!=张三"), "a record without the field passes !=")
        XCTAssertFalse(try holds("document.speaker.name=张三"))
        XCTAssertFalse(try LineFilter(["status!=x"]).matches(Array("garbage".utf8)))
        let c = try LineFilter(["a.b!=c=d"]).conditions[0]
        XCTAssertEqual(c.path.keys, ["a", "b"]); XCTAssertEqual(c.comparison, .notEquals); XCTAssertEqual(c.value, "c=d")
        XCTAssertThrowsError(try LineFilter(["!=x"]))
    }

    /// A path the record schema does not have is an error naming the nearest one (it used to
    /// match nothing, silently).
    func testPathsAreCheckedAgainstTheRecordSchema() throws {
        for ok in ["document.region", "targets.code", "source.name_base64", "sentences.tokens", "term_counts.document.新质生产力",
                   "term_counts.sections.counts.x", "title_block.metadata.来源", "error.code", "stats.ms"] {
            XCTAssertNoThrow(try LineFilter(["\(ok)=x"], checkedAgainstRecordSchema: true), ok)
            XCTAssertNoThrow(try FieldSelection([ok], checkedAgainstRecordSchema: true), ok)
        }
        XCTAssertThrowsError(try LineFilter(["document.regoin=北京市"], checkedAgainstRecordSchema: true)) {
            XCTAssertEqual($0 as? FieldPathError, .unknownField("document.regoin", suggestion: "document.region"))
            XCTAssertEqual("\($0)", #"a record has no field "document.regoin" (protocols/record.schema.json); did you mean document.region?"#)
        }
        XCTAssertThrowsError(try LineFilter(["targets.cdoe=gdp"], checkedAgainstRecordSchema: true)) {
            XCTAssertEqual($0 as? FieldPathError, .unknownField("targets.cdoe", suggestion: "targets.code"))
        }
        XCTAssertThrowsError(try FieldSelection(["source.name,nothing.like.this"], checkedAgainstRecordSchema: true)) {
            XCTAssertEqual($0 as? FieldPathError, .unknownField("nothing.like.this", suggestion: nil))
        }
        XCTAssertNoThrow(try LineFilter(["document.regoin=x"]), "unchecked unless asked")
    }

    func testFieldsAsTabSeparatedValues() throws {
        let line = Array(#"{"job_id":"x","source":{"name":"a\tb.txt","bytes":7},"document":{"region":"北京市","speaker":null,"plan_year":2026},"targets":[{"code":"gdp"},{"code":"cpi"}],"keywords":[]}"#.utf8)
        let row = try FieldSelection(["source.name,document.region", "document.plan_year,document.speaker,targets.code,keywords.term,document.title,source"]).row(line)
        XCTAssertEqual(row.map { String(decoding: $0, as: UTF8.self) },
                       #"a\tb.txt"# + "\t北京市\t2026\t\t[\"gdp\",\"cpi\"]\t[]\t\t{\"bytes\":7,\"name\":\"a\\tb.txt\"}")
        XCTAssertNil(try FieldSelection(["job_id"]).row(Array("garbage".utf8)))
    }
}
