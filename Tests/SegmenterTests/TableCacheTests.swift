// The table cache (TableImage.swift): a second load maps the file the first wrote and cuts the
// same; a damaged or foreign file is not used; a changed source is a different key.
import Foundation
@testable import Segmenter
import XCTest

final class TableCacheTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("segcache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        setenv("REPORTQ_CACHE_DIR", dir.path, 1)
    }

    override func tearDown() {
        unsetenv("REPORTQ_CACHE_DIR")
        try? FileManager.default.removeItem(at: dir)
    }

    private func cacheFiles(_ kind: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(kind + "-") && $0.pathExtension == "bin" }
    }

    private let text = "今年地区生产总值增长5%左右，城镇新增就业十一万人。他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所。"

    func testSecondLoadMapsTheCacheAndCutsTheSame() throws {
        let config = Segmenter.Configuration(includePolicyTerms: true)
        let first = try Segmenter(config)
        XCTAssertFalse(first.tablesFromCache)
        XCTAssertEqual(try cacheFiles("jieba").count, 1)
        let second = try Segmenter(config)
        XCTAssertTrue(second.tablesFromCache)
        XCTAssertEqual(first.lcut(text), second.lcut(text))
        XCTAssertEqual(first.lcut(text, hmm: false), second.lcut(text, hmm: false))
        XCTAssertEqual(first.total, second.total)
        XCTAssertEqual(first.frequency(of: "中国"), second.frequency(of: "中国"))
        XCTAssertEqual(second.frequency(of: "中"), first.frequency(of: "中"))
        XCTAssertNil(second.frequency(of: "䶵䶵"))
        // Keywords: the idf table is cached too.
        let k1 = try first.keywords(in: text, topK: 5)
        XCTAssertEqual(try cacheFiles("idf").count, 1)
        let k2 = try Segmenter(config).keywords(in: text, topK: 5)
        XCTAssertEqual(k1.map(\.term), k2.map(\.term))
        XCTAssertEqual(k1.map(\.weight), k2.map(\.weight))
        // Without the policy terms: another key, another file.
        _ = try Segmenter(Segmenter.Configuration())
        XCTAssertEqual(try cacheFiles("jieba").count, 2)
    }

    func testDamagedCacheFileIsRebuilt() throws {
        let config = Segmenter.Configuration()
        let reference = try Segmenter(config).lcut(text)
        let file = try XCTUnwrap(try cacheFiles("jieba").first)
        // Flip one byte in the middle: the checksum no longer matches.
        let h = try FileHandle(forUpdating: file)
        let size = try h.seekToEnd()
        try h.seek(toOffset: size / 2)
        let b = try XCTUnwrap(h.readData(ofLength: 1).first)
        try h.seek(toOffset: size / 2)
        h.write(Data([b ^ 0xFF]))
        try h.close()
        let again = try Segmenter(config)
        XCTAssertFalse(again.tablesFromCache)
        XCTAssertEqual(again.lcut(text), reference)
        XCTAssertTrue(try Segmenter(config).tablesFromCache)   // rewritten whole
        // A truncated file is not used either.
        truncate(file.path, 4096)
        XCTAssertFalse(try Segmenter(config).tablesFromCache)
    }

    func testChangedUserDictionaryIsADifferentKey() throws {
        let ud = dir.appendingPathComponent("user.txt")
        try "网易杭研 1000 n\n".write(to: ud, atomically: true, encoding: .utf8)
        let config = Segmenter.Configuration(userDictionaryPaths: [ud.path])
        XCTAssertTrue(try Segmenter(config).lcut("他来到了网易杭研大厦").contains("网易杭研"))
        XCTAssertTrue(try Segmenter(config).tablesFromCache)
        try "杭研大厦 100000 n\n".write(to: ud, atomically: true, encoding: .utf8)
        let changed = try Segmenter(config)
        XCTAssertFalse(changed.tablesFromCache)
        XCTAssertTrue(changed.lcut("他来到了网易杭研大厦").contains("杭研大厦"))
    }

    func testNoCacheWhenOff() throws {
        setenv("REPORTQ_CACHE_DIR", "off", 1)
        _ = try Segmenter(Segmenter.Configuration())
        XCTAssertFalse(try Segmenter(Segmenter.Configuration()).tablesFromCache)
        XCTAssertEqual(try cacheFiles("jieba").count, 0)
    }
}
