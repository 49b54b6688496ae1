import Foundation
import TestSupport
import XCTest
@testable import JobContract

/// The job header's one encoder and one decoder: the canonical bytes, the two forms, and every
/// refusal with the reason the broker and the worker report.
final class JobHeaderTests: XCTestCase {
    let id = JobID("0123456789abcdef0123456789abcdef")!

    func testCanonicalBytesRoundTrip() throws {
        var h = JobHeader(name: "2026_北京市.txt", bytes: 48_517, sha256: String(repeating: "ab", count: 32),
                          options: JobOptions(includeText: true))
        XCTAssertEqual(String(decoding: h.encoded(), as: UTF8.self),
                       #"{"bytes":48517,"name":"2026_北京市.txt","options":{"include_text":true},"sha256":"\#(String(repeating: "ab", count: 32))"}"#)
        h.jobID = id
        h.submittedAt = Timestamp(milliseconds: 1_769_330_400_125)
        let stored = h.encoded()
        XCTAssertEqual(String(decoding: stored, as: UTF8.self),
                       #"{"job_id":"\#(id)","bytes":48517,"name":"2026_北京市.txt","options":{"include_text":true},"sha256":"\#(String(repeating: "ab", count: 32))","submitted_at":"2026-01-25T08:40:00.125Z"}"#)
        let back = try JobHeader.decode(stored)
        XCTAssertEqual(back, h)
        XCTAssertEqual(back.encoded(), stored, "decode then encode gives the same bytes")
    }

    /// Provenance and dedup members: the path as the user named it, `force`, timings on request.
    func testPathForceAndTimingsRoundTrip() throws {
        var h = JobHeader(name: "beijing.txt", path: "reports/2024/beijing.txt", bytes: 5, sha256: String(repeating: "0", count: 64),
                          options: JobOptions(includeTimings: true), force: true)
        h.jobID = id
        XCTAssertEqual(String(decoding: h.encoded(), as: UTF8.self),
                       #"{"job_id":"\#(id)","bytes":5,"force":true,"name":"beijing.txt","options":{"include_timings":true},"path":"reports/2024/beijing.txt","sha256":"\#(String(repeating: "0", count: 64))"}"#)
        XCTAssertEqual(try JobHeader.decode(h.encoded()), h)
        XCTAssertThrowsError(try JobHeader.decode(Array(#"{"job_id":"\#(id)","name":"a","bytes":1,"force":1}"#.utf8))) {
            XCTAssertEqual($0 as? JobHeader.Invalid, .wrongType(.force))
        }
    }

    /// A record profile other than full travels in the options (and so in the dedup key); full is
    /// not written, so full jobs' headers keep their bytes; an unknown profile is refused.
    func testProfileOption() throws {
        let sha = String(repeating: "ab", count: 32)
        let panel = JobHeader(name: "a.txt", bytes: 3, sha256: sha, options: JobOptions(profile: .panel))
        XCTAssertEqual(String(decoding: panel.encoded(), as: UTF8.self),
                       #"{"bytes":3,"name":"a.txt","options":{"profile":"panel"},"sha256":"\#(sha)"}"#)
        XCTAssertEqual(try JobHeader.decode(panel.encoded(), as: .request).options.profile, .panel)
        XCTAssertEqual(JobHeader(name: "a.txt", bytes: 3, sha256: sha, options: JobOptions(profile: .full)).encoded(),
                       JobHeader(name: "a.txt", bytes: 3, sha256: sha).encoded())
        XCTAssertNotEqual(panel.contentKey, JobHeader(name: "a.txt", bytes: 3, sha256: sha).contentKey)
        XCTAssertEqual(panel.encoded().withUnsafeBytes(JobHeader.contentKey(of:)), panel.contentKey)
        XCTAssertThrowsError(try JobHeader.decode(Array(#"{"bytes":3,"name":"a.txt","options":{"profile":"tiny"}}"#.utf8), as: .request))
    }

    /// The broker's dedup key: the same for the same content and options whatever the name, path
    /// or force; different for other options or content; none without a hash.
    func testContentKey() {
        let sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let a = JobHeader(name: "a.txt", path: "x/a.txt", bytes: 3, sha256: sha)
        XCTAssertEqual(a.contentKey, 0xba78_16bf_8f01_cfea)
        XCTAssertEqual(JobHeader(name: "b.txt", bytes: 3, sha256: sha, force: true).contentKey, a.contentKey)
        XCTAssertNotEqual(JobHeader(name: "a.txt", bytes: 3, sha256: sha, options: JobOptions(includeText: true)).contentKey, a.contentKey)
        XCTAssertNotEqual(JobHeader(name: "a.txt", bytes: 3, sha256: sha, options: JobOptions(includeTimings: true)).contentKey,
                          JobHeader(name: "a.txt", bytes: 3, sha256: sha, options: JobOptions(includeText: true)).contentKey)
        XCTAssertNotEqual(JobHeader(name: "a.txt", bytes: 3, sha256: String(repeating: "1", count: 64)).contentKey, a.contentKey)
        XCTAssertNil(JobHeader(name: "a.txt", bytes: 3).contentKey)
        XCTAssertEqual(JobHeader(name: "z", bytes: 0, sha256: String(repeating: "0", count: 64)).contentKey, 1, "0 means none")
        // Read from stored bytes (the journal's replay), the same keys.
        var stored = JobHeader(jobID: id, name: "a.txt", path: "x/a.txt", bytes: 3, sha256: sha, submittedAt: Timestamp(milliseconds: 5),
                               options: JobOptions(includeText: true), unknownMembers: [JSONMember(key: "later", value: .array([.null]))])
        for options in [JobOptions(), JobOptions(includeText: true), JobOptions(includeTimings: true)] {
            stored.options = options
            XCTAssertEqual(stored.encoded().withUnsafeBytes(JobHeader.contentKey(of:)), stored.contentKey)
        }
        stored.name = #"x"sha256":"\#(String(repeating: "f", count: 64))" "options":{"include_text":true}"#   // escaped in the bytes
        stored.options = JobOptions()
        XCTAssertEqual(stored.encoded().withUnsafeBytes(JobHeader.contentKey(of:)), stored.contentKey)
        XCTAssertNil(JobHeader(jobID: id, name: "a", bytes: 1).encoded().withUnsafeBytes(JobHeader.contentKey(of:)))
        XCTAssertNil(Array("not json".utf8).withUnsafeBytes(JobHeader.contentKey(of:)))
    }

    func testUnknownMembersAreKeptInKeyOrder() throws {
        let text = #"{"zeta":[1,{"b":2,"a":null}],"name":"a.txt","alpha":"x","bytes":3,"options":{"future":1.50,"include_tokens":true},"job_id":"\#(id)"}"#
        let h = try JobHeader.decode(Array(text.utf8))
        XCTAssertEqual(h.unknownMembers.map(\.key), ["zeta", "alpha"])
        XCTAssertTrue(h.options.includeTokens)
        XCTAssertEqual(String(decoding: h.encoded(), as: UTF8.self),
                       #"{"job_id":"\#(id)","alpha":"x","bytes":3,"name":"a.txt","options":{"future":1.50,"include_tokens":true},"zeta":[1,{"a":null,"b":2}]}"#)
    }

    func testRequestFormIgnoresWhatTheBrokerSets() throws {
        let text = #"{"name":"a","bytes":1,"job_id":"spoofed","submitted_at":{"x":1}}"#
        let h = try JobHeader.decode(Array(text.utf8), as: .request)
        XCTAssertNil(h.jobID)
        XCTAssertNil(h.submittedAt)
        XCTAssertEqual(h.unknownMembers, [])
        XCTAssertThrowsError(try JobHeader.decode(Array(text.utf8), as: .stored)) { XCTAssertEqual($0 as? JobHeader.Invalid, .badJobID) }
        XCTAssertThrowsError(try JobHeader.decode(Array(#"{"name":"a","bytes":1}"#.utf8), as: .stored)) {
            XCTAssertEqual($0 as? JobHeader.Invalid, .missing(.jobID))
        }
    }

    func testRefusals() {
        let cases: [(String, JobHeader.Invalid)] = [
            (#"["a"]"#, .notAnObject),
            ("not json", .notAnObject),
            (#"{"bytes":1}"#, .missing(.name)),
            (#"{"name":"","bytes":1}"#, .missing(.name)),
            (#"{"name":"a"}"#, .missing(.bytes)),
            (#"{"name":7,"bytes":1}"#, .wrongType(.name)),
            (#"{"name":"a","bytes":true}"#, .wrongType(.bytes)),
            (#"{"name":"a","bytes":-1}"#, .wrongType(.bytes)),
            (#"{"name":"a","bytes":1.5}"#, .wrongType(.bytes)),
            (#"{"name":"a","bytes":1,"sha256":"xyz"}"#, .badSHA256),
            (#"{"name":"a","bytes":1,"sha256":"\#(String(repeating: "AB", count: 32))"}"#, .badSHA256),
            (#"{"name":"a","bytes":1,"options":3}"#, .wrongType(.options)),
            (#"{"name":"a","bytes":1,"options":{"include_text":"yes"}}"#, .wrongOptionType(.includeText)),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try JobHeader.decode(Array(text.utf8), as: .request), text) { XCTAssertEqual($0 as? JobHeader.Invalid, reason, text) }
        }
        for text in ["{not json", #"{"name":"a","bytes":1,"name":"b"}"#, #"{"name":"a","bytes":1} x"#] {
            XCTAssertThrowsError(try JobHeader.decode(Array(text.utf8), as: .request), text) {
                guard case .malformed? = $0 as? JobHeader.Invalid else { return XCTFail("\($0)") }
            }
        }
        let timestamp = #"{"job_id":"\#(id)","name":"a","bytes":1,"submitted_at":"2026-02-31T00:00:00.000Z"}"#
        XCTAssertThrowsError(try JobHeader.decode(Array(timestamp.utf8))) { XCTAssertEqual($0 as? JobHeader.Invalid, .badTimestamp) }
        XCTAssertThrowsError(try JobHeader(name: "a", bytes: 2).check(bodyCount: 1)) {
            XCTAssertEqual("\($0)", #"header "bytes" says 2, the body has 1"#)
        }
        XCTAssertNoThrow(try JobHeader(name: "a", bytes: 1).check(bodyCount: 1))
    }

    func testEmptySHA256MeansNotComputed() throws {
        let h = try JobHeader.decode(Array(#"{"name":"a","bytes":1,"sha256":""}"#.utf8), as: .request)
        XCTAssertNil(h.sha256)
        XCTAssertEqual(String(decoding: h.encoded(), as: UTF8.self), #"{"bytes":1,"name":"a"}"#)
    }

    func testTimestamps() {
        for ms: UInt64 in [0, 1, 999, 1_000, 1_769_330_400_125, 4_102_444_799_999] {
            let t = Timestamp(milliseconds: ms)
            XCTAssertEqual(Timestamp(rfc3339: t.description), t, t.description)
        }
        for bad in ["2026-01-25T08:40:00Z", "2026-01-25 08:40:00.000Z", "2026-13-01T00:00:00.000Z", "x"] {
            XCTAssertNil(Timestamp(rfc3339: bad), bad)
        }
    }
}

/// `name_base64`: a name that is not UTF-8, exactly.
final class NameBase64Tests: XCTestCase {
    func testBase64AgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        for n in 0..<40 {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Base64.encode(bytes)
            XCTAssertEqual(encoded, Data(bytes).base64EncodedString())
            XCTAssertEqual(Base64.decode(encoded), bytes)
        }
        for bad in ["a", "ab=c", "abc", "a===", "ab!c", "=abc", "ab==cd=="] { XCTAssertNil(Base64.decode(bad), bad) }
    }

    func testHeaderAndRecordCarryIt() throws {
        let gbk: [UInt8] = [0xB1, 0xB1, 0xBE, 0xA9, 0x2E, 0x74, 0x78, 0x74]
        let id = JobID("0123456789abcdef0123456789abcdef")!
        let header = JobHeader(jobID: id, name: "北京.txt", nameBase64: Base64.encode(gbk), bytes: 3)
        let decoded = try JobHeader.decode(header.encoded())
        XCTAssertEqual(decoded, header)
        XCTAssertTrue(String(decoding: header.encoded(), as: UTF8.self).contains(#""name":"北京.txt","name_base64":"sbG+qS50eHQ=""#))
        XCTAssertEqual(try schemaViolations([header.encoded()], schema: "job.schema.json"), [])
        XCTAssertThrowsError(try JobHeader.decode(Array(#"{"job_id":"\#(id)","name":"a","name_base64":"*","bytes":1}"#.utf8))) {
            XCTAssertEqual($0 as? JobHeader.Invalid, .badBase64(.nameBase64))
        }
        let line = RecordEnvelope(jobID: id.description, source: RecordSource(header: decoded), outcome: .error(RecordError(.empty, "x"))).line()
        XCTAssertEqual(try RecordEnvelope.read(line).source.nameBase64, Base64.encode(gbk))
        XCTAssertEqual(try schemaViolations([line], schema: "record.schema.json"), [])
        XCTAssertNil(JobHeader(name: "a", bytes: 0).nameBase64)
        XCTAssertFalse(String(decoding: JobHeader(jobID: id, name: "a", bytes: 0).encoded(), as: UTF8.self).contains("name_base64"))
    }
}
