import XCTest
@testable import ReportText

final class StructureTests: XCTestCase {
    private let report = """
    2026年某某市政府工作报告
    ——2026年1月25日在某某市第十六届人民代表大会第四次会议上
    某某市市长 赵六
    各位代表：
    现在，我代表市人民政府，向大会报告工作，请予审议。
    一、2025年工作回顾
    过去一年，经济持续向好。习近平总书记强调，“要坚持把人民群众的小事当作自己的大事。”我们牢记嘱托！
    （一）产业升级
    1.做强制造业。规上工业增加值增长6%；服务业增加值增长5%。
    2.发展服务业。提出“稳中求进。以进促稳”的要求。
    （二）民生改善
    （1）就业。新增就业10万人。
    二、2026年工作安排
    主要预期目标是：地区生产总值增长5%左右。
    一、不是新的一级标题，而是列表。
    二、列表第二项。
    三、列表第三项。
    三、2027年展望
    在此展望未来。
    """

    func testTitleBlockSectionsAndSentences() throws {
        let st = try TextPipeline.process(Array(report.utf8))
        XCTAssertEqual(st.headLines, ["2026年某某市政府工作报告", "——2026年1月25日在某某市第十六届人民代表大会第四次会议上", "某某市市长 赵六"])

        XCTAssertEqual(st.sections.map(\.path), ["一", "一.（一）", "一.（一）.1", "一.（一）.2", "一.（二）", "一.（二）.（1）", "二", "三"])
        XCTAssertEqual(st.sections.map(\.level), [1, 2, 3, 3, 2, 4, 1, 1])
        XCTAssertEqual(st.sections.map(\.heading), ["2025年工作回顾", "产业升级", "做强制造业", "发展服务业", "民生改善", "就业", "2026年工作安排", "2027年展望"])

        let scalars = Array(st.text.unicodeScalars)
        func slice(_ s: Int, _ e: Int) -> String { String(String.UnicodeScalarView(scalars[s..<e])) }
        for s in st.sections {
            XCTAssertTrue(slice(s.start, s.end).hasPrefix(s.path.split(separator: ".").last.map(String.init) ?? ""))
        }
        // Section 一 runs up to the line before 二、, the last one to the end.
        let two = st.sections[6]
        XCTAssertEqual(st.sections[0].end, two.start - 1)
        XCTAssertEqual(st.sections.last?.end, scalars.count)

        for s in st.sentences { XCTAssertEqual(slice(s.start, s.end), s.text) }
        XCTAssertEqual(st.sentences.map(\.id), Array(0..<st.sentences.count))
        let texts = st.sentences.map(\.text)
        XCTAssertTrue(texts.contains("习近平总书记强调，“要坚持把人民群众的小事当作自己的大事。”"))
        XCTAssertTrue(texts.contains("我们牢记嘱托！"))
        XCTAssertTrue(texts.contains("规上工业增加值增长6%；"))
        XCTAssertTrue(texts.contains("提出“稳中求进。以进促稳”的要求。"))
        let target = try XCTUnwrap(st.sentences.first { $0.text.contains("地区生产总值增长5%左右") })
        XCTAssertEqual(target.section, "二")
        let job = try XCTUnwrap(st.sentences.first { $0.text == "新增就业10万人。" })
        XCTAssertEqual(job.section, "一.（二）.（1）")
        XCTAssertEqual(st.paragraphs.count, 19)
    }
}

final class UnnumberedHeadingTests: XCTestCase {
    func testShortStandaloneLinesBecomeTopLevelSectionsWhenNothingIsNumbered() throws {
        let body = String(repeating: "全省地区生产总值达到13697.5亿元，较上年增长5.8%，经济增速连续多个季度高于全国平均水平。", count: 2)
        let st = try TextPipeline.process(Array("""
        2026年某某省政府工作报告
        ——二〇二六年一月二十七日在某某省十四届人民代表大会第四次会议上
        某某省省长 钱七
        各位代表：
        “十四五”时期工作回顾
        \(body)
        （一）工业强省
        \(body)
        2026年重点工作
        \(body)
        （一）扩大内需
        \(body)
        """.utf8))
        XCTAssertEqual(st.sections.map(\.path), ["一", "一.（一）", "二", "二.（一）"])
        XCTAssertEqual(st.sections.map(\.heading), ["“十四五”时期工作回顾", "工业强省", "2026年重点工作", "扩大内需"])
    }
}
