import Foundation
import TestSupport
import XCTest
import Majordomo

/// A damaged journal names what it lost: queued jobs whose stored file is hit (a flipped bit in
/// the body, a corrupted length field) come back after a restart as error lines
/// (`journal_corrupt`) under their own ids and file names, the broker's log names them, and
/// `titanic.reply` answers `lost`, not `unknown`; the undamaged jobs run as usual.
final class JournalDamageTests: ClusterTestCase {
    func testDamagedJobsAreNamedAndWrittenAsErrorLines() throws {
        let ep = ipcEndpoint()
        let journal = dir.appendingPathComponent("journal")
        let out = dir.appendingPathComponent("out.jsonl")
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in ["a", "flipped", "badlength", "d"] {
            try Data("二〇二六年政府工作报告 MARK-\(name)-MARK\n各位代表：今年地区生产总值增长5%左右。\n".utf8)
                .write(to: input.appendingPathComponent("\(name).txt"))
        }
        // Stored and acknowledged while no worker runs: all four wait in the journal.
        var broker = try startBroker(ep, journal: journal)
        let ids = try push(ep, [input.path])
        XCTAssertEqual(ids.count, 4)
        kill(broker.processIdentifier, SIGTERM)
        XCTAssertEqual(waitExit(broker, seconds: 5), 0)

        // Damage two of them on disk.
        let segment = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: journal.path)
            .filter { $0.hasPrefix("seg-") }.sorted().last.map { journal.appendingPathComponent($0).path })
        var bytes = readFile(segment)
        let flipped = try XCTUnwrap(find(Array("MARK-flipped-MARK".utf8), in: bytes))
        bytes[flipped + 5] ^= 0x04                                       // one bit of the body
        let other = try XCTUnwrap(find(Array("MARK-badlength-MARK".utf8), in: bytes))
        let record = try XCTUnwrap(lastMagic(before: other, in: bytes))  // its submitted record's start
        bytes[record + 7] = 0x7F                                         // its length field: ~2 GiB
        writeFile(segment, bytes)

        broker = try startBroker(ep, journal: journal, log: "restarted")
        try startWorker(ep)
        try startAggregator(ep, out: out)
        let lines = waitForLines(out, count: 4, seconds: 60)
        XCTAssertEqual(Set(lines.compactMap { $0["job_id"] as? String }), Set(ids), "one line per acknowledged job")
        var byName: [String: [String: Any]] = [:]
        for line in lines { byName[(line["source"] as? [String: Any])?["name"] as? String ?? "?"] = line }
        for name in ["flipped.txt", "badlength.txt"] {
            let line = byName[name]
            XCTAssertEqual(line?["status"] as? String, "error", name)
            XCTAssertEqual((line?["error"] as? [String: Any])?["code"] as? String, "journal_corrupt", name)
        }
        for name in ["a.txt", "d.txt"] { XCTAssertEqual(byName[name]?["status"] as? String, "ok", name) }

        // The log names each lost job; titanic.reply says lost, and unknown only for an unknown id.
        let log = try String(contentsOf: try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .first { $0.lastPathComponent.hasPrefix("restarted-") }), encoding: .utf8)
        for name in ["flipped.txt", "badlength.txt"] {
            let id = try XCTUnwrap(byName[name]?["job_id"] as? String)
            XCTAssertTrue(log.contains("job \(id) (\(name)) lost"), log)
            let reply = try client(ep).request(service: "titanic.reply", body: [Array(id.utf8)])
            XCTAssertEqual(reply.first, Array("200".utf8))
            XCTAssertTrue(String(decoding: reply.last ?? [], as: UTF8.self).contains(#""state":"lost""#), "\(reply.map { String(decoding: $0, as: UTF8.self) })")
        }
        XCTAssertEqual(try client(ep).request(service: "titanic.reply", body: [Array("0123456789abcdef0123456789abcdef".utf8)]),
                       [Array("400".utf8)])
        usleep(1_000_000)
        XCTAssertEqual(outputLines(out).count, 4, "a line written twice")
        XCTAssertTrue(broker.isRunning)
    }

    func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    /// Where the record holding `offset` starts: the last "RQJ1" magic before it.
    func lastMagic(before offset: Int, in bytes: [UInt8]) -> Int? {
        var i = offset - 4
        while i >= 0 { if Array(bytes[i..<(i + 4)]) == Array("RQJ1".utf8) { return i }; i -= 1 }
        return nil
    }
}
