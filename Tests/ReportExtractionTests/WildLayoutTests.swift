// The wild reports (../shared/wild) as a text export of a PDF gives them: lines cut at a fixed
// width with a two-character indent, punctuation kept off the line starts, page numbers and a
// running header between pages. What a report says does not change with its layout, so every
// document field and target must come out as from the same text with one line per paragraph.
// Consistency at scale, no gold: the layouts are made here from the wild files at run time.
import XCTest
import Foundation
import ReportText
@testable import ReportExtraction

final class WildLayoutTests: XCTestCase {
    /// Two layouts per report (widths 56–80 columns, 34–42 lines a page, with a running header or
    /// with short lines split at wide gaps); REPORTQ_LAYOUT_DUMP=DIR writes each layout there. Before the title-block,
    /// semicolon, running-header and wide-gap rules (December 6): 13 document fields wrong over the 724
    /// layouts of 362 reports, 72 targets of 7,276 differing in 27 layouts; after: none and 23 in 1.
    func testWildReportsLaidOutAsTextExports() throws {
        let reports = try Self.wildReports()
        XCTAssertGreaterThanOrEqual(reports.count, 300)
        var diff = Differences()
        for r in reports {
            for layout in [r.index, r.index + 3] {
                let width = [56, 60, 64, 68, 72, 76, 80][layout % 7], page = [34, 38, 42][layout % 3]
                let header = layout % 2 == 1 ? r.paragraphs.first.flatMap { $0.count <= 40 ? $0 : nil } : nil
                let export = Self.textExport(r.paragraphs, width: width, linesPerPage: page, header: header, splitAtGaps: layout % 2 == 0)
                if let dump = ProcessInfo.processInfo.environment["REPORTQ_LAYOUT_DUMP"] {
                    try? export.write(toFile: "\(dump)/\(r.name.dropLast(3))@\(width).txt", atomically: true, encoding: .utf8)
                }
                diff.add(r, "@\(width)", try Self.extract(export))
            }
        }
        diff.report("layouts")
        XCTAssertEqual(diff.fields, [])
        // Left: a paragraph whose sentence ends exactly at the width, cut from its next sentence
        // (text alone cannot tell it from a paragraph's end), moves the targets after it.
        XCTAssertLessThanOrEqual(Double(diff.targetsDiffering), 0.01 * Double(diff.targetsPlain))
    }

    /// The same reports as a government site's page shows them: a top bar, navigation, a
    /// breadcrumb, an info bar (date, source, views, font size or print/close links), the text in
    /// <p> elements (indented in one style), a share bar, related links and the site's footer.
    func testWildReportsAsWebPages() throws {
        var diff = Differences()
        for r in try Self.wildReports() {
            diff.add(r, "style \(r.index % 4)", try Self.extract(Self.webPage(r.paragraphs, style: r.index % 4, day: 10 + r.index % 18)))
        }
        diff.report("web pages")
        XCTAssertEqual(diff.fields, [])
        XCTAssertEqual(diff.targetsDiffering, 0)
    }

    /// The same reports with their paragraph breaks lost, as a page's text taken in one string
    /// gives them: paragraphs run together with nothing, one space or a full-width indent between.
    /// Before the run-on rules (December 6): meeting date wrong in 338 of 362, speaker 332,
    /// congress 333, region 103, title 83, plan and review year 299.
    func testWildReportsRunTogether() throws {
        let reports = try Self.wildReports()
        var diff = Differences()
        for r in reports {
            diff.add(r, "run together", try Self.extract(r.paragraphs.joined(separator: ["", " ", "　　"][r.index % 3]) + "\n"))
        }
        diff.report("run together")
        // Left: a title block without the address, or a date after the speaker, run into the text;
        // section headings glued to their first sentence.
        for field in ["meeting_date", "congress", "speaker", "region", "region_level", "doc_type"] {
            XCTAssertLessThanOrEqual(diff.wrong[field, default: 0], reports.count * 3 / 100, field)
        }
        for field in ["title", "plan_year", "review_year"] {
            XCTAssertLessThanOrEqual(diff.wrong[field, default: 0], reports.count * 8 / 100, field)
        }
        XCTAssertLessThanOrEqual(Double(diff.targetsDiffering), 0.02 * Double(diff.targetsPlain))
    }

    /// A wild report: its paragraphs and what its plain text (one line a paragraph) gives.
    struct WildReport: Sendable {
        let index: Int
        let name: String
        let paragraphs: [String]
        let plain: Extraction
    }

    /// Every wild report, read and extracted once for the three tests (nil without the corpus).
    static let reports: [WildReport]? = {
        let dir = WildConsistencyTests.wild
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return nil }
        return try? names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().enumerated().map { i, name in
            let paragraphs = paragraphs(String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self))
            return WildReport(index: i, name: name, paragraphs: paragraphs, plain: try extract(paragraphs.joined(separator: "\n\n")))
        }
    }()

    static func wildReports() throws -> [WildReport] {
        guard let reports else { throw XCTSkip("no wild corpus at \(WildConsistencyTests.wild.path)") }
        return reports
    }

    /// What a variant reads differently from the plain text, over the reports added.
    struct Differences {
        var fields: [String] = []              // "name label: field plain → variant"
        var wrong: [String: Int] = [:]         // per field
        var targetsPlain = 0, targetsDiffering = 0
        var reportsDiffering: [String] = []

        mutating func add(_ r: WildReport, _ label: String, _ variant: Extraction) {
            for (field, a, b) in WildLayoutTests.fields(r.plain.document, variant.document) where a != b {
                fields.append("\(r.name) \(label): \(field) \(a) → \(b)")
                wrong[field, default: 0] += 1
            }
            let a = WildLayoutTests.targetKeys(r.plain), b = WildLayoutTests.targetKeys(variant)
            targetsPlain += a.count
            let lost = a.subtracting(b).count, gained = b.subtracting(a).count
            targetsDiffering += lost + gained
            if lost + gained > 0 { reportsDiffering.append("\(r.name) \(label): -\(lost) +\(gained)") }
        }

        func report(_ what: String) {
            print("\(what): document fields wrong \(fields.count) \(wrong.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }), "
                  + "targets differing \(targetsDiffering) of \(targetsPlain) in \(reportsDiffering.count)")
            for m in (fields.prefix(20) + reportsDiffering.prefix(20)) { print("   \(m)") }
        }
    }

    static func webPage(_ paragraphs: [String], style: Int, day: Int) -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        let date = "2024-01-\(day)"
        var h = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政府工作报告_人民政府门户网站</title>",
                 "<style>.nav a{margin:4px}</style><script>var _hmt=_hmt||[];</script></head><body>",
                 "<div class=\"top\"><a href=\"/\">无障碍</a> | <a href=\"#\">长者模式</a> | <a href=\"#\">English</a></div>",
                 "<div class=\"nav\">" + ["首页", "政务公开", "政务服务", "互动交流", "走进城市"].map { "<a href=\"#\">\($0)</a>" }.joined() + "</div>",
                 "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a>政务公开</a> &gt; <a>政府工作报告</a></div>"]
        if style < 2 {
            h.append("<h1>\(esc(paragraphs.first ?? ""))</h1>")
            h.append("<div class=\"info\">发布时间：\(date) 09:30 来源：市政府办公室 浏览次数：\(300 + day) 字号：<a>大</a> <a>中</a> <a>小</a></div>")
        } else {
            h.append("<div class=\"info\"><span>\(date)</span><span>来源：本站</span><a>【打印本页】</a><a>【关闭窗口】</a></div>")
        }
        h.append("<div class=\"content\">")
        for p in paragraphs { h.append(style == 3 ? "<p style=\"text-indent:2em\">　　\(esc(p))</p>" : "<p>\(esc(p))</p>") }
        h.append("</div><div class=\"share\">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>")
        h.append("<div class=\"rel\">相关链接：<ul><li><a>2023年政府工作报告</a></li><li><a>2022年政府工作报告</a></li></ul></div>")
        h.append("<div class=\"foot\">版权所有：某某市人民政府办公室 主办单位：某某市人民政府办公室 网站标识码：1234000001<br>扫一扫在手机打开当前页</div></body></html>")
        return h.joined(separator: "\n")
    }

    /// The report's paragraphs, as the collection's Markdown gives them (front matter and marks off).
    static func paragraphs(_ markdown: String) -> [String] {
        var text = Substring(markdown)
        if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) {
            text = text[end.upperBound...]
        }
        return text.split(separator: "\n").map { line -> String in
            var l = line.replacingOccurrences(of: "**", with: "")
            while l.hasPrefix("#") { l.removeFirst() }
            return l.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// Lines of `width` columns (2 for a Chinese character): short lines without an ending stop
    /// (title-block lines, headings) centred, paragraphs indented by two full-width spaces; a
    /// closing punctuation mark never starts a line (it hangs at the end); a page number and the
    /// next page's running header after every `linesPerPage` lines. `splitAtGaps`: a short line's
    /// pieces set apart by wide gaps go on lines of their own, as pdftotext writes them.
    static func textExport(_ paragraphs: [String], width: Int, linesPerPage: Int, header: String?, splitAtGaps: Bool = false) -> String {
        func columns(_ c: Unicode.Scalar) -> Int { c.value < 0x1100 ? 1 : 2 }
        let hanging: Set<Unicode.Scalar> = Set("，。、；：！？）》”’%．,.".unicodeScalars)
        var lines: [String] = []
        for p in paragraphs {
            let w = p.unicodeScalars.reduce(0) { $0 + columns($1) }
            if w < width * 6 / 10, let last = p.last, !"。：；".contains(last) {
                // pdftotext puts what a wide gap sets apart ("市长　张　勇") on lines of its own.
                if splitAtGaps {
                    let pieces = p.replacingOccurrences(of: "　", with: "  ").components(separatedBy: "  ").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                    lines += pieces.flatMap { [$0.trimmingCharacters(in: .whitespaces), ""] }
                } else {
                    lines.append(String(repeating: " ", count: max(0, (width - w) / 2)) + p)
                }
                continue
            }
            var line = "　　", used = 4
            for c in p.unicodeScalars {
                if used + columns(c) > width && !hanging.contains(c) { lines.append(line); line = ""; used = 0 }
                line.unicodeScalars.append(c); used += columns(c)
            }
            if !line.isEmpty { lines.append(line) }
        }
        var out: [String] = [], page = 1
        if let header { out.append(header) }
        for start in stride(from: 0, to: lines.count, by: linesPerPage) {
            out += lines[start..<min(lines.count, start + linesPerPage)]
            out += ["", String(repeating: " ", count: width / 2 - 3) + "— \(page) —", "\u{0C}"]
            if let header { out.append(header) }
            page += 1
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func extract(_ text: String) throws -> Extraction {
        Extractor.extract(try TextPipeline.process(Array(text.utf8)))
    }

    static func fields(_ a: DocumentInfo, _ b: DocumentInfo) -> [(String, String, String)] {
        func s(_ v: Any?) -> String { v.map { "\($0)" } ?? "nil" }
        return [("doc_type", s(a.docType), s(b.docType)), ("title", s(a.title), s(b.title)), ("region", s(a.region), s(b.region)),
                ("region_level", s(a.regionLevel), s(b.regionLevel)), ("meeting_date", s(a.meetingDate), s(b.meetingDate)),
                ("congress", s(a.congress), s(b.congress)), ("speaker", s(a.speaker), s(b.speaker)),
                ("review_year", s(a.reviewYear), s(b.reviewYear)), ("plan_year", s(a.planYear), s(b.planYear))]
    }

    /// Targets as a set of what they say (indicator, measure, value, bound, qualifier; a repeat numbered).
    static func targetKeys(_ e: Extraction) -> Set<String> {
        var seen: [String: Int] = [:]
        return Set(e.targets.map { t in
            let key = "\(t.indicator)|\(t.measure)|\(t.value.map { "\($0)" } ?? "")|\(t.valueMax.map { "\($0)" } ?? "")|\(t.qualifier ?? "")"
            seen[key, default: 0] += 1
            return key + "#\(seen[key]!)"
        })
    }
}
