import Foundation
import TestSupport
import XCTest
@testable import JobContract

/// The contract's types against protocols/job.schema.json and record.schema.json: the same field
/// lists, the same error codes, and what the encoders write validates (Python's jsonschema).
final class SchemaTests: XCTestCase {
    private func properties(_ schema: [String: Any], _ path: String...) throws -> Set<String> {
        var node: Any = schema
        for key in path { node = try XCTUnwrap((node as? [String: Any])?[key], path.joined(separator: ".")) }
        return Set(try XCTUnwrap((node as? [String: Any])?["properties"] as? [String: Any]).keys)
    }

    func testFieldListsMatchTheSchemas() throws {
        let job = try protocolSchema("job.schema.json")
        XCTAssertEqual(Set(JobHeader.Field.allCases.map(\.rawValue)), try properties(job))
        XCTAssertEqual(Set(JobOptions.Field.allCases.map(\.rawValue)), try properties(job, "properties", "options"))

        let record = try protocolSchema("record.schema.json")
        XCTAssertEqual(Set(RecordEnvelope.Field.allCases.map(\.rawValue)), Set(try XCTUnwrap(record["required"] as? [String])).union(["error"]))
        XCTAssertTrue(Set(RecordEnvelope.Field.allCases.map(\.rawValue)).isSubset(of: try properties(record)))
        XCTAssertEqual(Set(RecordSource.Field.allCases.map(\.rawValue)), try properties(record, "properties", "source"))
        XCTAssertEqual(Set(RecordProducer.Field.allCases.map(\.rawValue)), try properties(record, "properties", "producer"))
        XCTAssertEqual(Set(RecordError.Field.allCases.map(\.rawValue)), try properties(record, "$defs", "error"))
        let codes = try XCTUnwrap(((record["$defs"] as? [String: Any])?["error"] as? [String: Any]).flatMap {
            (($0["properties"] as? [String: Any])?["code"] as? [String: Any])?["enum"] as? [String]
        })
        XCTAssertEqual(Set(ErrorCode.allCases.map(\.rawValue)), Set(codes))
        XCTAssertEqual(ErrorCode.allCases.count, codes.count)
    }

    func testEncodedHeadersValidate() throws {
        let id = JobID("0123456789abcdef0123456789abcdef")!
        var full = JobHeader(jobID: id, name: "2026_北京市.txt", bytes: 7, sha256: String(repeating: "f", count: 64),
                             submittedAt: Timestamp(milliseconds: 1_769_330_400_125), options: JobOptions(includeText: true, includeTokens: true),
                             unknownMembers: [JSONMember(key: "later", value: .array([.null, .number("1")]))])
        full.options.unknownMembers = [JSONMember(key: "future", value: .bool(false))]
        let headers = [full, JobHeader(jobID: id, name: "a", bytes: 0)].map { $0.encoded() }
        XCTAssertEqual(try schemaViolations(headers, schema: "job.schema.json"), [])
        // The validator does refuse: a client's header has no job_id.
        XCTAssertFalse(try schemaViolations([JobHeader(name: "a", bytes: 0).encoded()], schema: "job.schema.json").isEmpty)
    }

    func testEnvelopeLinesValidate() throws {
        let lines = ErrorCode.allCases.map {
            RecordEnvelope(jobID: "j", source: RecordSource(name: "n", path: "d/n", sha256: String(repeating: "0", count: 64), bytes: 1),
                           outcome: .error(RecordError($0, "why"))).line()
        }
        XCTAssertEqual(try schemaViolations(lines, schema: "record.schema.json"), [])
        // An ok envelope alone lacks the body the schema requires of an ok record.
        let bare = RecordEnvelope(jobID: "j", source: RecordSource(name: "n", bytes: 1), outcome: .ok).line()
        XCTAssertFalse(try schemaViolations([bare], schema: "record.schema.json").isEmpty)
    }
}

/// RecordSchema reads protocols/record.schema.json as built into the binary: the same text, and
/// its paths are the schema's.
final class RecordSchemaTests: XCTestCase {
    func testTheEmbeddedSchemaIsTheFile() throws {
        let file = try String(contentsOf: repositoryRoot.appendingPathComponent("protocols/record.schema.json"), encoding: .utf8)
        XCTAssertEqual(RecordSchema.text, file)
    }

    func testFieldPathsFollowTheSchema() throws {
        let paths = Set(RecordSchema.fieldPaths)
        for path in ["job_id", "status", "error", "error.code", "source.name", "source.name_base64", "document.congress.term",
                     "document.speaker.title", "targets.code", "targets.value_max", "sentences.tokens", "term_counts.document.*",
                     "term_counts.sections.counts.*", "title_block.metadata.*", "stats.ocr_ms", "text"] {
            XCTAssertTrue(paths.contains(path), path)
        }
        XCTAssertTrue(RecordSchema.hasField(["term_counts", "document", "新质生产力"]))
        XCTAssertFalse(RecordSchema.hasField(["targets", "nonsense"]))
        XCTAssertFalse(RecordSchema.hasField([]))
        // Every property the schema names, at every depth, is a path (checked by walking the JSON here).
        let schema = try protocolSchema("record.schema.json")
        let defs = schema["$defs"] as? [String: Any] ?? [:]
        func walk(_ node: Any?, _ prefix: String) {
            guard var n = node as? [String: Any] else { return }
            if let ref = n["$ref"] as? String { n = defs[String(ref.split(separator: "/").last!)] as? [String: Any] ?? [:] }
            for (key, child) in n["properties"] as? [String: Any] ?? [:] {
                XCTAssertTrue(paths.contains(prefix + key), prefix + key)
                walk(child, prefix + key + ".")
            }
            walk(n["items"], prefix)
        }
        walk(schema, "")
    }
}
