// JSON documents against the JSON Schemas in protocols/, checked by a real validator (Python's
// jsonschema, Draft 2020-12, installed from scripts/requirements-peers.txt), not by the code
// under test.
import Foundation
import XCTest

/// The repository's root (this file is Tests/TestSupport/SchemaCheck.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A schema of protocols/ parsed, for tests that compare it with the code's field lists.
public func protocolSchema(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("protocols").appendingPathComponent(name))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Every way `documents` (one JSON text each, no newlines) break protocols/`schema`, as
/// "index: path: message" lines; empty when all of them conform. The schema itself is checked too.
public func schemaViolations(_ documents: [[UInt8]], schema: String) throws -> [String] {
    let script = """
    import json, sys
    from jsonschema import Draft202012Validator, FormatChecker
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for i, line in enumerate(sys.stdin.buffer.read().decode("utf-8").split("\\n")):
        for e in validator.iter_errors(json.loads(line)):
            print(f"{i}: {e.json_path}: {e.message}")
    """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, repositoryRoot.appendingPathComponent("protocols").appendingPathComponent(schema).path]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    p.standardInput = input; p.standardOutput = output; p.standardError = errors
    try p.run()
    var joined: [UInt8] = []
    for (i, d) in documents.enumerated() { if i > 0 { joined.append(0x0A) }; joined += d }
    let writer = Thread { input.fileHandleForWriting.write(Data(joined)); try? input.fileHandleForWriting.close() }
    writer.start()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        let message = String(decoding: err, as: UTF8.self)
        if message.contains("No module named 'jsonschema'") {
            XCTFail("python3 lacks jsonschema — install scripts/requirements-peers.txt")
        }
        throw NSError(domain: "schema check", code: Int(p.terminationStatus), userInfo: [NSLocalizedDescriptionKey: message])
    }
    return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
}
