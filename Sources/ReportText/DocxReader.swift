// .docx → text: the main part word/document.xml from the ZIP container, read with
// XMLParser; paragraphs (w:p) become lines, w:tab a tab, w:br/w:cr a line break.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

enum DocxReader {
    static let maxXMLBytes = 256 << 20   // guards against ZIP bombs

    static func text(_ bytes: [UInt8]) throws -> [UInt8] {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) }
        catch { throw InputError(code: "bad_docx", message: "the ZIP container cannot be read: \(error)") }
        guard let entry = archive["word/document.xml"] else {
            throw InputError(code: "bad_docx", message: "the ZIP archive has no word/document.xml; it is not a .docx")
        }
        if entry.uncompressedSize > UInt64(maxXMLBytes) {
            throw InputError(code: "too_large", message: "word/document.xml unpacks to \(entry.uncompressedSize) bytes")
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if xml.count + chunk.count > maxXMLBytes {
                    throw InputError(code: "too_large", message: "word/document.xml unpacks beyond \(maxXMLBytes) bytes")
                }
                xml.append(chunk)
            }
        } catch let e as InputError { throw e }
        catch { throw InputError(code: "bad_docx", message: "word/document.xml cannot be unpacked: \(error)") }

        let collector = WordXMLCollector()
        let parser = XMLParser(data: xml)
        parser.delegate = collector
        parser.shouldResolveExternalEntities = false
        if !parser.parse() && collector.out.isEmpty {
            let why = parser.parserError.map { "\($0)" } ?? "unknown error"
            throw InputError(code: "bad_docx", message: "word/document.xml is not well-formed XML: \(why)")
        }
        return collector.out
    }
}

/// Collects the text runs of a WordprocessingML body.
private final class WordXMLCollector: NSObject, XMLParserDelegate {
    var out: [UInt8] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:t": inText = true
        case "w:tab": out.append(0x09)
        case "w:br", "w:cr": out.append(0x0A)
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p": out.append(0x0A)
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { out.append(contentsOf: string.utf8) }
    }
}
