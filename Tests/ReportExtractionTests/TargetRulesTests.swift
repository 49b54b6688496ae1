// The target rules that reports in the wild needed (issue 14), one test per class, in passages written
// for these tests. Fixtures/unseen/38–41 and Fixtures/wild hold whole reports of the same classes.
import XCTest
import Foundation
import ReportText
@testable import ReportExtraction

final class PassageWithoutCueTests: XCTestCase {
    func testPlanSentenceOpensAPassageOverFullStopsButReviewFiguresNever() {
        let text = """
        一、2020年工作回顾
        预计全年地区生产总值比上年增长8.2%，一般公共预算收入增长3%。
        二、2021年工作安排
        今年预期地区生产总值增长8%左右。固定资产投资扭转下滑态势，实现正增长。城乡常住居民人均可支配收入分别增长6%和7%。
        重点抓好以下工作：
        """
        XCTAssertEqual(targetRows(text), [
            "地区生产总值|growth|8|-|%|左右|gdp", "固定资产投资|qualitative|-|-|-|-|fixed_asset_investment",
            "城镇常住居民人均可支配收入|growth|6|-|%|-|urban_income", "农村常住居民人均可支配收入|growth|7|-|%|-|rural_income"])
        // Without a plan's word the same figures are the review year's: no passage at all.
        XCTAssertTrue(targetRows("预计全年地区生产总值比上年增长8.2%左右。地区生产总值增长8.5%，高于全国。").isEmpty)
    }

    func testLeadInClausesAndPlanMarks() {
        XCTAssertEqual(targetRows("综合考虑各方面因素，地区生产总值增长6%左右，在实际工作中尽可能争取更好结果；固定资产投资增长7%以上。").prefix(2), [
            "地区生产总值|growth|6|-|%|左右|gdp", "固定资产投资|growth|7|-|%|以上|fixed_asset_investment"])
        XCTAssertEqual(targetRows("主要预期目标是：在提高质量和效益的基础上，全市生产总值增长7.5%左右，城镇登记失业率控制在4.5%以内。"), [
            "全市生产总值|growth|7.5|-|%|左右|gdp", "城镇登记失业率|level|4.5|-|%|控制在+以内|registered_unemployment"])
        XCTAssertEqual(targetRows("2006年是开局之年。初步确定2006年全市生产总值增长11%；财政总收入增长14%。").first, "全市生产总值|growth|11|-|%|-|gdp")
        XCTAssertEqual(targetRows("2008年力争生产总值增长10%以上；财政总收入增长12%以上。").first, "生产总值|growth|10|-|%|力争+以上|gdp")
    }

    func testTheAnnualGrowthSentenceOutranksAFiveYearCuePassage() {
        let text = """
        “十一五”时期我市经济社会发展的主要奋斗目标是：到2010年地区生产总值达到2500亿元，财政总收入达到400亿元。
        初步确定2006年全市生产总值增长11%；财政总收入增长14%。
        """
        XCTAssertEqual(targetRows(text), ["全市生产总值|growth|11|-|%|-|gdp", "财政总收入|growth|14|-|%|-|total_fiscal_revenue"])
    }

    func testTheCuePassageThatSetsGrowthWins() {
        let text = """
        今年主要预期目标是：地区生产总值增长8%以上，力争实现9%；固定资产投资增长3%左右。
        高质量发展主要目标是：制造业增加值占比24%；数字经济占比36%；森林覆盖率稳定在66%以上；人均预期寿命76岁。
        """
        XCTAssertEqual(targetRows(text), ["地区生产总值|growth|8|-|%|以上|gdp", "地区生产总值|growth|9|-|%|力争|gdp",
                                          "固定资产投资|growth|3|-|%|左右|fixed_asset_investment"])
    }

    func testTheYearsTargetsNamedAsIndicators() {
        XCTAssertEqual(targetRows("统筹考虑各方面因素，今年主要预期指标是：地区生产总值增长8%-8.5%，城镇新增就业8.5万人。").count, 2)
    }

    func testAFileWithoutLineBreaks() {
        let text = "2027年宜宾市政府工作报告 各位代表： 一、2026年工作回顾 2026年，全市地区生产总值达到4210.5亿元，增长6.1%。二、2027年工作安排 今年全市经济社会发展的主要预期目标是：地区生产总值增长6.5%左右；一般公共预算收入增长5%；城镇新增就业3.5万人以上；居民消费价格涨幅3%左右。三、2027年重点工作（一）加快建设现代化产业体系。全年固定资产投资增长8%。"
        XCTAssertEqual(targetRows(text), [
            "地区生产总值|growth|6.5|-|%|左右|gdp", "一般公共预算收入|growth|5|-|%|-|fiscal_revenue",
            "城镇新增就业|level|3.5|-|万人|以上|urban_new_jobs", "居民消费价格|growth|3|-|%|左右|cpi"])
    }

    func testDashItemsWithExplanationsAndExplanationLines() {
        let text = """
        2027年全省经济社会发展的主要预期目标是：
        ——经济增长。地区生产总值增长5.5%左右。这一目标考虑了稳就业的需要。
        ——就业。城镇新增就业70万人以上。就业是最基本的民生。
        ——物价。居民消费价格涨幅2%左右。
        对主要预期目标说明如下：
        ——关于城镇新增就业：2026年城镇新增就业72.1万人，今年目标为70万人以上。
        三、2027年经济社会发展的主要任务
        """
        XCTAssertEqual(targetRows(text), ["地区生产总值|growth|5.5|-|%|左右|gdp", "城镇新增就业|level|70|-|万人|以上|urban_new_jobs",
                                          "居民消费价格|growth|2|-|%|左右|cpi"])
    }

    func testADenseListAfterACueSentenceWithoutConnector() {
        let text = "我们对疫情前考虑的预期目标作了适当调整。今年要优先稳就业保民生；城镇登记失业率控制在3%以内；居民消费价格涨幅控制在3.5%左右；进出口促稳提质。"
        XCTAssertEqual(targetRows(text), ["城镇登记失业率|level|3|-|%|控制在+以内|registered_unemployment",
                                          "居民消费价格|growth|3.5|-|%|控制在+左右|cpi", "进出口|qualitative|-|-|-|-|foreign_trade"])
        // After a review sentence the same shape is no passage.
        XCTAssertTrue(targetRows("民营经济主要指标增幅连续四年全省领先。全面小康建设进程加快，东台、大丰在苏北率先达到省定指标要求，今年可望实现目标。").isEmpty)
    }
}

final class GrowthNotSetTests: XCTestCase {
    func notSet(_ text: String) -> Target? { Extractor.extract(text: text).targets.first { $0.measure == .notSet } }

    func testTargetsDeliberatelyNotSet() {
        let a = notSet("主要目标是：城镇新增就业20万人以上。今年不提出全年经济增长具体目标，主要考虑是疫情影响。")
        XCTAssertEqual(a?.indicator, "经济增长")
        XCTAssertEqual(a?.code, "gdp")
        XCTAssertEqual(a?.text, "不提出全年经济增长具体目标")
        XCTAssertNil(a?.value)
        XCTAssertEqual(notSet("需要说明的是，我们没有提出全年经济增速具体目标。")?.indicator, "经济增速")
        XCTAssertEqual(notSet("今年不设定具体增速目标。")?.indicator, "经济增速")
        XCTAssertEqual(notSet("今年不设定地区生产总值增长具体目标。")?.indicator, "地区生产总值")
    }

    func testNotSetOnlyWhereNoGrowthTargetIsSetAndNotForThePast() {
        XCTAssertNil(notSet("主要预期目标是：地区生产总值增长6%左右。国家去年不设定具体增速目标。"))
        XCTAssertNil(notSet("去年我们没有提出全年经济增速具体目标。"))
        XCTAssertNil(notSet("外部环境不确定性增加，实现经济增长目标压力大。"))
    }
}

final class IndicatorNameTests: XCTestCase {
    func testNamesStopAtBasisEmphasisStepVerbsAndBases() {
        XCTAssertEqual(targetRows("主要预期目标是：一般公共预算收入按可比口径增长6%左右；按可比口径实际利用外商直接投资不低于100亿美元；必保规上工业增加值增长7%；社会物流总费用占GDP比率下降至15.2%；森林覆盖率继续保持在66%以上；万元地区生产总值能耗较2015年下降15%；主要污染物排放总量在2005年基础上累计削减32%；细颗粒物浓度较上年控制目标下降1微克/立方米。"), [
            "一般公共预算收入|growth|6|-|%|左右|fiscal_revenue", "实际利用外商直接投资|level|100|-|亿美元|不低于|foreign_direct_investment",
            "规上工业增加值|growth|7|-|%|-|industrial_value_added", "社会物流总费用占GDP比率|level|15.2|-|%|-|-",
            "森林覆盖率|level|66|-|%|以上|forest_coverage", "万元地区生产总值能耗|change|15|-|%|-|energy_intensity",
            "主要污染物排放总量|change|32|-|%|-|-", "细颗粒物浓度|level|1|-|微克/立方米|-|pm25"])
    }

    func testGrowthVerbsOfOtherYears() {
        XCTAssertEqual(targetRows("主要预期目标是：生产总值同比增9%左右，社会消费品零售总额增10%，居民消费价格上涨幅度控制在2%左右，城镇居民人均可支配收入实际增长7%；城镇新增5万人。"), [
            "生产总值|growth|9|-|%|左右|gdp", "社会消费品零售总额|growth|10|-|%|-|retail_sales",
            "居民消费价格|growth|2|-|%|控制在+左右|cpi", "城镇居民人均可支配收入|growth|7|-|%|-|urban_income",
            "城镇新增|level|5|-|万人|-|-"])
    }

    func testComparisonsAreNotPartOfTheName() {
        XCTAssertEqual(targetRows("主要预期目标是：全市地区生产总值高于全省增速0.5个百分点，地区生产总值增速力争高于全省1个百分点，农村常住居民人均可支配收入增速高于城镇居民1.5个百分点，城镇常住居民人均可支配收入与全省同步增长，地方财政收入与经济保持同步增长，居民收入增长和经济发展同步，居民消费价格涨幅低于全省平均水平，城乡居民家庭人均可支配收入增幅力争高于经济增幅，居民消费价格指数与国家价格调控目标保持衔接。"), [
            "全市地区生产总值|growth|0.5|-|个百分点|高于|gdp", "地区生产总值|growth|1|-|个百分点|力争+高于|gdp",
            "农村常住居民人均可支配收入|growth|1.5|-|个百分点|高于|rural_income",
            "城镇常住居民人均可支配收入|qualitative|-|-|-|-|urban_income", "地方财政收入|qualitative|-|-|-|-|fiscal_revenue",
            "居民收入|qualitative|-|-|-|-|resident_income", "居民消费价格|qualitative|-|-|-|低于|cpi",
            "城乡居民家庭人均可支配收入|qualitative|-|-|-|力争+高于|-", "居民消费价格指数|qualitative|-|-|-|-|cpi"])
        // A target about targets is still none: "经济增长目标与全国保持一致".
        XCTAssertTrue(targetRows("主要预期目标是：经济增长目标与全国保持一致。").isEmpty)
    }

    func testRegionSelfWordsBeforeGDP() {
        XCTAssertEqual(IndicatorCodes.code(for: "本市生产总值"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "本省生产总值"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "本市人均生产总值"), "per_capita_gdp")     // not gdp
    }
}

final class CompoundSplitTests: XCTestCase {
    func testOneValueWithDistributiveAdverbs() {
        XCTAssertEqual(targetRows("主要预期目标是：城镇居民人均可支配收入和农民人均纯收入分别增长7.5%；城乡居民人均可支配收入均增长8%；财政总收入和地方财政收入均增长13%以上；城市居民人均可支配收入和农民人均纯收入增长8%。"), [
            "城镇居民人均可支配收入|growth|7.5|-|%|-|urban_income", "农民人均纯收入|growth|7.5|-|%|-|rural_income",
            "城镇居民人均可支配收入|growth|8|-|%|-|urban_income", "农村居民人均可支配收入|growth|8|-|%|-|rural_income",
            "财政总收入|growth|13|-|%|以上|total_fiscal_revenue", "地方财政收入|growth|13|-|%|以上|fiscal_revenue",
            "城市居民人均可支配收入|growth|8|-|%|-|urban_income", "农民人均纯收入|growth|8|-|%|-|rural_income"])
    }

    func testMultiPartSubjects() {
        XCTAssertEqual(targetRows("主要预期目标是：一二三产增加值分别增长3.5%、6%、5%左右；其中三次产业增加值分别增长2%、5%和7%以上；农业、规模以上工业、服务业增加值分别增长7%、11%和10.5%；金融机构存贷款余额分别增长13%和15%；万元GDP能耗、水耗分别下降2.75%和4%；二氧化硫、化学需氧量排放总量分别下降2%和6%；城、乡居民人均可支配收入分别增长7.5%、9%以上。").map { $0.components(separatedBy: "|")[0] }, [
            "一产增加值", "二产增加值", "三产增加值", "第一产业增加值", "第二产业增加值", "第三产业增加值",
            "农业增加值", "规模以上工业增加值", "服务业增加值", "金融机构存款余额", "金融机构贷款余额",
            "万元GDP能耗", "万元GDP水耗", "二氧化硫排放总量", "化学需氧量排放总量", "城居民人均可支配收入", "乡居民人均可支配收入"])
    }

    func testListsThatAreNotShared() {
        // Names of rivers modify one noun; 能耗 is a name of its own; two names without 分别 keep their own heads.
        XCTAssertEqual(targetRows("主要预期目标是：长江、黄河、澜沧江省境内干流全线水质稳定；能耗及生态环境质量指标完成省下达任务；实际使用外资、进出口总额稳中提质。"), [
            "长江、黄河、澜沧江省境内干流全线水质|qualitative|-|-|-|-|-", "能耗|qualitative|-|-|-|-|-",
            "生态环境质量指标|qualitative|-|-|-|-|-", "实际使用外资|qualitative|-|-|-|-|foreign_investment",
            "进出口总额|qualitative|-|-|-|-|foreign_trade"])
    }

    func testGrowthAndLevelOfOneIndicator() {
        XCTAssertEqual(targetRows("主要预期目标是：地区生产总值增长8%，达到296亿元；出口总值增长12%，力争总量突破100亿美元；地区生产总值增长8%以上、力争实现两位数增长、总量突破7000亿元。"), [
            "地区生产总值|growth|8|-|%|-|gdp", "地区生产总值|level|296|-|亿元|-|gdp", "出口总值|growth|12|-|%|-|exports",
            "出口总值|level|100|-|亿美元|力争|exports", "地区生产总值|growth|8|-|%|以上|gdp", "地区生产总值|level|7000|-|亿元|力争|gdp"])
    }

    func testCountsBeforeTheirNoun() {
        XCTAssertEqual(targetRows("主要预期目标是：办好30件民生实事；20万农村人口稳定脱贫；重大风险有效防控。"), [
            "民生实事|level|30|-|件|-|-", "农村人口稳定脱贫|level|20|-|万|-|-", "重大风险|qualitative|-|-|-|-|-"])
        // A count that opens a statement of another figure is none: "11个重点城市…天数平均增长13%".
        XCTAssertFalse(targetRows("主要预期目标是：地区生产总值增长6%；11个重点城市空气质量二级以上天数平均增长13%。").contains { $0.hasPrefix("重点城市") })
    }
}

final class ReviewGDPTests: XCTestCase {
    func gdp(_ text: String) -> String {
        let g = Extractor.extract(text: text).indicators.first { $0.code == "gdp" }
        func n(_ v: Double?) -> String { v.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "-" }
        return g.map { "\(n($0.value))/\(n($0.growth))" } ?? "none"
    }

    func testTheYearsFigureNotAMilestoneOrAnotherYear() {
        let head = "2019年青海省政府工作报告\n——2019年1月24日在青海省第十三届人民代表大会第二次会议上\n各位代表：\n一、2018年工作回顾\n"
        XCTAssertEqual(gdp(head + "过去五年，全省经济总量连跨两个千亿元台阶，年均增长7.6%。2018年，全省地区生产总值达到2865.2亿元，增长7.2%。\n"), "2865.2/7.2")
        XCTAssertEqual(gdp(head + "2016年，全省地区生产总值突破2500亿元。全年地区生产总值增长7.2%。\n"), "-/7.2")
        XCTAssertEqual(gdp(head + "地区生产总值达到2.5万亿元、五年年均增长7.2%，人均超过1万美元。全年地区生产总值增长3.9%。\n"), "-/3.9")
        XCTAssertEqual(gdp(head + "全省经济总量快速增长，生产总值年均增长12%，2018年达到9145亿元，年增长14.4%。\n"), "9145/14.4")
        XCTAssertEqual(gdp(head + "全年地区生产总值增长2.8%、增速居经济总量前十大城市第3位，经济运行走出从震荡下行到快速回升的曲线。\n"), "-/2.8")
        XCTAssertEqual(gdp(head + "经济总量跨越4000亿元、5000亿元两个大台阶。\n"), "none")
        XCTAssertEqual(gdp(head + "地区生产总值迈上5000亿元台阶，达到5012亿元，增长7%。\n"), "5012/7")
    }

    func testFiguresInTheClausesAfterAFigurelessKey() {
        let head = "2023年某市政府工作报告\n——2023年1月10日在某市第十届人民代表大会第二次会议上\n各位代表：\n一、2022年工作回顾\n"
        XCTAssertEqual(gdp(head + "初步预计，全市地区生产总值历史性突破千亿元大关，达1000.3亿元，增长8%。\n"), "1000.3/8")
        XCTAssertEqual(gdp(head + "地区生产总值增速居全省第3位，预计全年完成560亿元，增长7%。\n"), "560/7")
        XCTAssertEqual(gdp(head + "经济总量先后跨越4000亿元、5000亿元两个大台阶，2022年达到5309.43亿元，连续5年稳居全省第二位。\n"), "5309.43/-")
        XCTAssertEqual(gdp(head + "预计，地区生产总值增长5.5%左右，连续13个季度赶超全国平均水平。\n"), "-/5.5")
        XCTAssertEqual(gdp(head + "预计全年地区生产总值下降1.5%，规上工业增加值下降12%。\n"), "-/-1.5")
        XCTAssertEqual(gdp(head + "推动全年地区生产总值实现5571.17亿元、增长3.3%，增速高于全国平均水平。\n"), "5571.17/3.3")
        XCTAssertEqual(gdp(head + "全市实现地区生产总值2120.86亿元，恢复至2019年的105.3%，增长10.8%。\n"), "2120.86/10.8")
        XCTAssertEqual(gdp(head + "预计全年完成地区生产总值1.27万亿元左右，可比价增长8%。\n"), "1.27/8")
        XCTAssertEqual(gdp(head + "预计全年实现地区生产总值293.08亿元，增长（同比，下同）9%，超目标任务1.5个百分点。\n"), "293.08/9")
        XCTAssertEqual(gdp(head + "去年，全省地区生产总值完成2855.3亿元，是2007年的1.7倍，年均增长11.8%。\n"), "2855.3/-")
        XCTAssertEqual(gdp(head + "地区生产总值超10亿元的工业集中区、园区达到6个。\n"), "none")
        XCTAssertEqual(gdp(head + "全省地区生产总值增长5.7%，高于全国0.7个百分点，经济总量达到64697亿元，保持全国第5位。\n"), "64697/5.7")
        // The named year's level in a five-year sentence, with the year's growth from its own statement.
        XCTAssertEqual(gdp(head + "2022年，全市生产总值达到3157.7亿元，年均增长14%。全年生产总值增长11.7%。\n"), "3157.7/11.7")
        XCTAssertEqual(gdp(head + "2022年全市生产总值1684亿元，年均增长10.6%。\n"), "1684/-")
    }

    func testNoNeighboursFigure() {
        let x = Extractor.extract(text: "一、2018年工作回顾\n一般公共预算收入增长2.3%、支出首次超过1600亿元。\n")
        let fiscal = x.indicators.first { $0.code == "fiscal_revenue" }
        XCTAssertEqual(fiscal?.growth, 2.3)
        XCTAssertNil(fiscal?.value)
        XCTAssertEqual(gdp("一、2018年工作回顾\n2004年我省生产总值比原统计数增加292亿元。\n"), "none")
    }
}

final class WholeIndicatorsJoinedByAndTests: XCTestCase {
    func testTwoWholeIndicatorsWithOneValueSplit() {
        XCTAssertEqual(targetRows("主要预期目标是：城镇居民人均可支配收入和农民人均纯收入实际增长6%以上。"), [
            "城镇居民人均可支配收入|growth|6|-|%|以上|urban_income", "农民人均纯收入|growth|6|-|%|以上|rural_income"])
        // One name that holds 和 stays whole: a modifier list, a short part.
        XCTAssertEqual(targetRows("主要预期目标是：节能和环保产业增加值增长10%。"), ["节能和环保产业增加值|growth|10|-|%|-|-"])
    }
}


/// Classes found in the older and plainer reports of ../shared/wild after issue 14's first pass.
final class OlderPassageTests: XCTestCase {
    func testTopicSentencesBeforeEachParagraphsItems() {
        let text = """
        二、今年的目标任务
        主要目标和任务是：
        实现国民经济适度快速增长，保持物价基本稳定。国内生产总值增长10%左右；城镇登记失业率控制在3.5%以内。
        促进农村经济持续稳定发展。粮食总产量2900万吨。
        三、主要措施
        """
        XCTAssertEqual(targetRows(text), ["国内生产总值|growth|10|-|%|左右|gdp",
                                          "城镇登记失业率|level|3.5|-|%|控制在+以内|registered_unemployment",
                                          "粮食总产量|level|2900|-|万吨|-|grain_output"])
        // A topic sentence alone, with no item after it on its line, ends the passage.
        XCTAssertEqual(targetRows("主要预期目标是：地区生产总值增长6%。\n加快建设现代化产业体系。\n推进项目建设，完成投资100亿元。"),
                       ["地区生产总值|growth|6|-|%|-|gdp"])
    }

    func testOrdinalListsAndRateWords() {
        XCTAssertEqual(targetRows("主要预期目标是：其中一、二、三产业分别增长4%、11%、10%。"), [
            "第一产业|growth|4|-|%|-|primary_value_added", "第二产业|growth|11|-|%|-|secondary_value_added", "第三产业|growth|10|-|%|-|service_value_added"])
        XCTAssertEqual(targetRows("主要预期目标是：社会商品零售物价总水平上升幅度控制在6%以内；居民消费价格涨幅预期3%以内；国内生产总值增长速度为8%左右。"), [
            "社会商品零售物价总水平|growth|6|-|%|控制在+以内|retail_price_index", "居民消费价格|growth|3|-|%|以内|cpi", "国内生产总值|growth|8|-|%|左右|gdp"])
    }

    func testFiguresInChineseNumerals() {
        XCTAssertEqual(targetRows("今年主要目标是：全省工农业总产值达到三百八十四亿元，比上年增长百分之四点三。其中，农业总产值增长百分之三，争取百分之四；出口总额30亿美元，争取32亿美元。"), [
            "全省工农业总产值|level|384|-|亿元|-|-", "全省工农业总产值|growth|4.3|-|%|-|-",
            "农业总产值|growth|3|-|%|-|agricultural_output", "农业总产值|growth|4|-|%|-|agricultural_output",
            "出口总额|level|30|-|亿美元|-|exports", "出口总额|level|32|-|亿美元|-|exports"])
        // Counts and round figures of speech stay words: "三个", "站稳千亿台阶", "十四五".
        XCTAssertEqual(targetRows("今年主要目标是：地区生产总值增长5.5%以上，高质量站稳千亿台阶；建成三个产业园区。"),
                       ["地区生产总值|growth|5.5|-|%|以上|gdp"])
    }

    func testOtherTargetsGoOnWithThePassage() {
        XCTAssertEqual(targetRows("主要预期目标是：国内生产总值增长9%；财政收入与经济保持同步增长。其他预期目标是，全社会固定资产投资增长13.2%；人口自然增长率控制在5.53‰以内。\n项目建设是加快发展的主要推动力。"), [
            "国内生产总值|growth|9|-|%|-|gdp", "财政收入|qualitative|-|-|-|-|fiscal_revenue",
            "全社会固定资产投资|growth|13.2|-|%|-|fixed_asset_investment", "人口自然增长率|level|5.53|-|‰|控制在+以内|population_growth"])
    }

    func testAThresholdInsideAName() {
        XCTAssertEqual(targetRows("主要预期目标是：省外2000万元以上项目资金增长7%；城镇新增就业5万人以上，农村劳动力转移就业3万人。"), [
            "省外2000万元以上项目资金|growth|7|-|%|-|-", "城镇新增就业|level|5|-|万人|以上|urban_new_jobs",
            "农村劳动力转移就业|level|3|-|万人|-|-"])
    }

    func testQualitativeListsAndTalkAboutTargets() {
        XCTAssertEqual(targetRows("主要预期目标是：地区生产总值增长6%，粮食产量和单位地区生产总值能耗降低及生态环境质量指标完成国家下达目标任务。"), [
            "地区生产总值|growth|6|-|%|-|gdp", "粮食产量|qualitative|-|-|-|-|grain_output",
            "单位地区生产总值能耗降低|qualitative|-|-|-|-|energy_intensity", "生态环境质量指标|qualitative|-|-|-|-|-"])
        XCTAssertEqual(targetRows("主要预期目标是：地区生产总值增长6%。\n完成全年发展目标面临诸多挑战。"), ["地区生产总值|growth|6|-|%|-|gdp"])
        XCTAssertEqual(targetRows("主要预期目标是：城镇新增就业21万人，实现单位GDP能耗下降目标。"), [
            "城镇新增就业|level|21|-|万人|-|urban_new_jobs", "单位GDP能耗|qualitative|-|-|-|-|energy_intensity"])
        XCTAssertEqual(targetRows("主要目标是：经济平稳增长，全市经济较快增长，经济运行保持在合理区间。"), [
            "经济|qualitative|-|-|-|-|gdp", "全市经济|qualitative|-|-|-|-|gdp", "经济运行|qualitative|-|-|-|-|-"])
        XCTAssertEqual(targetRows("主要预期目标是：节能减排和大气、水环境质量确保完成省下达的目标任务。"), [
            "节能减排|qualitative|-|-|-|-|-", "大气环境质量|qualitative|-|-|-|-|-", "水环境质量|qualitative|-|-|-|-|-"])
        XCTAssertEqual(targetRows("主要预期目标是：地区生产总值增长6%，为全面完成预期目标，重点完成好以下工作任务："), ["地区生产总值|growth|6|-|%|-|gdp"])
        XCTAssertEqual(targetRows("主要预期目标是：地区生产总值增长6%，力争有所提升。围绕实现上述目标，重点做好以下工作："), ["地区生产总值|growth|6|-|%|-|gdp"])
    }
}
