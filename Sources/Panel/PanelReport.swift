// report.html: one self-contained page (inline CSS and SVG, no script, no network) to look at the
// panel: coverage per indicator code, then per code (gdp first) a chart of target against actual
// for every compared region-year, small multiples of target and actual over the years for each
// region, and the regions that missed.
import Foundation
import ReportExtraction

public enum PanelReport {
    public static func html(_ panel: Panel, title: String = "reportq panel") -> String {
        let outcomes = panel.outcomes
        let compared = outcomes.filter { $0.met != nil }
        var codes: [String] = []
        for o in outcomes where !codes.contains(o.code) { codes.append(o.code) }

        let canonical = panel.canonicalDocuments
        let regions = Set(canonical.compactMap(\.region))
        let years = canonical.compactMap(\.planYear)

        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(css)</style></head><body>
            <h1>\(escape(title))</h1>
            <p class="summary">\(panel.documents.count) documents (\(canonical.count) canonical, \
            \(panel.documents.filter { $0.duplicateOf != nil }.count) duplicates, \
            \(panel.documents.filter { $0.status == .error }.count) errors) · \(regions.count) regions · \
            plan years \(years.min().map(String.init) ?? "–")–\(years.max().map(String.init) ?? "–") · \
            \(panel.targets.count) targets · \(compared.count) targets compared with a result</p>

            """
        // Codes in the order a reader looks for them: gdp, then the most targeted.
        var targeted: [String: Int] = [:]
        for o in outcomes where o.targetStatus == .set { targeted[o.code, default: 0] += 1 }
        codes.sort { ($0 == "gdp" ? 0 : 1, -(targeted[$0] ?? 0), $0) < ($1 == "gdp" ? 0 : 1, -(targeted[$1] ?? 0), $1) }
        let chartCodes = codes.filter { c in compared.contains { $0.code == c } }
        let withResults = codes.filter { c in outcomes.contains { $0.code == c && $0.actualStatus == .reported } }
        h += coverageTable(outcomes, codes: withResults, caption: "Coverage: region-years of the codes with results")
        for code in chartCodes {
            let rows = compared.filter { $0.code == code }
            h += "<section class=\"code\" data-code=\"\(escape(code))\">\n"
            h += "<h2>\(escape(label(code))) <code>\(escape(code))</code></h2>\n"
            for measure in ComparedMeasure.allCases {
                let pairs = rows.filter { $0.measure == measure }
                guard !pairs.isEmpty else { continue }
                h += "<div class=\"measure\" data-measure=\"\(measure.rawValue)\">\n"
                h += "<h3>\(measure == .growth ? "growth, %" : "level") · \(pairs.count) region-years · "
                h += "\(pairs.filter { $0.met == true }.count) met · \(pairs.filter { $0.met == false }.count) missed</h3>\n"
                h += "<p class=\"legend\"><span class=\"dot met-dot\"></span> met <span class=\"dot missed-dot\"></span> missed "
                h += "<span class=\"square\"></span> target (dashed over consecutive years) <span class=\"line\"></span> actual</p>\n"
                h += scatter(pairs, code: code, measure: measure)
                h += smallMultiples(outcomes.filter { $0.code == code && $0.measure == measure }, comparedIn: pairs)
                h += missedTable(pairs.filter { $0.met == false })
                h += "</div>\n"
            }
            h += "</section>\n"
        }
        h += "<details class=\"all-codes\"><summary>Coverage of all \(codes.count) codes</summary>\n"
        h += coverageTable(outcomes, codes: codes, caption: "Coverage: region-years per indicator code") + "</details>\n"
        if chartCodes.isEmpty {
            h += "<p class=\"empty\">No region has both a year's target and the next report's result for it among these records.</p>\n"
        }
        h += "<footer>Written by reportq panel. Targets come from the report planning the year, results from the report "
        h += "reviewing it; met follows docs/PANEL.md.</footer>\n</body></html>\n"
        return h
    }

    static let css = """
        body{font:14px/1.45 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:24px;color:#222;max-width:1200px}\
        h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:14px;color:#555}\
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}\
        th:first-child,td:first-child{text-align:left}.multiples{display:flex;flex-wrap:wrap;gap:8px}\
        figure{margin:0}figcaption{font-size:12px;color:#444}svg{background:#fafafa}\
        .met{fill:#2a7d2a}.missed{fill:#c0392b}.target{stroke:#888;fill:none;stroke-dasharray:3 2}\
        .actual{stroke:#1f5fa8;fill:none}.axis{stroke:#999}.diag{stroke:#bbb;stroke-dasharray:4 3}\
        text{font-size:10px;fill:#555}code{font-size:12px;color:#777}.legend{font-size:12px;color:#555}\
        .dot{display:inline-block;width:8px;height:8px;border-radius:4px}.met-dot{background:#2a7d2a}.missed-dot{background:#c0392b}\
        .square{display:inline-block;width:6px;height:6px;background:#888}.line{display:inline-block;width:16px;height:2px;\
        background:#1f5fa8;vertical-align:middle}details{margin-top:32px}
        """

    /// The chart label of a code: the usual name of its indicator.
    static func label(_ code: String) -> String {
        IndicatorCodes.groups.first { $0.code == code }?.names.first ?? code
    }

    static func coverageTable(_ outcomes: [OutcomeRow], codes: [String], caption: String) -> String {
        var h = "<table class=\"coverage\"><caption>\(escape(caption))</caption>\n"
        h += "<tr><th>code</th><th>measure</th><th>with a target</th><th>not set</th><th>with a result</th><th>both</th><th>met</th><th>missed</th></tr>\n"
        for code in codes {
            for m in ComparedMeasure.allCases {
                let rows = outcomes.filter { $0.code == code && $0.measure == m }
                guard !rows.isEmpty else { continue }
                var cells = [Int](repeating: 0, count: 6)
                for r in rows {
                    if r.targetStatus == .set { cells[0] += 1 }
                    if r.targetStatus == .notSet { cells[1] += 1 }
                    if r.actualStatus == .reported { cells[2] += 1 }
                    if r.met != nil { cells[3] += 1 }
                    if r.met == true { cells[4] += 1 }
                    if r.met == false { cells[5] += 1 }
                }
                h += "<tr><td>\(escape(label(code))) <code>\(escape(code))</code></td><td>\(m.rawValue)</td>"
                h += cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
            }
        }
        return h + "</table>\n"
    }

    /// Target (x) against actual (y), one dot per region-year, the diagonal where they are equal.
    static func scatter(_ pairs: [OutcomeRow], code: String, measure: ComparedMeasure) -> String {
        let (w, hgt, pad) = (360.0, 300.0, 36.0)
        let values = pairs.flatMap { [$0.targetValue!, $0.actualValue!] }
        var lo = values.min()!, hi = values.max()!
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let margin = (hi - lo) * 0.08
        lo -= margin; hi += margin
        func x(_ v: Double) -> Double { pad + (v - lo) / (hi - lo) * (w - pad - 8) }
        func y(_ v: Double) -> Double { hgt - pad - (v - lo) / (hi - lo) * (hgt - pad - 8) }
        var s = "<svg class=\"chart scatter\" data-code=\"\(escape(code))\" data-measure=\"\(measure.rawValue)\" data-points=\"\(pairs.count)\" "
        s += "width=\"\(Int(w))\" height=\"\(Int(hgt))\" viewBox=\"0 0 \(Int(w)) \(Int(hgt))\" role=\"img\" aria-label=\"target against actual\">\n"
        s += "<line class=\"axis\" x1=\"\(pad)\" y1=\"\(hgt - pad)\" x2=\"\(w - 8)\" y2=\"\(hgt - pad)\"/>"
        s += "<line class=\"axis\" x1=\"\(pad)\" y1=\"8\" x2=\"\(pad)\" y2=\"\(hgt - pad)\"/>\n"
        s += "<line class=\"diag\" x1=\"\(fmt(x(lo)))\" y1=\"\(fmt(y(lo)))\" x2=\"\(fmt(x(hi)))\" y2=\"\(fmt(y(hi)))\"/>\n"
        for tick in ticks(lo, hi) {
            s += "<text x=\"\(fmt(x(tick)))\" y=\"\(fmt(hgt - pad + 14))\" text-anchor=\"middle\">\(CSVWriter.number(tick))</text>"
            s += "<text x=\"\(fmt(pad - 4))\" y=\"\(fmt(y(tick) + 3))\" text-anchor=\"end\">\(CSVWriter.number(tick))</text>\n"
        }
        s += "<text x=\"\(fmt(w / 2))\" y=\"\(fmt(hgt - 4))\" text-anchor=\"middle\">target</text>"
        s += "<text x=\"10\" y=\"\(fmt(hgt / 2))\" transform=\"rotate(-90 10 \(fmt(hgt / 2)))\" text-anchor=\"middle\">actual</text>\n"
        for p in pairs {
            s += "<circle class=\"\(p.met == true ? "met" : "missed")\" cx=\"\(fmt(x(p.targetValue!)))\" cy=\"\(fmt(y(p.actualValue!)))\" r=\"4\">"
            s += "<title>\(escape(p.region)) \(p.year): target \(CSVWriter.number(p.targetValue!))\(escape(p.qualifier ?? "")), "
            s += "actual \(CSVWriter.number(p.actualValue!))</title></circle>\n"
        }
        return s + "</svg>\n"
    }

    /// One small chart per region with at least one compared year: target (dashed) and actual over the years.
    static func smallMultiples(_ rows: [OutcomeRow], comparedIn pairs: [OutcomeRow]) -> String {
        let regions = Set(pairs.map(\.region)).sorted()
        var h = "<div class=\"multiples\">\n"
        for region in regions {
            let mine = rows.filter { $0.region == region }
            let targets = mine.compactMap { r in r.targetValue.map { (r.year, $0) } }.sorted { $0.0 < $1.0 }
            let actuals = mine.compactMap { r in r.actualValue.map { (r.year, $0) } }.sorted { $0.0 < $1.0 }
            let allYears = (targets + actuals).map(\.0), allValues = (targets + actuals).map(\.1)
            guard let y0 = allYears.min(), let y1 = allYears.max() else { continue }
            var lo = allValues.min()!, hi = allValues.max()!
            if hi - lo < 1e-9 { lo -= 1; hi += 1 }
            let (w, hgt, pad) = (170.0, 100.0, 18.0), left = 30.0
            func x(_ year: Int) -> Double { y1 == y0 ? w / 2 : left + Double(year - y0) / Double(y1 - y0) * (w - left - pad) }
            func y(_ v: Double) -> Double { hgt - pad - (v - lo) / (hi - lo) * (hgt - 2 * pad) }
            // A line joins consecutive years only: a gap in the reports is a gap in the line.
            func path(_ points: [(Int, Double)], _ cls: String) -> String {
                var runs: [[(Int, Double)]] = []
                for p in points {
                    if let last = runs.last?.last, last.0 + 1 == p.0 { runs[runs.count - 1].append(p) } else { runs.append([p]) }
                }
                return runs.filter { $0.count > 1 }.map { run in
                    "<polyline class=\"\(cls)\" points=\"" + run.map { "\(fmt(x($0.0))),\(fmt(y($0.1)))" }.joined(separator: " ") + "\"/>"
                }.joined()
            }
            h += "<figure><svg class=\"chart region\" data-region=\"\(escape(region))\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" "
            h += "viewBox=\"0 0 \(Int(w)) \(Int(hgt))\">"
            h += path(targets, "target") + path(actuals, "actual")
            for p in mine where p.targetValue != nil {
                h += "<rect x=\"\(fmt(x(p.year) - 2.5))\" y=\"\(fmt(y(p.targetValue!) - 2.5))\" width=\"5\" height=\"5\" fill=\"#888\">"
                h += "<title>\(p.year): target \(CSVWriter.number(p.targetValue!))</title></rect>"
            }
            for p in mine where p.actualValue != nil {
                let cls = p.met == false ? "missed" : (p.met == true ? "met" : "")
                h += "<circle class=\"\(cls)\" cx=\"\(fmt(x(p.year)))\" cy=\"\(fmt(y(p.actualValue!)))\" r=\"3\" "
                h += "\(cls.isEmpty ? "fill=\"#1f5fa8\"" : "")><title>\(p.year): actual \(CSVWriter.number(p.actualValue!))"
                h += p.targetValue.map { ", target \(CSVWriter.number($0))" } ?? ""
                h += "</title></circle>"
            }
            // The value range, so the small charts read without an axis.
            h += "<text x=\"2\" y=\"\(fmt(y(hi) + 3))\">\(CSVWriter.number((hi * 10).rounded() / 10))</text>"
            if hi != lo { h += "<text x=\"2\" y=\"\(fmt(y(lo) + 3))\">\(CSVWriter.number((lo * 10).rounded() / 10))</text>" }
            h += "<text x=\"\(fmt(pad))\" y=\"\(fmt(hgt - 3))\">\(y0)</text>"
            if y1 != y0 { h += "<text x=\"\(fmt(w - pad))\" y=\"\(fmt(hgt - 3))\" text-anchor=\"end\">\(y1)</text>" }
            h += "</svg><figcaption>\(escape(region))</figcaption></figure>\n"
        }
        return h + "</div>\n"
    }

    static func missedTable(_ missed: [OutcomeRow]) -> String {
        guard !missed.isEmpty else { return "" }
        var h = "<table class=\"missed-list\"><caption>Missed</caption><tr><th>region</th><th>year</th><th>target</th><th>actual</th><th>gap</th></tr>\n"
        for m in missed {
            let range = m.targetValueMax.map { "–" + CSVWriter.number($0) } ?? ""
            h += "<tr><td>\(escape(m.region))</td><td>\(m.year)</td>"
            h += "<td>\(CSVWriter.number(m.targetValue!))\(range)\(escape(m.qualifier ?? ""))</td>"
            h += "<td>\(CSVWriter.number(m.actualValue!))</td><td>\(m.gap.map(CSVWriter.number) ?? "")</td></tr>\n"
        }
        return h + "</table>\n"
    }

    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let raw = (hi - lo) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var t = (lo / step).rounded(.up) * step, out: [Double] = []
        while t <= hi + 1e-9 { out.append((t * 1e6).rounded() / 1e6); t += step }
        return out
    }


    static func fmt(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
