import Foundation
import TestSupport
import XCTest
@testable import Journal

final class TitanicTests: XCTestCase {
    private func s(_ frames: [[UInt8]]) -> [String] { frames.map { String(decoding: $0, as: UTF8.self) } }
    private func request(_ header: String, _ body: [UInt8], service: String = "ingest") -> [[UInt8]] {
        [Array(service.utf8), Array(header.utf8), body]
    }

    func testRequestStoresCanonicalHeaderAndAnswers200() throws {
        let j = try Journal.open(directory: temporaryDirectory(self), options: quietOptions())
        let t = Titanic(journal: j)
        let reply = s(t.request(request(#"{"name":"2026_北京市.txt","bytes":3,"job_id":"spoofed","options":{"include_text":true}}"#, [1, 2, 3])))
        XCTAssertEqual(reply.count, 2)
        XCTAssertEqual(reply[0], "200")
        let id = try XCTUnwrap(JobID(reply[1]))
        let stored = try j.load(id)
        XCTAssertEqual(stored.body, [1, 2, 3])
        let text = String(decoding: stored.header, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"job_id":"\#(id)","#), text)
        let h = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stored.header)) as? [String: Any])
        XCTAssertEqual(h["job_id"] as? String, id.description)
        XCTAssertEqual(h["name"] as? String, "2026_北京市.txt")
        XCTAssertEqual((h["options"] as? [String: Any])?["include_text"] as? Bool, true)
        let at = try XCTUnwrap(h["submitted_at"] as? String)
        XCTAssertNotNil(at.range(of: #"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression), at)

        XCTAssertEqual(s(t.reply([Array(id.description.utf8)])), ["300", #"{"job_id":"\#(id)","state":"queued","attempts":0}"#])
        try j.markDispatched(id)
        XCTAssertEqual(s(t.reply([Array(id.description.utf8)]))[0], "300")
        try j.storeResult(id, result: [1]); try j.markDone(id)
        XCTAssertEqual(s(t.reply([Array(id.description.utf8)])), ["200", #"{"job_id":"\#(id)","state":"done","status":"ok"}"#])
        XCTAssertEqual(s(t.close([Array(id.description.utf8)])), ["200"])
        XCTAssertEqual(s(t.reply([Array(id.description.utf8)])), ["400"])
        XCTAssertEqual(s(t.close([Array("nonsense".utf8)])), ["200"])
        XCTAssertEqual(s(t.reply([Array("nonsense".utf8)])), ["400"])
    }

    func testBadRequestsAreRefusedWithCodes() throws {
        let j = try Journal.open(directory: temporaryDirectory(self), options: quietOptions())
        let t = Titanic(journal: j)
        let cases: [([[UInt8]], String)] = [
            ([Array("ingest".utf8)], "bad_request"),
            (request(#"{"name":"a","bytes":1}"#, [1], service: "other"), "unknown_service"),
            (request("not json", [1]), "bad_request"),
            (request(#"["a"]"#, [1]), "bad_request"),
            (request(#"{"bytes":1}"#, [1]), "bad_request"),
            (request(#"{"name":"a","bytes":2}"#, [1]), "bad_request"),
            (request(#"{"name":"a","bytes":true}"#, [1]), "bad_request"),
            (request(#"{"name":"a","bytes":1,"sha256":"xyz"}"#, [1]), "bad_request"),
            (request(#"{"name":"a","bytes":1,"options":3}"#, [1]), "bad_request"),
        ]
        for (frames, code) in cases {
            let r = s(t.request(frames))
            XCTAssertEqual(r.count, 3, "\(r)")
            XCTAssertEqual(r.first, "500")
            XCTAssertEqual(r.dropFirst().first, code, "\(r)")
        }
        XCTAssertEqual(j.stats.queued, 0)
    }

    func testFullJournalRefusesWithJournalFull() throws {
        var o = quietOptions()
        o.maxBytes = 8 << 10
        let t = Titanic(journal: try Journal.open(directory: temporaryDirectory(self), options: o))
        var last: [String] = []
        for _ in 0..<20 {
            last = s(t.request(request(#"{"name":"a","bytes":1000}"#, body(0, size: 1000))))
            if last[0] != "200" { break }
        }
        XCTAssertEqual(Array(last.prefix(2)), ["500", "journal_full"])
    }

    func testBatchAnswersAfterOneSync() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: quietOptions())
        let t = Titanic(journal: j)
        let replies = t.requestBatch((0..<32).map { i in request(#"{"name":"f\#(i)","bytes":10}"#, body(i, size: 10)) } + [[Array("ingest".utf8)]])
        XCTAssertEqual(replies.filter { $0.first == Array("200".utf8) }.count, 32)
        XCTAssertEqual(s(replies.last!).first, "500")
        j.shutdown()
        XCTAssertEqual(try Journal.open(directory: dir, options: quietOptions()).stats.queued, 32)
    }

    func testFailureRecordFollowsTheRecordContract() throws {
        let header = Array(#"{"job_id":"0123456789abcdef0123456789abcdef","name":"x.txt","bytes":12,"sha256":""}"#.utf8)
        let rec = Titanic.failureRecord(header: header, message: "3 attempts: worker lost")
        let text = String(decoding: rec, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"job_id":"0123456789abcdef0123456789abcdef","#), text)
        XCTAssertFalse(text.contains("\n"))
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(rec)) as? [String: Any])
        XCTAssertEqual(o["status"] as? String, "error")
        XCTAssertEqual((o["error"] as? [String: Any])?["code"] as? String, "worker_failed")
        XCTAssertEqual((o["source"] as? [String: Any])?["name"] as? String, "x.txt")
        XCTAssertEqual((o["source"] as? [String: Any])?["bytes"] as? Int, 12)
    }
}
