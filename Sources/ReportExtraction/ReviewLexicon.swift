// Word lists that drive the reading of the review year's results (ReviewIndicatorExtractor): words
// of other periods, what may stand before an indicator, statement, threshold and span words. General
// report phrasing, not tied to any one file.

enum ReviewLexicon {
    /// Words that make a statement not about the review year as a whole.
    /// 从/由 only where they open a span of years or levels ("从2017年的…", "由上年的…"), not "从震荡下行到快速回升".
    static let otherPeriods: [Scalars] = ["年均", "五年", "十四五", "十三五", "十五五", "十二五", "十一五", "“十五”", "九五",
                                          "累计", "以来", "前三季度", "上半年", "一季度", "前两年", "三年", "连续", "连跨", "先后", "翻",
                                          "较", "从1", "从2", "从“", "从上", "从去", "从全", "由1", "由2", "由“", "由上", "由去",
                                          "由全"].map(sc)

    /// Text right before the key that makes it a ratio or a part ("人均地区生产总值", "占地区生产总值").
    static let badBefore: [Scalars] = ["人均", "单位", "占", "与", "相当于", "万元", "城", "地州", "新城", "县域"].map(sc)

    /// Parts of a region that, named earlier in a sentence, stay the subject of the figures after them.
    static let partSubjects: [Scalars] = ["新区", "开发区", "高新区", "园区", "县域", "城区", "市区", "其中"].map(sc)

    /// Allowed before the key in its clause: 全市, 全年实现, 预计, 初步核算 …
    /// Digits too: "2021年全市生产总值…" (a year other than the review year is rejected by `namesOtherYear`).
    /// A list item's dash too: "——预计2012年全市地区生产总值实现6700亿元".
    static let okBefore: Set<UInt32> = scalarSet("全市省区县州盟旗地年实现预计完成本我初步核算今去一是经济总体推动0123456789—")

    static let statementWords: [Scalars] = ["达到", "达", "突破", "超过", "迈上", "跨越", "跃上", "增长", "同比", "比上年", "可比",
                                            "实现", "为", "总量", "增速", "增幅", "居", "位居", "排名", "首次", "年增长"].map(sc)

    static let spanPeriods: [Scalars] = otherPeriods.filter { $0[0] != "由" && $0[0] != "从" }

    static let oneYearMarks: [Scalars] = ["全年", "上年", "去年", "今年", "一年来", "过去一年", "当年"].map(sc)

    static let spanStarts: [Scalars] = ["由", "从"].map(sc)

    static let spanEnds: [Scalars] = ["到", "至"].map(sc)

    static let thresholdWords: [Scalars] = ["突破", "超过", "迈上", "跨越", "跃上"].map(sc)

    static let milestoneWords: [Scalars] = ["台阶", "大关"].map(sc)

    static let levelVerbs: [Scalars] = ["达到", "达", "为", "实现"].map(sc)

    static let levelAfterGrowthVerbs: [Scalars] = levelVerbs + thresholdWords

    static let totalWords: [Scalars] = ["经济总量", "总量"].map(sc)

    static let ratioWords: [Scalars] = ["比重", "比例", "比率", "占"].map(sc)

    static let growthVerbs: [Scalars] = ["增长", "增速", "增幅", "比增"].map(sc)

    /// A decline of the indicator itself: a negative growth ("预计全年地区生产总值下降1.5%").
    static let declineVerbs: [Scalars] = ["比上年下降", "同比下降", "下降"].map(sc)

    /// Open the clause that gives the level when the key's own clause has none ("，预计全年完成560亿元").
    static let estimateOpeners: [Scalars] = ["预计全年", "全年", "预计"].map(sc)
    static let completionVerbs: [Scalars] = ["完成", "实现"].map(sc)

    /// In the clause after the figures, a streak or a record, not another period ("连续13个季度赶超全国",
    /// "为2010年以来最高").
    static let streakWords: [Scalars] = ["连续", "以来"].map(sc)

    /// Growth words that open a clause giving only the growth ("，增长5.3%", "，年增长14.4%"), and the bases of
    /// computation that may stand before them ("，可比价增长8%", "，按可比价格计算增长6%").
    static let growthClauseWords: [Scalars] = ["增长", "增速", "年增长", "比增", "增幅"].map(sc)
    static let growthBases: [Scalars] = ["按可比价格计算", "按可比价计算", "按可比价", "可比价", "可比", "同比", "比上年", "较上年",
                                         "同口径"].map(sc)

    /// Asides between a level and its growth: "，恢复至2019年的105.3%，", "，是2015年的1.5倍，", "，在东北地区…".
    static let asideOpeners: [Scalars] = ["恢复至", "恢复到", "是", "相当于", "在", "居", "位居", "排", "总量居", "总量位居"].map(sc)

    /// A comparison between a growth and the level after it ("，高于全国0.7个百分点，经济总量达到64697亿元").
    static let comparisonAsides: [Scalars] = ["高于", "快于", "比全国", "较全国", "居", "位居", "增速居", "排名"].map(sc)

    static let incrementWords: [Scalars] = ["增加", "减少", "新增", "增量", "多", "少"].map(sc)
}
