// `reportq segment`: jieba-compatible word segmentation of text files, line by line, with the
// output diffable against Python's `" ".join(jieba.lcut(line))`.
import ArgumentParser
import Foundation
import ReportText
import Segmenter

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Segment UTF-8 text files into words (jieba 0.42.1 accurate mode).",
        discussion: """
        Each input line becomes one output line of tokens separated by single spaces
        (only the line terminator, \\n or \\r\\n, is removed). Data files default to Debian's
        python3-jieba; set REPORTQ_JIEBA_DIR or the options below to use others.
        """)

    @Argument(help: "UTF-8 text files.")
    var files: [String] = []

    @Flag(help: "Decode and clean each file first (the text pipeline's cleaner).")
    var clean = false

    @Option(name: .customLong("user-dict"), help: "A user dictionary (\"word [freq] [tag]\" per line); repeatable.")
    var userDicts: [String] = []

    @Option(name: .customLong("dict"), help: "Main dictionary (jieba dict.txt format).")
    var dictionary: String?

    @Option(name: .customLong("hmm-dir"), help: "Directory with jieba's finalseg prob_start.py, prob_trans.py, prob_emit.py.")
    var hmmDirectory: String?

    @Option(name: .customLong("idf"), help: "IDF table for --keywords (jieba analyse/idf.txt format).")
    var idfPath: String?

    @Flag(name: .customLong("no-hmm"), help: "Do not use the HMM for unknown words.")
    var noHMM = false

    @Flag(help: "Also load the built-in policy-term user dictionary.")
    var policy = false

    @Flag(name: .customLong("print-policy-dict"), help: "Print the built-in policy-term user dictionary and exit.")
    var printPolicyDict = false

    @Option(help: "Instead of tokens, print each file's top K TF-IDF keywords as \"term<TAB>weight\".")
    var keywords: Int?

    @Flag(help: "Instead of tokens, print load time, throughput of the cut and peak memory.")
    var measure = false

    @Option(help: "With --measure: cut the files' contents this many times.")
    var repeatCount: Int = 1

    func validate() throws {
        if !printPolicyDict && files.isEmpty { throw ValidationError("no input files") }
        if repeatCount < 1 { throw ValidationError("--repeat-count must be at least 1") }
        if let k = keywords, k < 0 { throw ValidationError("--keywords must be >= 0") }
    }

    func run() throws {
        if printPolicyDict {
            print(PolicyTerms.userDictionary)
            return
        }
        let t0 = monotonicSeconds()
        let c0 = cpuSeconds()
        let segmenter: Segmenter
        do {
            segmenter = try Segmenter(Segmenter.Configuration(
                dictionaryPath: dictionary, hmmDirectory: hmmDirectory, idfPath: idfPath,
                userDictionaryPaths: userDicts, includePolicyTerms: policy))
        } catch let e as SegmenterError {
            throw CommandFailure(e.description)
        }
        let loadSeconds = monotonicSeconds() - t0
        let loadCPU = cpuSeconds() - c0
        var inputs: [[UInt8]] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("segment_input_unreadable: cannot read \(path)")
            }
            inputs.append(try prepare([UInt8](data), path: path))
        }
        if measure {
            try runMeasure(segmenter, inputs, loadSeconds: loadSeconds, loadCPU: loadCPU)
        } else if let k = keywords {
            try runKeywords(segmenter, inputs, topK: k)
        } else {
            runLines(segmenter, inputs)
        }
    }

    /// --clean: the text pipeline's decode → clean → Simplified → structure; its cleaned text
    /// has one paragraph per line.
    private func prepare(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        guard clean else { return bytes }
        do {
            return Array(try TextPipeline.process(bytes).text.utf8)
        } catch let e as InputError {
            throw CommandFailure("segment_input_\(e.code): \(path): \(e.message)")
        }
    }

    private func runLines(_ segmenter: Segmenter, _ inputs: [[UInt8]]) {
        let cutter = segmenter.makeCutter(hmm: !noHMM)
        var out = OutputBuffer()
        var scalars: [UInt32] = []
        var offsets: [Int32] = []
        var ends: [Int32] = []
        for bytes in inputs {
            bytes.withUnsafeBufferPointer { buf in
                forEachLine(buf) { line in
                    scalars.removeAll(keepingCapacity: true)
                    offsets.removeAll(keepingCapacity: true)
                    ends.removeAll(keepingCapacity: true)
                    UTF8Scalars.decode(line, into: &scalars, offsets: &offsets)
                    offsets.append(Int32(line.count))
                    scalars.withUnsafeBufferPointer { cutter.cut($0, appendingEndsTo: &ends) }
                    var start = 0
                    for (i, e) in ends.enumerated() {
                        if i > 0 { out.append(0x20) }
                        out.append(UnsafeBufferPointer(rebasing: line[Int(offsets[start])..<Int(offsets[Int(e)])]))
                        start = Int(e)
                    }
                    out.append(0x0A)
                }
            }
        }
        out.flush()
    }

    private func runKeywords(_ segmenter: Segmenter, _ inputs: [[UInt8]], topK: Int) throws {
        let extractor: KeywordExtractor
        do { extractor = try segmenter.keywordExtractor() } catch let e as SegmenterError {
            throw CommandFailure(e.description)
        }
        for (path, bytes) in zip(files, inputs) {
            if files.count > 1 { print("==> \(path)") }
            for (term, weight) in extractor.extract(from: String(decoding: bytes, as: UTF8.self), topK: topK) {
                print("\(term)\t\(weight)")
            }
        }
    }

    private func runMeasure(_ segmenter: Segmenter, _ inputs: [[UInt8]], loadSeconds: Double, loadCPU: Double) throws {
        // Timed: UTF-8 bytes of each line → scalars → token end offsets (what rjieba.cut(str)
        // does from a Python str to a list of tokens). File reading and output are not timed.
        let byteCount = inputs.reduce(0) { $0 + $1.count }
        let cutter = segmenter.makeCutter(hmm: !noHMM)
        var scalars: [UInt32] = []
        var ends: [Int32] = []
        var tokens = 0
        let t0 = monotonicSeconds()
        let c0 = cpuSeconds()
        for _ in 0..<repeatCount {
            for bytes in inputs {
                bytes.withUnsafeBufferPointer { buf in
                    forEachLine(buf) { line in
                        scalars.removeAll(keepingCapacity: true)
                        ends.removeAll(keepingCapacity: true)
                        UTF8Scalars.decode(line, into: &scalars)
                        scalars.withUnsafeBufferPointer { cutter.cut($0, appendingEndsTo: &ends) }
                        tokens += ends.count
                    }
                }
            }
        }
        let seconds = monotonicSeconds() - t0
        let cpu = cpuSeconds() - c0
        let mb = Double(byteCount * repeatCount) / 1e6
        print(String(format: "load_ms %.1f", loadSeconds * 1000))
        print(String(format: "load_cpu_ms %.1f", loadCPU * 1000))
        print("bytes \(byteCount * repeatCount)")
        print("tokens \(tokens)")
        print(String(format: "cut_seconds %.4f", seconds))
        print(String(format: "mb_per_s %.2f", mb / seconds))
        print(String(format: "cpu_mb_per_s %.2f", mb / cpu))
        print("vm_hwm_kb \(peakRSSKilobytes() ?? -1)")
    }
}

/// An error printed as is, with exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Lines split on \n with a trailing \r dropped, so "\r\n" and "\n" files give the same lines.
/// A final line without terminator counts; an empty file has no lines.
private func forEachLine(_ buf: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    let n = buf.count
    var start = 0
    while start < n {
        var end = start
        while end < n && buf[end] != 0x0A { end += 1 }
        var stop = end
        if stop > start && buf[stop - 1] == 0x0D { stop -= 1 }
        body(UnsafeBufferPointer(rebasing: buf[start..<stop]))
        start = end + 1
    }
}

/// Buffered stdout writes.
private struct OutputBuffer {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(1 << 20) }
    mutating func append(_ b: UInt8) { bytes.append(b); if bytes.count >= 1 << 20 { flush() } }
    mutating func append(_ p: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: p); if bytes.count >= 1 << 20 { flush() } }
    mutating func flush() {
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
        fflush(stdout)
        bytes.removeAll(keepingCapacity: true)
    }
}

private func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of this process (less sensitive than wall time to other load on a shared machine).
private func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// VmHWM from /proc/self/status (Linux), in kB.
private func peakRSSKilobytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}
