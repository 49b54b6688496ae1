// PDF → text through poppler (libpoppler-cpp): each page's words with their boxes, in
// reading order, laid out into paragraphs by PageLayout. Pages without a text layer (scans)
// are read by OCR when asked, rendered by poppler and recognized by tesseract.
import CPoppler
import Foundation

/// How a paginated document was read: pages in all, and the ones OCR read with its time.
public struct PageStats: Sendable, Equatable {
    public var pages: Int
    public var ocrPages: Int
    public var ocrMs: Double
    public init(pages: Int, ocrPages: Int = 0, ocrMs: Double = 0) {
        self.pages = pages; self.ocrPages = ocrPages; self.ocrMs = ocrMs
    }
}

/// Why a PDF was refused; `code` is the error record's stable code.
enum PDFFailure {
    case malformed, needsPassword, copyForbidden, noPages, tooManyPages(Int), noText(pages: Int), tooManyOCRPages(Int), tooMuchText

    var error: InputError {
        switch self {
        case .malformed:
            return InputError(code: "pdf_malformed", message: "poppler cannot read the file as a PDF (damaged or truncated)")
        case .needsPassword:
            return InputError(code: "pdf_encrypted", message: "the PDF is encrypted and opens only with a password")
        case .copyForbidden:
            return InputError(code: "pdf_copy_forbidden", message: "the PDF is encrypted and its owner does not permit copying its text")
        case .noPages:
            return InputError(code: "pdf_no_pages", message: "the PDF has no pages")
        case .tooManyPages(let n):
            return InputError(code: "too_many_pages", message: "the PDF has \(n) pages; the limit is \(PDFReader.maxPages)")
        case .noText(let pages):
            return InputError(code: "pdf_no_text", message: "the PDF's \(pages) page(s) have no text layer (scanned images?); run with --ocr (worker: --ocr or REPORTQ_OCR=1) to read them by OCR")
        case .tooManyOCRPages(let n):
            return InputError(code: "too_many_pages", message: "\(n) pages would need OCR; the limit is \(PDFReader.maxOCRPages)")
        case .tooMuchText:
            return InputError(code: "too_large", message: "the PDF holds more than \(PDFReader.maxTextScalars) characters of text")
        }
    }
}

enum PDFReader {
    static let maxPages = 2000
    /// OCR takes seconds a page: past this many scanned pages the job would outlast any timeout.
    static let maxOCRPages = 200
    /// Characters of text a PDF may hold (a long report has a few hundred thousand).
    static let maxTextScalars = 10_000_000
    /// A page with fewer letters than this has no usable text layer (a scan with a page number, say).
    static let minPageLetters = 20
    /// Resolution pages are rendered at for OCR, and the most pixels a rendered page may have.
    static let ocrDPI = 300.0
    static let maxRenderPixels = 50_000_000.0

    /// The PDF's text, one paragraph per line, and its page statistics.
    static func text(_ bytes: [UInt8], ocr: Bool) throws -> (utf8: [UInt8], stats: PageStats) {
        try PDFStreamScan.check(bytes)
        return try bytes.withUnsafeBufferPointer { raw -> ([UInt8], PageStats) in
            var status = CPOPPLER_OK
            let data = UnsafeRawPointer(raw.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let doc = cpoppler_open(data, raw.count, &status) else {
                throw (status == CPOPPLER_NEEDS_PASSWORD ? PDFFailure.needsPassword : PDFFailure.malformed).error
            }
            defer { cpoppler_close(doc) }
            let count = Int(cpoppler_page_count(doc))
            if count <= 0 { throw PDFFailure.noPages.error }
            if count > maxPages { throw PDFFailure.tooManyPages(count).error }
            if cpoppler_is_encrypted(doc) != 0 && cpoppler_can_copy(doc) == 0 { throw PDFFailure.copyForbidden.error }

            var pages: [LaidOutPage] = []
            var textScalars = 0
            var scanned: [Int] = []
            for index in 0..<count {
                let page = try textPage(doc, index)
                textScalars += page.lines.reduce(0) { $0 + $1.scalars.count }
                if textScalars > maxTextScalars { throw PDFFailure.tooMuchText.error }
                if letters(page) < minPageLetters { scanned.append(index) }
                pages.append(page)
            }
            var stats = PageStats(pages: count)
            if scanned.count == count && !ocr { throw PDFFailure.noText(pages: count).error }
            if ocr && !scanned.isEmpty {
                if scanned.count > maxOCRPages { throw PDFFailure.tooManyOCRPages(scanned.count).error }
                let started = DispatchTime.now().uptimeNanoseconds
                for index in scanned { pages[index] = try ocrPage(doc, index, width: pages[index].width, height: pages[index].height) }
                stats.ocrPages = scanned.count
                stats.ocrMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            }
            return (PageLayout.paragraphs(pages), stats)
        }
    }

    /// Page `index`'s text layer as lines, boxes in points.
    private static func textPage(_ doc: OpaquePointer, _ index: Int) throws -> LaidOutPage {
        var words = cpoppler_page_words()
        guard cpoppler_page_text(doc, Int32(index), &words) == 0 else { throw PDFFailure.malformed.error }
        defer { cpoppler_page_words_free(&words) }
        var placed: [PlacedText] = []
        placed.reserveCapacity(words.count)
        let text = UnsafeRawBufferPointer(start: words.text, count: words.text_length).bindMemory(to: UInt8.self)
        for w in UnsafeBufferPointer(start: words.words, count: words.count) {
            let start = Int(w.start), end = start + Int(w.length)
            guard end <= text.count else { continue }
            placed.append(PlacedText(scalars: UTF8In.scalars(Array(text[start..<end])), x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1,
                                     spaceAfter: w.space_after != 0))
        }
        return LaidOutPage(width: words.width, height: words.height, lines: PageLayout.lines(of: placed))
    }

    /// Page `index` (`widthPt` × `heightPt` points) rendered in gray and read by OCR, boxes
    /// scaled back to points.
    private static func ocrPage(_ doc: OpaquePointer, _ index: Int, width widthPt: Double, height heightPt: Double) throws -> LaidOutPage {
        // A huge page box would render to gigabytes: lower the resolution to stay under the cap.
        let pixelsAtDPI = widthPt * heightPt * (ocrDPI / 72) * (ocrDPI / 72)
        let dpi = pixelsAtDPI > maxRenderPixels ? ocrDPI * (maxRenderPixels / pixelsAtDPI).squareRoot() : ocrDPI
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0, stride: Int32 = 0
        guard cpoppler_render_gray(doc, Int32(index), dpi, &pixels, &width, &height, &stride) == 0, let pixels else {
            throw InputError(code: "ocr_failed", message: "poppler could not render page \(index + 1) for OCR")
        }
        defer { free(pixels) }
        let lines = try OCREngine.recognize(gray: pixels, width: Int(width), height: Int(height), stride: Int(stride), dpi: Int(dpi.rounded()))
        let scale = 72 / dpi
        return LaidOutPage(width: widthPt, height: heightPt, lines: lines.map { l in
            PlacedText(scalars: l.scalars, x0: l.x0 * scale, y0: l.y0 * scale, x1: l.x1 * scale, y1: l.y1 * scale)
        })
    }

    private static func letters(_ page: LaidOutPage) -> Int {
        var n = 0
        for l in page.lines { for c in l.scalars where Scalar.isIdeograph(c) || Scalar.isASCIILetter(c) { n += 1 } }
        return n
    }
}
