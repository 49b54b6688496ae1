import Foundation
import JobContract
import Journal
import TestSupport
import XCTest
@testable import Titanic

/// Titanic's server side over a journal, command by command, without a broker: frames in,
/// reply frames out (protocols/titanic.md §2).
final class TitanicServiceTests: XCTestCase {
    private func s(_ frames: [[UInt8]]) -> [String] { frames.map { String(decoding: $0, as: UTF8.self) } }
    private func request(_ header: String, _ body: [UInt8], service: String = "ingest") -> [[UInt8]] {
        [Array(service.utf8), Array(header.utf8), body]
    }
    private func journal(_ options: Journal.Options = quietJournal()) throws -> Journal {
        try Journal.open(directory: temporaryDirectory(self), options: options)
    }

    func testRequestStoresCanonicalHeaderAndAnswers200() throws {
        let j = try journal()
        let t = TitanicService(journal: j)
        let ack = t.request(request(#"{"name":"2026_北京市.txt","bytes":3,"job_id":"spoofed","options":{"include_text":true}}"#, [1, 2, 3]))
        guard case .stored(let id) = ack else { return XCTFail("\(ack)") }
        XCTAssertEqual(s(ack.frames), ["200", id.description])
        let stored = try j.load(id)
        XCTAssertEqual(stored.body, [1, 2, 3])
        let header = try JobHeader.decode(stored.header)
        XCTAssertEqual(header.jobID, id)
        XCTAssertEqual(header.name, "2026_北京市.txt")
        XCTAssertTrue(header.options.includeText)
        XCTAssertEqual(header.submittedAt, Timestamp(milliseconds: id.milliseconds))
        XCTAssertEqual(header.encoded(), stored.header, "the journal keeps the canonical bytes")
        XCTAssertTrue(String(decoding: stored.header, as: UTF8.self).hasPrefix(#"{"job_id":"\#(id)","#))

        let idFrame = [Array(id.description.utf8)]
        XCTAssertEqual(s(t.reply(idFrame)), ["300", #"{"job_id":"\#(id)","state":"queued","attempts":0}"#])
        try j.markDispatched(id)
        XCTAssertEqual(s(t.reply(idFrame)), ["300", #"{"job_id":"\#(id)","state":"in_flight","attempts":1}"#])
        try j.storeResult(id, result: [1]); try j.markDone(id)
        XCTAssertEqual(s(t.reply(idFrame)), ["200", #"{"job_id":"\#(id)","state":"done","status":"ok"}"#])
        XCTAssertEqual(s(t.close(idFrame)), ["200"])
        XCTAssertEqual(s(t.reply(idFrame)), ["400"])
        XCTAssertEqual(s(t.close([Array("nonsense".utf8)])), ["200"])
        XCTAssertEqual(s(t.reply([Array("nonsense".utf8)])), ["400"])
    }

    /// A second request with the same content (sha256 and options) is answered with the first
    /// job and its state, also after a restart and once the job is done; `force`, other options or
    /// no hash store a new job. The reply to a done job names its error code.
    func testKnownContentIsAnsweredWithTheJobThatHasIt() throws {
        let dir = temporaryDirectory(self)
        let sha = String(repeating: "ab", count: 32)
        func header(_ name: String, _ extra: String = "") -> String { #"{"name":"\#(name)","path":"in/\#(name)","bytes":3,"sha256":"\#(sha)"\#(extra)}"# }
        var first: JobID
        do {
            let j = try Journal.open(directory: dir, options: TitanicService.journalOptions(quietJournal()))
            let t = TitanicService(journal: j)
            guard case .stored(let id) = t.request(request(header("a.txt"), [1, 2, 3])) else { return XCTFail() }
            first = id
            XCTAssertEqual(t.request(request(header("copy.txt"), [1, 2, 3])), .known(first, .queued))
            XCTAssertEqual(s(t.request(request(header("copy.txt"), [1, 2, 3])).frames), ["200", first.description, "queued"])
            guard case .stored(let forced) = t.request(request(header("b.txt", #","force":true"#), [1, 2, 3])) else { return XCTFail() }
            XCTAssertNotEqual(forced, first)
            guard case .stored = t.request(request(header("c.txt", #","options":{"include_text":true}"#), [1, 2, 3])) else { return XCTFail() }
            guard case .stored = t.request(request(#"{"name":"d.txt","bytes":3}"#, [1, 2, 3])) else { return XCTFail() }
            guard case .stored = t.request(request(#"{"name":"e.txt","bytes":3}"#, [1, 2, 3])) else { return XCTFail("no hash, no dedup") }
            try j.markDispatched(first)
            XCTAssertEqual(t.request(request(header("copy.txt"), [1, 2, 3])), .known(forced, .queued), "the newest job holds the content")
            try j.storeResult(first, result: Array(#"{"job_id":"x","status":"error"}"#.utf8))
            try j.markDone(first, errorLine: true, errorCode: "binary")
            try j.sync()
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: TitanicService.journalOptions(quietJournal()))
        let t = TitanicService(journal: j)
        XCTAssertEqual(s(t.reply([Array(first.description.utf8)])),
                       ["200", #"{"job_id":"\#(first)","state":"done","status":"error","error_code":"binary"}"#])
        guard case .known(_, .queued) = t.request(request(header("again.txt"), [1, 2, 3])) else { return XCTFail("known after a restart") }
    }

    func testBadRequestsAreRefusedWithCodes() throws {
        let j = try journal()
        let t = TitanicService(journal: j)
        let cases: [([[UInt8]], TitanicRefusal.Code)] = [
            ([Array("ingest".utf8)], .badRequest),
            (request(#"{"name":"a","bytes":1}"#, [1], service: "other"), .unknownService),
            (request("not json", [1]), .badRequest),
            (request(#"["a"]"#, [1]), .badRequest),
            (request(#"{"bytes":1}"#, [1]), .badRequest),
            (request(#"{"name":"a","bytes":2}"#, [1]), .badRequest),
            (request(#"{"name":"a","bytes":true}"#, [1]), .badRequest),
            (request(#"{"name":"a","bytes":1,"sha256":"xyz"}"#, [1]), .badRequest),
            (request(#"{"name":"a","bytes":1,"options":3}"#, [1]), .badRequest),
        ]
        for (frames, code) in cases {
            let ack = t.request(frames)
            guard case .refused(let r) = ack else { XCTFail("stored \(s(frames))"); continue }
            XCTAssertEqual(r.code, code, r.message)
            XCTAssertEqual(s(ack.frames).prefix(2), ["500", code.rawValue])
        }
        XCTAssertEqual(j.stats.queued, 0)
    }

    func testFullJournalRefusesWithJournalFull() throws {
        var o = quietJournal()
        o.maxBytes = 8 << 10
        let t = TitanicService(journal: try journal(o))
        var last = TitanicAcknowledgement.stored(JobID(high: 0, low: 0))
        for _ in 0..<20 {
            last = t.request(request(#"{"name":"a","bytes":1000}"#, [UInt8](repeating: 7, count: 1000)))
            if case .refused = last { break }
        }
        guard case .refused(let r) = last else { return XCTFail("never refused") }
        XCTAssertEqual(r.code, .journalFull)
    }

    func testBatchAnswersAfterOneSync() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: quietJournal())
        let t = TitanicService(journal: j)
        let acks = t.requestBatch((0..<32).map { i in request(#"{"name":"f\#(i)","bytes":10}"#, [UInt8](repeating: UInt8(i), count: 10)) }
                                  + [[Array("ingest".utf8)]])
        XCTAssertEqual(acks.filter { if case .stored = $0 { return true } else { return false } }.count, 32)
        guard case .refused? = acks.last else { return XCTFail("\(acks.last!)") }
        j.shutdown()
        XCTAssertEqual(try Journal.open(directory: dir, options: quietJournal()).stats.queued, 32)
    }

    /// titanic.request from frames read in place stores what the array form stores.
    func testRequestFromBuffers() throws {
        let j = try journal()
        let t = TitanicService(journal: j)
        let payload = [UInt8](repeating: 9, count: 1234)
        let frames = [Array("ingest".utf8), Array(#"{"name":"f.txt","bytes":1234}"#.utf8), payload]
        let ack = frames[0].withUnsafeBytes { s in frames[1].withUnsafeBytes { h in payload.withUnsafeBytes { b in t.request([s, h, b]) } } }
        guard case .stored(let id) = ack else { return XCTFail("\(ack)") }
        XCTAssertEqual(try j.load(id).body, payload)
        let refused = frames[0].withUnsafeBytes { s in t.request([s]) }
        XCTAssertEqual(t.commit([refused, ack]), [refused, ack])
    }

    /// The done record's error-line flag, as titanic.reply reports it.
    func testReplySaysWhetherTheLineIsAnError() throws {
        let j = try journal()
        let t = TitanicService(journal: j)
        var ids: [JobID] = []
        for i in 0..<2 {
            guard case .stored(let id) = t.request(request(#"{"name":"f\#(i)","bytes":1}"#, [1])) else { return XCTFail() }
            try j.markDispatched(id); try j.storeResult(id, result: [0x7B, 0x7D])
            try j.markDone(id, errorLine: i == 1)
            ids.append(id)
        }
        XCTAssertEqual(TitanicJobReport(frames: t.reply([Array(ids[0].description.utf8)]))?.line, .ok)
        XCTAssertEqual(TitanicJobReport(frames: t.reply([Array(ids[1].description.utf8)]))?.line, .error)
    }

    /// The broker's error line for a job: its id, the source its stored header names, the code.
    func testErrorLineFollowsTheRecordContract() throws {
        let j = try journal()
        let t = TitanicService(journal: j)
        guard case .stored(let id) = t.request(request(#"{"name":"x.txt","bytes":12}"#, [UInt8](repeating: 1, count: 12))) else { return XCTFail() }
        let line = t.errorLine(id, RecordError(.poison, "3 attempts: worker lost"))
        let e = try RecordEnvelope.read(line)
        XCTAssertEqual(e, RecordEnvelope(jobID: id.description, source: RecordSource(name: "x.txt", bytes: 12),
                                         outcome: .error(RecordError(.poison, "3 attempts: worker lost"))))
        XCTAssertEqual(try schemaViolations([line], schema: "record.schema.json"), [])
    }

    func testProtocolFramesRoundTrip() {
        let id = JobID(high: 1, low: 2)
        for ack in [TitanicAcknowledgement.stored(id), .known(id, .done), .known(id, .queued), .refused(TitanicRefusal(.tooLarge, "big"))] {
            XCTAssertEqual(TitanicAcknowledgement(frames: ack.frames), ack)
        }
        for report in [TitanicJobReport(jobID: id, state: .queued), TitanicJobReport(jobID: id, state: .failed, attempts: 3),
                       TitanicJobReport(jobID: id, state: .done, line: .error), TitanicJobReport(jobID: id, state: .done, line: .error, errorCode: "poison")] {
            XCTAssertEqual(TitanicJobReport(frames: report.frames), report)
        }
        XCTAssertNil(TitanicJobReport(frames: TitanicJobReport.unknownFrames))
        XCTAssertNil(TitanicAcknowledgement(frames: [Array("200".utf8), Array("not an id".utf8)]))
        XCTAssertNil(TitanicAcknowledgement(frames: [Array("500".utf8), Array("no_such_code".utf8), []]))
        let status = QueueStatus(queued: 3, inFlight: 1, done: 9, failed: 2, errorLines: 1, known: 4, jobsPerSecond: 31.5, journalBytes: 4096,
                                 workers: ["ingest": 2, "collect": 1])
        XCTAssertEqual(String(decoding: status.encoded(), as: UTF8.self),
                       #"{"queued":3,"in_flight":1,"result_pending":0,"done":9,"failed":2,"error_lines":1,"submitted":0,"known":4,"completed":0,"failed_attempts":0,"poisoned":0,"refused":0,"jobs_per_second":31.50,"journal_bytes":4096,"workers":{"collect":1,"ingest":2}}"#)
        XCTAssertEqual(QueueStatus(frame: status.encoded()), status)
    }
}

func quietJournal() -> Journal.Options {
    var o = Journal.Options()
    o.log = { _ in }
    return o
}
