// Runs Python jieba 0.42.1 as the reference ("oracle") for parity tests.
import Foundation
import XCTest

enum JiebaOracle {
    static let script = #"""
import sys, json, logging, os
import jieba, jieba.analyse
jieba.setLogLevel(logging.WARNING)
jdir = os.environ.get("REPORTQ_JIEBA_DIR", "/usr/lib/python3/dist-packages/jieba")
jieba.set_dictionary(os.path.join(jdir, "dict.txt"))
req = json.load(open(sys.argv[1], encoding="utf-8"))
for ud in req.get("userdicts", []):
    jieba.load_userdict(ud)
out = {"lines": [jieba.lcut(l, HMM=req.get("hmm", True)) for l in req.get("lines", [])],
       "keywords": [jieba.analyse.extract_tags(t, topK=req.get("topK", 20), withWeight=True)
                    for t in req.get("texts", [])],
       "freq": {w: jieba.get_FREQ(w) for w in req.get("words", [])},
       "version": jieba.__version__}
json.dump(out, sys.stdout, ensure_ascii=False)
"""#

    struct Answer {
        var lines: [[String]]
        var keywords: [[(String, Double)]]
        var freq: [String: Int?]
    }

    /// Asks Python jieba; fails the test with a clear message when python3 or jieba is missing.
    static func ask(lines: [String] = [], hmm: Bool = true, texts: [String] = [], topK: Int = 20, words: [String] = [],
                    userDictionaries: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Answer {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let req: [String: Any] = ["lines": lines, "hmm": hmm, "texts": texts, "topK": topK, "words": words, "userdicts": userDictionaries]
        let reqURL = dir.appendingPathComponent("req.json")
        try JSONSerialization.data(withJSONObject: req).write(to: reqURL)
        let scriptURL = dir.appendingPathComponent("oracle.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)

        // PATH's python3 first (pip jieba), then Debian's (python3-jieba).
        var data = Data(), errText = ""
        var status: Int32 = -1
        for interpreter in [["/usr/bin/env", "python3"], ["/usr/bin/python3"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: interpreter[0])
            p.arguments = Array(interpreter.dropFirst()) + [scriptURL.path, reqURL.path]
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            do { try p.run() } catch { errText = "\(interpreter.joined(separator: " ")): \(error)"; continue }
            data = out.fileHandleForReading.readDataToEndOfFile()
            errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            status = p.terminationStatus
            if status == 0 || !errText.contains("No module named") { break }
        }
        guard status == 0 else {
            let msg = errText.contains("No module named") || status == -1 ?
                "Python 3 with jieba 0.42.1 is required (the setup installs python3-jieba; or `pip install jieba==0.42.1`): \(errText)" :
                "python3 jieba oracle failed: \(errText)"
            XCTFail(msg, file: file, line: line)
            throw NSError(domain: "JiebaOracle", code: Int(status))
        }
        let obj = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        XCTAssertEqual(obj["version"] as? String, "0.42.1", "reference must be jieba 0.42.1", file: file, line: line)
        let kws = (obj["keywords"] as! [[[Any]]]).map { $0.map { ($0[0] as! String, ($0[1] as! NSNumber).doubleValue) } }
        var freq: [String: Int?] = [:]
        for (k, v) in obj["freq"] as! [String: Any] { freq[k] = (v as? NSNumber)?.intValue }
        return Answer(lines: obj["lines"] as! [[String]], keywords: kws, freq: freq)
    }
}

/// Corpus access through ../shared/corpus relative to the package root.
enum Corpus {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/corpus").standardized
    }

    static func files() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Lines as `reportq segment` and the compare script take them: split on \n, trailing \r dropped.
    static func lines(of url: URL) throws -> [String] {
        // On bytes: a String would treat "\r\n" as one Character.
        var parts = [UInt8](try Data(contentsOf: url)).split(separator: 0x0A, omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts.map { p in String(decoding: p.last == 0x0D ? p.dropLast() : p, as: UTF8.self) }
    }
}
