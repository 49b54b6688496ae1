// Provinces and prefecture-level cities of China, used (1) to name the region of a report
// whose title block does not say it (the most mentioned place in the body) and (2) to tell a
// prefecture-level city (city) from a county-level city (district level) when a name ends in 市.

enum Gazetteer {
    /// Full names of province-level divisions; municipalities count as provinces.
    static let provinces: [String] = [
        "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
        "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
        "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
        "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
    ]
    static let municipalities: Set<String> = ["北京市", "天津市", "上海市", "重庆市"]

    /// Prefecture-level cities (short names, without 市).
    static let prefectureCities: [String] = """
    石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
    呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳
    盘锦 铁岭 朝阳 葫芦岛 长春 吉林 四平 辽源 通化 白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯
    七台河 牡丹江 黑河 绥化 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州
    绍兴 金华 衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
    福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 济南 青岛
    淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作
    濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 长沙
    株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆
    惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州
    河池 来宾 崇左 海口 三亚 三沙 儋州 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州
    雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 拉萨 日喀则 昌都 林芝 山南
    那曲 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西
    陇南 西宁 海东 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    static let prefectureSet: Set<String> = Set(prefectureCities.map { $0 + "市" })

    /// Autonomous prefectures: the place name reports shorten them to, and the full official name.
    static let autonomousPrefectures: [(place: String, full: String)] = [
        ("延边", "延边朝鲜族自治州"), ("恩施", "恩施土家族苗族自治州"), ("湘西", "湘西土家族苗族自治州"),
        ("阿坝", "阿坝藏族羌族自治州"), ("甘孜", "甘孜藏族自治州"), ("凉山", "凉山彝族自治州"),
        ("黔东南", "黔东南苗族侗族自治州"), ("黔南", "黔南布依族苗族自治州"), ("黔西南", "黔西南布依族苗族自治州"),
        ("楚雄", "楚雄彝族自治州"), ("红河", "红河哈尼族彝族自治州"), ("文山", "文山壮族苗族自治州"),
        ("西双版纳", "西双版纳傣族自治州"), ("大理", "大理白族自治州"), ("德宏", "德宏傣族景颇族自治州"),
        ("怒江", "怒江傈僳族自治州"), ("迪庆", "迪庆藏族自治州"), ("临夏", "临夏回族自治州"), ("甘南", "甘南藏族自治州"),
        ("海北", "海北藏族自治州"), ("黄南", "黄南藏族自治州"), ("海南", "海南藏族自治州"), ("果洛", "果洛藏族自治州"),
        ("玉树", "玉树藏族自治州"), ("海西", "海西蒙古族藏族自治州"), ("昌吉", "昌吉回族自治州"),
        ("博尔塔拉", "博尔塔拉蒙古自治州"), ("巴音郭楞", "巴音郭楞蒙古自治州"), ("克孜勒苏", "克孜勒苏柯尔克孜自治州"),
        ("伊犁", "伊犁哈萨克自治州"),
    ]
    /// Leagues (盟) and prefectures (地区): prefecture-level, named in full.
    static let leaguesAndPrefectures: [String] = ["兴安盟", "锡林郭勒盟", "阿拉善盟", "大兴安岭地区", "阿克苏地区", "喀什地区",
                                                  "和田地区", "塔城地区", "阿勒泰地区", "阿里地区"]

    /// "凉山州" → "凉山彝族自治州".
    static let prefectureShortForms: [String: String] = Dictionary(uniqueKeysWithValues:
        autonomousPrefectures.map { ($0.place + "州", $0.full) })

    /// The full official name of a region named by a short form ("凉山州"); the name itself otherwise.
    static func officialName(_ region: String) -> String {
        if let full = prefectureShortForms[region] { return full }
        // "四川省凉山州" and the like: the short form as the last part of a two-level name.
        for (short, full) in prefectureShortForms where region.hasSuffix(short) && region.count > short.count {
            let head = String(region.dropLast(short.count))
            if provinces.contains(head) { return full }
        }
        return region
    }

    /// Short forms used in running text: 济南 → 济南市, 宁夏 → 宁夏回族自治区, 北京 → 北京市,
    /// 凉山州 → 凉山彝族自治州 (autonomous prefectures only with 州: their bare place names are
    /// often rivers or regions too).
    static let shortForms: [(String, String)] = {
        var m: [(String, String)] = prefectureCities.map { ($0, $0 + "市") }
        for p in provinces {
            var s = p
            for suf in ["壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"] where s.hasSuffix(suf) {
                s.removeLast(suf.count); break
            }
            m.append((s, p))
        }
        for (short, full) in prefectureShortForms { m.append((short, full)); m.append((full, full)) }
        for full in leaguesAndPrefectures { m.append((full, full)) }
        return m
    }()

    /// Short form → every full name it may stand for (吉林 → 吉林省, 吉林市).
    static let shortLexicon: Lexicon<[String]> = {
        var m: [String: [String]] = [:]
        for (short, full) in shortForms { m[short, default: []].append(full) }
        return Lexicon(m.map { ($0.key, $0.value) })
    }()

    /// Level of a full region name.
    static func level(of region: String) -> RegionLevel {
        if region == HeadLexicon.nationalRegion { return .national }
        if municipalities.contains(region) || provinces.contains(region) { return .province }
        if region.hasSuffix("自治区") || region.hasSuffix("省") { return .province }
        if region.hasSuffix("自治州") || region.hasSuffix("地区") || region.hasSuffix("盟") { return .city }
        if region.hasSuffix("市") {
            // "济南市" is a city; "昆山市" (county-level) is district level; "苏州市昆山市" too.
            let s = sc(region)
            if let k = s.dropLast().firstIndex(where: { $0 == "市" }), k < s.count - 1 { return .district }
            return prefectureSet.contains(region) ? .city : .district
        }
        if region.hasSuffix("区") || region.hasSuffix("县") || region.hasSuffix("旗") { return .district }
        return .city
    }

    /// A county-level region (县, 自治县, 旗, county-level 市), whose 县域 is itself; not a city's district (区).
    static func isCountyLevel(_ region: String) -> Bool {
        level(of: region) == .district && !region.hasSuffix("区")
    }

    /// Words a report may put before an indicator to mean the region itself, longest first: its
    /// name and the tails of it ("广州市天河区", "天河区", "林区" of 神农架林区), its short name
    /// (天河, 昆山), and 县域 in a county's own report.
    static func selfNames(of region: String) -> [Scalars] {
        let s = sc(region)
        var out: [Scalars] = []
        for k in 0..<max(0, s.count - 1) { out.append(Array(s[k...])) }
        // The last part of a two-level name ("广州市天河区" → 天河区), without its level word.
        var last = s
        if let m = s.dropLast().lastIndex(where: { $0 == "市" }) { last = Array(s[(m + 1)...]) }
        for suf in shortSuffixes where last.hasSuffix(suf) && last.count - suf.count >= 2 {
            out.append(Array(last.dropLast(suf.count))); break
        }
        if isCountyLevel(region) { out.append(sc("县域")) }
        return out.sorted { $0.count > $1.count }
    }
    static let shortSuffixes: [Scalars] = ["自治区", "自治州", "自治县", "自治旗", "特别行政区", "地区", "省", "市", "区", "县", "州", "盟", "旗"].map(sc)

    /// The most mentioned place of the given level in `t`, counting short forms too.
    static func mostMentioned(in t: Scalars, level: RegionLevel, limit: Int = 200_000) -> (name: String, count: Int)? {
        var counts: [String: Int] = [:]
        var i = 0
        let end = min(t.count, limit)
        while i < end {
            if let m = shortLexicon.match(t, at: i) {
                if let full = m.value.first(where: { self.level(of: $0) == level }) { counts[full, default: 0] += 1 }
                i += m.length
            } else { i += 1 }
        }
        return counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }.map { ($0.key, $0.value) }
    }
}
