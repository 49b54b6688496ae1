import Foundation
import XCTest

/// `reportq tail` on real records (from `extract`): --where through arrays, `!=`, several
/// conditions, an error for a path the schema lacks, --fields, and -f before the file exists.
final class TailCommandTests: ClusterTestCase {
    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// Records of the corpus, and the same records parsed here to compute what tail should print.
    private func corpusRecords() throws -> (URL, [[String: Any]]) {
        let out = dir.appendingPathComponent("corpus.jsonl")
        let files = ClusterTestCase.corpusFiles.prefix(12).map(\.path)
        XCTAssertFalse(files.isEmpty, "no corpus")
        XCTAssertEqual(waitExit(try reportq(["extract"] + files + ["-o", out.path, "--no-words"]), seconds: 120), 0)
        return (out, outputLines(out))
    }

    private func tail(_ args: [String]) throws -> (status: Int32?, output: String, errors: String) {
        let out = dir.appendingPathComponent("tail-\(UUID().uuidString.prefix(6)).out"), err = dir.appendingPathComponent("tail-\(UUID().uuidString.prefix(6)).err")
        let p = try reportq(["tail"] + args, output: out, errors: err)
        let status = waitExit(p, seconds: 30)
        return (status, text(out), text(err))
    }

    func testWhereGoesThroughArraysNegatesAndCombines() throws {
        let (file, records) = try corpusRecords()
        func codes(_ r: [String: Any]) -> [String] { (r["targets"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        func document(_ r: [String: Any], _ key: String) -> String? { (r["document"] as? [String: Any])?[key] as? String }
        func name(_ r: [String: Any]) -> String { (r["source"] as? [String: Any])?["name"] as? String ?? "" }

        let withCPI = records.filter { codes($0).contains("cpi") }
        let expected = withCPI.filter { document($0, "region_level") != "city" }
        XCTAssertFalse(expected.isEmpty); XCTAssertLessThan(expected.count, records.count, "the corpus must tell the conditions apart")
        let result = try tail(["--file", file.path, "--where", "targets.code=cpi", "--where", "document.region_level!=city",
                               "--fields", "source.name,document.region", "--fields", "document.plan_year"])
        XCTAssertEqual(result.status, 0, result.errors)
        let rows = result.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.map { $0[0] }, expected.map(name))
        XCTAssertEqual(rows.map { $0[1] }, expected.map { document($0, "region") ?? "" })
        XCTAssertEqual(rows.map { $0[2] }, expected.map { ((($0["document"] as? [String: Any])?["plan_year"] as? Int).map(String.init)) ?? "" })

        let lines = try tail(["--file", file.path, "--where", "targets.code!=cpi"])
        XCTAssertEqual(lines.output.split(separator: "\n").count, records.count - withCPI.count)
    }

    /// A misspelt path used to print nothing and exit 0.
    func testAPathTheRecordSchemaLacksIsAnError() throws {
        let (file, _) = try corpusRecords()
        let misspelt = try tail(["--file", file.path, "--where", "document.regoin=北京市"])
        XCTAssertEqual(misspelt.status, 64)
        XCTAssertTrue(misspelt.errors.contains(#"a record has no field "document.regoin""#) && misspelt.errors.contains("did you mean document.region?"),
                      misspelt.errors)
        let field = try tail(["--file", file.path, "--fields", "source.name,targets.cdoe"])
        XCTAssertEqual(field.status, 64)
        XCTAssertTrue(field.errors.contains("did you mean targets.code?"), field.errors)
    }

    /// `tail -f` used to exit when the output did not exist yet (started before the aggregator).
    func testFollowWaitsForTheFileToAppear() throws {
        let later = dir.appendingPathComponent("later.jsonl")
        let out = dir.appendingPathComponent("tail.out"), err = dir.appendingPathComponent("tail.err")
        let follower = try reportq(["tail", "-f", "--file", later.path, "--where", "status=ok", "--fields", "job_id"], output: out, errors: err)
        XCTAssertTrue(waitUntil(seconds: 10) { text(err).contains("waiting for \(later.path)") }, text(err))
        XCTAssertTrue(follower.isRunning, "it waits: \(text(err))")
        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        try startWorker(endpoint)
        try startAggregator(endpoint, out: later)
        let report = dir.appendingPathComponent("report.txt")
        try Data(contentsOf: try XCTUnwrap(ClusterTestCase.corpusFiles.first)).write(to: report)
        let ids = try push(endpoint, [report.path])
        XCTAssertTrue(waitUntil(seconds: 60) { text(out).contains(ids.first ?? "?") }, "tail printed \(text(out)); \(text(err))")
        XCTAssertEqual(text(out), (ids.first ?? "") + "\n")
    }
}
