// Targets passages written for these tests: other provinces' and cities' phrasing, other years,
// ranges, qualifiers, compounds, numbered lists, five-year passages next to annual ones.
import XCTest
import Foundation
import ReportText
@testable import ReportExtraction

final class TargetTests: XCTestCase {
    func rows(_ text: String) -> [String] { targetRows(text) }
}

/// "indicator|measure|value|value_max|unit|qualifier|code" per target, in order.
func targetRows(_ text: String) -> [String] {
    Extractor.extract(text: text).targets.map { t in
        func n(_ v: Double?) -> String { v.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "-" }
        return [t.indicator, t.measure.rawValue, n(t.value), n(t.valueMax), t.unit ?? "-", t.qualifier ?? "-", t.code ?? "-"].joined(separator: "|")
    }
}

extension TargetTests {

    func testZhejiangStyleAnnualTargets() {
        let text = """
        二、2027年工作安排
        今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；一般公共预算收入增长与经济增长基本同步；城乡居民收入增长与经济增长同步；居民消费价格涨幅3%左右；城镇调查失业率控制在5.5%以内；单位地区生产总值能耗下降3%左右；粮食产量稳定在120亿斤以上。
        实现上述目标，需要我们付出艰苦努力。
        """
        XCTAssertEqual(rows(text), [
            "地区生产总值|growth|5.5|-|%|左右|gdp",
            "一般公共预算收入|qualitative|-|-|-|-|fiscal_revenue",
            "城乡居民收入|qualitative|-|-|-|-|-",
            "居民消费价格|growth|3|-|%|左右|cpi",
            "城镇调查失业率|level|5.5|-|%|控制在+以内|urban_unemployment",
            "单位地区生产总值能耗|change|3|-|%|左右|energy_intensity",
            "粮食产量|level|120|-|亿斤|以上|grain_output",
        ])
    }

    func testHenanStyleWithLeadingQualifierAndJobs() {
        let text = """
        2027年全市经济社会发展的主要目标是：力争地区生产总值增长6%以上，规上工业增加值增长7%，城镇新增就业11.5万人以上，常住人口城镇化率提高1.2个百分点，实际利用外资2亿美元。
        """
        XCTAssertEqual(rows(text), [
            "地区生产总值|growth|6|-|%|力争+以上|gdp",
            "规上工业增加值|growth|7|-|%|-|industrial_value_added",
            "城镇新增就业|level|11.5|-|万人|以上|urban_new_jobs",
            "常住人口城镇化率|change|1.2|-|个百分点|-|urbanization_rate",
            "实际利用外资|level|2|-|亿美元|-|foreign_investment",
        ])
    }

    func testRangesInAllSpellings() {
        XCTAssertEqual(rows("主要预期目标是：地区生产总值增长5%-5.5%，固定资产投资增长6%到7%。").prefix(2), [
            "地区生产总值|growth|5|5.5|%|-|gdp", "固定资产投资|growth|6|7|%|-|fixed_asset_investment"])
        XCTAssertEqual(rows("主要预期目标是：全市生产总值增长5—5.5%。"), ["全市生产总值|growth|5|5.5|%|-|gdp"])
        XCTAssertEqual(rows("主要预期目标是：地区生产总值增长4.5%至5%，在实际工作中努力争取更好结果。"), ["地区生产总值|growth|4.5|5|%|-|gdp"])
    }

    func testCompoundsSplitIntoIndicators() {
        XCTAssertEqual(rows("主要预期目标是：城乡居民人均可支配收入分别增长5%和6.5%左右。"), [
            "城镇居民人均可支配收入|growth|5|-|%|-|urban_income", "农村居民人均可支配收入|growth|6.5|-|%|左右|rural_income"])
        XCTAssertEqual(rows("主要预期目标是：城镇、农村居民人均可支配收入分别增长5%、7%。"), [
            "城镇居民人均可支配收入|growth|5|-|%|-|urban_income", "农村居民人均可支配收入|growth|7|-|%|-|rural_income"])
        XCTAssertEqual(rows("主要预期目标是：一产、二产、三产增加值分别增长4%、6%以上、5.5%左右。"), [
            "一产增加值|growth|4|-|%|-|-", "二产增加值|growth|6|-|%|以上|-", "三产增加值|growth|5.5|-|%|左右|-"])
        XCTAssertEqual(rows("主要预期目标是：进出口总额、实际使用外资增速高于全省平均水平。"), [
            "进出口总额|qualitative|-|-|-|高于|foreign_trade", "实际使用外资|qualitative|-|-|-|高于|foreign_investment"])
        XCTAssertEqual(rows("主要预期目标是：完成国家和省下达的节能减排降碳约束性指标和环境质量改善目标。"), [
            "节能减排降碳约束性指标|qualitative|-|-|-|-|-", "环境质量改善目标|qualitative|-|-|-|-|-"])
        XCTAssertEqual(rows("主要预期目标是：粮食产量、能耗强度、主要污染物排放等指标完成国家下达任务。"), [
            "粮食产量|qualitative|-|-|-|-|grain_output", "能耗强度|qualitative|-|-|-|-|energy_intensity",
            "主要污染物排放|qualitative|-|-|-|-|-"])
    }

    func testTwoTargetsJoinedByEnumerationComma() {
        XCTAssertEqual(rows("主要预期目标是：城镇新增就业60万人以上、城镇调查失业率5.5%左右，细颗粒物平均浓度控制在30微克/立方米以下、争取更优水平。"), [
            "城镇新增就业|level|60|-|万人|以上|urban_new_jobs", "城镇调查失业率|level|5.5|-|%|左右|urban_unemployment",
            "细颗粒物平均浓度|level|30|-|微克/立方米|控制在+以下|pm25"])
    }

    func testNumberedListOverSeveralParagraphs() {
        let text = """
        今年全区经济社会发展的主要预期目标为：
        1.地区生产总值增长6%左右；
        2.一般公共预算收入增长5%；
        3.城镇新增就业1.2万人。
        （一）坚持扩大内需，全力稳住经济增长。全年固定资产投资增长10%。
        """
        XCTAssertEqual(rows(text), ["地区生产总值|growth|6|-|%|左右|gdp", "一般公共预算收入|growth|5|-|%|-|fiscal_revenue",
                                    "城镇新增就业|level|1.2|-|万人|-|urban_new_jobs"])
    }

    func testNumberedSubheadsInsideOneParagraph() {
        let text = "确定全年主要目标是:1.经济增长。地区生产总值增长6%以上,服务业增加值增长7%左右。2.民生保障。居民消费价格涨幅控制在3%左右。新增城镇就业8万人。\n需要说明的是,约束性目标必须完成。"
        XCTAssertEqual(rows(text), ["地区生产总值|growth|6|-|%|以上|gdp", "服务业增加值|growth|7|-|%|左右|service_value_added",
                                    "居民消费价格|growth|3|-|%|控制在+左右|cpi", "新增城镇就业|level|8|-|万人|-|urban_new_jobs"])
    }

    func testAnnualPassageWinsOverFiveYearPassage() {
        let text = """
        “十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，居民收入增长与经济增长同步。
        今年经济社会发展主要预期目标是：地区生产总值增长5.2%，一般公共预算收入增长3%。这样的目标，是综合考虑各方面因素提出的。
        """
        XCTAssertEqual(rows(text), ["地区生产总值|growth|5.2|-|%|-|gdp", "一般公共预算收入|growth|3|-|%|-|fiscal_revenue"])
    }

    func testCueSplitAcrossLineAndTalkAfterTargets() {
        let text = "今年经济社会发展的\n主要预期目标\n是：经济增长5%左右；居民收入增长和经济增长同步。这样的目标，是立足发展所需提出来的。重点抓好以下10个方面的工作："
        XCTAssertEqual(rows(text), ["经济增长|growth|5|-|%|左右|gdp", "居民收入|qualitative|-|-|-|-|resident_income"])
    }

    func testQualitativePredicates() {
        let text = "主要预期目标是：固定资产投资合理增长，居民消费价格保持基本稳定，生态环境质量持续改善，乡村全面振兴取得新进展，外贸进出口总额和实际使用外资保持稳定增长，按照国家要求完成节能减排降碳任务。"
        XCTAssertEqual(rows(text), [
            "固定资产投资|qualitative|-|-|-|-|fixed_asset_investment", "居民消费价格|qualitative|-|-|-|-|cpi",
            "生态环境质量|qualitative|-|-|-|-|-", "乡村全面振兴|qualitative|-|-|-|-|-",
            "外贸进出口总额|qualitative|-|-|-|-|foreign_trade", "实际使用外资|qualitative|-|-|-|-|foreign_investment",
            "节能减排降碳任务|qualitative|-|-|-|-|-"])
    }

    func testNoPassageNoTargets() {
        XCTAssertTrue(rows("全市地区生产总值增长5%，一般公共预算收入增长3%。我们要坚定信心。").isEmpty)
        XCTAssertTrue(rows("").isEmpty)
    }

    func testSentenceIdsAndTextSpans() {
        let x = Extractor.extract(text: "主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长3%。")
        XCTAssertEqual(x.targets.first?.text, "地区生产总值增长5%左右")
        XCTAssertEqual(x.targets.last?.text, "一般公共预算收入增长3%")
    }
}

final class MoreTargetTests: XCTestCase {
    func rows(_ text: String) -> [String] { targetRows(text) }

    func testConnectorsAndLabels() {
        XCTAssertEqual(rows("2027年全市经济社会发展主要预期目标建议如下：经济发展方面：地区生产总值增长6%左右；民生方面：城镇新增就业8万人。"), [
            "地区生产总值|growth|6|-|%|左右|gdp", "城镇新增就业|level|8|-|万人|-|urban_new_jobs"])
        XCTAssertEqual(rows("主要预期目标初步安排为：2027年地区生产总值增长5.5%，外贸进出口稳中提质。"), [
            "地区生产总值|growth|5.5|-|%|-|gdp", "外贸进出口|qualitative|-|-|-|-|foreign_trade"])
        XCTAssertEqual(rows("主要预期目标是：一是地区生产总值增长5%；二是单位GDP能耗下降完成省下达任务。"), [
            "地区生产总值|growth|5|-|%|-|gdp", "单位GDP能耗|qualitative|-|-|-|-|energy_intensity"])
    }

    func testNextPartHeadingEndsThePassage() {
        let text = "今年主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长3%。\n（一）着力扩大内需\n全年固定资产投资增长10%以上，社会消费品零售总额增长6%。"
        XCTAssertEqual(rows(text), ["地区生产总值|growth|5|-|%|左右|gdp", "一般公共预算收入|growth|3|-|%|-|fiscal_revenue"])
    }

    func testFiveYearWordsInTheSameSentenceAsThisYear() {
        let text = """
        “十五五”时期的主要目标是：地区生产总值年均增长5.5%左右，研发经费投入年均增长8%。
        今年是“十五五”规划开局之年，全省经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长4%，城镇新增就业50万人以上。
        """
        XCTAssertEqual(rows(text).first, "地区生产总值|growth|6|-|%|左右|gdp")
        XCTAssertEqual(rows(text).count, 3)
    }
}

final class PlanReportTests: XCTestCase {
    func testPlanReportTitleWithTwoYears() {
        let d = Extractor.extract(text: """
        关于济南市2025年国民经济和社会发展计划执行情况与2026年计划草案的报告
        ——2026年1月10日在济南市第十八届人民代表大会第五次会议上
        济南市发展和改革委员会主任 张华
        各位代表：
        """).document
        XCTAssertEqual(d.docType, .developmentPlan)
        XCTAssertEqual(d.region, "济南市")
        XCTAssertEqual(d.speaker, Speaker(name: "张华", title: "发展和改革委员会主任"))   // the agency stays in the title
        XCTAssertEqual(d.reviewYear, 2025)
        XCTAssertEqual(d.planYear, 2026)
        let e = Extractor.extract(text: "关于济南市2025年国民经济和社会发展计划执行情况与2026年计划草案的报告\n一、2025年计划执行情况\n").document
        XCTAssertEqual(e.reviewYear, 2025)
        XCTAssertEqual(e.planYear, 2026)
    }
}

/// Passages in the phrasing of other provinces and of the national report (written from memory
/// of their style, not copied from the corpus).
final class OtherPhrasingTests: XCTestCase {
    func testShandongStyle() {
        XCTAssertEqual(targetRows("今年全省经济社会发展主要预期目标是：全省生产总值增长5%以上，一般公共预算收入增长2%，城镇新增就业110万人以上，城镇调查失业率5.5%以内，居民消费价格涨幅2%左右，居民收入增长与经济增长同步，粮食产量稳定在1100亿斤以上，能耗强度、主要污染物排放量、生态环境质量完成国家下达目标。"), [
            "全省生产总值|growth|5|-|%|以上|gdp", "一般公共预算收入|growth|2|-|%|-|fiscal_revenue",
            "城镇新增就业|level|110|-|万人|以上|urban_new_jobs", "城镇调查失业率|level|5.5|-|%|以内|urban_unemployment",
            "居民消费价格|growth|2|-|%|左右|cpi", "居民收入|qualitative|-|-|-|-|resident_income",
            "粮食产量|level|1100|-|亿斤|以上|grain_output", "能耗强度|qualitative|-|-|-|-|energy_intensity",
            "主要污染物排放量|qualitative|-|-|-|-|-", "生态环境质量|qualitative|-|-|-|-|-"])
    }

    func testZhejiangStyleWithRatio() {
        XCTAssertEqual(targetRows("今年全省经济社会发展主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业100万人以上，城镇调查失业率5.5%以内；研发经费支出相当于地区生产总值的比例达到3.3%；单位地区生产总值能耗下降完成国家下达任务。"), [
            "地区生产总值|growth|5.5|-|%|左右|gdp", "城镇新增就业|level|100|-|万人|以上|urban_new_jobs",
            "城镇调查失业率|level|5.5|-|%|以内|urban_unemployment", "研发经费支出相当于地区生产总值的比例|level|3.3|-|%|-|-",
            "单位地区生产总值能耗|qualitative|-|-|-|-|energy_intensity"])
    }

    func testNationalStyle() {
        XCTAssertEqual(targetRows("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅2%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.4万亿斤左右；单位国内生产总值能耗降低3%左右，生态环境质量持续改善。"), [
            "国内生产总值|growth|5|-|%|左右|gdp", "城镇新增就业|level|1200|-|万人|以上|urban_new_jobs",
            "城镇调查失业率|level|5.5|-|%|左右|urban_unemployment", "居民消费价格|growth|2|-|%|左右|cpi",
            "居民收入|qualitative|-|-|-|-|resident_income", "国际收支|qualitative|-|-|-|-|-",
            "粮食产量|level|1.4|-|万亿斤|左右|grain_output", "单位国内生产总值能耗|change|3|-|%|左右|energy_intensity",
            "生态环境质量|qualitative|-|-|-|-|-"])
    }

    func testCountyStyleWithSemicolonsAndFullStops() {
        XCTAssertEqual(targetRows("2027年全县经济社会发展的主要预期目标是：地区生产总值增长7%。一般公共预算收入增长6%以上。农村居民人均可支配收入增长7.5%左右。\n我们将重点抓好以下工作。"), [
            "地区生产总值|growth|7|-|%|-|gdp", "一般公共预算收入|growth|6|-|%|以上|fiscal_revenue",
            "农村居民人均可支配收入|growth|7.5|-|%|左右|rural_income"])
    }
}

/// The corpus passages rewritten: separators swapped, a line break after the cue, years moved.
final class CorpusVariantTests: XCTestCase {
    func testPassagesSurviveSeparatorAndYearChanges() throws {
        let gold = try CorpusRegressionTests.loadGold()
        for g in gold {
            let bytes = try [UInt8](Data(contentsOf: CorpusRegressionTests.root.appendingPathComponent("corpus/\(g.file)")))
            let st = try TextPipeline.process(bytes)
            let original = Extractor.extract(st).targets.map(\.indicator)
            var variant = st.text.replacingOccurrences(of: "；", with: "，")
            variant = variant.replacingOccurrences(of: "主要预期目标是：", with: "主要预期目标是：\n")
            variant = variant.replacingOccurrences(of: "2026", with: "2027").replacingOccurrences(of: "2025", with: "2026")
            let changed = Extractor.extract(text: variant).targets.map(\.indicator)
            XCTAssertEqual(changed, original, g.file)
        }
    }
}

final class FallbackTargetTests: XCTestCase {
    func testNoCueButThisYearGDPTarget() {
        let text = "一、2026年工作回顾\n全市地区生产总值增长5.8%。\n二、2027年工作安排\n今年全市地区生产总值增长目标为6%左右，一般公共预算收入增长5%。我们要努力实现。"
        XCTAssertEqual(targetRows(text), ["全市地区生产总值|growth|6|-|%|左右|gdp", "一般公共预算收入|growth|5|-|%|-|fiscal_revenue"])
        let x = Extractor.extract(text: text)
        XCTAssertEqual(x.indicators.first { $0.code == "gdp" }?.growth, 5.8)
    }
}

final class PassageChoiceTests: XCTestCase {
    func testWeakCueDoesNotOutrankTheMainPassage() {
        let text = """
        今年政府工作的目标任务是：经济运行持续向好，营商环境持续优化，创新能力不断增强，城乡面貌持续改善，民生福祉不断增进。
        全年经济社会发展的主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长3%。经济增长目标与全国保持一致，体现了担当。
        """
        XCTAssertEqual(targetRows(text), ["地区生产总值|growth|5|-|%|左右|gdp", "一般公共预算收入|growth|3|-|%|-|fiscal_revenue"])
    }
}

final class BulletAndIssuerTests: XCTestCase {
    func testDashBulletsAndIssuers() {
        let text = "主要预期目标是：\n——地区生产总值增长6％左右；\n——完成省政府下达的能耗强度降低目标；\n● 城镇新增就业5万人。"
        XCTAssertEqual(targetRows(text), ["地区生产总值|growth|6|-|%|左右|gdp", "能耗强度降低目标|qualitative|-|-|-|-|-",
                                          "城镇新增就业|level|5|-|万人|-|urban_new_jobs"])
    }
}

final class AbbreviationTests: XCTestCase {
    func testLatinAbbreviationsAsIndicators() {
        XCTAssertEqual(targetRows("今年的主要目标是：GDP增长5%左右，实际使用外资5000万美元，万元GDP能耗下降3%。"), [
            "GDP|growth|5|-|%|左右|gdp", "实际使用外资|level|5000|-|万美元|-|foreign_investment",
            "万元GDP能耗|change|3|-|%|-|energy_intensity"])
        XCTAssertEqual(targetRows("主要预期目标是：经济增速保持在5.5%左右，PM2.5平均浓度控制在35微克/立方米以内。"), [
            "经济增速|growth|5.5|-|%|左右|gdp", "PM2.5平均浓度|level|35|-|微克/立方米|控制在+以内|pm25"])
    }
}

final class SharedValueTests: XCTestCase {
    func testOneValueForSeveralIndicators() {
        XCTAssertEqual(targetRows("主要预期目标是：规模以上工业增加值、固定资产投资均增长6%左右，城镇和农村居民人均可支配收入分别增长5%和7%。"), [
            "规模以上工业增加值|growth|6|-|%|左右|industrial_value_added", "固定资产投资|growth|6|-|%|左右|fixed_asset_investment",
            "城镇居民人均可支配收入|growth|5|-|%|-|urban_income", "农村居民人均可支配收入|growth|7|-|%|-|rural_income"])
    }
}

final class OpeningVerbTests: XCTestCase {
    func testOpeningVerbsAreNotPartOfTheIndicator() {
        XCTAssertEqual(targetRows("主要预期目标是：实现地区生产总值增长6%，完成固定资产投资1000亿元以上。"), [
            "地区生产总值|growth|6|-|%|-|gdp", "固定资产投资|level|1000|-|亿元|以上|fixed_asset_investment"])
    }
}

final class TargetSentenceTests: XCTestCase {
    /// The same words in the review and in the plan: the target's sentence is the plan's.
    func testSentenceComesFromWhereTheTargetWasRead() throws {
        let st = TextPipeline.structure(plainText: """
        政府工作报告
        各位代表：
        一、2025年工作回顾
        去年确定的目标是地区生产总值增长6%左右。全年地区生产总值增长6.2%。
        二、2026年工作安排
        今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇新增就业5万人。
        """)
        let x = Extractor.extract(st)
        let gdp = try XCTUnwrap(x.targets.first { $0.code == "gdp" })
        let sentence = try XCTUnwrap(st.sentences.first { $0.id == gdp.sentence })
        XCTAssertTrue(sentence.text.hasPrefix("今年经济社会发展的主要预期目标是"), sentence.text)
    }
}
