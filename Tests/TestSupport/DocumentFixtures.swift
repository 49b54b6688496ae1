// PDFs and .doc files made from the project's own corpus texts, for the PDF and .doc readers'
// tests: a text PDF as reports are published (Tests/tools/make_pdf.py: reportlab, a CJK
// TrueType font, running header, page numbers), the same pages as scanned images (poppler's
// pdftoppm, then img2pdf), PDFs a reader must refuse (Tests/tools/odd_pdf.py), and a .doc
// LibreOffice wrote (Tests/fixtures). scripts/setup installs every tool used here.
import Foundation
import XCTest

public enum DocumentFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    public static let corpusDirectory = testsDirectory.deletingLastPathComponent().appendingPathComponent("../shared/corpus").standardized
    /// Debian's python3 (where python3-reportlab is), not whichever python3 is first on PATH.
    static let python = "/usr/bin/python3"

    /// A corpus file by name prefix ("2026_河北省"); skips when the corpus is not there.
    public static func corpusFile(_ prefix: String) throws -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }) else {
            throw XCTSkip("no corpus file \(prefix)* in \(corpusDirectory.path)")
        }
        return corpusDirectory.appendingPathComponent(name)
    }

    public static func corpusFiles() throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []
        let files = names.filter { $0.hasSuffix(".txt") }.sorted().map { corpusDirectory.appendingPathComponent($0) }
        if files.isEmpty { throw XCTSkip("no corpus at \(corpusDirectory.path)") }
        return files
    }

    /// `text` typeset as a PDF with a running header and page numbers. `options`: make_pdf.py's
    /// --max-chars N, --user-password PW, --owner-password PW, --no-copy.
    @discardableResult
    public static func textPDF(_ text: URL, to pdf: URL, header: String = "政府工作报告", _ options: [String] = []) throws -> URL {
        try run(python, [testsDirectory.appendingPathComponent("tools/make_pdf.py").path, text.path, pdf.path, "--header", header] + options)
        return pdf
    }

    /// The given pages (1-based) of `pdf` as a scan: gray images at `dpi`, one per page, no text layer.
    @discardableResult
    public static func scannedPDF(_ pdf: URL, pages: [Int], dpi: Int = 200, to out: URL) throws -> URL {
        let stem = out.deletingPathExtension().path + "-page"
        var images: [String] = []
        for page in pages {
            let prefix = "\(stem)\(page)"
            try run("/usr/bin/pdftoppm", ["-r", String(dpi), "-gray", "-png", "-singlefile", "-f", String(page), "-l", String(page), pdf.path, prefix])
            images.append(prefix + ".png")
        }
        try run("/usr/bin/img2pdf", ["--pagesize", "A4", "-o", out.path] + images)
        for image in images { try? FileManager.default.removeItem(atPath: image) }
        return out
    }

    /// One of odd_pdf.py's kinds: "zero-pages", "bomb", "huge-image".
    @discardableResult
    public static func oddPDF(_ kind: String, to out: URL) throws -> URL {
        try run(python, [testsDirectory.appendingPathComponent("tools/odd_pdf.py").path, kind, out.path])
        return out
    }

    /// 2026_河北省.txt saved by LibreOffice as "MS Word 97" (soffice --convert-to 'doc:MS Word 97').
    public static var wordDocument: URL { testsDirectory.appendingPathComponent("fixtures/2026_河北省.doc") }

    /// Runs a fixture tool; a missing tool is a failure that names the package to install.
    static func run(_ tool: String, _ arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            XCTFail("\(tool) is missing: run scripts/setup (it installs python3-reportlab, fonts-wqy-zenhei, poppler-utils, img2pdf)")
            throw CocoaError(.fileNoSuchFile)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let errors = Pipe()
        p.standardError = errors
        try p.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self)
            XCTFail("\(tool) \(arguments.joined(separator: " ")) failed: \(text)")
            throw CocoaError(.executableLoad)
        }
    }
}
