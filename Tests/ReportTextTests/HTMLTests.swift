import XCTest
@testable import ReportText

final class HTMLTests: XCTestCase {
    private func strip(_ s: String) -> String { String(decoding: HTMLStripper.strip(Array(s.utf8)), as: UTF8.self) }

    func testDropsChromeAndKeepsArticle() throws {
        let page = Encode.htmlPage("政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。")
        XCTAssertTrue(HTMLStripper.looksLikeHTML(Array(page.utf8)))
        let st = try TextPipeline.process(Array(page.utf8))
        XCTAssertEqual(st.source.format, "html")
        XCTAssertEqual(st.text, "政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。")
    }

    func testEntitiesAndBlocks() {
        XCTAssertEqual(strip("<div>增长&nbsp;5%&amp;以上</div><p>&#x4E00;&#20108;&ldquo;三&rdquo;</p>a &bogus; b &#99999999; <br>c"),
                       "增长\u{A0}5%&以上\n一二“三”\na &bogus; b &#99999999; \nc")
        XCTAssertEqual(strip("<p>x < y and <3</p>"), "x < y and <3\n")
        XCTAssertEqual(strip("<p>a<!-- <p>b</p> -->c</p><script>document.write('<p>d</p>')</script><STYLE>p{}</STYLE>e"), "ac\ne")
    }

    func testGBKPageWithMetaCharset() throws {
        let page = Encode.htmlPage("政府工作报告\n各位代表：\n地区生产总值增长6%。", charset: "gbk")
        let gbk = try XCTUnwrap(Encode.iconv(Array(page.utf8), to: "GBK"))
        let st = try TextPipeline.process(gbk)
        XCTAssertEqual(st.source.encoding, "gb18030")
        XCTAssertEqual(st.source.format, "html")
        XCTAssertTrue(st.text.hasSuffix("地区生产总值增长6%。"))
    }

    func testDeeplyNestedAndUnclosedHTMLIsBounded() throws {
        let depth = 100_000
        var page = "<html><body>"
        page += String(repeating: "<div><span>", count: depth)
        page += "各位代表：地区生产总值增长5%左右。"
        page += String(repeating: "</span></div>", count: depth)
        let st = try TextPipeline.process(Array(page.utf8))
        XCTAssertTrue(st.text.contains("地区生产总值增长5%左右。"))
        // Unclosed chrome and an unterminated tag must not hang or crash.
        XCTAssertEqual(strip("<p>正文</p><nav><nav><div>导航"), "正文\n")
        XCTAssertEqual(strip("<p>正文</p><div class=\"x"), "正文\n")
    }
}
