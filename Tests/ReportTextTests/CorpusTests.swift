// Every corpus file cleans to a report with a title block and numbered sections, and the
// chrome the corpus shows is gone.
import XCTest
@testable import ReportText

final class CorpusTests: XCTestCase {
    func testCorpusFiles() throws {
        for url in try Corpus.files() {
            let name = url.lastPathComponent
            let st = try TextPipeline.process(try Corpus.bytes(url))
            XCTAssertGreaterThan(st.sentences.count, 100, name)
            XCTAssertGreaterThan(st.sections.count, 1, name)
            for junk in ["下载\n", "【字号", "【字体", "[bookmark", "(xiàn)", "**", "\n相关报道", "打印本页", "本报记者", "<sub>", "当前位置"] {
                XCTAssertFalse(st.text.contains(junk), "\(name) still has \(junk)")
            }
            XCTAssertFalse(st.text.contains("政 府"), name)
            // Offsets are scalar offsets into the text.
            let scalars = Array(st.text.unicodeScalars)
            XCTAssertEqual(st.scalars, scalars.map(\.value), "\(name): the carried scalars are the text's")
            for s in st.sentences.prefix(50) {
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[s.start..<s.end])), s.text, name)
            }
        }
    }

    func testTitleBlocksOfWebPages() throws {
        let bj = try TextPipeline.process(try Corpus.bytes(try Corpus.named("2026_北京市")))
        XCTAssertTrue(bj.headLines.contains("2026年北京市政府工作报告"), "\(bj.headLines)")
        XCTAssertTrue(bj.headLines.contains("北京市市长 殷勇"), "\(bj.headLines)")
        XCTAssertEqual(bj.metadata["来源"], "北京日报")
        XCTAssertFalse(bj.text.contains("戴冰摄"))
        let nx = try TextPipeline.process(try Corpus.bytes(try Corpus.named("2026_宁夏")))
        XCTAssertTrue(nx.headLines.contains("政府工作报告"), "\(nx.headLines)")
        XCTAssertTrue(nx.headLines.contains("自治区人民政府主席 张雨浦"), "\(nx.headLines)")
        let sh = try TextPipeline.process(try Corpus.bytes(try Corpus.named("2026_上海")))
        XCTAssertTrue(sh.headLines.contains("上海市市长 龚正"), "\(sh.headLines)")
        let tr = try TextPipeline.process(try Corpus.bytes(try Corpus.named("000_")))
        XCTAssertEqual(tr.source.script, "traditional")
        XCTAssertTrue(tr.text.hasPrefix("政府工作报告\n现在，我代表市人民政府"))
    }
}
