// A front-matter block at the top of a Markdown file is metadata, not report text.
import XCTest
@testable import ReportText

final class FrontMatterTests: XCTestCase {
    private func process(_ s: String) throws -> StructuredText { try TextPipeline.process(Array(s.utf8)) }

    func testYAMLBlockLeavesTheTextAndKeepsItsFields() throws {
        let st = try process("""
        ---
        source: https://www.example.gov.cn/c/2016-02-26/1.shtml
        title: "某某市人民政府2016年《政府工作报告》"
        ---

        **政府工作报告**

        **——2016年1月13日在某某市第十三届人民代表大会第七次会议上**

        各位代表：

        现在，我代表市人民政府，向大会报告工作。
        """)
        XCTAssertEqual(st.metadata["source"], "https://www.example.gov.cn/c/2016-02-26/1.shtml")
        XCTAssertEqual(st.metadata["title"], "某某市人民政府2016年《政府工作报告》")
        XCTAssertFalse(st.text.contains("source"))
        XCTAssertFalse(st.text.contains("---"))
        XCTAssertTrue(st.text.hasPrefix("政府工作报告\n——2016年1月13日在某某市"), st.text)
        XCTAssertEqual(st.headLines, ["政府工作报告", "——2016年1月13日在某某市第十三届人民代表大会第七次会议上"])
    }

    func testTOMLBlockAndContinuationLines() throws {
        let st = try process("+++\ntitle = '政府工作报告'\ntags = [\n  \"2020\"\n]\n+++\n各位代表：\n现在，我代表县人民政府，向大会报告工作。")
        XCTAssertEqual(st.metadata["title"], "政府工作报告")
        XCTAssertTrue(st.text.hasPrefix("各位代表"), st.text)
    }

    func testARuleThatIsNotABlockStaysText() throws {
        // A fence followed by prose is a horizontal rule, not metadata.
        let st = try process("---\n现在，我代表市人民政府，向大会报告工作。\n---\n各位代表：")
        XCTAssertTrue(st.metadata.isEmpty)
        XCTAssertTrue(st.text.contains("现在，我代表市人民政府"))
        // No closing fence: nothing is taken.
        XCTAssertNil(FrontMatter.read(u32("---\ntitle: 政府工作报告\n各位代表：\n")))
    }

    func testHTMLCommentsInMarkdownAreDropped() throws {
        let st = try process("<!-- 市长史翔作政府工作报告。 -->\n\n政府工作报告\n各位代表：\n现在，我代表市人民政府<!-- 注 -->，向大会报告工作。")
        XCTAssertFalse(st.text.contains("史翔"), st.text)
        XCTAssertTrue(st.text.contains("我代表市人民政府，向大会报告工作"), st.text)
    }

    func testDateAboveTheCongressLineStaysInTheText() throws {
        let st = try process("2013年4月10日\n在太原市第十三届人民代表大会第三次会议上\n太原市代市长 耿彦波\n各位代表：\n现在，我代表市人民政府向大会报告工作。")
        XCTAssertTrue(st.text.hasPrefix("2013年4月10日\n在太原市"), st.text)
        XCTAssertNil(st.metadata["时间"])
        // Above anything else it is still a page's time.
        let page = try process("2013年4月10日\n政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。")
        XCTAssertEqual(page.metadata["时间"], "2013年4月10日")
    }

    func testCharacterReferencesLeftInTextAreRead() throws {
        let st = try process("政府工作报告\n各位代表：\n人口自然增长率控制在8&permil;以内，&ldquo;十一五&rdquo;开局&#22909;。AT&T 不是引用。")
        XCTAssertTrue(st.text.contains("人口自然增长率控制在8‰以内，“十一五”开局好。"), st.text)
        XCTAssertTrue(st.text.contains("AT&T"), st.text)
    }
}
