// Whether a text that decoded fine is a report at all. A README.md pushed by mistake would
// otherwise come back `ok` (it names 政府工作报告 and 国民经济和社会发展计划, so it read as an empty
// "development plan"); it becomes an error line `not_a_report` instead.
//
// The rule is deliberately conservative, two signs that must both be missing:
//   1. extraction found nothing of a report: no title, region, meeting date, congress, speaker,
//      review or plan year, no target and no review-year indicator; and
//   2. the text is not mostly Chinese: under half of its non-space characters are CJK.
// Measured on every file of ../shared/corpus, ../shared/wild (362 reports, 1983–2026) and the unseen
// fixtures: every report has (1), and its text is at least 80 % CJK; the READMEs, labels.tsv, gold.json
// and this repository's Markdown beside them have neither (0.4–35 % CJK). A Chinese text with no
// report metadata (a news item, a notice) stays `ok`: deciding what a report is belongs to its reader.
import ReportExtraction
import ReportText

enum ReportSignals {
    /// Below this share of CJK among non-space characters, a text with no report metadata is not a report.
    static let minimumChineseShare = 0.5

    /// Nil when the text may be a report; otherwise the error message saying why not.
    static func notAReport(_ st: StructuredText, _ x: ExtractionResult) -> String? {
        let d = x.info
        if d.title != nil || d.region != nil || d.meetingDate != nil || d.congress != nil || d.speaker != nil
            || d.reviewYear != nil || d.planYear != nil || x.targetCount > 0 || x.indicatorCount > 0 {
            return nil
        }
        let share = chineseShare(st.scalars)
        if share >= minimumChineseShare { return nil }
        let percent = share < 0.01 ? "under 1" : "\(Int((share * 100).rounded()))"
        return "no title, region, year, target or indicator found, and \(percent) % of the text is Chinese: not a government report or plan"
    }

    /// CJK ideographs and CJK/full-width punctuation among the non-space characters.
    static func chineseShare(_ scalars: [UInt32]) -> Double {
        var chinese = 0, counted = 0
        for c in scalars {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3000: continue
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x3001...0x303F, 0xFF00...0xFFEF, 0x20000...0x2FFFF:
                chinese += 1
            default: break
            }
            counted += 1
        }
        return counted == 0 ? 0 : Double(chinese) / Double(counted)
    }
}
