// OCR of page images with tesseract (Debian's libtesseract5, language chi_sim), through its
// C API (tesseract/capi.h). The library is loaded on first use rather than linked, for one
// reason: Debian builds it with OpenMP, whose thread limit is read from OMP_THREAD_LIMIT once,
// when libgomp loads. Linked, libgomp loads before main and each page is recognized by 4 threads
// that contend with the worker's other sessions (measured on 2 cores: 9.4 s a page against 2.0 s
// with one thread); loaded here, after OMP_THREAD_LIMIT=1 is set, each OCR runs on one core, and
// workers scale by sessions. A machine without tesseract still reads every other format.
// A tesseract instance takes ~0.5 s to load its model, so instances are pooled and reused.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum OCREngine {
    /// tesseract's language: Simplified Chinese (its model reads digits and Latin letters too).
    static let language = "chi_sim"

    /// The page's text lines with their boxes in pixels, tidied for Chinese (see `tidy`).
    static func recognize(gray: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, dpi: Int) throws -> [PlacedText] {
        let tess = try Tesseract.library()
        let api = try Pool.shared.take(tess)
        defer { Pool.shared.give(api) }
        tess.setImage(api, gray, Int32(width), Int32(height), 1, Int32(stride))
        tess.setSourceResolution(api, Int32(dpi))
        defer { tess.clear(api) }
        guard tess.recognize(api, nil) == 0 else {
            throw InputError(code: "ocr_failed", message: "tesseract could not recognize a page")
        }
        guard let results = tess.getIterator(api) else { return [] }   // a blank page
        defer { tess.resultIteratorDelete(results) }
        guard let lines = tess.resultIteratorGetPageIterator(results) else { return [] }
        var out: [PlacedText] = []
        repeat {
            guard let text = tess.resultIteratorGetUTF8Text(results, Tesseract.textLineLevel) else { continue }
            let utf8 = UnsafeRawBufferPointer(start: text, count: strlen(text))
            let scalars = tidy(UTF8In.scalars(Array(utf8.bindMemory(to: UInt8.self))))
            tess.deleteText(text)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard !scalars.isEmpty, tess.pageIteratorBoundingBox(lines, Tesseract.textLineLevel, &left, &top, &right, &bottom) != 0 else { continue }
            out.append(PlacedText(scalars: scalars, x0: Double(left), y0: Double(top), x1: Double(right), y1: Double(bottom)))
        } while tess.pageIteratorNext(lines, Tesseract.textLineLevel) != 0
        return out
    }

    /// tesseract sets spaces between Chinese characters and reads full-width punctuation as
    /// ASCII: spaces next to Chinese go, and ASCII , ; : ( ) ? ! beside Chinese become
    /// full-width, as the printed page had them. The dash that opens a date line
    /// ("——2026年1月25日在…会议上") comes out as 一一: before a digit it is a dash again.
    /// Line ends are trimmed.
    static func tidy(_ s: [UInt32]) -> [UInt32] {
        var chars = s.filter { $0 != 0x0A && $0 != 0x0D }
        var ones = 0
        while ones < chars.count && (chars[ones] == 0x4E00 || chars[ones] == 0x20) { ones += 1 }
        if ones >= 2, ones < chars.count, Scalar.isDigit(chars[ones]) {
            for k in 0..<ones where chars[k] == 0x4E00 { chars[k] = 0x2014 }
        }
        func neighbour(_ i: Int, _ step: Int) -> UInt32? {
            var j = i + step
            while j >= 0 && j < chars.count && chars[j] == 0x20 { j += step }
            return j >= 0 && j < chars.count ? chars[j] : nil
        }
        for i in chars.indices {
            let fullWidth: UInt32
            switch chars[i] {
            case 0x2C: fullWidth = 0xFF0C; case 0x3B: fullWidth = 0xFF1B; case 0x3A: fullWidth = 0xFF1A
            case 0x28: fullWidth = 0xFF08; case 0x29: fullWidth = 0xFF09
            case 0x3F: fullWidth = 0xFF1F; case 0x21: fullWidth = 0xFF01
            default: continue
            }
            let before = neighbour(i, -1), after = neighbour(i, 1)
            if before.map(Scalar.isIdeograph) == true || after.map(Scalar.isIdeograph) == true { chars[i] = fullWidth }
        }
        var out: [UInt32] = []
        out.reserveCapacity(chars.count)
        for (i, c) in chars.enumerated() {
            if c == 0x20 {
                if out.isEmpty || out.last == 0x20 { continue }
                if let a = out.last, Scalar.isCJK(a) { continue }
                if let b = neighbour(i, 1), Scalar.isCJK(b) { continue }
            }
            out.append(c)
        }
        while out.last == 0x20 { out.removeLast() }
        return out
    }

    /// Idle tesseract instances, loaded on first use.
    final class Pool: @unchecked Sendable {
        static let shared = Pool()
        private let lock = NSLock()
        private var idle: [OpaquePointer] = []

        func take(_ tess: Tesseract) throws -> OpaquePointer {
            lock.lock()
            if let api = idle.popLast() { lock.unlock(); return api }
            lock.unlock()
            guard let api = tess.create() else {
                throw InputError(code: "ocr_unavailable", message: "tesseract could not be started")
            }
            // Model warnings ("Estimating resolution…") are no business of a worker's log.
            _ = tess.setVariable(api, "debug_file", "/dev/null")
            if tess.initialize(api, nil, OCREngine.language) != 0 {
                tess.delete(api)
                throw InputError(code: "ocr_unavailable",
                                 message: "tesseract has no \(OCREngine.language) language data (apt-get install tesseract-ocr-chi-sim)")
            }
            tess.setPageSegMode(api, Tesseract.automaticPageSegmentation)
            return api
        }

        func give(_ api: OpaquePointer) {
            lock.lock(); idle.append(api); lock.unlock()
        }
    }
}

/// The functions of tesseract's C API that OCR uses, looked up in libtesseract.so.5.
struct Tesseract: @unchecked Sendable {
    // Values from tesseract/capi.h.
    static let textLineLevel: Int32 = 2               // RIL_TEXTLINE
    static let automaticPageSegmentation: Int32 = 3   // PSM_AUTO

    let create: @convention(c) () -> OpaquePointer?
    let delete: @convention(c) (OpaquePointer) -> Void
    let setVariable: @convention(c) (OpaquePointer, UnsafePointer<CChar>, UnsafePointer<CChar>) -> Int32
    let initialize: @convention(c) (OpaquePointer, UnsafePointer<CChar>?, UnsafePointer<CChar>) -> Int32
    let setPageSegMode: @convention(c) (OpaquePointer, Int32) -> Void
    let setImage: @convention(c) (OpaquePointer, UnsafePointer<UInt8>, Int32, Int32, Int32, Int32) -> Void
    let setSourceResolution: @convention(c) (OpaquePointer, Int32) -> Void
    let recognize: @convention(c) (OpaquePointer, OpaquePointer?) -> Int32
    let clear: @convention(c) (OpaquePointer) -> Void
    let getIterator: @convention(c) (OpaquePointer) -> OpaquePointer?
    let resultIteratorDelete: @convention(c) (OpaquePointer) -> Void
    let resultIteratorGetPageIterator: @convention(c) (OpaquePointer) -> OpaquePointer?
    let resultIteratorGetUTF8Text: @convention(c) (OpaquePointer, Int32) -> UnsafeMutablePointer<CChar>?
    let deleteText: @convention(c) (UnsafePointer<CChar>) -> Void
    let pageIteratorBoundingBox: @convention(c) (OpaquePointer, Int32, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>,
                                                 UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32
    let pageIteratorNext: @convention(c) (OpaquePointer, Int32) -> Int32

    static let libraryNames = ["libtesseract.so.5", "libtesseract.so"]

    /// Loaded once; a missing library is an `ocr_unavailable` error on every OCR request.
    static func library() throws -> Tesseract {
        switch loaded {
        case .success(let t): return t
        case .failure(let e): throw e
        }
    }

    private static let loaded: Result<Tesseract, InputError> = {
        // One OpenMP thread per recognition, unless the operator chose otherwise (see the file header).
        setenv("OMP_THREAD_LIMIT", "1", 0)
        guard let handle = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(InputError(code: "ocr_unavailable", message: "OCR needs tesseract (apt-get install libtesseract5 tesseract-ocr-chi-sim)"))
        }
        func symbol<T>(_ name: String, _: T.Type) throws -> T {
            guard let p = dlsym(handle, name) else {
                throw InputError(code: "ocr_unavailable", message: "libtesseract lacks \(name)")
            }
            return unsafeBitCast(p, to: T.self)
        }
        do {
            return .success(Tesseract(
                create: try symbol("TessBaseAPICreate", (@convention(c) () -> OpaquePointer?).self),
                delete: try symbol("TessBaseAPIDelete", (@convention(c) (OpaquePointer) -> Void).self),
                setVariable: try symbol("TessBaseAPISetVariable", (@convention(c) (OpaquePointer, UnsafePointer<CChar>, UnsafePointer<CChar>) -> Int32).self),
                initialize: try symbol("TessBaseAPIInit3", (@convention(c) (OpaquePointer, UnsafePointer<CChar>?, UnsafePointer<CChar>) -> Int32).self),
                setPageSegMode: try symbol("TessBaseAPISetPageSegMode", (@convention(c) (OpaquePointer, Int32) -> Void).self),
                setImage: try symbol("TessBaseAPISetImage", (@convention(c) (OpaquePointer, UnsafePointer<UInt8>, Int32, Int32, Int32, Int32) -> Void).self),
                setSourceResolution: try symbol("TessBaseAPISetSourceResolution", (@convention(c) (OpaquePointer, Int32) -> Void).self),
                recognize: try symbol("TessBaseAPIRecognize", (@convention(c) (OpaquePointer, OpaquePointer?) -> Int32).self),
                clear: try symbol("TessBaseAPIClear", (@convention(c) (OpaquePointer) -> Void).self),
                getIterator: try symbol("TessBaseAPIGetIterator", (@convention(c) (OpaquePointer) -> OpaquePointer?).self),
                resultIteratorDelete: try symbol("TessResultIteratorDelete", (@convention(c) (OpaquePointer) -> Void).self),
                resultIteratorGetPageIterator: try symbol("TessResultIteratorGetPageIterator", (@convention(c) (OpaquePointer) -> OpaquePointer?).self),
                resultIteratorGetUTF8Text: try symbol("TessResultIteratorGetUTF8Text", (@convention(c) (OpaquePointer, Int32) -> UnsafeMutablePointer<CChar>?).self),
                deleteText: try symbol("TessDeleteText", (@convention(c) (UnsafePointer<CChar>) -> Void).self),
                pageIteratorBoundingBox: try symbol("TessPageIteratorBoundingBox", (@convention(c) (OpaquePointer, Int32, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32).self),
                pageIteratorNext: try symbol("TessPageIteratorNext", (@convention(c) (OpaquePointer, Int32) -> Int32).self)))
        } catch let e as InputError {
            return .failure(e)
        } catch {
            return .failure(InputError(code: "ocr_unavailable", message: "\(error)"))
        }
    }()
}
