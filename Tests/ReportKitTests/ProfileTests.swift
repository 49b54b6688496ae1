import Foundation
import JobContract
import TestSupport
import XCTest
@testable import ReportKit

/// Record profiles (protocols/record.schema.json, "profile"): each carries the documented fields,
/// validates, and agrees with the full record on the fields they share.
final class ProfileTests: XCTestCase {
    func testProfilesCarryTheirFieldsAndAgreeWithTheFullRecord() throws {
        let files = Array(try CorpusFiles.all().prefix(3))
        var lines: [[UInt8]] = []
        let shared = ["job_id", "status", "source", "producer", "document", "title_block"]
        let expected: [RecordProfile: Set<String>] = [
            .panel: Set(shared + ["profile", "targets", "indicators", "stats"]),
            .meta: Set(shared + ["profile", "stats"]),
        ]
        for (name, bytes) in files {
            let full = try parseRecord(ReportPipeline.record(jobID: "j", fileName: name, bytes: bytes))
            XCTAssertNil(full["profile"], "a full record is the same bytes as before profiles")
            for profile in [RecordProfile.panel, .meta] {
                var options = PipelineOptions()
                options.profile = profile
                let line = ReportPipeline.record(jobID: "j", fileName: name, bytes: bytes, options: options)
                lines.append(line)
                let r = try parseRecord(line)
                XCTAssertEqual(Set(r.keys), expected[profile], "\(profile) \(name)")
                XCTAssertEqual(r["profile"] as? String, profile.rawValue)
                for key in Set(r.keys).subtracting(["profile", "stats"]) {
                    XCTAssertEqual(r[key] as? NSObject, full[key] as? NSObject, "\(profile) \(name) \(key)")
                }
                let stats = try XCTUnwrap(r["stats"] as? [String: Any])
                XCTAssertEqual(Set(stats.keys), ["chars", "paragraphs", "sentences"])
                XCTAssertEqual(stats["sentences"] as? Int, (full["stats"] as? [String: Any])?["sentences"] as? Int)
            }
        }
        XCTAssertEqual(try schemaViolations(lines, schema: "record.schema.json"), [])
    }
}
