import Foundation
import XCTest

/// `reportq jobs` end to end (real broker, worker and aggregator processes): list by state, show
/// by id and by path, retry the failed, cancel, close, purge; and the same services from a
/// Python MDP client (pyzmq), as any other client would use them.
final class JobsCommandTests: ClusterTestCase {
    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    private func jobs(_ endpoint: String, _ args: [String], status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let out = dir.appendingPathComponent("jobs-\(UUID().uuidString.prefix(6)).out"), err = dir.appendingPathComponent("jobs-\(UUID().uuidString.prefix(6)).err")
        let p = try reportq(["jobs"] + args + ["--broker", endpoint], output: out, errors: err)
        XCTAssertEqual(waitExit(p, seconds: 30), status, "\(args): \(text(err))", file: file, line: line)
        return text(out) + text(err)
    }

    /// A broker (journal in the test's directory), an aggregator writing `results.jsonl`, and a
    /// worker unless told not to; returns the endpoint and the output.
    private func cluster(worker: Bool = true) throws -> (String, URL) {
        let endpoint = ipcEndpoint()
        try startBroker(endpoint, journal: dir.appendingPathComponent("journal"))
        if worker { try startWorker(endpoint) }
        let results = dir.appendingPathComponent("results.jsonl")
        try startAggregator(endpoint, out: results)
        return (endpoint, results)
    }

    private func rows(_ output: String) -> [[String]] {
        output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    func testListShowRetryCloseAndPurge() throws {
        let (endpoint, results) = try cluster()
        let folder = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(contentsOf: try XCTUnwrap(ClusterTestCase.corpusFiles.first)).write(to: folder.appendingPathComponent("good.txt"))
        try Data().write(to: folder.appendingPathComponent("empty.txt"))
        try Data([0x41, 0, 0x42]).write(to: folder.appendingPathComponent("nul.txt"))
        // Ids by path: push prints them as the broker acknowledges, not in the folder's order.
        let pushOut = dir.appendingPathComponent("push.out")
        XCTAssertEqual(waitExit(try reportq(["push", "--broker", endpoint, "--force", folder.path], output: pushOut), seconds: 60), 0)
        var idOf: [String: String] = [:]
        for line in text(pushOut).split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            idOf[(f[1] as NSString).lastPathComponent] = f[0]
        }
        XCTAssertEqual(waitForLines(results, count: 3, seconds: 60).count, 3)
        let (empty, good, nul) = (idOf["empty.txt"]!, idOf["good.txt"]!, idOf["nul.txt"]!)
        let path = { (name: String) in folder.appendingPathComponent(name).path }

        // One row per job, sorted by id: ID, STATE, ATTEMPTS, PATH (as pushed; empty for an ok job), ERROR.
        let all = Dictionary(uniqueKeysWithValues: rows(try jobs(endpoint, ["list"])).map { ($0[0], $0) })
        XCTAssertEqual(Set(all.keys), [empty, good, nul])
        XCTAssertEqual(all[empty]?[1], "failed"); XCTAssertEqual(all[good]?[1], "done"); XCTAssertEqual(all[nul]?[1], "failed")
        XCTAssertEqual(all.values.map { $0[2] }, ["1", "1", "1"])
        XCTAssertEqual(all[empty]?[3], path("empty.txt")); XCTAssertEqual(all[good]?[3], ""); XCTAssertEqual(all[nul]?[3], path("nul.txt"))
        XCTAssertEqual(all[empty]?[4], "empty: the file is empty")
        XCTAssertTrue(all[nul]?[4].hasPrefix("binary: ") == true, "\(all[nul] ?? [])")
        XCTAssertEqual(Set(rows(try jobs(endpoint, ["failed"])).map { $0[0] }), [empty, nul], "list is the default subcommand")
        XCTAssertEqual(rows(try jobs(endpoint, ["list", "done"])).map { $0[0] }, [good])
        XCTAssertEqual(rows(try jobs(endpoint, ["list", "queued"])), [])

        let shown = try jobs(endpoint, ["show", folder.appendingPathComponent("empty.txt").path])
        XCTAssertTrue(shown.contains("job       \(empty)") && shown.contains("state     failed (done, error line)")
                      && shown.contains("attempts  1") && shown.contains("error     empty: the file is empty"), shown)
        let byID = try jobs(endpoint, ["show", good, "--json"])
        let info = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(byID.utf8)) as? [String: Any])
        XCTAssertEqual(info["state"] as? String, "done"); XCTAssertEqual(info["status"] as? String, "ok")
        XCTAssertTrue(try jobs(endpoint, ["show", "nothing.txt"], status: 1).contains("no job for nothing.txt"))

        let retried = rows(try jobs(endpoint, ["retry", "--all-failed"])).sorted { $0[2] < $1[2] }
        XCTAssertEqual(retried.map { $0[1] }, [empty, nul])
        XCTAssertEqual(retried.map { $0[2] }, [path("empty.txt"), path("nul.txt")])
        let again = retried.map { $0[0] }
        XCTAssertEqual(waitForLines(results, count: 5, seconds: 60).compactMap { $0["job_id"] as? String }.suffix(2).sorted(), again.sorted())
        XCTAssertTrue(try jobs(endpoint, ["retry", good], status: 1).contains("not retried (wrong_state)"))
        XCTAssertEqual(Set(rows(try jobs(endpoint, ["list"])).map { $0[0] }), Set([good] + again))

        XCTAssertEqual(try jobs(endpoint, ["close", again[0]]), "\(again[0])\tclosed\n")
        XCTAssertEqual(try jobs(endpoint, ["purge", "--keep-failed"]), "forgot 1 finished job(s)\n")
        XCTAssertEqual(rows(try jobs(endpoint, ["list"])).map { $0[0] }, [again[1]])
        XCTAssertEqual(try jobs(endpoint, ["purge"]), "forgot 1 finished job(s)\n")
        XCTAssertEqual(try jobs(endpoint, ["list"]), "")
    }

    /// A job pushed while no worker serves `ingest` waits queued: cancelled by its path, its line
    /// is an error record with code `cancelled`, and no worker ever runs it.
    func testCancelAQueuedJobByItsPath() throws {
        let (endpoint, results) = try cluster(worker: false)
        let file = dir.appendingPathComponent("later.txt")
        try Data(contentsOf: try XCTUnwrap(ClusterTestCase.corpusFiles.first)).write(to: file)
        let id = try XCTUnwrap(try push(endpoint, [file.path]).first)
        XCTAssertEqual(rows(try jobs(endpoint, ["list", "queued"])).map { $0[0] }, [id])
        XCTAssertEqual(try jobs(endpoint, ["cancel", file.path]), "\(id)\tcancelled\n")
        let line = try XCTUnwrap(waitForLines(results, count: 1, seconds: 30).first)
        XCTAssertEqual(line["job_id"] as? String, id)
        XCTAssertEqual((line["error"] as? [String: Any])?["code"] as? String, "cancelled")
        XCTAssertEqual(rows(try jobs(endpoint, ["list", "failed"])).first?[4], "cancelled: cancelled by a client (titanic.cancel) before it ran")
        XCTAssertTrue(try jobs(endpoint, ["cancel", id], status: 1).contains("not cancelled (wrong_state)"))
    }

    /// Any MDP client can use job control: pyzmq, frames as protocols/titanic.md §2a writes them.
    func testJobControlFromAPythonMDPClient() throws {
        try requirePython(modules: ["zmq"])
        let (endpoint, results) = try cluster()
        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let id = try XCTUnwrap(try push(endpoint, [empty.path]).first)
        XCTAssertEqual(waitForLines(results, count: 1, seconds: 60).count, 1)
        let out = dir.appendingPathComponent("peer.out")
        let peer = try python([ClusterTestCase.peersDirectory.appendingPathComponent("mdp_peer.py").path, "job-control", endpoint, "-"], output: out)
        XCTAssertEqual(waitExit(peer, seconds: 30), 0, text(out))
        let said = text(out).split(separator: "\n").map(String.init)
        XCTAssertEqual(said.first, "failed \(id) empty empty.txt")
        XCTAssertTrue(said.count == 2 && said[1].hasPrefix("retried \(id) as "), text(out))
    }
}
