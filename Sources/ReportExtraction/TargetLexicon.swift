// Word lists that drive target parsing. They are general Chinese report phrasing, not
// tied to any one file: verbs that sit between an indicator and its number, qualifiers,
// predicates of qualitative targets, and words that mark a clause as not a target.

enum TargetLexicon {
    enum Role { case growthVerb, changeVerb, levelVerb, qualifier, adverb }

    /// Stripped from the end of the text before a number (repeatedly): "一般公共预算收入同口径增长" →
    /// "一般公共预算收入". Qualifiers found here are recorded in text order.
    static let subjectTail: [(Scalars, Role)] = ([
        ("同比增长", .growthVerb), ("年均增长", .growthVerb), ("增长目标", .growthVerb), ("预期增长", .growthVerb),
        ("增速目标", .growthVerb), ("增长", .growthVerb), ("增速", .growthVerb),
        ("涨幅", .growthVerb), ("上涨幅度", .growthVerb), ("上涨", .growthVerb), ("增幅", .growthVerb), ("增长幅度", .growthVerb),
        ("上升幅度", .growthVerb), ("增长速度", .growthVerb), ("缩短", .changeVerb), ("预期", .adverb),
        ("同比增", .growthVerb), ("比增", .changeVerb), ("增", .growthVerb),       // "生产总值同比增9%左右" (not after 新/净: see `isBareGrowthVerb`)
        ("提高", .changeVerb), ("提升", .changeVerb), ("下降", .changeVerb), ("降低", .changeVerb), ("削减", .changeVerb),
        ("减少", .changeVerb), ("缩小", .changeVerb), ("减排", .changeVerb), ("增加", .changeVerb), ("降", .changeVerb),
        ("达到", .levelVerb), ("达", .levelVerb), ("稳定在", .levelVerb), ("保持在", .levelVerb), ("为", .levelVerb),
        ("在", .levelVerb), ("突破", .levelVerb), ("实现", .levelVerb), ("完成", .levelVerb), ("稳定", .levelVerb),
        ("迈上", .levelVerb), ("跨上", .levelVerb), ("跃上", .levelVerb), ("站上", .levelVerb), ("跃升至", .levelVerb),
        ("跃升到", .levelVerb), ("提高到", .levelVerb), ("增加到", .levelVerb), ("提升到", .levelVerb), ("提升至", .levelVerb),
        // Step verbs that give the level reached: "社会物流总费用占GDP比率下降至15.2%", "提高至", "继续保持".
        ("提高至", .levelVerb), ("增加至", .levelVerb), ("上升至", .levelVerb), ("上升到", .levelVerb),
        ("下降至", .levelVerb), ("下降到", .levelVerb), ("降低至", .levelVerb), ("降低到", .levelVerb),
        ("降至", .levelVerb), ("降到", .levelVerb), ("保持", .levelVerb),
        ("力争", .qualifier), ("控制在", .qualifier), ("不低于", .qualifier), ("高于", .qualifier),
        ("不超过", .qualifier), ("低于", .qualifier), ("不少于", .qualifier), ("超过", .qualifier),
        ("分别", .adverb), ("均", .adverb), ("同口径", .adverb), ("可比价", .adverb), ("可比", .adverb), ("按", .adverb),
        ("比上年", .adverb), ("较上年", .adverb), ("同比", .adverb), ("继续", .adverb), ("确保", .adverb), ("必保", .adverb),
        ("争取", .adverb), ("努力", .adverb), ("实际", .adverb), ("累计", .adverb), ("预计", .adverb), ("年均", .adverb),
        ("调控在", .levelVerb),
    ] as [(String, Role)]).map { (sc($0.0), $0.1) }.sorted { $0.0.count > $1.0.count }

    /// Scalars before a bare 增 that make it part of a word (新增, 净增, 递增, 倍增), not the growth verb.
    static let notBeforeBareGrowth: Set<UInt32> = scalarSet("新净递倍激猛陡剧")

    /// Adverbs that spread one value over every listed indicator ("…和农民人均纯收入分别增长7.5%").
    static let distributiveAdverbs: [Scalars] = ["分别", "均", "都"].map(sc)

    /// A basis note that is not part of the name: "按可比口径", "按验资口径", "按可比价格计算" (see
    /// ClauseParser.basisNoteEnd); these open such a note, and it ends with one of `basisEnds`.
    static let basisStarts: [Scalars] = ["按", "以"].map(sc)
    static let basisEnds: [Scalars] = ["口径计算", "口径", "价格计算", "可比价", "计算"].map(sc)

    /// Bases after 较/比 that date a comparison: "较上年控制目标下降1微克/立方米".
    static let comparisonBases: [Scalars] = ["上年", "去年", "上一年"].map(sc)

    /// Comparison words between an indicator and its comparator ("…高于全省增速0.5个百分点").
    static let comparisonWords = Lexicon<String>([("高于", "高于"), ("快于", "快于"), ("低于", "低于"), ("高出", "高于"),
                                                  ("超过", "超过"), ("好于", "好于")])
    /// Words that tie a qualitative subject to a comparator: "地方财政收入与经济保持同步增长",
    /// "城镇常住居民人均可支配收入与全省同步增长"; the subject ends before them.
    static let comparisonJoiners: [Scalars] = ["与", "同", "较", "比"].map(sc)
    static let comparators: [Scalars] = ["经济", "国民经济", "全省", "全国", "全市", "全区", "全州", "全县", "GDP", "地区生产总值",
                                         "生产总值", "国家", "上年", "去年", "省"].map(sc)

    /// Head nouns a list's last part may share with the parts before it ("农业、规模以上工业、服务业增加值",
    /// "二氧化硫、化学需氧量排放总量"): a part that does not end with one of them gets the last part's.
    static let sharedHeads: [Scalars] = ["人均可支配收入", "人均纯收入", "可支配收入", "纯收入", "增加值", "总产值", "产值",
                                         "排放总量", "排放量", "营业收入", "收入", "总额", "余额", "产量", "投资"].map(sc)

    /// Heads that name parallel groups before a shared rest ("城镇、农村居民人均可支配收入", "水、气主要污染物").
    static let parallelHeads: [Scalars] = ["城镇", "农村", "城市", "城乡", "乡村", "进口", "出口", "存款", "贷款", "国有", "民营",
                                           "市区", "郊区", "中心城区", "大", "中", "小", "水", "气", "大气", "土壤", "男", "女", "中学", "小学", "城", "乡",
                                           "一产", "二产", "三产"].map(sc)

    /// Ends of names that are complete indicators, which take no shared head ("单位地区生产总值能耗和主要污染物
    /// 排放量": 能耗 is a measure of its own).
    static let measureEnds: [Scalars] = sharedHeads + ["能耗", "水耗", "强度", "率", "量", "指数", "价格", "就业", "浓度",
                                                        "比重", "总值", "值", "额", "天数", "面积", "人数", "指标", "目标", "任务",
                                                        "水平", "质量", "外资", "内资"].map(sc)

    /// Contracted pairs that a 分别 list spells out: 城乡居民 → 城镇居民, 农村居民; 存贷款余额 → 存款余额, 贷款余额.
    static let contractedPairs: [(Scalars, [Scalars])] = [
        ("城乡", ["城镇", "农村"]), ("存贷款", ["存款", "贷款"]), ("进出口", ["进口", "出口"]), ("中小学", ["中学", "小学"]),
    ].map { (sc($0.0), $0.1.map(sc)) }

    /// The three sectors as one subject: "三次产业增加值分别增长2%、5%和7%", "一二三产增加值分别增长…".
    static let threeSectors: [(Scalars, [Scalars])] = [
        ("三次产业", ["第一产业", "第二产业", "第三产业"]), ("一二三产业", ["第一产业", "第二产业", "第三产业"]),
        ("一二三产", ["一产", "二产", "三产"]), ("一、二、三产业", ["第一产业", "第二产业", "第三产业"]),
    ].map { (sc($0.0), $0.1.map(sc)) }

    /// Words a tail must end with to be stripped as a whole (so "增" does not eat into "增加值").
    static let postQualifiers = Lexicon<String>([("左右", "左右"), ("以上", "以上"), ("以内", "以内"),
                                                ("以下", "以下"), ("上下", "左右")])

    /// What may stand right before a number written without a unit (an index: 控制在103左右).
    static let bareValueLeads: [Scalars] = ["控制在", "保持在", "稳定在", "为", "在", "达到", "指数"].map(sc)

    /// Qualifiers that may open a clause before the indicator: "力争地区生产总值增长6%".
    static let leadingQualifiers = Lexicon<String>([("力争", "力争"), ("确保", ""), ("必保", ""), ("努力", ""), ("争取", ""),
                                                    ("全力争取", ""), ("全力", "")])

    /// Separators of a range: 4.5%—5%, 5%-5.5%, 5%到5.5%, 5%至5.5%, 5~6%.
    static let rangeSeparators = Lexicon<Bool>([("—", true), ("——", true), ("–", true), ("-", true), ("－", true),
                                               ("~", true), ("～", true), ("至", true), ("到", true), ("〜", true)])

    /// Joiners of several values or indicators in one compound: 5.5%左右和6%左右, 5%、6.5%.
    static let joiners = Lexicon<Bool>([("、", true), ("和", true), ("及", true), ("与", true), ("以及", true),
                                       (",", true), ("/", true)])

    /// Predicates that make a number-less clause a qualitative target; the subject before the
    /// earliest one is the indicator. Value: a qualifier the predicate implies (高于 …) or "".
    static let qualitativePredicates = Lexicon<String>([
        ("增长与经济增长", ""), ("增长和经济增长", ""), ("增长同经济增长", ""), ("与经济增长", ""), ("和经济增长", ""),
        ("增长与经济发展", ""), ("增长和经济发展", ""), ("增长同经济发展", ""), ("与经济发展", ""), ("和经济发展", ""),
        ("合理增长", ""), ("稳定增长", ""), ("平稳增长", ""), ("较快增长", ""), ("稳步增长", ""), ("持续增长", ""),
        ("增速高于", "高于"), ("增速不低于", "不低于"), ("增速快于", ""), ("高于", "高于"), ("不低于", "不低于"), ("快于", ""),
        ("保持", ""), ("持续", ""), ("进一步", ""), ("加快", ""), ("稳步", ""), ("不断", ""), ("逐步", ""),
        ("明显", ""), ("显著", ""), ("大幅", ""), ("取得", ""), ("全面完成", ""), ("完成", ""), ("达到", ""),
        ("符合", ""), ("满足", ""), ("降低", ""), ("下降", ""), ("改善", ""), ("提升", ""), ("提高", ""),
        ("稳中有升", ""), ("稳中有降", ""), ("稳中提质", ""), ("稳中向好", ""), ("稳中有进", ""), ("稳中求进", ""),
        ("企稳回升", ""), ("回升向好", ""), ("只增不减", ""), ("有所", ""), ("要有", ""), ("有大的", ""), ("有较大", ""), ("有新的", ""), ("有明显", ""), ("站稳", ""), ("位居", ""), ("持平", ""), ("基本一致", ""), ("保持一致", ""), ("基本同步", ""), ("同步", ""),
        ("控制在", "控制在"), ("稳定在", ""), ("守住", ""), ("实现", ""), ("好于", ""), ("优于", ""),
        ("低于", "低于"), ("稳定", ""), ("扭转", ""), ("促稳提质", ""), ("提质增效", ""), ("扩量提质", ""),
        ("有效防控", ""), ("有效防范", ""), ("有效化解", ""), ("有效遏制", ""), ("有效控制", ""), ("得到有效", ""),
    ])

    /// A clause whose indicator contains one of these is talk around the targets, not a target.
    static let nonIndicatorWords: [Scalars] = [
        "我们", "争取", "力争", "努力", "实际工作", "这样", "这些", "需要", "必须", "坚持", "推动", "确保", "目标是",
        "主要预期", "更好", "更优", "工作中", "做好", "全力", "考虑", "确定", "上述", "立足", "提出", "安排", "抓好", "有所",
    ].map(sc)

    /// Clauses opening with these are not targets ("在实际工作中…", "按照…").
    static let nonIndicatorStarts: [Scalars] = ["在", "为", "围绕", "对", "把", "将", "以", "从", "使", "让", "向", "为了", "通过", "与", "同",
                                                "促进", "推动", "推进", "加快", "加强", "实施"].map(sc)

    /// Verbs that open a qualitative item before its name ("实现单位GDP能耗下降目标").
    static let openingVerbs: [Scalars] = ["全面实现", "实现"].map(sc)

    /// Accepted before 完成 in "完成省下达的…指标" (the object is then the indicator).
    static let completionAdverbs: [Scalars] = ["全面", "确保", "坚决", "圆满", "力争", "努力", "按期", "全部", "按要求", "超额"].map(sc)


    /// Leading words removed from an indicator: enumerations and connectives.
    static let leadingNoise: [Scalars] = ["其中", "同时", "另外", "以及", "并且", "并", "全年", "今年", "预计", "预期", "和", "及",
                                          "初步确定", "初步安排", "建议"].map(sc)

    /// Manner words before a predicate that leave the subject unsaid ("高质量站稳千亿台阶"): no name.
    static let adverbialSubjects: [Scalars] = ["高质量", "高水平", "高标准", "全面", "持续", "进一步"].map(sc)

    /// Connectives that may stand as a clause of their own before the items ("其中，农业总产值…").
    static let connectiveClauses: [Scalars] = ["其中", "同时", "另外", "此外"].map(sc)

    /// Trailing words removed from a qualitative subject: "能源、水资源、碳排放等指标" → parts.
    static let trailingNoise: [Scalars] = ["等主要指标", "等指标", "等约束性指标", "等", "增速", "增幅", "增长速度", "增长",
                                           "涨幅", "上涨幅度", "下降幅度", "降幅", "增长幅度", "分别", "均", "都", "要", "仍将", "不折不扣", "继续"].map(sc)

    /// Growth words that make a comparison a growth one ("高于全省增速0.5个百分点").
    static let growthWords: [Scalars] = ["增速", "增长", "增幅"].map(sc)

    /// Last scalars of the names of rivers, lakes and mountains ("长江、黄河、澜沧江省境内干流全线水质").
    static let featureEnds: Set<UInt32> = scalarSet("江河湖海山川")

    /// Clauses that frame a passage's first sentence: "综合考虑各方面因素", "按照…要求", "在…的基础上".
    static let leadInOpeners: [Scalars] = ["综合考虑", "综合各方面", "综合研判", "统筹考虑", "按照", "根据", "结合"].map(sc)
    static let leadInEnds: [Scalars] = ["基础上", "前提下", "条件下", "情况下"].map(sc)

    /// Verbs before a count that comes before its noun ("办好30件民生实事", "实现20万农村人口稳定脱贫").
    static let countVerbs = Lexicon<Bool>(["办好", "办成", "办实", "完成", "新增", "实现", "建设", "新建", "建成", "改造", "培育",
                                           "引进", "新开工", "开工", "实施", "帮助", "解决", "转移", "安置", "打造", "创建",
                                           "新培育", "新引进", "落实", "新改建", "提供", "推动"].map { ($0, true) })

    /// Qualifiers at the end of a qualitative subject, before its predicate ("…增幅力争高于经济增幅").
    static let subjectEndQualifiers = Lexicon<String>([("力争", "力争"), ("确保", ""), ("努力", ""), ("争取", ""), ("必保", ""),
                                                       ("全面", "")])

    /// Words that name the targets as a whole, not one of them ("完成全年预期目标", "各项目标任务").
    static let genericTargetWords: [Scalars] = ["全年", "年度", "今年", "各项", "预期", "发展", "主要", "经济社会", "既定",
                                                "目标", "任务", "指标"].map(sc)
}
