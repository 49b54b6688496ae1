import Foundation
import JSONOutput
import XCTest
@testable import JobContract

/// The record envelope's one writer and one reader, and the hot paths' looks at the opening bytes
/// agreeing with the reader on lines of any form.
final class RecordEnvelopeTests: XCTestCase {
    let source = RecordSource(name: "a.txt", sha256: String(repeating: "0", count: 64), bytes: 12,
                              encoding: "utf-8", format: "text", script: "simplified")

    func testErrorLineRoundTrip() throws {
        let e = RecordEnvelope(jobID: "0123456789abcdef0123456789abcdef", source: RecordSource(name: "x.txt", bytes: 12),
                               outcome: .error(RecordError(.poison, "gave up after 3 attempt(s)")))
        let line = e.line()
        XCTAssertEqual(String(decoding: line, as: UTF8.self),
                       #"{"job_id":"0123456789abcdef0123456789abcdef","status":"error","source":{"name":"x.txt","bytes":12},"producer":{"name":"reportq","version":"\#(ReportqVersion.current)"},"error":{"code":"poison","message":"gave up after 3 attempt(s)"}}"#)
        XCTAssertEqual(try RecordEnvelope.read(line), e)
        line.withUnsafeBytes {
            XCTAssertEqual(RecordEnvelope.status(of: $0), .error)
            XCTAssertEqual(RecordEnvelope.jobID(in: $0), e.jobID)
        }
    }

    func testOKRecordWithABody() throws {
        let e = RecordEnvelope(jobID: "local-1", source: source, outcome: .ok)
        var w = JSONWriter()
        e.writeOpening(to: &w)
        w.key("document"); w.beginObject(); w.key("status"); w.string("error"); w.key("job_id"); w.string("inner"); w.endObject()
        w.endObject()
        let line = w.bytes
        XCTAssertEqual(try RecordEnvelope.read(line), e)
        line.withUnsafeBytes {
            XCTAssertEqual(RecordEnvelope.status(of: $0), .ok)
            XCTAssertEqual(RecordEnvelope.jobID(in: $0), "local-1")
            XCTAssertEqual($0[RecordEnvelope.jobIDRange(in: $0)!].count, 7)
        }
    }

    /// Provenance: the path as named and the producer, written and read back; a line from before
    /// records carried a producer reads as none.
    func testPathAndProducer() throws {
        let e = RecordEnvelope(jobID: "local-1", source: RecordSource(name: "beijing.txt", path: "reports/2023/beijing.txt", sha256: String(repeating: "a", count: 64), bytes: 3),
                               outcome: .error(RecordError(.notAReport, "not a report")))
        let line = e.line()
        XCTAssertEqual(String(decoding: line, as: UTF8.self),
                       #"{"job_id":"local-1","status":"error","source":{"name":"beijing.txt","path":"reports/2023/beijing.txt","sha256":"\#(String(repeating: "a", count: 64))","bytes":3},"producer":{"name":"reportq","version":"\#(ReportqVersion.current)"},"error":{"code":"not_a_report","message":"not a report"}}"#)
        XCTAssertEqual(try RecordEnvelope.read(line), e)
        XCTAssertEqual(try RecordEnvelope.read(line).producer, .current)
        let old = Array(#"{"job_id":"a","status":"ok","source":{"name":"n","bytes":1},"document":{}}"#.utf8)
        XCTAssertNil(try RecordEnvelope.read(old).producer)
    }

    /// `readOpening` reads the envelope and stops at the body; it gives up on lines whose opening
    /// is not an envelope, which `read` still reads.
    func testReadOpeningStopsAtTheBody() throws {
        let e = RecordEnvelope(jobID: "j", source: source, outcome: .ok)
        var w = JSONWriter()
        e.writeOpening(to: &w)
        w.key("document"); w.beginObject(); w.key("title"); w.string("t"); w.endObject()
        w.endObject()
        var ok = w.bytes
        XCTAssertEqual(ok.withUnsafeBytes(RecordEnvelope.readOpening), e)
        ok.removeLast(3)       // a body cut short is not read at all
        XCTAssertEqual(ok.withUnsafeBytes(RecordEnvelope.readOpening), e)
        let error = RecordEnvelope(jobID: "k", source: source, outcome: .error(RecordError(.binary, "NUL bytes"))).line()
        XCTAssertEqual(error.withUnsafeBytes(RecordEnvelope.readOpening)?.outcome, .error(RecordError(.binary, "NUL bytes")))
        let bodyFirst = Array(#"{"document":{},"job_id":"a","status":"ok","source":{"name":"n","bytes":1}}"#.utf8)
        XCTAssertNil(bodyFirst.withUnsafeBytes(RecordEnvelope.readOpening))
        XCTAssertEqual(try RecordEnvelope.read(bodyFirst).jobID, "a")
    }

    /// Lines written by other producers: the fast looks fall back to reading the JSON, and find
    /// only top-level members.
    func testOtherFormsAgreeWithTheReader() throws {
        let lines: [(String, String?, RecordStatus?)] = [
            (#"{"job_id":"a","status":"ok","source":{"name":"n","bytes":1},"document":{}}"#, "a", .ok),
            (#"{ "job_id" : "a" , "status" : "error" , "source":{"name":"n","bytes":1},"error":{"code":"empty","message":""}}"#, "a", .error),
            (#"{"document":{"job_id":"inner","status":"error"},"status":"ok","job_id":"b","source":{"name":"n","bytes":1}}"#, "b", .ok),
            (#"{"job_id":"c\"d","status":"ok","source":{"name":"n","bytes":1}}"#, "c\"d", .ok),
            (#"{"job_id":"e","bytes":1,"name":"echoed header"}"#, "e", nil),
            (#"{"job_id":"","status":"ok"}"#, nil, .ok),
            (#"{"status":"ok"}"#, nil, .ok),
            (#"not json"#, nil, nil),
        ]
        for (text, id, status) in lines {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes {
                XCTAssertEqual(RecordEnvelope.jobID(in: $0), id, text)
                XCTAssertEqual(RecordEnvelope.status(of: $0), status, text)
            }
        }
        XCTAssertEqual(try RecordEnvelope.read(Array(lines[2].0.utf8)).jobID, "b")
        XCTAssertEqual(try RecordEnvelope.read(Array(lines[3].0.utf8)).jobID, "c\"d")
    }

    func testRefusals() {
        let cases: [(String, RecordEnvelope.Invalid)] = [
            (#"[1]"#, .notAnObject),
            (#"{"status":"ok","source":{"name":"n","bytes":1}}"#, .missing(.jobID)),
            (#"{"job_id":"a","source":{"name":"n","bytes":1}}"#, .missing(.status)),
            (#"{"job_id":"a","status":"ok"}"#, .missing(.source)),
            (#"{"job_id":"a","status":"fine","source":{"name":"n","bytes":1}}"#, .unknownStatus("fine")),
            (#"{"job_id":"a","status":"error","source":{"name":"n","bytes":1}}"#, .missing(.error)),
            (#"{"job_id":"a","status":"ok","source":{"bytes":1}}"#, .missingSourceField(.name)),
            (#"{"job_id":"a","status":"ok","source":{"name":"n","bytes":"1"}}"#, .wrongSourceType(.bytes)),
            (#"{"job_id":"a","status":"error","source":{"name":"n","bytes":1},"error":{"code":"oops","message":""}}"#, .unknownErrorCode("oops")),
            (#"{"job_id":"a","status":"error","source":{"name":"n","bytes":1},"error":{"code":"empty"}}"#, .missingErrorField(.message)),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try RecordEnvelope.read(Array(text.utf8)), text) { XCTAssertEqual($0 as? RecordEnvelope.Invalid, reason, text) }
        }
    }

    func testCollectStatusFrames() {
        let statuses: [CollectStatus] = [.written, .duplicate, .refused(CollectRefusal(.outputFull, "output disk full: ENOSPC")),
                                         .refused(CollectRefusal(.badRecord, ""))]
        for s in statuses { XCTAssertEqual(CollectStatus(frame: s.frame), s, "\(s)") }
        XCTAssertEqual(String(decoding: CollectStatus.refused(CollectRefusal(.badRequest, "2 frames")).frame, as: UTF8.self), "500 bad_request 2 frames")
        for bad in ["", "201", "500", "500 no_such_code x", "2000"] { XCTAssertNil(CollectStatus(frame: Array(bad.utf8)), bad) }
    }
}
