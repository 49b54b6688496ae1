import Foundation
import XCTest

/// `reportq panel` as a user runs it: records from `extract`, the panel's files, and report.html
/// opened in a real browser (Debian's headless Chromium) with no network.
final class PanelCommandTests: ClusterTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/corpus").standardized
    static let wild = corpus.deletingLastPathComponent().appendingPathComponent("wild")
    /// Where the screenshot stays after the test (out/ is not in git).
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("out/test-screenshots")

    func run(_ args: [String], seconds: Double = 120) throws -> (Int32?, String, String) {
        let out = dir.appendingPathComponent("cmd-\(UUID().uuidString.prefix(6)).out")
        let err = dir.appendingPathComponent("cmd-\(UUID().uuidString.prefix(6)).err")
        let p = try reportq(args, output: out, errors: err)
        let code = waitExit(p, seconds: seconds)
        return (code, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func testPanelFromExtractOutputOpensInABrowser() throws {
        guard FileManager.default.fileExists(atPath: Self.wild.appendingPathComponent("labels.tsv").path) else {
            throw XCTSkip("../shared/wild is absent")
        }
        let records = dir.appendingPathComponent("records.jsonl")
        let (extractCode, _, _) = try run(["extract", "--no-words", Self.corpus.path, Self.wild.path, "-o", records.path], seconds: 300)
        XCTAssertEqual(extractCode, 1, "the folders' README.md and labels.tsv are not reports")
        let panelDir = dir.appendingPathComponent("panel")
        let (code, stdout, stderr) = try run(["panel", records.path, "-o", panelDir.path, "--json"])
        XCTAssertEqual(code, 0, stderr)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], stdout)
        XCTAssertGreaterThanOrEqual(summary["gdp_pairs"] as? Int ?? 0, 25)
        XCTAssertGreaterThanOrEqual(summary["duplicates"] as? Int ?? 0, 1, "reports both collections hold are marked")
        for name in ["documents.csv", "targets.csv", "indicators.csv", "target_vs_actual.csv", "panel.sqlite", "report.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: panelDir.appendingPathComponent(name).path), name)
        }
        XCTAssertFalse((try FileManager.default.contentsOfDirectory(atPath: panelDir.path)).contains { $0.hasSuffix(".partial") })

        // The page: no address outside itself, one section per code with compared pairs, each with its chart.
        let page = try String(contentsOf: panelDir.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertFalse(page.contains("http://") || page.contains("https://") || page.contains("src="), "the page must load nothing")
        let csv = try String(contentsOf: panelDir.appendingPathComponent("target_vs_actual.csv"), encoding: .utf8)
        let comparedCodes = Set(csv.split(separator: "\r\n").dropFirst().compactMap { line -> String? in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return f.last.map { $0 == "true" || $0 == "false" } == true ? String(f[3]) : nil
        })
        XCTAssertTrue(comparedCodes.contains("gdp"))

        let browser = try chromium()
        let (dom, errors) = try render(browser, panelDir.appendingPathComponent("report.html"), screenshot: "panel-report.png")
        XCTAssertEqual(errors, [], "console errors")
        let sections = dom.components(separatedBy: "<section class=\"code\" data-code=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(Set(sections), comparedCodes, "one section per code with a target and a result")
        XCTAssertEqual(sections.first, "gdp", "gdp first")
        let scatters = dom.components(separatedBy: "<svg class=\"chart scatter\" data-code=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(Set(scatters), comparedCodes, "a chart for every code")
        XCTAssertTrue(dom.contains("data-region=\"贵阳市\""), "the small multiple of a region with consecutive reports")
    }

    /// The console check itself: a page with a script error is caught (so a clean page means something).
    func testTheBrowserCheckSeesAScriptError() throws {
        let browser = try chromium()
        let bad = dir.appendingPathComponent("bad.html")
        try Data("<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction()</script></body></html>".utf8).write(to: bad)
        let (_, errors) = try render(browser, bad, screenshot: nil)
        XCTAssertEqual(errors.count, 1, "\(errors)")
    }

    func testLinesThatAreNoRecordsAreNamedAndExitOne() throws {
        let records = dir.appendingPathComponent("records.jsonl")
        let (extractCode, _, _) = try run(["extract", "--no-words", Self.corpus.appendingPathComponent("2026_北京市.txt").path, "-o", records.path])
        XCTAssertEqual(extractCode, 0)
        let handle = try FileHandle(forWritingTo: records)
        handle.seekToEndOfFile()
        handle.write(Data("not json\n{\"job_id\":\"x\",\"status\":\"ok\"".utf8))   // a bad line, then one still being written
        handle.closeFile()
        let (code, stdout, stderr) = try run(["panel", records.path, "-o", dir.appendingPathComponent("p").path])
        XCTAssertEqual(code, 1)
        XCTAssertTrue(stderr.contains("records.jsonl:2"), stderr)
        XCTAssertTrue(stderr.contains("records.jsonl:3") && stderr.contains("no newline"), stderr)
        XCTAssertTrue(stdout.contains("panel: 1 documents"), stdout)
        let (missingCode, _, missingErr) = try run(["panel", dir.appendingPathComponent("nothing.jsonl").path, "-o", dir.path])
        XCTAssertEqual(missingCode, 64, missingErr)
    }

    // MARK: the browser

    func chromium() throws -> URL {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        XCTFail("chromium not found: scripts/setup installs Debian's chromium")
        throw CocoaError(.fileNoSuchFile)
    }

    /// The DOM after load and the console errors, with no network (every request goes to a dead proxy).
    func render(_ browser: URL, _ page: URL, screenshot: String?) throws -> (dom: String, errors: [String]) {
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--proxy-server=127.0.0.1:9",
                      "--user-data-dir=\(dir.appendingPathComponent("chromium-profile").path)", "--enable-logging=stderr", "--v=0"]
        let domFile = dir.appendingPathComponent("dom.html"), log = dir.appendingPathComponent("chromium.log")
        let p = try launch(browser, common + ["--dump-dom", page.absoluteString], output: domFile, errors: log)
        XCTAssertEqual(waitExit(p, seconds: 60), 0)
        let errors = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
            .filter { $0.contains(":CONSOLE") && ($0.contains("Uncaught") || $0.contains("Error") || $0.contains("error")) }.map(String.init)
        if let screenshot {
            try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
            let png = Self.screenshots.appendingPathComponent(screenshot)
            let s = try launch(browser, common + ["--screenshot=\(png.path)", "--window-size=1280,2400", page.absoluteString],
                               errors: dir.appendingPathComponent("shot.log"))
            XCTAssertEqual(waitExit(s, seconds: 60), 0)
            XCTAssertGreaterThan((try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0, 10_000)
            print("screenshot: \(png.path)")
        }
        return ((try? String(contentsOf: domFile, encoding: .utf8)) ?? "", errors)
    }
}
