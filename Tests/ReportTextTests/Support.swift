// Test helpers: corpus access and real re-encodings of corpus files (iconv, OpenCC CLI).
import Foundation
import XCTest
@testable import ReportText
#if canImport(Glibc)
import Glibc
#endif

enum Corpus {
    /// ../shared/corpus relative to the package root (this file is Tests/ReportTextTests/Support.swift).
    static let dir: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("../shared/corpus").standardized

    static func files() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        if names.isEmpty { throw XCTSkip("no corpus at \(dir.path)") }
        return names.map { dir.appendingPathComponent($0) }
    }
    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
    static func named(_ prefix: String) throws -> URL {
        guard let u = try files().first(where: { $0.lastPathComponent.hasPrefix(prefix) }) else { throw XCTSkip("no \(prefix)") }
        return u
    }
}

enum Encode {
    /// UTF-8 → another charset with glibc iconv (the same library the `iconv` tool uses).
    static func iconv(_ utf8: [UInt8], to charset: String) -> [UInt8]? {
        let cd = iconv_open(charset, "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = utf8
        var out = [UInt8](repeating: 0, count: utf8.count * 4 + 16)
        var produced = 0
        let r: Int = input.withUnsafeMutableBufferPointer { ib in
            out.withUnsafeMutableBufferPointer { ob in
                var ip: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ib.baseAddress!).assumingMemoryBound(to: CChar.self)
                var il = ib.count
                var op: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress!).assumingMemoryBound(to: CChar.self)
                var ol = ob.count
                let r = Glibc.iconv(cd, &ip, &il, &op, &ol)
                produced = ob.count - ol
                return r
            }
        }
        if r == -1 { return nil }
        return Array(out[..<produced])
    }

    static func utf16(_ s: String, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in s.utf16 {
            if littleEndian { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
            else { out.append(UInt8(u >> 8)); out.append(UInt8(u & 0xFF)) }
        }
        return out
    }

    /// Simplified → Traditional with the OpenCC command-line tool (s2t.json).
    static func traditional(_ s: String) throws -> String {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("s2t-\(UUID().uuidString).txt")
        try Data(s.utf8).write(to: tmp)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["opencc", "-c", "s2t.json", "-i", tmp.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { throw XCTSkip("opencc CLI not available") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw XCTSkip("opencc CLI failed") }
        return String(decoding: data, as: UTF8.self)
    }

    /// The corpus text wrapped in a web page with chrome around it.
    static func htmlPage(_ text: String, charset: String = "utf-8") -> String {
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let esc = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return "<p>" + esc + "</p>"
        }.joined(separator: "\n")
        return """
        <!DOCTYPE html><html><head><meta charset="\(charset)"><title>政府工作报告_门户网站</title>
        <style>p { margin: 0 } .x::before { content: "下载" }</style>
        <script>var s = "<p>不是正文</p>"; if (a < b && c > d) {}</script></head>
        <body><header><div class="logo">某某省人民政府门户网站</div><ul><li>首页</li><li>政务公开</li></ul></header>
        <nav class="breadcrumb">当前位置：<a href="/">首页</a> &gt; 政务信息</nav>
        <div class="share-bar">分享到：<a>微信</a><a>微博</a></div>
        <div id="content"><div class="article">
        \(body)
        </div></div>
        <aside>热点新闻：某某新闻标题</aside>
        <footer>版权所有 (C) 某某省人民政府办公厅 网站标识码 1234</footer>
        <!-- <p>注释里的段落</p> -->
        </body></html>
        """
    }
}

extension StructuredText {
    /// The head's paragraphs (title, date, congress and speaker lines) as text.
    var headLines: [String] {
        let s = Array(text.unicodeScalars)
        return head.map { String(String.UnicodeScalarView(s[paragraphs[$0].start..<paragraphs[$0].end])) }
    }
}
