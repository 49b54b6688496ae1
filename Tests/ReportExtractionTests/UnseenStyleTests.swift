// Report styles the dev corpus does not show: counties, banners (旗), leagues (盟), autonomous
// prefectures, districts of a municipality, plan reports delivered by a 发改委主任, Traditional
// script, web headers, years 2019–2025. The fixtures under Fixtures/unseen/ are synthetic reports
// written for these tests, with the values a careful reader would annotate in Fixtures/unseen/gold.json
// (protocols/targets.md). The focused tests below pin each rule that these styles needed.
import XCTest
import Foundation
import ReportText
@testable import ReportExtraction
import ExtractionScoring

final class UnseenStyleTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/unseen")

    /// Every fixture through the text pipeline and the extractor, scored like `reportq eval`.
    func testUnseenFixturesAgainstTheirGold() throws {
        let gold = try JSONDecoder().decode([GoldRecord].self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("gold.json")))
        XCTAssertGreaterThanOrEqual(gold.count, 15)
        let r = try scoreFixtures(gold: gold, texts: Self.fixtures)
        for (k, v) in r.fieldAccuracy { XCTAssertEqual(v, 1.0, "field \(k)") }
        XCTAssertEqual(r.targetF1, 1.0, accuracy: 1e-9)
        XCTAssertEqual(r.gdpTargetAccuracy, 1.0)
        XCTAssertEqual(r.gdpActualAccuracy, 1.0)
    }

    func testPlanReportSpeakerKeepsTheAgencyInTheTitle() {
        let sp = { speakerRead($0) }
        XCTAssertEqual(sp("绵阳市发展和改革委员会主任 赵明川"), "赵明川/发展和改革委员会主任/绵阳市")
        XCTAssertEqual(sp("自治区发展和改革委员会主任 王立新"), "王立新/发展和改革委员会主任/自治区")
        XCTAssertEqual(sp("市发展改革委主任 李强"), "李强/发展改革委主任/市")
        XCTAssertEqual(sp("杭州市人民政府市长 陈一"), "陈一/市长/杭州市人民政府")   // offices of government unchanged
        let d = Extractor.extract(text: """
        关于江西省2026年国民经济和社会发展计划执行情况与2027年计划草案的报告
        ——2027年1月16日在江西省第十四届人民代表大会第六次会议上
        江西省发展和改革委员会主任 刘卫国
        各位代表：
        """).document
        XCTAssertEqual(d.speaker, Speaker(name: "刘卫国", title: "发展和改革委员会主任"))
        XCTAssertEqual(d.region, "江西省")
        XCTAssertEqual(d.docType, .developmentPlan)
    }

    func testNumberedLabelsWithTheirItemsOnTheSameLine() {
        let x = Extractor.extract(text: """
        今年全区经济社会发展的主要预期目标是：
        （一）经济增长。地区生产总值增长6%以上，力争更好结果。
        （二）财政收入。一般公共预算收入增长5%。
        （三）民生。城镇新增就业不少于3万人。
        三、2027年重点工作
        （一）坚持创新引领，加快建设高科技园区。
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入", "城镇新增就业"])
        XCTAssertEqual(x.targets.last?.qualifier, "不少于")
    }

    func testCueHeadingAloneOnItsLine() {
        let x = Extractor.extract(text: """
        二、2027年主要预期目标
        地区生产总值增长7%左右；一般公共预算收入同口径增长5%；城镇新增就业2500人以上。
        三、2027年重点工作
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入", "城镇新增就业"])
        XCTAssertEqual(x.targets.first?.qualifier, "左右")
        // A heading that only names the part ("主要目标和重点工作") still needs its connector.
        XCTAssertTrue(Extractor.extract(text: "二、主要目标和重点工作\n地区生产总值增长7%左右。\n").targets.isEmpty)
    }

    func testVerbOnlyClauseContinuesTheTargetBeforeIt() {
        let x = Extractor.extract(text: "明年的主要预期目标是：地区生产总值增长7%以上，力争达到8%；进出口总额达到5500亿元。")
        XCTAssertEqual(x.targets.count, 3)
        XCTAssertEqual(x.targets[1].indicator, "地区生产总值")
        XCTAssertEqual(x.targets[1].measure, .growth)
        XCTAssertEqual(x.targets[1].value, 8)
        XCTAssertEqual(x.targets[1].qualifier, "力争")
        XCTAssertEqual(x.targets[1].code, "gdp")
        XCTAssertEqual(x.targets[1].text, "力争达到8%")
        XCTAssertEqual(x.targets[2].indicator, "进出口总额")
        // With nothing before it, a verb-only clause is no target.
        XCTAssertTrue(Extractor.extract(text: "主要预期目标是：力争达到8%。").targets.isEmpty)
    }

    func testGDPCodeForRegionPrefixedNamesAndAbbreviation() {
        XCTAssertEqual(IndicatorCodes.code(for: "全州地区生产总值"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "全旗生产总值"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "地区生产总值（GDP）"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "全盟规模以上工业增加值"), "industrial_value_added")
        XCTAssertNil(IndicatorCodes.code(for: "全面生产总值"))
        XCTAssertEqual(IndicatorCodes.code(for: "人均地区生产总值"), "per_capita_gdp")     // not gdp
    }

    func testReviewGDPInAFullYearClauseAfterPeriodWords() {
        let x = Extractor.extract(text: """
        一、2026年工作回顾
        今年以来，面对超预期因素冲击，全市上下奋力拼搏，预计全年实现地区生产总值1835亿元，增长5.5%左右。
        二、2027年工作安排
        明年的主要预期目标是：地区生产总值增长7%以上。
        """)
        let gdp = x.indicators.first { $0.code == "gdp" }
        XCTAssertEqual(gdp?.value, 1835)
        XCTAssertEqual(gdp?.growth, 5.5)
        // Without 全年 in its own clause the statement stays tied to 以来.
        let y = Extractor.extract(text: "一、工作回顾\n2021年以来，地区生产总值达到1835亿元。\n")
        XCTAssertNil(y.indicators.first { $0.code == "gdp" })
    }

    func testReviewGDPThresholdThenExactFigure() {
        let x = Extractor.extract(text: "一、2026年工作回顾\n地区生产总值（GDP）突破200亿元，达到203.6亿元，增长4.6%。\n")
        let gdp = x.indicators.first { $0.code == "gdp" }
        XCTAssertEqual(gdp?.value, 203.6)
        XCTAssertEqual(gdp?.unit, "亿元")
        XCTAssertEqual(gdp?.growth, 4.6)
        // A threshold alone is the figure (预计全市地区生产总值超过1.2万亿元).
        let y = Extractor.extract(text: "一、2026年工作回顾\n预计全市地区生产总值超过1.2万亿元，增长5%。\n")
        XCTAssertEqual(y.indicators.first { $0.code == "gdp" }?.value, 1.2)
        XCTAssertEqual(y.indicators.first { $0.code == "gdp" }?.growth, 5)
    }

    func testLabelClausesBeforeTheirItems() {
        let x = Extractor.extract(text: "今年的主要预期目标是：一是经济增长，全市经济增长7.5%左右；二是财政收入，地方一般公共预算收入增长6%；三是就业和物价，城镇调查失业率控制在5.5%以内。")
        XCTAssertEqual(x.targets.map(\.indicator), ["全市经济增长", "地方一般公共预算收入", "城镇调查失业率"])
        XCTAssertEqual(x.targets.first?.code, "gdp")
        XCTAssertEqual(x.targets.first?.qualifier, "左右")
    }

    func testBareDateUnderTheSpeakerLine() throws {
        let report = """
        政府工作报告
        ——在滁州市第八届人民代表大会第一次会议上
        滁州市市长 许继伟
        2027年1月7日
        各位代表：
        现在，我代表市人民政府，向大会报告工作，请予审议。
        """
        let d = Extractor.extract(try TextPipeline.process(Array(report.utf8))).document
        XCTAssertEqual(d.meetingDate, "2027-01-07")
        XCTAssertEqual(d.congress, Congress(term: 8, session: 1))
        XCTAssertEqual(d.region, "滁州市")
        // A web publication time is not a delivery date, even under a congress line.
        let web = "2027年滁州市政府工作报告\n2027年01月12日 07时41分\n——在滁州市第八届人民代表大会第一次会议上\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n"
        XCTAssertNil(Extractor.extract(try TextPipeline.process(Array(web.utf8))).document.meetingDate)
    }

    func testFullerRegionNameOfTheSamePlace() {
        let d = Extractor.extract(text: "杭州市西湖区人民政府工作报告\n——2027年1月11日在西湖区第十五届人民代表大会第七次会议上\n区长 沈立平\n各位代表：\n").document
        XCTAssertEqual(d.region, "杭州市西湖区")
        XCTAssertEqual(d.regionLevel, .district)
        // Different places: the congress line wins as before.
        let e = Extractor.extract(text: "2027年朝阳市政府工作报告\n——2027年1月11日在朝阳区第十五届人民代表大会第七次会议上\n各位代表：\n").document
        XCTAssertEqual(e.region, "朝阳区")
    }

    func testBareQualifiedNumberContinuesTheTargetBeforeIt() {
        let x = Extractor.extract(text: "今年的主要预期目标是：地区生产总值增长6.5%左右，力争7%；一般公共预算收入增长5%。")
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "地区生产总值", "一般公共预算收入"])
        XCTAssertEqual(x.targets[1].measure, .growth)
        XCTAssertEqual(x.targets[1].value, 7)
        XCTAssertEqual(x.targets[1].qualifier, "力争")
    }

    func testEachItemNumberedOnItsOwnLine() {
        let x = Extractor.extract(text: """
        今年全市经济社会发展的主要预期目标是：
        （一）地区生产总值增长6%左右。
        （二）一般公共预算收入增长5%。
        （三）城镇调查失业率控制在5.5%以内。
        三、重点工作
        （一）加快发展先进制造业，地区生产总值迈上新台阶。
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入", "城镇调查失业率"])
    }

    func testMoreConnectorsAfterTheCue() {
        for cue in ["主要预期目标定为：", "主要预期目标初步考虑为", "主要目标考虑是："] {
            let x = Extractor.extract(text: "经济社会发展的\(cue)地区生产总值增长6%左右，一般公共预算收入增长5%。")
            XCTAssertEqual(x.targets.count, 2, cue)
        }
    }

    func testReviewGDPAfterAComputationNoteOrALeadIn() {
        func gdp(_ line: String) -> String? {
            Extractor.extract(text: "一、2026年工作回顾\n\(line)\n二、2027年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n")
                .indicators.first { $0.code == "gdp" }.map { "\($0.value.map { "\($0)" } ?? "-")/\($0.growth.map { "\($0)" } ?? "-")" }
        }
        XCTAssertEqual(gdp("经初步核算，全县实现地区生产总值（GDP）286.5亿元，按可比价格计算，比上年增长6.1%。"), "286.5/6.1")
        XCTAssertEqual(gdp("主要经济指标稳中有进：地区生产总值286.5亿元，增长6.1%；一般公共预算收入12亿元。"), "286.5/6.1")
    }

    func testTitleWithYearAndRegionOnTheLineAbove() {
        let d = Extractor.extract(text: "2027年温州市\n政府工作报告\n——2027年1月16日在温州市第十四届人民代表大会第六次会议上\n温州市人民政府市长 张振丰\n各位代表：\n").document
        XCTAssertEqual(d.title, "2027年温州市政府工作报告")
        XCTAssertEqual(d.region, "温州市")
        // A web headline above is not part of the title.
        let e = Extractor.extract(text: "要闻\n政府工作报告\n——2027年1月16日在温州市第十四届人民代表大会第六次会议上\n各位代表：\n").document
        XCTAssertEqual(e.title, "政府工作报告")
    }

    func testListLinesWithoutPunctuation() throws {
        // Items on lines of their own without punctuation (a plan's table turned to text).
        let x = Extractor.extract(text: "主要预期目标建议为：地区生产总值增长7%左右一般公共预算收入增长6%固定资产投资增长10%以上")
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入", "固定资产投资"])
        XCTAssertEqual(x.targets.map(\.text), ["地区生产总值增长7%左右", "一般公共预算收入增长6%", "固定资产投资增长10%以上"])
        // Words after a figure that name no other figure stay out.
        XCTAssertEqual(Extractor.extract(text: "主要预期目标是：地区生产总值增长6%左右在实际工作中争取更好结果。").targets.count, 1)
    }

    func testLongPlanTitleStaysItsOwnLineThroughThePipeline() throws {
        let filler = String(repeating: "今年以来，全省上下坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，扎实推进各项工作，经济社会发展取得新成效。\n", count: 6)
        let report = """
        关于福建省2026年国民经济和社会发展计划执行情况与2027年国民经济和社会发展计划草案的报告
        ——2027年1月24日在福建省第十四届人民代表大会第五次会议上
        福建省发展和改革委员会主任 林新
        各位代表：
        受省人民政府委托，现将全省2026年国民经济和社会发展计划执行情况与2027年计划草案提请大会审议。
        \(filler)
        """
        let d = Extractor.extract(try TextPipeline.process(Array(report.utf8))).document
        XCTAssertEqual(d.title, "关于福建省2026年国民经济和社会发展计划执行情况与2027年国民经济和社会发展计划草案的报告")
        XCTAssertEqual(d.docType, .developmentPlan)
        XCTAssertEqual(d.reviewYear, 2026)
        XCTAssertEqual(d.planYear, 2027)
    }

    func testSpeakerTitleKeepsItsOwnPrefix() {
        let sp = { speakerRead($0) }
        XCTAssertEqual(sp("赣州市代理市长 曾文彬"), "曾文彬/代理市长/赣州市")
        XCTAssertEqual(sp("长阳土家族自治县人民政府代理县长 田振华"), "田振华/代理县长/长阳土家族自治县人民政府")
        XCTAssertEqual(sp("自治区人民政府副主席 王五"), "王五/副主席/自治区人民政府")
        XCTAssertEqual(sp("市人民政府常务副市长 李四"), "李四/常务副市长/市人民政府")
        XCTAssertEqual(sp("省发展和改革委员会副主任 赵六"), "赵六/发展和改革委员会副主任/省")
        XCTAssertEqual(sp("扬州市代市长 王进远"), "王进远/代市长/扬州市")
        // Another office before the title is not part of it.
        XCTAssertEqual(sp("市委副书记、市长 张三"), "张三/市长/市委副书记、")
    }

    func testPageChromeDatesAreNeverTheMeetingDate() throws {
        let congress = "——在湖南省第十四届人民代表大会第二次会议上\n湖南省人民政府省长 王建华\n"
        let body = "各位代表：\n现在，我代表省人民政府，向大会报告工作。\n"
        let heads = [
            "政府工作报告\n\(congress)发布时间：2027年02月01日\n来源：湖南日报\n",
            "发布时间：2027年02月01日\n政府工作报告\n\(congress)",
            "政府工作报告\n发布日期：2027年2月1日 来源：湖南日报 浏览次数：1024\n\(congress)",
            "2027-02-01 10:15\n政府工作报告\n\(congress)",
            "政府工作报告\n2027年02月01日 10:15\n\(congress)",
            "政府工作报告\n\(congress)时间：2027年2月1日\n",
        ]
        for h in heads {
            let viaPipeline = Extractor.extract(try TextPipeline.process(Array((h + body).utf8))).document
            XCTAssertNil(viaPipeline.meetingDate, h)
            XCTAssertEqual(viaPipeline.congress, Congress(term: 14, session: 2), h)
            XCTAssertNil(Extractor.extract(text: h + body).document.meetingDate, h)
        }
    }

    func testBareIndexValueIsALevelTarget() {
        let x = Extractor.extract(text: "今年的主要预期目标是：地区生产总值增长9%；居民消费价格指数控制在103左右；居民消费价格总水平涨幅在3.5%以内；商品零售价格指数为102.5。")
        XCTAssertEqual(x.targets.count, 4)
        let cpi = x.targets[1]
        XCTAssertEqual(cpi.indicator, "居民消费价格指数")
        XCTAssertEqual(cpi.measure, .level)
        XCTAssertEqual(cpi.value, 103)
        XCTAssertNil(cpi.unit)
        XCTAssertEqual(cpi.qualifier, "控制在+左右")
        XCTAssertEqual(cpi.text, "居民消费价格指数控制在103左右")
        XCTAssertEqual(x.targets[2].unit, "%")
        XCTAssertEqual(x.targets[3].value, 102.5)
        XCTAssertEqual(x.targets[2].code, "cpi")          // 居民消费价格总水平
        XCTAssertNil(x.targets[3].qualifier)
        // Years, ranks and item numbers stay what they were.
        let y = Extractor.extract(text: "今年的主要预期目标是：地区生产总值增长6%；综合实力保持在全省前10；城镇新增就业在2026年达到1万人；研发投入强度保持在全省第3。")
        XCTAssertEqual(y.targets.filter { $0.unit == nil && $0.value != nil }.count, 0)
        XCTAssertEqual(y.targets.first?.value, 6)
    }

    func testReviewGDPFromOneLevelToAnother() {
        func gdp(_ line: String) -> String? {
            Extractor.extract(text: "一、2026年工作回顾\n\(line)\n二、2027年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n")
                .indicators.first { $0.code == "gdp" }.map { "\($0.value.map { "\($0)" } ?? "-")/\($0.growth.map { "\($0)" } ?? "-")" }
        }
        XCTAssertEqual(gdp("全县地区生产总值由上年的88.6亿元增加到101.2亿元，增长12.3%。"), "101.2/12.3")
        XCTAssertEqual(gdp("2026年，地区生产总值从3800亿元跃升至4200亿元，增长6%。"), "4200.0/6.0")
        XCTAssertEqual(gdp("全年地区生产总值由3800亿元提高到4200亿元。"), "4200.0/-")
        // Five-year spans, or a span with nothing tying it to the year, are not the review year's level.
        XCTAssertNil(gdp("过去五年，地区生产总值由3000亿元增加到4500亿元，年均增长6%。"))
        XCTAssertNil(gdp("“十四五”时期，地区生产总值由3753亿元增加到5412亿元。"))
        XCTAssertNil(gdp("地区生产总值由3000亿元增加到4500亿元。"))
        XCTAssertNil(gdp("2021年以来，地区生产总值从3000亿元增加到4500亿元，增长50%。"))
    }

    func testIndicatorColonValueLists() {
        let x = Extractor.extract(text: """
        全区经济社会发展主要预期目标如下：
        1.地区生产总值：增长6%左右；
        2.区级一般公共预算收入：增长4%；
        3.城镇新增就业：1.5万人。
        三、重点工作
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "区级一般公共预算收入", "城镇新增就业"])
        XCTAssertEqual(x.targets.map(\.measure), [.growth, .growth, .level])
        XCTAssertEqual(x.targets.first?.code, "gdp")
        XCTAssertEqual(x.targets.first?.qualifier, "左右")
        // Without item numbers, and a label before the colon still goes.
        let y = Extractor.extract(text: "主要预期目标是：地区生产总值：增长6%；经济发展方面：一般公共预算收入增长5%。")
        XCTAssertEqual(y.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入"])
    }

    func testCountyEconomyIsTheCountysGDPOnlyInCountyReports() {
        let county = """
        政府工作报告
        ——2027年1月10日在浦江县第十七届人民代表大会第四次会议上
        各位代表：
        一、2026年工作回顾
        一年来，县域经济总量达到336.8亿元，增长6.7%。
        二、2027年工作安排
        今年的主要预期目标是：县域经济总量突破355亿元，增长6%到6.5%左右；一般公共预算收入增长5%。
        """
        let x = Extractor.extract(text: county)
        XCTAssertEqual(x.targets.map(\.indicator), ["县域经济总量", "县域经济总量", "一般公共预算收入"])
        XCTAssertEqual(x.targets.map(\.code), ["gdp", "gdp", "fiscal_revenue"])
        XCTAssertEqual(x.targets[1].measure, .growth)
        XCTAssertEqual(x.targets[1].valueMax, 6.5)
        let gdp = x.indicators.first { $0.code == "gdp" }
        XCTAssertEqual(gdp?.value, 336.8)
        XCTAssertEqual(gdp?.growth, 6.7)
        // In a city or province report 县域 is the counties taken together, never the region's GDP.
        let city = county.replacingOccurrences(of: "浦江县", with: "金华市")
        let y = Extractor.extract(text: city)
        XCTAssertEqual(y.targets.map(\.code), [nil, nil, "fiscal_revenue"])
        XCTAssertNil(y.indicators.first { $0.code == "gdp" })
        XCTAssertEqual(IndicatorCodes.code(for: "经济总量"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "全县经济总量"), "gdp")
        XCTAssertNil(IndicatorCodes.code(for: "县域经济总量"))
    }

    func testGDPNamedWithTheRegionItself() {
        XCTAssertEqual(IndicatorCodes.code(for: "林区生产总值", region: "神农架林区"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "天河区地区生产总值", region: "广州市天河区"), "gdp")
        XCTAssertEqual(IndicatorCodes.code(for: "昆山地区生产总值", region: "昆山市"), "gdp")
        XCTAssertNil(IndicatorCodes.code(for: "林区生产总值", region: "天河区"))
        XCTAssertNil(IndicatorCodes.code(for: "苏州地区生产总值", region: "昆山市"))
        let x = Extractor.extract(text: """
        2027年神农架林区政府工作报告
        ——2027年1月12日在神农架林区第五届人民代表大会第七次会议上
        各位代表：
        一、2026年工作回顾
        2026年，林区生产总值达到52.3亿元，增长6.8%。
        二、2027年工作安排
        2027年林区经济社会发展主要预期目标是：林区生产总值增长7%左右；城镇新增就业1500人。
        """)
        XCTAssertEqual(x.targets.first?.code, "gdp")
        XCTAssertEqual(x.indicators.first { $0.code == "gdp" }?.value, 52.3)
    }

    func testHeadingCueOverALineWithItsOwnCue() {
        let x = Extractor.extract(text: """
        二、2027年主要预期目标
        全旗经济社会发展主要预期目标为：地区生产总值增长6%；一般公共预算收入增长5%以上。
        """)
        XCTAssertEqual(x.targets.map(\.text), ["地区生产总值增长6%", "一般公共预算收入增长5%以上"])
    }

    func testMeetingDateInBracketsAfterTheCongressWords() {
        let d = Extractor.extract(text: "政府工作报告\n——在大同市第十六届人民代表大会第四次会议上（2027年1月8日）\n大同市人民政府市长 张建军\n各位代表：\n").document
        XCTAssertEqual(d.meetingDate, "2027-01-08")
        XCTAssertEqual(d.region, "大同市")
        XCTAssertEqual(d.reviewYear, 2026)
        // A page time after the congress words is still no meeting date.
        let e = Extractor.extract(text: "政府工作报告\n——在大同市第十六届人民代表大会第四次会议上 发布时间：2027年1月9日\n各位代表：\n").document
        XCTAssertNil(e.meetingDate)
    }

    func testReviewGDPThresholdThenFigureAfterAnEnumerationComma() {
        let x = Extractor.extract(text: "一、2026年工作回顾\n一年来，全市经济总量突破2000亿元、达到2016.4亿元，增长5.1%。\n")
        let gdp = x.indicators.first { $0.code == "gdp" }
        XCTAssertEqual(gdp?.value, 2016.4)
        XCTAssertEqual(gdp?.growth, 5.1)
    }

    func testBareDateBetweenTitleAndCongressLine() throws {
        let report = "2027年朔州市政府工作报告\n2027年1月10日\n——在朔州市第六届人民代表大会第五次会议上\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n"
        XCTAssertEqual(Extractor.extract(try TextPipeline.process(Array(report.utf8))).document.meetingDate, "2027-01-10")
        XCTAssertEqual(Extractor.extract(text: report).document.meetingDate, "2027-01-10")
        // Above the title it is the page's date.
        let page = "2027年1月12日\n2027年朔州市政府工作报告\n——在朔州市第六届人民代表大会第五次会议上\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n"
        XCTAssertNil(Extractor.extract(try TextPipeline.process(Array(page.utf8))).document.meetingDate)
        XCTAssertNil(Extractor.extract(text: page).document.meetingDate)
        // With no congress words a bare date under the title is a news page's; in brackets it is the delivery date.
        let news = "济南市2027年国民经济和社会发展计划\n2027年02月15日\n一、2026年计划执行情况\n全市经济运行稳中有进。\n"
        XCTAssertNil(Extractor.extract(try TextPipeline.process(Array(news.utf8))).document.meetingDate)
        XCTAssertNil(Extractor.extract(text: news).document.meetingDate)
        let bracketed = "政府工作报告\n（2027年1月12日）\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n"
        XCTAssertEqual(Extractor.extract(text: bracketed).document.meetingDate, "2027-01-12")
    }

    func testAnnualCueNamedByItsYearBeatsALongerFiveYearPassage() {
        let x = Extractor.extract(text: """
        “十五五”时期全市经济社会发展的主要目标是：地区生产总值年均增长5.5%左右，研发经费投入强度达到3.5%，常住人口城镇化率达到70%，居民人均可支配收入年均增长6%，城镇新增就业每年5万人以上。
        综合考虑“十五五”规划建议和发展条件，2027年全市经济社会发展主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入"])
        XCTAssertEqual(x.targets.first?.value, 6)
        // A span of years is no single year.
        let y = Extractor.extract(text: """
        2026—2030年全市经济社会发展的主要目标是：地区生产总值年均增长5.5%左右，研发经费投入强度达到3.5%，常住人口城镇化率达到70%。
        今年全市经济社会发展主要预期目标是：地区生产总值增长6%左右。
        """)
        XCTAssertEqual(y.targets.map(\.value), [6])
    }

    func testReviewGDPGrowthThenLevelInTheNextClause() {
        func gdp(_ line: String) -> String? {
            Extractor.extract(text: "一、2026年工作回顾\n\(line)\n二、2027年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n")
                .indicators.first { $0.code == "gdp" }.map { "\($0.value.map { "\($0)" } ?? "-")/\($0.growth.map { "\($0)" } ?? "-")" }
        }
        XCTAssertEqual(gdp("地区生产总值增长8.1%，达到1650亿元。"), "1650.0/8.1")
        XCTAssertEqual(gdp("经济增长6.2%，总量达到3210亿元。"), "3210.0/6.2")
        XCTAssertEqual(gdp("预计全年地区生产总值增长5.5%，总量突破2500亿元。"), "2500.0/5.5")
        // Another indicator's level in the next clause is not GDP's.
        XCTAssertEqual(gdp("地区生产总值增长8.1%，一般公共预算收入达到150亿元。"), "-/8.1")
    }

    func testLabelWithColonAfterAnItemNumber() {
        let x = Extractor.extract(text: """
        2027年全市经济社会发展主要预期目标：
        （1）经济增长：地区生产总值增长6%左右（按可比价格计算）。
        （2）财政收入：一般公共预算收入增长4%。
        （3）就业：城镇新增就业3.5万人，城镇调查失业率5.5%以内。
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入", "城镇新增就业", "城镇调查失业率"])
        XCTAssertEqual(x.targets.first?.qualifier, "左右")
    }

    func testYearsFromHeadingsPassOverFiveYearHorizons() {
        let d = Extractor.extract(text: """
        政府工作报告
        ——在芜湖市第十七届人民代表大会第七次会议上
        各位代表：
        一、“十五五”时期工作回顾
        五年来，全市经济实力显著增强。
        二、“十六五”时期主要目标和2040年远景展望
        到2040年，基本实现现代化。
        三、2031年工作安排
        今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
        """).document
        XCTAssertEqual(d.planYear, 2031)
        XCTAssertEqual(d.reviewYear, 2030)
    }

    func testLevelTargetsWithStepVerbsAndTheirGrowth() {
        let x = Extractor.extract(text: "今年主要预期目标是：全市生产总值迈上3000亿元台阶，增长6.5%；地区生产总值跃升至5200亿元、增长6%左右；城镇新增就业2万人。")
        XCTAssertEqual(x.targets.map(\.indicator), ["全市生产总值", "全市生产总值", "地区生产总值", "地区生产总值", "城镇新增就业"])
        XCTAssertEqual(x.targets.map(\.measure), [.level, .growth, .level, .growth, .level])
        XCTAssertEqual(x.targets.map(\.code), ["gdp", "gdp", "gdp", "gdp", "urban_new_jobs"])
    }

    func testMarkdownTableOfTargets() {
        let x = Extractor.extract(text: """
        2027年主要预期目标
        | 指标 | 2027年目标 |
        | --- | --- |
        | 地区生产总值 | 增长6%左右 |
        | 一般公共预算收入 | 增长5% |
        | 城镇新增就业 | 5万人以上 |
        三、重点任务
        """)
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "一般公共预算收入", "城镇新增就业"])
        XCTAssertEqual(x.targets.map(\.code), ["gdp", "fiscal_revenue", "urban_new_jobs"])
        XCTAssertEqual(x.targets.last?.qualifier, "以上")
    }

    func testCongressDocumentHeaderAboveTheTitle() {
        let d = Extractor.extract(text: """
        运城市第五届人民代表大会第五次会议文件（1）
        政府工作报告
        ——2027年1月8日在运城市第五届人民代表大会第五次会议上
        运城市人民政府市长 储祥好
        各位代表：
        """).document
        XCTAssertEqual(d.meetingDate, "2027-01-08")
        XCTAssertEqual(d.congress, Congress(term: 5, session: 5))
        XCTAssertEqual(d.title, "政府工作报告")
        XCTAssertEqual(d.reviewYear, 2026)
    }

    func testTitleAndDateLineOnOneLine() {
        let d = Extractor.extract(text: "政府工作报告——2027年1月8日在吕梁市第五届人民代表大会第六次会议上\n吕梁市人民政府市长 张广勇\n各位代表：\n").document
        XCTAssertEqual(d.title, "政府工作报告")
        XCTAssertEqual(d.meetingDate, "2027-01-08")
        XCTAssertEqual(d.region, "吕梁市")
    }
}
