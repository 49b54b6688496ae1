// Stable codes for indicators that recur across reports, whatever the wording: the table is
// `groups` below, and protocols/indicator-codes.md lists every code with what it is and its wordings
// (a test keeps the two the same).
// An indicator gets a code when its name (spaces and quotes removed, a leading 全年/今年
// dropped, a trailing bracketed abbreviation such as （GDP） dropped) is one of the names below,
// or is 全/本 + a level word (省市区县州盟旗) + one of them ("全州地区生产总值", "本市生产总值"), or the
// level word alone + one of them ("市一般公共预算收入"). In a report of region R, R's own name + a GDP
// name is gdp too (天河区地区生产总值, 林区生产总值 in 神农架林区); in a county's own report also 县域 + one
// (县域经济总量): there 县域 is the county itself, while in a city or province report it is the counties
// taken together, never the region's GDP. 经济 / 全市经济 in a qualitative growth ("经济平稳增长") is gdp
// (qualitativeGrowthCode).
//
// The gold files (gold/gold_dev.json) carry only "gdp"; the evaluator therefore compares
// codes only where the gold code is non-null.

public enum IndicatorCodes {
    /// Each code with the names it covers, its usual name first (the panel labels charts with it).
    public static let groups: [(code: String, names: [String])] = [
        ("gdp", ["地区生产总值", "全省生产总值", "全市生产总值", "全区生产总值", "全县生产总值", "全州生产总值",
                 "全省地区生产总值", "全市地区生产总值", "全区地区生产总值", "生产总值", "国内生产总值",
                 "经济增长", "经济增速", "GDP", "地区生产总值增速", "经济总量"]),
        ("fiscal_revenue", ["一般公共预算收入", "地方一般公共预算收入", "地方级一般公共预算收入", "财政收入", "地方财政收入",
                            "公共财政预算收入", "地方公共财政预算收入", "地方公共财政收入", "地方财政一般预算收入",
                            "财政一般预算收入", "地方一般预算收入", "一般预算收入", "地方级财政收入",
                            "公共财政收入", "地方一般预算财政收入"]),
        ("total_fiscal_revenue", ["财政总收入", "地方财政总收入", "全口径财政收入", "公共财政预算全口径收入"]),
        ("fiscal_expenditure", ["一般公共预算支出", "地方一般公共预算支出", "财政支出", "地方财政支出", "公共财政预算支出"]),
        ("fixed_asset_investment", ["固定资产投资", "全社会固定资产投资", "固定资产投资总额", "固定资产投资额", "全社会固定资产投资总额",
                                    "全社会固定资产投资规模", "规模以上固定资产投资", "地方全社会固定资产投资", "固投"]),
        ("industrial_investment", ["工业投资", "工业固定资产投资", "工业性投资"]),
        ("retail_sales", ["社会消费品零售总额", "社会消费品零售额", "社消总额", "消费品零售总额"]),
        ("cpi", ["居民消费价格", "居民消费价格指数", "居民消费价格涨幅", "居民消费价格总水平", "CPI", "消费价格", "城市居民消费价格",
                 "居民消费物价", "消费物价", "居民消费价格总指数"]),
        // The retail price index, the headline price statistic before the CPI (1980s–1990s reports).
        ("retail_price_index", ["社会商品零售物价", "社会商品零售物价总水平", "商品零售价格", "商品零售价格指数", "零售物价",
                                "零售物价总水平", "社会商品零售价格总水平", "商品零售价格总水平", "零售物价指数"]),
        ("urban_unemployment", ["城镇调查失业率", "调查失业率", "城镇登记调查失业率"]),
        ("registered_unemployment", ["城镇登记失业率", "城镇居民登记失业率", "登记失业率"]),
        ("urban_new_jobs", ["城镇新增就业", "新增城镇就业", "城镇新增就业人数", "新增就业", "新增城镇就业岗位", "城镇新增就业岗位",
                            "新增城镇就业人数"]),
        ("resident_income", ["居民人均可支配收入", "全体居民人均可支配收入", "居民收入", "居民可支配收入", "常住居民人均可支配收入",
                             "全体居民人均收入"]),
        ("urban_income", ["城镇居民人均可支配收入", "城镇常住居民人均可支配收入", "城市居民人均可支配收入", "城镇居民收入",
                          "城镇居民可支配收入", "城镇居民人均收入", "城镇居民年人均可支配收入", "城市居民人均收入"]),
        ("rural_income", ["农村居民人均可支配收入", "农村常住居民人均可支配收入", "农民人均纯收入", "农村居民人均纯收入",
                          "农民人均可支配收入", "农村居民收入", "农村居民人均收入", "农民收入", "农民年人均纯收入", "农牧民人均纯收入",
                          "农牧民人均可支配收入", "农民人均收入", "农村居民可支配收入"]),
        ("industrial_value_added", ["规模以上工业增加值", "规上工业增加值", "规模工业增加值", "规上工业可比价增加值"]),
        // All industry, not only enterprises above the size threshold.
        ("industry_value_added", ["工业增加值", "全部工业增加值"]),
        // Gross output value: the output statistics of the 1980s–2000s.
        ("industrial_output", ["工业总产值", "规模以上工业总产值", "规上工业总产值", "全部工业总产值"]),
        ("agricultural_output", ["农业总产值", "农林牧渔业总产值", "农林牧渔总产值", "农林牧渔业增加值", "农业增加值"]),
        ("primary_value_added", ["第一产业增加值", "第一产业"]),
        ("secondary_value_added", ["第二产业增加值", "第二产业"]),
        ("exports", ["出口总额", "外贸出口", "外贸出口总额", "出口总值", "商品出口总值", "出口", "外贸出口总值"]),
        ("imports", ["进口总额", "外贸进口", "外贸进口总额", "进口总值", "商品进口总值", "进口"]),
        ("foreign_trade", ["进出口总额", "外贸进出口总额", "外贸进出口总值", "进出口总值", "货物进出口总额", "外贸进出口", "进出口贸易总额",
                           "外贸进出口额", "进出口", "对外贸易进出口总额", "货物贸易进出口总额"]),
        ("foreign_investment", ["实际使用外资", "实际利用外资", "利用外资", "实际到账外资", "实际使用外资金额", "实际利用外资额"]),
        ("foreign_direct_investment", ["实际利用外商直接投资", "外商直接投资", "实际使用外商直接投资", "实际直接利用外资", "直接利用外资",
                                       "实际利用外商投资", "实际使用外商投资"]),
        ("energy_intensity", ["单位地区生产总值能耗", "单位生产总值能耗", "单位GDP能耗", "能耗强度", "万元GDP能耗",
                              "万元地区生产总值能耗", "万元生产总值能耗", "单位国内生产总值能耗", "万元生产总值综合能耗",
                              "万元GDP综合能耗", "万元生产总值能源消耗", "单位生产总值能源消耗", "单位地区生产总值能源消耗",
                              "万元地区生产总值综合能耗", "单位地区生产总值综合能耗", "单位GDP能源消耗", "万元GDP能源消耗"]),
        ("water_intensity", ["万元地区生产总值水耗", "万元GDP水耗", "万元地区生产总值用水量", "万元生产总值用水量", "万元GDP用水量",
                             "单位地区生产总值用水量", "单位GDP用水量", "万元生产总值水耗"]),
        ("so2_emissions", ["二氧化硫排放量", "二氧化硫排放总量", "二氧化硫"]),
        ("cod_emissions", ["化学需氧量", "化学需氧量排放量", "化学需氧量排放总量"]),
        ("ammonia_nitrogen_emissions", ["氨氮排放量", "氨氮排放总量", "氨氮"]),
        ("nox_emissions", ["氮氧化物排放量", "氮氧化物排放总量", "氮氧化物"]),
        ("carbon_intensity", ["单位地区生产总值二氧化碳排放", "单位生产总值二氧化碳排放", "单位生产总值二氧化碳排放量",
                              "单位地区生产总值二氧化碳排放量", "碳排放强度"]),
        ("grain_output", ["粮食产量", "粮食总产量", "粮食总产", "粮食综合生产能力"]),
        ("rd_intensity", ["全社会研发投入强度", "研发经费投入强度", "全社会研发经费投入强度", "研发投入强度",
                          "研究与试验发展经费投入强度", "全社会研发投入占地区生产总值比重", "全社会研发投入占GDP比重",
                          "全社会研发经费支出占地区生产总值比重", "研发经费支出占地区生产总值比重", "研发经费支出占生产总值比重",
                          "研发经费支出占GDP比重", "全社会研发经费支出占GDP比重", "全社会研发投入占比", "研发投入占比",
                          "全社会研究与试验发展经费支出占地区生产总值比重", "全社会研发经费支出相当于全市生产总值的比例",
                          "全社会研究与开发经费支出相当于全市生产总值的比例", "研究与试验发展经费支出占地区生产总值比重",
                          "全社会研发经费支出占地区生产总值"]),
        ("urbanization_rate", ["常住人口城镇化率", "城镇化率"]),
        ("population_growth", ["人口自然增长率"]),
        ("birth_rate", ["人口出生率"]),
        ("forest_coverage", ["森林覆盖率"]),
        ("per_capita_gdp", ["人均地区生产总值", "人均生产总值", "人均GDP", "人均国内生产总值"]),
        ("pm25", ["细颗粒物年均浓度", "细颗粒物平均浓度", "PM2.5平均浓度", "PM2.5年均浓度", "细颗粒物浓度", "PM2.5浓度"]),
        // 第三产业 and 服务业 are the same sector in China's statistics.
        ("service_value_added", ["服务业增加值", "第三产业增加值", "第三产业"]),
        ("service_share", ["服务业增加值占地区生产总值比重", "服务业增加值占GDP比重", "第三产业增加值占地区生产总值比重",
                           "服务业增加值占生产总值比重", "第三产业比重", "服务业比重"]),
        ("labor_productivity", ["全员劳动生产率"]),
        ("deposit_balance", ["金融机构存款余额", "金融机构人民币存款余额", "金融机构各项存款余额", "存款余额"]),
        ("loan_balance", ["金融机构贷款余额", "金融机构人民币贷款余额", "金融机构各项贷款余额", "贷款余额"]),
        ("construction_value_added", ["建筑业增加值"]),
    ]

    static let table: [String: String] = {
        var m: [String: String] = [:]
        for (code, names) in groups { for n in names { m[n] = code } }
        return m
    }()

    /// The code for an indicator name, or nil.
    public static func code(for indicator: String) -> String? {
        var s = squeezeSpaces(sc(indicator)).filter { $0 != "“" && $0 != "”" && $0 != "\"" }
        for p in ["全年", "今年"].map(sc) where s.hasPrefix(p) && s.count > p.count + 1 { s.removeFirst(p.count) }
        // "地区生产总值（GDP）": a bracketed Latin abbreviation repeats the name.
        if let last = s.last, last == "）" || last == ")", let open = s.lastIndex(where: { $0 == "（" || $0 == "(" }), open > 1,
           s[(open + 1)..<(s.count - 1)].allSatisfy(Ch.isASCIILetter) { s.removeSubrange(open...) }
        // "单位地区生产总值能耗降低及…完成国家下达目标任务": a qualitative item named with its verb.
        for v in trailingVerbs where s.count > v.count + 2 && s.hasSuffix(v) { s.removeLast(v.count); break }
        if let c = table[s.string] { return c }
        // "全州地区生产总值", "全旗生产总值", "本市生产总值": 全/本 + the level word of any region, before a known name.
        if s.count > 4, s[0] == "全" || s[0] == "本", regionLevelWords.contains(s[1]), let c = table[Array(s[2...]).string] { return c }
        // "市一般公共预算收入", "省财政总收入": the level word alone, meaning the region's own government.
        if s.count > 4, regionLevelWords.contains(s[0]), let c = table[Array(s[1...]).string] { return c }
        return nil
    }

    /// The code in a report of the given region, where the region's own name may open the GDP's
    /// ("林区生产总值" in 神农架林区, "天河区地区生产总值"; a county's 县域经济总量).
    public static func code(for indicator: String, region: String?) -> String? {
        code(for: indicator, selfNames: region.map(Gazetteer.selfNames) ?? [])
    }

    /// The same with the region's `Gazetteer.selfNames`, worked out once per report.
    static func code(for indicator: String, selfNames: [Scalars]) -> String? {
        if let c = code(for: indicator) { return c }
        let s = sc(indicator)
        for p in selfNames where s.count > p.count + 1 && s.hasPrefix(p) {
            if code(for: Array(s[p.count...]).string) == "gdp" { return "gdp" }
        }
        return nil
    }

    /// "经济平稳增长", "全市经济较快增长": the economy's growth without a figure is a qualitative GDP target.
    /// The subject is the economy itself and a growth word follows it within its predicate.
    public static func qualitativeGrowthCode(for indicator: String, text: String) -> String? {
        let s = squeezeSpaces(sc(indicator))
        guard economyNames.contains(where: { $0 == s }) || (s.count == 4 && (s[0] == "全" || s[0] == "本")
                                                            && regionLevelWords.contains(s[1]) && Array(s[2...]) == economyNames[0]) else { return nil }
        let t = sc(text)
        guard let at = t.find(s) else { return nil }
        let predicate = Array(t[(at + s.count)..<min(t.count, at + s.count + 6)])
        return predicate.find(growthWord) != nil ? "gdp" : nil
    }
    static let economyNames: [Scalars] = ["经济", "国民经济"].map(sc)
    static let growthWord = sc("增长")

    static let trailingVerbs: [Scalars] = ["降低", "下降"].map(sc)

    /// The one-scalar level words in 全省/全市/全区/全县/全州/全盟/全旗.
    static let regionLevelWords: Set<UInt32> = scalarSet("省市区县州盟旗")
}
