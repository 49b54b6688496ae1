// The meeting point of the text pipeline: what decode → clean → normalize → structure
// hands to extraction and segmentation. All offsets are Unicode scalar offsets
// (code points, as Python indexes strings) into `text`, the cleaned simplified text.

/// How the input file was read.
public struct SourceInfo: Sendable, Equatable {
    public var encoding: String      // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030"
    public var format: String        // "text", "html", "docx", "pdf", "pdf-ocr", "doc"
    public var script: String        // "simplified" or "traditional" (as found, before conversion)
    public var bytes: Int
    public var pages: PageStats?     // PDFs: pages, and the ones read by OCR
    public init(encoding: String, format: String, script: String, bytes: Int, pages: PageStats? = nil) {
        self.encoding = encoding; self.format = format; self.script = script; self.bytes = bytes; self.pages = pages
    }
}

/// A half-open range [start, end) of Unicode scalars in the cleaned text.
public struct TextSpan: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
}

/// A numbered heading and the span of text it governs (heading line to the next heading
/// of the same or a higher level).
public struct Section: Sendable, Equatable {
    public var path: String      // "一", "一.（二）", "一.（二）.3"
    public var level: Int        // 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）
    public var heading: String   // the heading text without its number
    public var start: Int
    public var end: Int
    public init(path: String, level: Int, heading: String, start: Int, end: Int) {
        self.path = path; self.level = level; self.heading = heading; self.start = start; self.end = end
    }
}

public struct Sentence: Sendable, Equatable {
    public var id: Int           // 0-based, in text order
    public var section: String?  // path of the innermost section holding it
    public var paragraph: Int    // index into `paragraphs`
    public var start: Int
    public var end: Int
    public var text: String
    public init(id: Int, section: String?, paragraph: Int, start: Int, end: Int, text: String) {
        self.id = id; self.section = section; self.paragraph = paragraph
        self.start = start; self.end = end; self.text = text
    }
}

/// One report after decode, clean, script normalization and structuring.
public struct StructuredText: Sendable {
    public var source: SourceInfo
    public var text: String            // cleaned, simplified; paragraphs joined by "\n"
    /// `text` as Unicode scalars, made once for extraction and segmentation (whoever
    /// changes `text` must change this too: offsets everywhere index it).
    public var scalars: [UInt32]
    /// What the file says about itself besides the report: web page labels kept from chrome
    /// ("来源", "时间", …) and a front-matter block's fields ("title", "source", …).
    public var metadata: [String: String]
    /// The paragraphs of the head (title, date, congress and speaker lines), before 各位代表.
    public var head: Range<Int>
    public var sections: [Section]
    public var paragraphs: [TextSpan]
    public var sentences: [Sentence]
    public init(source: SourceInfo, text: String, scalars: [UInt32]? = nil, metadata: [String: String] = [:], head: Range<Int> = 0..<0,
                sections: [Section], paragraphs: [TextSpan], sentences: [Sentence]) {
        self.source = source; self.text = text; self.metadata = metadata; self.head = head; self.sections = sections
        self.scalars = scalars ?? text.unicodeScalars.map(\.value)
        self.paragraphs = paragraphs; self.sentences = sentences
    }
}

/// Why a file could not be read as a report. `code` is stable for scripts.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String      // "empty", "binary", "undecodable", "bad_docx", "too_large", "no_text",
                                 // PDF: "pdf_malformed", "pdf_encrypted", "pdf_copy_forbidden", "pdf_no_pages",
                                 // "pdf_no_text", "too_many_pages", "ocr_unavailable", "ocr_failed";
                                 // .doc: "bad_doc", "doc_encrypted", "doc_unsupported"
    public var message: String
    public init(code: String, message: String) { self.code = code; self.message = message }
    public var description: String { "\(code): \(message)" }
}
