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

/// Heads as collections publish them: front matter, bracketed dates with a name, no head at all,
/// national reports, short names of autonomous prefectures.
final class HeadStyleTests: XCTestCase {
    func info(_ text: String) throws -> DocumentInfo { Extractor.extract(try TextPipeline.process(Array(text.utf8))).document }

    func testFrontMatterTitleIsTheLastSource() throws {
        // The text never names the region or the year: the published title does.
        let d = try info("---\ntitle: 2016年石家庄市人民政府工作报告\n---\n\n**一、“十二五”时期工作回顾**\n\n“十二五”期间，我们全力以赴推进经济社会持续健康发展。\n")
        XCTAssertEqual(d.region, "石家庄市")
        XCTAssertEqual(d.regionLevel, .city)
        XCTAssertEqual(d.planYear, 2016)
        XCTAssertEqual(d.reviewYear, 2015)
        XCTAssertEqual(d.title, "2016年石家庄市人民政府工作报告")
        // What the text prints outranks it.
        let e = try info("---\ntitle: 2010年某某文件汇编\n---\n政府工作报告\n——2012年1月6日在宿迁市第四届人民代表大会第一次会议上\n各位代表：\n")
        XCTAssertEqual(e.title, "政府工作报告")
        XCTAssertEqual(e.region, "宿迁市")
        XCTAssertEqual(e.planYear, 2012)
    }

    func testPublishedTitleGivesCongressDateAndRegion() throws {
        let d = try info("---\ntitle: 杨雄市长在上海市第十四届人民代表大会第一次会议上的政府工作报告（2013年）\n---\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n")
        XCTAssertEqual(d.congress, Congress(term: 14, session: 1))
        XCTAssertEqual(d.region, "上海市")
        XCTAssertEqual(d.planYear, 2013)
        XCTAssertNil(d.meetingDate)
        let e = try info("---\ntitle: 南京市政府工作报告（2012年1月12日 季建业）\n---\n\n各位代表：\n\n现在，我代表南京市人民政府作工作报告。\n")
        XCTAssertEqual(e.meetingDate, "2012-01-12")
        XCTAssertEqual(e.title, "南京市政府工作报告（2012年1月12日 季建业）")     // as published
        XCTAssertNil(e.speaker)                          // the text does not name the speaker
    }

    func testBracketedDateWithAName() throws {
        let d = try info("（2005年1月25日 王珉）\n\n各位代表：\n\n现在，我代表吉林省人民政府，向大会作政府工作报告。\n")
        XCTAssertEqual(d.meetingDate, "2005-01-25")
        XCTAssertEqual(d.speaker, Speaker(name: "王珉", title: nil))
        XCTAssertEqual(d.region, "吉林省")      // 我代表吉林省人民政府
        XCTAssertEqual(d.planYear, 2005)
    }

    func testSpeakerForms() throws {
        let name = try info("——2017年1月10日西藏自治区十届人大五次会议上\n\n洛桑江村\n\n各位代表：\n")
        XCTAssertEqual(name.speaker, Speaker(name: "洛桑江村", title: nil))
        XCTAssertEqual(name.congress, Congress(term: 10, session: 5))
        let inBrackets = try info("政府工作报告\n（2021年1月25日在吉林省第十三届人民代表大会第四次会议上 韩俊）\n各位代表：\n")
        XCTAssertEqual(inBrackets.speaker, Speaker(name: "韩俊", title: nil))
        let withOffice = try info("政府工作报告（2020年1月12日在吉林省第十三届人民代表大会第三次会议上 省长 景俊海）\n各位代表：\n")
        XCTAssertEqual(withOffice.speaker, Speaker(name: "景俊海", title: "省长"))
        XCTAssertEqual(withOffice.meetingDate, "2020-01-12")
        let spoke = try info("政府工作报告\n（2006年1月14日在福州市第十二届人民代表大会第四次会议上 代市长郑松岩讲话）\n各位代表：\n")
        XCTAssertEqual(spoke.speaker, Speaker(name: "郑松岩", title: "代市长"))
        let dashed = try info("——2014年2月25日在商丘市第四届人民代表大会第四次会议上\n市长——余学友\n各位代表：\n")
        XCTAssertEqual(dashed.speaker, Speaker(name: "余学友", title: "市长"))
        // "…会议通过" is not a name.
        let passed = try info("政府工作报告\n2021年1月21日长沙市第十五届人民代表大会第七次会议通过\n市长 郑建新\n各位代表：\n")
        XCTAssertEqual(passed.speaker, Speaker(name: "郑建新", title: "市长"))
    }

    /// A text export (pdftotext) breaks a speaker line at the wide space before the name, or
    /// inside a name set with spaces ("陆　兵", "张  勇"): the office ends one line, the name (or
    /// its characters, one a line) follows. Before: the title was lost ("陆兵", no title) or
    /// the office read as the name ("市长", "市长林").
    func testSpeakerLineBrokenBeforeOrInsideTheName() throws {
        let cases: [(head: String, speaker: Speaker)] = [
            ("——2006年1月12日在某某自治区第十届人民代表大会第四次会议上\n自治区主席\n陆兵", Speaker(name: "陆兵", title: "主席")),
            ("——2011年1月11日在某某市第十四届人民代表大会第四次会议上市长\n李万才", Speaker(name: "李万才", title: "市长")),
            ("政府工作报告\n2011年1月27日在某某市第十三届人民代表大会第五次会议上\n市长 林\n铎", Speaker(name: "林铎", title: "市长")),
            ("政府工作报告\n——2022年1月9日在某某市第十七届人民代表大会第一次会议上\n市长\n买买提明·卡德", Speaker(name: "买买提明·卡德", title: "市长")),
            // A layout that spaces characters out ("政  府  工  作  报  告", "海口市市长  张  勇"): one a line.
            ("政\n府\n工\n作\n报\n告\n——2026年2月3日在某某市第十七届人民代表大会第七次会议上\n某某市市长\n张\n勇", Speaker(name: "张勇", title: "市长")),
        ]
        for c in cases {
            let d = try info(c.head + "\n各位代表：\n")
            XCTAssertEqual(d.speaker, c.speaker, c.head)
            if c.head.hasPrefix("政\n") { XCTAssertEqual(d.title, "政府工作报告") }
        }
        // What follows an office alone is not always a name.
        let notName = try info("政府工作报告\n——2011年1月11日在某某市第十四届人民代表大会第四次会议上\n代市长\n报告\n各位代表：\n")
        XCTAssertNotEqual(notName.speaker?.name, "报告")
    }

    func testDateAboveTheCongressLineAndAPlenarySession() throws {
        let d = try info("2013年4月10日\n在太原市第十三届人民代表大会第三次会议上\n太原市代市长 耿彦波\n各位代表：\n")
        XCTAssertEqual(d.meetingDate, "2013-04-10")
        XCTAssertEqual(d.speaker, Speaker(name: "耿彦波", title: "代市长"))
        let plenary = try info("——2023年1月8日在那曲市第二届人民代表大会第二次全体会议上\n市人民政府市长 旦巴\n各位代表：\n")
        XCTAssertEqual(plenary.congress, Congress(term: 2, session: 2))
        XCTAssertEqual(plenary.meetingDate, "2023-01-08")
    }

    func testYearsFromOldHeadings() throws {
        let old = try info("各位代表：\n我代表省人民政府，向大会报告工作。\n一、一九八二年工作的基本估价\n过去一年，我们取得了新的成绩。\n二、一九八三年的主要任务\n今年的任务是繁重的。\n")
        XCTAssertEqual(old.reviewYear, 1982)
        XCTAssertEqual(old.planYear, 1983)
        // A five-year heading names the plan year when a year is tied to its plan words.
        let five = try info("各位代表：\n现在，我代表省人民政府向大会作工作报告。\n一、五年工作回顾\n本届政府的五年，全省经济持续增长。\n二、今后五年工作的总体要求和2008年的主要目标\n做好今年的工作意义重大。\n")
        XCTAssertEqual(five.planYear, 2008)
        XCTAssertEqual(five.reviewYear, 2007)
        // …and none when the year is the horizon.
        let horizon = try info("各位代表：\n现在，我代表市人民政府向大会作工作报告。\n一、“十五五”时期主要目标和2035年远景展望\n我们要奋力前行。\n")
        XCTAssertNil(horizon.planYear)
    }

    func testNationalReports() throws {
        let d = try info("政府工作报告\n——2027年3月5日在第十四届全国人民代表大会第五次会议上\n国务院总理 王明远\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n")
        XCTAssertEqual(d.region, "中华人民共和国")
        XCTAssertEqual(d.regionLevel, .national)
        XCTAssertEqual(d.speaker, Speaker(name: "王明远", title: "总理"))
        XCTAssertEqual(d.congress, Congress(term: 14, session: 5))
        let plan = try info("关于2026年国民经济和社会发展计划执行情况与2027年国民经济和社会发展计划草案的报告\n——2027年3月5日在十四届全国人大五次会议上\n国家发展和改革委员会\n各位代表：\n")
        XCTAssertEqual(plan.region, "中华人民共和国")
        XCTAssertEqual(plan.regionLevel, .national)
        XCTAssertEqual(plan.docType, .developmentPlan)
        XCTAssertNil(plan.speaker)
        let opening = try info("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2025年工作回顾\n")
        XCTAssertEqual(opening.regionLevel, .national)
    }

    func testFullOfficialNames() throws {
        let d = try info("凉山州2016年政府工作报告\n——2016年1月12日在凉山州第十届人民代表大会第五次会议上\n州长 吉克石布\n各位代表：\n")
        XCTAssertEqual(d.region, "凉山彝族自治州")
        XCTAssertEqual(d.regionLevel, .city)
        let represented = try info("各位代表：\n现在，我代表上海市人民政府，向上海市第十四届人民代表大会第一次会议报告工作。\n")
        XCTAssertEqual(represented.region, "上海市")
        XCTAssertEqual(represented.regionLevel, .province)
    }
}
