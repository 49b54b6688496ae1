import XCTest
@testable import ReportText

final class CleanerTests: XCTestCase {
    private func clean(_ s: String) throws -> StructuredText { try TextPipeline.process(Array(s.utf8)) }

    func testWebChromeAndMetadata() throws {
        let page = """
        下载
        打印
        全屏
        收藏
        【字号：
        加大
        还原
        减小
        】
        2026年某某省政府工作报告
        ——2026年1月25日在某某省第十六届人民代表大会第四次会议上
        来源：某某日报
        时间：2026-02-02
        某某省省长 张 三
        张三同志作政府工作报告。本报记者 李四摄
        各位代表：
        现在，我代表省人民政府，向大会报告工作。
        相关报道：
        某某热议政府工作报告
        打印本页
        """
        let st = try clean(page)
        XCTAssertEqual(st.text, """
        2026年某某省政府工作报告
        ——2026年1月25日在某某省第十六届人民代表大会第四次会议上
        某某省省长 张三
        各位代表：
        现在，我代表省人民政府，向大会报告工作。
        """)
        XCTAssertEqual(st.metadata, ["来源": "某某日报", "时间": "2026-02-02"])
        XCTAssertEqual(st.headLines, ["2026年某某省政府工作报告", "——2026年1月25日在某某省第十六届人民代表大会第四次会议上", "某某省省长 张三"])
    }

    func testBreadcrumbAndLabelsWithValuesOnTheNextLine() throws {
        let page = """
        当前位置：
        首页
        >
        政务信息
        >
        要闻
        2026年某某自治区政府工作报告
        发表时间：
        2026-02-09 09:45:30
        来源：
        某某日报客户端
        阅读量：
        【字体：
        小
        中
        大
        】
        政府工作报告
        ——2026年2月3日在某某自治区第十三届人民代表大会第四次会议上
        自治区人民政府主席 王五
        各位代表：
        现在，我代表自治区人民政府，向大会报告工作。
        """
        let st = try clean(page)
        XCTAssertEqual(st.metadata["时间"], "2026-02-09 09:45:30")
        XCTAssertEqual(st.metadata["来源"], "某某日报客户端")
        XCTAssertTrue(st.headLines.contains("政府工作报告"), "\(st.headLines)")
        XCTAssertEqual(st.paragraphs.count, 6)
        XCTAssertFalse(st.text.contains("首页"))
        XCTAssertFalse(st.text.contains("阅读量"))
    }

    func testPinyinBookmarksMarkdownAndPageNumbers() throws {
        let st = try clean("""
        [bookmark: _GoBack]
        # 政 府 工 作 報 告
        各位代表：
        現(xiàn)在,我代表市人民政府向大會報告工作。地區(qū)生產總值增長 5.5%左右。
        [bookmark: OLE_LINK5][bookmark: OLE_LINK7]**建設宜居城市。**PM<sub>2.5</sub>濃度下降。
        - 3 -
        12
        第3页
        > 引用的一段話。
        """)
        XCTAssertEqual(st.source.script, "traditional")
        XCTAssertEqual(st.text, """
        政府工作报告
        各位代表：
        现在，我代表市人民政府向大会报告工作。地区生产总值增长5.5%左右。
        建设宜居城市。PM2.5浓度下降。
        引用的一段话。
        """)
    }

    func testWidthAndPunctuationNormalization() throws {
        let st = try clean("各位代表：\n增长５．５％，达到１２３亿元,同比增长3%;比上年提高1,000个 (基地)1个。Hello world 增长.\n")
        XCTAssertEqual(st.text, "各位代表：\n增长5.5%，达到123亿元，同比增长3%；比上年提高1,000个（基地）1个。Hello world增长.")
    }

    func testBrokenParagraphsAreRejoined() throws {
        let st = try clean("""
        政府工作报告
        ——2022年12月26日在济南市第十八届

        人民代表大会第二次会议上

        济南市市长 于海田
        各位代表：
        一、2022年工作回顾
        全面开展入黄支流综合整治，实施

        济西、白云湖等湿地公园保护修复，完成
        黄河百里风景区中心景区景观提升工程。
        （一）聚力推动经济稳健运行
        坚持稳字当头、稳中求进，着力改善市场预期、提振发展信心，推动有效投资与消费需求良性互动。
        “十四五”时期工作回顾
        “十四五”时期是极不寻常、极不平凡的五年，我们坚持以新发展理念引领高质量发展，成绩来之不易。
        """)
        let paras = st.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(paras[1], "——2022年12月26日在济南市第十八届人民代表大会第二次会议上")
        XCTAssertEqual(paras[4], "一、2022年工作回顾")
        XCTAssertEqual(paras[5], "全面开展入黄支流综合整治，实施济西、白云湖等湿地公园保护修复，完成黄河百里风景区中心景区景观提升工程。")
        XCTAssertEqual(paras[6], "（一）聚力推动经济稳健运行")
        XCTAssertEqual(paras[8], "“十四五”时期工作回顾")
        XCTAssertEqual(paras.count, 10)
    }
}

final class MetadataLineTests: XCTestCase {
    func testSeveralLabelsOnOneLine() throws {
        let st = try TextPipeline.process(Array("""
        发布时间：2026-02-02 09:30 来源：北京日报 字号：大 中 小
        政府工作报告
        各位代表：
        现在，我代表市人民政府向大会报告工作。
        """.utf8))
        XCTAssertEqual(st.metadata, ["时间": "2026-02-02 09:30", "来源": "北京日报"])
        XCTAssertTrue(st.text.hasPrefix("政府工作报告\n"))
    }
}

final class PaginatedExportTests: XCTestCase {
    func testRunningHeadersPageNumbersAndPartHeadings() throws {
        let body = String(repeating: "全市地区生产总值增长5%左右，一般公共预算收入增长3%，城乡居民收入稳步增长。", count: 3)
        var text = "政府工作报告\n——2026年1月8日在某某市第十届人民代表大会第三次会议上\n各位代表：\n第一部分 过去一年工作回顾\n"
        for page in 1...4 {
            text += body + "\n— \(page) —\n某某市人民政府\n"
        }
        text += "第二部分 今年工作安排\n" + body + "\n"
        let st = try TextPipeline.process(Array(text.utf8))
        XCTAssertEqual(st.text.components(separatedBy: "某某市人民政府").count - 1, 1)
        XCTAssertFalse(st.text.contains("— 2 —"))
        XCTAssertEqual(st.sections.map(\.path), ["第一部分", "第二部分"])
        XCTAssertEqual(st.sections.map(\.heading), ["过去一年工作回顾", "今年工作安排"])
    }

    /// A running header longer than a short title (the date line, set atop every page) is dropped
    /// where it recurs beside the page numbers, so the sentence the page break cut comes back
    /// whole. Before: "一般公共预算收——2019年…会议上入增长6%左右" read as an indicator.
    func testLongRunningHeaderBesideThePageNumbers() throws {
        let header = "——2019年1月23日在某某市第十五届人民代表大会第四次会议上"
        var text = header + "\n某某市市长 王某某\n各位代表：\n"
        let sentences = ["全市生产总值增长6.5%左右，一般公共预算收入增长6%左右。", "城镇登记失业率控制在4.5%以内，居民消费价格涨幅控制在3%左右。",
                         "森林覆盖率达到33.7%，单位生产总值能耗完成省定目标。", "规模以上工业增加值增长4.5%左右，固定资产投资增长6%以上。"]
        for page in 1...4 {
            let s = sentences[page - 1]
            let cut = s.index(s.startIndex, offsetBy: s.count / 2)
            text += "推进经济高质量发展，" + s[..<cut] + "\n— \(page) —\n" + header + "\n" + s[cut...] + "\n"
        }
        let st = try TextPipeline.process(Array(text.utf8))
        XCTAssertEqual(st.text.components(separatedBy: header).count - 1, 1, st.text)
        for s in sentences { XCTAssertTrue(st.text.contains(s), s) }
    }
}

final class RunOnTextTests: XCTestCase {
    /// A page's text taken in one string: the title block, the address and the speech run on in
    /// one line. The address gets a line of its own, the title block its lines (the date line at
    /// "——" or at a date right after the title, the speaker after "会议上"), and in a run-on line a
    /// numbered heading after a sentence's end starts a line.
    func testTitleBlockAddressAndHeadingsOfRunOnText() throws {
        let body = String(repeating: "全市地区生产总值增长6%，一般公共预算收入增长5%，城乡居民收入稳步增长。", count: 60)
        let text = "政府工作报告2021年1月30日在某某省第十三届人民代表大会第四次会议上某某省人民政府代省长 黄 强各位代表：现在，我代表省人民政府，向大会报告工作。"
            + "一、2020年工作回顾" + body + "二、2021年工作安排" + body + "（一）推动经济平稳运行" + body
        let st = try TextPipeline.process(Array((text + "\n").utf8))
        XCTAssertEqual(Array(st.headLines.prefix(3)), ["政府工作报告", "2021年1月30日在某某省第十三届人民代表大会第四次会议上", "某某省人民政府代省长黄强"])
        XCTAssertEqual(st.sections.filter { $0.level == 1 }.map(\.path), ["一", "二"])
        XCTAssertTrue(st.text.contains("\n各位代表：\n现在，我代表省人民政府"), String(st.text.prefix(200)))
        // "市长——余学友" keeps its dash; a bracketed date after "会议上" stays on the date line.
        let dashed = try TextPipeline.process(Array("——2014年2月25日在某某市第四届人民代表大会第四次会议上市长——余学友各位代表：现在，我代表市人民政府向大会报告工作。\n".utf8))
        XCTAssertEqual(dashed.headLines, ["——2014年2月25日在某某市第四届人民代表大会第四次会议上", "市长——余学友"])
        let bracketed = try TextPipeline.process(Array("政府工作报告在某某省第十三届人民代表大会第一次会议上（2018年1月26日）某某省人民政府省长尹力各位代表：现在，我代表省人民政府向大会报告工作。\n".utf8))
        XCTAssertEqual(bracketed.headLines.last, "某某省人民政府省长尹力")
        XCTAssertTrue(bracketed.headLines.contains("在某某省第十三届人民代表大会第一次会议上（2018年1月26日）"), "\(bracketed.headLines)")
    }
}

final class FixedWidthWrapTests: XCTestCase {
    /// Lines of at most `width` columns (2 per Chinese character), cut wherever the width runs out.
    private func wrapped(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = [], line = "", cols = 0
        for c in paragraph.unicodeScalars {
            let w = c.value < 0x1100 ? 1 : 2
            if cols + w > width { lines.append(line); line = ""; cols = 0 }
            line.unicodeScalars.append(c); cols += w
        }
        return lines + [line]
    }

    /// Text wrapped at a fixed width, as PDF exports do: a Latin word glued to Chinese and cut by
    /// the wrap comes back whole; English words keep the spaces between them.
    func testLatinWordsCutByTheWrap() throws {
        let source = Array("推进城市更新和基础设施建设取得新进展加快建设现代化产业体系扎实推进乡村全面振兴持续保障和改善民生")
        var cutInside = 0
        for k in 0..<40 {
            // Varied text (repeated lines would be taken for running headers), then the word at a shifting column.
            let lead = String((0..<(400 + k)).map { source[($0 * 7) % source.count] })
            let paragraph = lead + "，探索推进保障性租赁住房公募REITs试点，引进 the quick brown fox jumps 等项目。"
            let lines = wrapped(paragraph, width: 80)
            if lines.contains(where: { $0.hasSuffix("R") || $0.hasSuffix("RE") || $0.hasSuffix("REI") || $0.hasSuffix("REIT") }) { cutInside += 1 }
            let st = try TextPipeline.process(Array(("政府工作报告\n各位代表：\n" + lines.joined(separator: "\n") + "\n").utf8))
            XCTAssertTrue(st.text.contains("公募REITs试点"), "lead \(400 + k): \(lines)")
            for glued in ["thequick", "quickbrown", "brownfox", "foxjumps"] { XCTAssertFalse(st.text.contains(glued), "lead \(400 + k)") }
        }
        XCTAssertGreaterThan(cutInside, 0, "no case cut the word: the test would prove nothing")
    }

    /// Varied filler (repeated lines would be taken for running headers).
    private func filler(_ n: Int, seed: Int) -> String {
        let source = Array("推进城市更新和基础设施建设取得新进展加快建设现代化产业体系扎实推进乡村全面振兴持续保障和改善民生")
        return String((0..<n).map { source[($0 * 7 + seed * 3) % source.count] })
    }

    private func clean(_ paragraphs: [String], width: Int, head: String = "政府工作报告\n各位代表：\n") throws -> String {
        let body = paragraphs.flatMap { wrapped($0, width: width) }.joined(separator: "\n")
        return try TextPipeline.process(Array((head + body + "\n").utf8)).text
    }

    /// A numbered heading that ends near the width by chance (62 of 66 columns) is still a heading;
    /// so is an unnumbered one before a line the wrap cut. Before: both ran into the next paragraph.
    func testHeadingsEndingNearTheWidthStayHeadings() throws {
        let numbered = "（九）推动减污降碳扩绿协同增效，建设人与自然和谐共生的美丽北京"
        let plain = "“十五五”时期的主要目标任务"
        let text = try clean([filler(300, seed: 1) + "。", numbered, filler(300, seed: 2) + "。", plain,
                              filler(300, seed: 3) + "。"], width: 66)
        XCTAssertTrue(text.contains("\n" + numbered + "\n"), text)
        XCTAssertTrue(text.contains("\n" + plain + "\n"), text)
    }

    /// A colon where the wrap cut a line does not end the paragraph ("总体要求是：|坚持…"), unless a
    /// list item starts on the next line ("主要考虑：|一是…").
    func testColonAtTheWidthContinuesUnlessAListStarts() throws {
        try assertBreakAtTheWidth(width: 70, lead: { self.filler(200 + $0, seed: $0) }, clause: "，总体要求是：",
                                  continuation: "坚持稳中求进工作总基调。", listItem: "一是战略机遇叠加。")
    }

    /// For 40 leads, wraps `lead + clause + tail` at `width` and, where a line ends with the
    /// clause, checks that a continuation joins it and a list item starts a line of its own (and
    /// that both cases occurred: a test whose lines never end there would prove nothing).
    private func assertBreakAtTheWidth(width: Int, lead: (Int) -> String, clause: String, continuation: String, listItem: String,
                                       file: StaticString = #filePath, line: UInt = #line) throws {
        var joined = 0, listed = 0
        for k in 0..<40 {
            let lead = lead(k)
            for (tail, list) in [(continuation, false), (listItem, true)] {
                let paragraph = lead + clause + tail
                var ends: Set<Int> = [], at = 0
                for l in wrapped(paragraph, width: width) { at += l.count; ends.insert(at) }
                guard ends.contains(lead.count + clause.count) else { continue }
                let text = try clean([filler(300, seed: 40 + k) + "。", paragraph, filler(300, seed: 80 + k) + "。"], width: width)
                if list {
                    XCTAssertTrue(text.contains(clause + "\n" + tail), "lead \(lead.count)", file: file, line: line); listed += 1
                } else {
                    XCTAssertTrue(text.contains(clause + tail), "lead \(lead.count)", file: file, line: line); joined += 1
                }
            }
        }
        XCTAssertGreaterThan(joined, 0, "no case ended a line with \(clause)", file: file, line: line)
        XCTAssertGreaterThan(listed, 0, "no list case ended a line with \(clause)", file: file, line: line)
    }

    /// Title-block lines a PDF layout broke at the width (the first line indented by two
    /// full-width spaces, as such exports set paragraphs) come back whole: a date line broken
    /// inside "会议上" or inside the speaker after it, a bracketed date line, a title broken before
    /// "报告". A motto or a whole date line that happens to be as wide keeps the speaker line
    /// under it apart. Before: "议上", "长张某某" and "省长李" were read as the speaker.
    func testTitleBlockLinesBrokenByTheWrap() throws {
        let width = 60
        let body = (0..<4).map { filler(300, seed: $0) + "。" }
        func head(_ lines: [String]) throws -> [String] {
            let text = lines.joined(separator: "\n") + "\n各位代表：\n" + body.flatMap { wrapped($0, width: width) }.joined(separator: "\n") + "\n"
            return try TextPipeline.process(Array(text.utf8)).headLines
        }
        // Broken lines, as the layout set them: first line indented, cut at the width.
        func broken(_ line: String) -> [String] { wrapped("　　" + line, width: width) }
        let dateLine = "——2016年1月13日在某某市第十三届人民代表大会第七次会议上"
        XCTAssertEqual(broken(dateLine).last, "上")
        XCTAssertEqual(try head(["政府工作报告"] + broken(dateLine)), ["政府工作报告", dateLine])
        let withSpeaker = "——2019年1月9日在某市第十六届人民代表大会第二次会议上市长张某某"
        XCTAssertEqual(broken(withSpeaker).last, "长张某某")
        XCTAssertEqual(try head(["政府工作报告"] + broken(withSpeaker)), ["政府工作报告", withSpeaker])
        let bracketed = "政府工作报告（2024年1月24日在某某省第十四届人民代表大会第三次会议上省长李某某）"
        XCTAssertEqual(broken(bracketed).count, 2)
        XCTAssertEqual(try head(broken(bracketed)), [bracketed])
        let title = "关于某某省国民经济和社会发展“九五”计划和2010年远景目标纲要的报告"
        XCTAssertEqual(broken(title).last, "纲要的报告")
        XCTAssertEqual(try head(broken(title) + ["——1996年2月6日在某某省第一届人民代表大会第四次会议上", "某某省省长王某某"]),
                       [title, "——1996年2月6日在某某省第一届人民代表大会第四次会议上", "某某省省长王某某"])
        // Lines as wide as the wrap that are whole: the speaker line under them stays apart.
        let motto = "振奋精神加快发展为率先基本实现现代化而努力奋斗"
        XCTAssertEqual(try head(["政府工作报告", motto, "某某市市长朱某某", "（2001年2月20日）"]),
                       ["政府工作报告", motto, "某某市市长朱某某", "（2001年2月20日）"])
        let wholeDateLine = "——2016年1月13日在某某市第十三届人民代表大会第七次会议上"
        XCTAssertEqual(try head(["政府工作报告", wholeDateLine, "市长王某某"]), ["政府工作报告", wholeDateLine, "市长王某某"])
    }

    /// A semicolon at the width (less the first line's indent) does not end the paragraph: a
    /// target list set as one paragraph goes on ("…增长5%左右；|城镇登记失业率…"); a list item
    /// after it still starts its own. Before: the list was cut there and its later targets lost.
    func testSemicolonAtTheWidthContinuesUnlessAListStarts() throws {
        try assertBreakAtTheWidth(width: 64, lead: { "　　" + self.filler(12 + $0 % 12, seed: $0) }, clause: "，地区生产总值增长5%左右；",
                                  continuation: "城镇登记失业率控制在5.5%以内；居民消费价格涨幅3%左右。", listItem: "（二）城镇登记失业率控制在5.5%以内。")
    }

    /// The first lines of a page that is not a speech (a news lead, no "各位代表") are joined when
    /// the wrap cut a sentence; a token in ASCII brackets cut by the wrap comes back whole.
    func testNewsLeadAndBracketedTokenCutByTheWrap() throws {
        let lead = "北极星智能电网在线讯：日前，济南市人民政府印发济南市2023年国民经济和社会发展计划。"
        var cutInside = 0
        for k in 0..<30 {
            let paragraph = filler(150 + k, seed: k) + "，督促承储企业落实液化天然气(LNG)“应储尽储”要求。"
            if wrapped(paragraph, width: 75).contains(where: { $0.hasSuffix("(L") || $0.hasSuffix("(LN") }) { cutInside += 1 }
            let text = try clean([lead, paragraph, filler(300, seed: 50 + k) + "。", filler(300, seed: 90 + k) + "。"],
                                 width: 75, head: "")
            XCTAssertTrue(text.contains("社会发展计划。"), "lead \(150 + k): \(text.prefix(120))")
            XCTAssertTrue(text.contains("液化天然气(LNG)“应储尽储”"), "lead \(150 + k)")
        }
        XCTAssertGreaterThan(cutInside, 0, "no case cut the token")
    }
}
