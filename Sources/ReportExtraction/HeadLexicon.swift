// Word lists that drive the reading of a report's head (title, speaker, dates) and of its
// years, by role. General report phrasing, not tied to any one file.

enum HeadLexicon {
    // MARK: speaker

    /// Offices a report is delivered by, as printed before the speaker's name (longest first where
    /// one contains another: 代市长 before 市长).
    static let speakerOffices: [Scalars] = ["代省长", "代市长", "代区长", "代县长", "代主席", "总理", "省长", "市长",
                                            "区长", "县长", "主席", "州长", "盟长", "旗长", "专员", "主任", "局长"].map(sc)
    /// Written right before an office title, longest first: the speaker's own grade.
    static let officeGrades: [Scalars] = ["常务副", "代理", "副", "代"].map(sc)
    /// Offices named together with their agency ("发展和改革委员会主任").
    static let agencyOffices: [Scalars] = ["主任", "局长"].map(sc)
    static let agencyEndings: [Scalars] = ["委员会", "委", "局", "厅", "办公室"].map(sc)
    /// What stands between a region's name and an office: "四川省人民政府省长", "兴安盟行政公署盟长".
    static let governmentWords: [Scalars] = ["人民政府", "行政公署", "政府"].map(sc)
    /// Between a region and an agency: "江西省人民政府发展和改革委员会".
    static let agencyGovernmentWords: [Scalars] = ["人民政府", "政府"].map(sc)
    /// Short head lines of Chinese characters that are not a speaker's name.
    static let notNames: Set<Scalars> = Set(["目录", "草案", "摘要", "全文", "讨论稿", "征求意见稿", "报告", "附件", "说明"].map(sc))
    /// "代市长郑松岩讲话": said after the speaker's name in a bracketed date line.
    static let speechWord = sc("讲话")
    /// A line holding these is a photo caption or a byline, not a speaker line.
    static let bylineWords: [Scalars] = ["记者", "摄"].map(sc)

    // MARK: title

    static let titleEndings: [Scalars] = ["工作报告", "报告", "计划", "计划草案", "（草案）", "(草案)", "纲要", "全文",
                                          "（摘要）", "(摘要)", "（摘登）", "(摘登)", "（全文）", "(全文)"].map(sc)
    /// Web chrome a title never holds.
    static let chromeWords: [Scalars] = ["点击", "查阅", "更多", "下载", "打印", "分享", "来源", "当前位置", "首页", "责任编辑"].map(sc)
    /// A dated line with these is a page's time, not the delivery date.
    static let pageWords: [Scalars] = ["时间", "日期", "来源", "浏览", "发布", "点击", "阅读"].map(sc)

    // MARK: document type

    static let workReport = sc("政府工作报告")
    static let developmentPlan = sc("国民经济和社会发展计划")
    static let developmentWords = sc("国民经济和社会发展")
    static let planWord = sc("计划")
    /// Phrases of the opening that say a government work report is being delivered.
    static let reportingPhrases: [Scalars] = ["向大会报告工作", "报告政府工作"].map(sc)

    // MARK: region

    static let regionSuffixes: [Scalars] = ["自治区", "自治州", "自治县", "自治旗", "特别行政区", "省", "市", "区", "县", "州",
                                            "盟", "旗", "地区"].map(sc)
    /// Words ending like a region that name none.
    static let genericRegions: Set<String> = ["自治区", "自治州", "自治县", "市", "省", "区", "县", "州", "全市", "全省", "全区",
                                              "全州", "全县", "本市", "该市", "我市", "我省", "我区", "我州", "我县", "城区", "市区",
                                              "地区", "全国", "各地区", "本地区", "辖区", "开发区", "新区", "园区", "景区", "社区"]
    /// "我代表X人民政府": whom the speaker speaks for, read by the word after 代表.
    static let representLevels: [(Scalars, RegionLevel)] = ([
        ("国务院", .national), ("自治区", .province), ("省", .province), ("市", .city), ("州", .city), ("盟", .city),
        ("地区", .city), ("区", .district), ("县", .district), ("旗", .district),
    ] as [(String, RegionLevel)]).map { (sc($0.0), $0.1) }
    /// The State Council's own words: its reports speak for the whole country.
    static let nationalSpeakers: [Scalars] = ["国务院", "国家发展和改革委员会", "国家发展改革委", "国家发改委"].map(sc)
    static let nationalCongress = sc("全国人民代表大会")
    static let nationalCongressShort = sc("全国人大")
    static let nationalRegion = "中华人民共和国"

    // MARK: years

    static let reviewHeadings: [Scalars] = ["工作回顾", "工作总结", "执行情况", "发展回顾", "基本估价", "基本回顾", "工作的回顾"].map(sc)
    static let planHeadings: [Scalars] = ["工作安排", "总体要求", "主要目标", "主要预期目标", "重点工作", "工作任务", "计划草案",
                                          "主要任务", "目标和重点", "目标任务", "工作部署", "各项工作"].map(sc)
    /// A heading about a period or a horizon ("“十五五”时期主要目标和2035年远景展望") names no plan
    /// year, unless a year is tied to the plan words ("今后五年工作的总体要求和2008年的主要目标").
    static let periodWords: [Scalars] = ["时期", "远景", "规划", "纲要", "五年"].map(sc)
    /// Opening phrases of a review year: "刚刚过去的2024年".
    static let reviewPhrases: [Scalars] = ["刚刚过去的", "即将过去的", "过去的"].map(sc)
}
