// Legacy Word .doc (Word 97–2003, an OLE2 compound file) → text with antiword, run as a
// child process. Measured on the corpus written as .doc (docs/FORMATS.md): antiword and wv
// read every Chinese character right, catdoc lost about half of them; wv, the one of them that
// is a library, crashed (SIGSEGV) on 2 of 20 corrupted files, which in-process would take the
// worker down. A child process is killed on a timeout and its crash is an error record.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum DocReader {
    /// The OLE2 compound file signature (also .xls, .ppt, .msg: antiword refuses those).
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let timeoutSeconds = 30.0
    static let maxTextBytes = 32 << 20
    /// Where antiword is looked for (Debian installs it in /usr/bin).
    static let antiwordPaths = ["/usr/bin/antiword", "/usr/local/bin/antiword"]

    static func text(_ bytes: [UInt8]) throws -> [UInt8] {
        guard let antiword = antiwordPaths.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw InputError(code: "doc_unsupported", message: "reading Word 97–2003 .doc files needs antiword (apt-get install antiword)")
        }
        // antiword seeks in its input, so it reads a private temporary file rather than a pipe.
        var template = Array((NSTemporaryDirectory() + "/reportq-doc-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw InputError(code: "internal", message: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        let path = String(cString: template)
        defer { unlink(path) }
        let written = bytes.withUnsafeBytes { writeAll(fd, $0) }
        close(fd)
        guard written else { throw InputError(code: "internal", message: "cannot write a temporary file for antiword") }

        // -w 0: paragraphs on one line each; -m UTF-8.txt: UTF-8 output.
        let (status, out, err) = try run(antiword, ["-w", "0", "-m", "UTF-8.txt", path])
        switch status {
        case .exited(0):
            return dropPictureMarks(out)
        case .exited:
            let why = String(decoding: err.prefix(300), as: UTF8.self).replacingOccurrences(of: path, with: "the file")
            if why.contains("not a Word Document") {
                throw InputError(code: "bad_doc", message: "antiword finds no Word document in this OLE2 file (damaged or cut short, or an Excel or PowerPoint file)")
            }
            if why.lowercased().contains("encrypt") {
                throw InputError(code: "doc_encrypted", message: "the Word document is encrypted")
            }
            throw InputError(code: "bad_doc", message: "antiword cannot read the Word document: \(why.trimmingCharacters(in: .whitespacesAndNewlines))")
        case .signaled(let signal):
            throw InputError(code: "bad_doc", message: "antiword died (signal \(signal)) on the Word document; it is damaged")
        case .timedOut:
            throw InputError(code: "bad_doc", message: "antiword did not finish the Word document in \(Int(timeoutSeconds)) s")
        case .tooMuchOutput:
            throw InputError(code: "too_large", message: "the Word document's text is larger than \(maxTextBytes) bytes")
        }
    }

    /// antiword writes "[pic]" where a picture was.
    private static func dropPictureMarks(_ text: [UInt8]) -> [UInt8] {
        let mark = Array("[pic]".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if text[i] == 0x5B, i + mark.count <= text.count, text[i..<(i + mark.count)].elementsEqual(mark) { i += mark.count; continue }
            out.append(text[i]); i += 1
        }
        return out
    }

    private static func writeAll(_ fd: Int32, _ b: UnsafeRawBufferPointer) -> Bool {
        var off = 0
        while off < b.count {
            let n = write(fd, b.baseAddress! + off, b.count - off)
            if n < 0 { if errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }

    enum Outcome: Equatable { case exited(Int32), signaled(Int32), timedOut, tooMuchOutput }

    /// Runs the tool with stdout and stderr read to the end, killed past the timeout or output limit.
    static func run(_ tool: String, _ arguments: [String]) throws -> (Outcome, [UInt8], [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw InputError(code: "doc_unsupported", message: "cannot start \(tool): \(error)")
        }
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: killer)
        let errors = ErrorCollector(stderr.fileHandleForReading)
        var out: [UInt8] = []
        var tooMuch = false
        while true {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            out.append(contentsOf: chunk)
            if out.count > maxTextBytes { tooMuch = true; kill(process.processIdentifier, SIGKILL); break }
        }
        process.waitUntilExit()
        killer.cancel()
        let err = errors.wait()
        if tooMuch { return (.tooMuchOutput, [], err) }
        if process.terminationReason == .uncaughtSignal {
            return (process.terminationStatus == SIGKILL ? .timedOut : .signaled(process.terminationStatus), [], err)
        }
        return (.exited(process.terminationStatus), out, err)
    }

    /// Reads a pipe to its end on another thread (so a full stderr pipe never blocks the child).
    private final class ErrorCollector: @unchecked Sendable {
        private var bytes: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.bytes = Array(handle.readDataToEndOfFile().prefix(4096))
                self.done.signal()
            }
        }
        func wait() -> [UInt8] { done.wait(); return bytes }
    }
}
