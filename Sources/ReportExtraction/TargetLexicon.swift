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
        ("涨幅", .growthVerb), ("上涨", .growthVerb), ("增幅", .growthVerb),
        ("提高", .changeVerb), ("提升", .changeVerb), ("下降", .changeVerb), ("降低", .changeVerb),
        ("减少", .changeVerb), ("缩小", .changeVerb), ("增加", .changeVerb), ("降", .changeVerb),
        ("达到", .levelVerb), ("达", .levelVerb), ("稳定在", .levelVerb), ("保持在", .levelVerb), ("为", .levelVerb),
        ("在", .levelVerb), ("突破", .levelVerb), ("实现", .levelVerb), ("完成", .levelVerb), ("稳定", .levelVerb),
        ("迈上", .levelVerb), ("跨上", .levelVerb), ("跃上", .levelVerb), ("站上", .levelVerb), ("跃升至", .levelVerb),
        ("跃升到", .levelVerb), ("提高到", .levelVerb), ("增加到", .levelVerb), ("提升到", .levelVerb), ("提升至", .levelVerb),
        ("力争", .qualifier), ("控制在", .qualifier), ("不低于", .qualifier), ("高于", .qualifier),
        ("不超过", .qualifier), ("低于", .qualifier), ("不少于", .qualifier), ("超过", .qualifier),
        ("分别", .adverb), ("均", .adverb), ("同口径", .adverb), ("可比价", .adverb), ("可比", .adverb), ("按", .adverb),
        ("比上年", .adverb), ("继续", .adverb), ("确保", .adverb), ("争取", .adverb), ("努力", .adverb),
        ("预计", .adverb),
    ] as [(String, Role)]).map { (sc($0.0), $0.1) }.sorted { $0.0.count > $1.0.count }

    /// Words a tail must end with to be stripped as a whole (so "增" does not eat into "增加值").
    static let postQualifiers = Lexicon<String>([("左右", "左右"), ("以上", "以上"), ("以内", "以内"),
                                                ("以下", "以下"), ("上下", "左右")])

    /// What may stand right before a number written without a unit (an index: 控制在103左右).
    static let bareValueLeads: [Scalars] = ["控制在", "保持在", "稳定在", "为", "在", "达到", "指数"].map(sc)

    /// Qualifiers that may open a clause before the indicator: "力争地区生产总值增长6%".
    static let leadingQualifiers = Lexicon<String>([("力争", "力争"), ("确保", ""), ("努力", ""), ("争取", "")])

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
        ("合理增长", ""), ("稳定增长", ""), ("平稳增长", ""), ("较快增长", ""), ("稳步增长", ""), ("持续增长", ""),
        ("增速高于", "高于"), ("增速不低于", "不低于"), ("增速快于", ""), ("高于", "高于"), ("不低于", "不低于"), ("快于", ""),
        ("保持", ""), ("持续", ""), ("进一步", ""), ("加快", ""), ("稳步", ""), ("不断", ""), ("逐步", ""),
        ("明显", ""), ("显著", ""), ("大幅", ""), ("取得", ""), ("全面完成", ""), ("完成", ""), ("达到", ""),
        ("符合", ""), ("满足", ""), ("降低", ""), ("下降", ""), ("改善", ""), ("提升", ""), ("提高", ""),
        ("稳中有升", ""), ("稳中有降", ""), ("稳中提质", ""), ("稳中向好", ""), ("稳中有进", ""), ("稳中求进", ""),
        ("企稳回升", ""), ("回升向好", ""), ("只增不减", ""), ("有所", ""), ("基本同步", ""), ("同步", ""),
        ("控制在", "控制在"), ("稳定在", ""), ("守住", ""), ("实现", ""), ("好于", ""), ("优于", ""),
    ])

    /// A clause whose indicator contains one of these is talk around the targets, not a target.
    static let nonIndicatorWords: [Scalars] = [
        "我们", "争取", "力争", "努力", "实际工作", "这样", "这些", "需要", "必须", "坚持", "推动", "确保", "目标是",
        "主要预期", "更好", "更优", "工作中", "做好", "全力", "考虑", "确定", "上述", "立足", "提出", "安排",
    ].map(sc)

    /// Clauses opening with these are not targets ("在实际工作中…", "按照…").
    static let nonIndicatorStarts: [Scalars] = ["在", "对", "把", "将", "以", "从", "使", "让", "向", "为了", "通过"].map(sc)

    /// Accepted before 完成 in "完成省下达的…指标" (the object is then the indicator).
    static let completionAdverbs: [Scalars] = ["全面", "确保", "坚决", "圆满", "力争", "努力", "按期", "全部", "按要求"].map(sc)


    /// Leading words removed from an indicator: enumerations and connectives.
    static let leadingNoise: [Scalars] = ["其中", "同时", "另外", "以及", "并且", "并", "全年", "今年", "预计", "和", "及"].map(sc)

    /// Trailing words removed from a qualitative subject: "能源、水资源、碳排放等指标" → parts.
    static let trailingNoise: [Scalars] = ["等主要指标", "等指标", "等约束性指标", "等", "增速", "增幅"].map(sc)
}
