// Title blocks and bodies written for these tests: other regions, levels, years, numerals.
import XCTest
import ReportText
@testable import ReportExtraction

final class DocumentInfoTests: XCTestCase {
    func info(_ text: String) -> DocumentInfo { Extractor.extract(text: text).document }

    func testCityReportWithChineseNumeralDate() {
        let d = info("""
        2027年洛阳市政府工作报告
        ——二〇二七年一月九日在洛阳市第十五届人民代表大会第二次会议上
        洛阳市市长 徐 衣 显
        各位代表：
        现在，我代表市人民政府，向大会报告工作，请予审议。
        一、2026年工作回顾
        全市地区生产总值达到6124.5亿元、增长5.1%。
        """)
        XCTAssertEqual(d.docType, .governmentWorkReport)
        XCTAssertEqual(d.title, "2027年洛阳市政府工作报告")
        XCTAssertEqual(d.region, "洛阳市")
        XCTAssertEqual(d.regionLevel, .city)
        XCTAssertEqual(d.meetingDate, "2027-01-09")
        XCTAssertEqual(d.congress, Congress(term: 15, session: 2))
        XCTAssertEqual(d.speaker, Speaker(name: "徐衣显", title: "市长"))   // spaces inside names are dropped
        XCTAssertEqual(d.reviewYear, 2026)
        XCTAssertEqual(d.planYear, 2027)
    }

    func testSpeakerForms() {
        let sp = { speakerRead($0, prefix: false) }
        XCTAssertEqual(sp("北京市市长 殷勇"), "殷勇/市长")
        XCTAssertEqual(sp("上海市市长 龚 正"), "龚正/市长")
        XCTAssertEqual(sp("自治区人民政府主席 张雨浦"), "张雨浦/主席")
        XCTAssertEqual(sp("自治区主席 艾尔肯·吐尼亚孜"), "艾尔肯·吐尼亚孜/主席")
        XCTAssertEqual(sp("四川省人民政府省长 施小琳"), "施小琳/省长")
        XCTAssertEqual(sp("代市长 李明华"), "李明华/代市长")
        XCTAssertEqual(sp("市长：王强"), "王强/市长")
        XCTAssertEqual(sp("西湖区区长 陈一"), "陈一/区长")
        XCTAssertNil(sp("殷勇同志作政府工作报告。本报记者 戴冰摄"))
        XCTAssertNil(sp("本报记者 王鼎 摄"))
    }

    func testDistrictAndCountyLevelCity() {
        let a = info("""
        政府工作报告
        ——2026年1月12日在杭州市西湖区第十五届人民代表大会第五次会议上
        西湖区区长 陈一
        各位代表：
        现在，我代表区人民政府，向大会报告工作。
        """)
        XCTAssertEqual(a.region, "杭州市西湖区")
        XCTAssertEqual(a.regionLevel, .district)
        XCTAssertEqual(a.speaker, Speaker(name: "陈一", title: "区长"))
        XCTAssertEqual(a.reviewYear, 2025)
        XCTAssertEqual(a.planYear, 2026)
        let b = info("政府工作报告\n——2026年1月6日在昆山市第十七届人民代表大会第五次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作。")
        XCTAssertEqual(b.region, "昆山市")
        XCTAssertEqual(b.regionLevel, .district)
        let c = info("政府工作报告\n——2026年1月20日在内蒙古自治区第十四届人民代表大会第四次会议上\n自治区主席 王莉霞\n各位代表：\n")
        XCTAssertEqual(c.region, "内蒙古自治区")
        XCTAssertEqual(c.regionLevel, .province)
        XCTAssertEqual(c.speaker?.title, "主席")
    }

    func testDecemberMeetingReviewsThatYear() {
        let d = info("政府工作报告\n——2023年12月28日在淄博市第十六届人民代表大会第四次会议上\n市长 马晓磊\n各位代表:\n现在,我代表市人民政府向大会报告工作。")
        XCTAssertEqual(d.reviewYear, 2023)
        XCTAssertEqual(d.planYear, 2024)
        XCTAssertEqual(d.region, "淄博市")
        XCTAssertEqual(d.speaker, Speaker(name: "马晓磊", title: "市长"))
    }

    func testNoTitleBlockFallsBackToBody() {
        let d = info("""
        政 府 工 作 报 告
        现在,我代表市人民政府,向大会报告工作。刚刚过去的2025年,是洛阳发展进程中极不平凡的一年。洛阳全年经济稳中有进,洛阳人民倍受鼓舞。较好完成了市十五届人大三次会议确定的目标任务。2026年全市经济社会发展的总体要求是:坚持稳中求进。
        """)
        XCTAssertEqual(d.title, "政府工作报告")
        XCTAssertEqual(d.region, "洛阳市")
        XCTAssertEqual(d.regionLevel, .city)
        XCTAssertNil(d.meetingDate)
        XCTAssertNil(d.congress)     // the body's "市十五届人大三次会议" is not the title block
        XCTAssertNil(d.speaker)
        XCTAssertEqual(d.reviewYear, 2025)
        XCTAssertEqual(d.planYear, 2026)
    }

    func testDevelopmentPlanInsideNewsArticle() {
        let d = info("""
        新华网讯:日前,郑州市人民政府印发郑州市2025年国民经济和社会发展计划。
        文件提出,全年地区生产总值增长6%左右。
        原文如下:
        郑州市2025年国民经济和社会发展计划
        一、2024年国民经济和社会发展计划执行情况
        """)
        XCTAssertEqual(d.docType, .developmentPlan)
        XCTAssertEqual(d.title, "郑州市2025年国民经济和社会发展计划")
        XCTAssertEqual(d.region, "郑州市")
        XCTAssertEqual(d.regionLevel, .city)
        XCTAssertEqual(d.reviewYear, 2024)
        XCTAssertEqual(d.planYear, 2025)
    }

    func testWebChromeAroundTitle() {
        let d = info("""
        下载
        打印
        点击查阅更多2027年地方政府工作报告
        2027年浙江省政府工作报告
        2027年01月30日 08时12分
        来源：浙江日报
        分享：
        政府工作报告
        ——2027年1月25日在浙江省第十四届人民代表大会第六次会议上
        浙江省省长 刘捷
        各位代表：
        """)
        XCTAssertEqual(d.title, "政府工作报告")
        XCTAssertEqual(d.region, "浙江省")
        XCTAssertEqual(d.regionLevel, .province)
        XCTAssertEqual(d.meetingDate, "2027-01-25")
        XCTAssertEqual(d.congress, Congress(term: 14, session: 6))
        XCTAssertEqual(d.speaker, Speaker(name: "刘捷", title: "省长"))
        XCTAssertEqual(d.planYear, 2027)
    }

    func testTraditionalInputThroughTheTextPipeline() throws {
        let traditional = """
        2027年廣東省政府工作報告
        ——2027年1月25日在廣東省第十四屆人民代表大會第六次會議上
        廣東省省長 孟凡利
        各位代表：
        現在，我代表省人民政府，向大會報告工作，請予審議。
        一、2026年工作回顧
        全省地區生產總值增長4.2%。
        二、2027年工作安排
        今年經濟社會發展的主要預期目標是：地區生產總值增長4.5%左右；城鄉居民人均可支配收入分別增長5%和6%；居民收入增長與經濟增長同步。
        """
        let st = try TextPipeline.process(Array(traditional.utf8))
        let x = Extractor.extract(st)
        XCTAssertEqual(x.document.region, "广东省")
        XCTAssertEqual(x.document.congress, Congress(term: 14, session: 6))
        XCTAssertEqual(x.document.speaker, Speaker(name: "孟凡利", title: "省长"))
        XCTAssertEqual(x.targets.map(\.indicator), ["地区生产总值", "城镇居民人均可支配收入", "农村居民人均可支配收入", "居民收入"])
        XCTAssertEqual(x.targets.first?.code, "gdp")
        XCTAssertNotNil(x.targets.first?.sentence)
        XCTAssertEqual(x.indicators.first?.growth, 4.2)
        XCTAssertEqual(x.indicators.first?.year, 2026)
    }
}

final class MoreDocumentInfoTests: XCTestCase {
    func testSpeakerOnTheDateLineAndSummaryTitle() {
        let d = Extractor.extract(text: "2027年湖北省政府工作报告（摘要）\n——2027年1月20日在湖北省第十四届人民代表大会第六次会议上 湖北省省长 李殿勋\n各位代表：\n").document
        XCTAssertEqual(d.title, "2027年湖北省政府工作报告（摘要）")
        XCTAssertEqual(d.speaker, Speaker(name: "李殿勋", title: "省长"))
        XCTAssertEqual(d.region, "湖北省")
    }

    func testReviewGrowthWrittenAsEconomicGrowth() {
        let x = Extractor.extract(text: "过去一年，全市经济增长5.2%，对全省经济增长的贡献率提高。")
        XCTAssertEqual(x.indicators.first { $0.code == "gdp" }?.growth, 5.2)
    }
}

final class TitleAndDateLineTests: XCTestCase {
    func testTitleOverTwoLinesAndBareDate() {
        let d = Extractor.extract(text: """
        关于洛阳市2026年国民经济和社会发展计划执行情况
        与2027年计划草案的报告
        （2027年1月8日）
        各位代表：
        """).document
        XCTAssertEqual(d.title, "关于洛阳市2026年国民经济和社会发展计划执行情况与2027年计划草案的报告")
        XCTAssertEqual(d.docType, .developmentPlan)
        XCTAssertEqual(d.meetingDate, "2027-01-08")
        XCTAssertNil(d.congress)
        XCTAssertEqual(d.reviewYear, 2026)
        XCTAssertEqual(d.planYear, 2027)
        XCTAssertEqual(d.region, "洛阳市")
    }

    func testWebPublicationDateIsNotTheMeetingDate() {
        let d = Extractor.extract(text: "2027年河南省政府工作报告\n2027年02月10日 07时41分\n来源：河南日报\n各位代表：\n").document
        XCTAssertNil(d.meetingDate)
        XCTAssertEqual(d.planYear, 2027)
    }
}

final class YearHeadingTests: XCTestCase {
    func testYearsFromHeadingsWithoutDateLine() {
        let d = Extractor.extract(text: "政府工作报告\n各位代表：\n一、2021—2025年工作回顾\n过去五年，我们砥砺前行。\n二、2026年工作安排\n").document
        XCTAssertEqual(d.reviewYear, 2025)
        XCTAssertEqual(d.planYear, 2026)
    }
}

final class GazetteerTests: XCTestCase {
    func testAmbiguousShortNamesResolveByLevel() {
        let prov = Extractor.extract(text: "政府工作报告\n现在，我代表省人民政府，向大会报告工作。吉林全省经济回升，吉林人民奋进，吉林振兴取得新突破，长春、吉林两市带动有力。").document
        XCTAssertEqual(prov.region, "吉林省")
        XCTAssertEqual(prov.regionLevel, .province)
        let city = Extractor.extract(text: "政府工作报告\n现在，我代表市人民政府，向大会报告工作。吉林全市经济回升，吉林人民奋进，吉林城市更新取得新进展。").document
        XCTAssertEqual(city.region, "吉林市")
        XCTAssertEqual(city.regionLevel, .city)
    }
}
