// Word lists that drive finding the expected-targets passage (TargetPassageFinder) and a growth
// target deliberately not set (NotSetFinder): cue words, annual and five-year marks, plan and
// review marks. General report phrasing, not tied to any one file.

enum PassageLexicon {
    static let cues: [Scalars] = ["主要预期目标", "主要预期指标", "主要目标", "主要指标", "预期目标", "主要经济指标", "计划指标", "计划目标",
                                  "发展目标", "目标任务", "预期指标", "奋斗目标"].map(sc)

    static let weakCues: [Scalars] = ["发展目标", "目标任务", "预期指标", "奋斗目标"].map(sc)

    static let connectors: [Scalars] = ["和任务", "与任务", "建议", "初步", "安排", "确定", "设定", "拟定", "考虑", "定", "如下", "分别", "是", "为"].map(sc)

    /// A cue that goes on with the passage before it: "其他预期目标是，…", "其余指标是：…".
    static let continuations: [Scalars] = ["其他", "其它", "其余", "另外"].map(sc)

    static let annualMarks: [Scalars] = ["今年", "全年", "本年", "年度", "明年"].map(sc)

    static let fiveYearMarks: [Scalars] = ["十五五", "十四五", "十六五", "十三五", "十二五", "十一五", "五年", "纲要", "规划", "年均",
                                           "2030年", "2035年"].map(sc)

    /// Words that mark a sentence as the plan, not the review: "预期地区生产总值增长12%以上", "2008年力争…",
    /// "综合考虑各方面因素，地区生产总值增长6%左右", "初步确定2006年全市生产总值增长11%".
    static let planMarks: [Scalars] = ["预期", "力争", "确保", "争取", "目标", "建议", "安排", "确定", "计划", "综合考虑",
                                       "综合各方面", "综合研判", "统筹考虑"].map(sc)

    /// Words of the plan year: 明年 always, 今年 / 本年度 when the report is not delivered at the year's end.
    static let nextYear: [Scalars] = ["明年"].map(sc)

    static let thisYear: [Scalars] = ["今年", "本年度", "全年"].map(sc)

    /// Words that make a sentence a statement about the review year or a longer past ("预计全年地区生产总值比
    /// 上年增长8.2%", "初步核算，…", "完成了年初确定的…目标").
    static let reviewMarks: [Scalars] = ["预计", "去年", "初步核算", "初步统计", "过去", "以来", "实现了", "完成了",
                                         "达到了", "超额", "比2", "比1"].map(sc)

    /// 完成 marks the review only before the figures ("完成地区生产总值增长8%的目标"); after them it is an item
    /// of the plan ("…完成省下达任务").
    static let completionMarks: [Scalars] = reviewMarks + ["完成", "圆满", "上年", "连续", "领先"].map(sc)

    static let averageWords: [Scalars] = ["年均增长", "年均增速", "年平均增长"].map(sc)

    /// A sentence without one of these sets no GDP target (a cheap test before parsing it).
    static let gdpWords: [Scalars] = ["生产总值", "经济增", "GDP"].map(sc)

    static let negations = Lexicon<Bool>(["不提出", "没有提出", "未提出", "暂不提出", "不再提出", "不设定", "没有设定", "未设定",
                                          "暂不设定", "不再设定", "不设置", "没有设置", "未设置", "不设", "暂不设", "不制定",
                                          "没有制定"].map { ($0, true) })

    /// What the target would have measured, as written; all of them mean the economy's growth here.
    static let growthNames: [Scalars] = ["地区生产总值增长", "地区生产总值增速", "国内生产总值增长", "生产总值增长", "生产总值增速",
                                         "经济增长", "经济增速", "GDP增速", "GDP增长", "增速", "增长"].map(sc)

    static let gapScalars: Set<UInt32> = scalarSet("全今本年度具体量化明确的")

    static let pastMarks: [Scalars] = ["去年", "上年", "过去"].map(sc)
}
