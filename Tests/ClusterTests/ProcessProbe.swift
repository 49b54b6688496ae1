import Foundation

/// What /proc says about a child process: resident memory and CPU time, for tests that bound them.
enum ProcessProbe {
    /// Resident set size in bytes (VmRSS), or nil when the process is gone.
    static func residentBytes(_ pid: Int32) -> Int? { statusField("VmRSS:", pid).map { $0 * 1024 } }

    /// Resident anonymous memory in bytes (RssAnon: the heap and stacks, not mapped files such as
    /// the segmenter's cached tables, whose pages the kernel can drop), or nil when the process is gone.
    static func anonymousResidentBytes(_ pid: Int32) -> Int? { statusField("RssAnon:", pid).map { $0 * 1024 } }

    /// Peak resident set size in bytes (VmHWM), or nil when the process is gone.
    static func peakResidentBytes(_ pid: Int32) -> Int? { statusField("VmHWM:", pid).map { $0 * 1024 } }

    private static func statusField(_ name: String, _ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    /// User + system CPU time in seconds so far, or nil when the process is gone.
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Share of one CPU the process used over `seconds` (0.5: half a core).
    static func cpuShare(_ pid: Int32, over seconds: Double) -> Double? {
        guard let before = cpuSeconds(pid) else { return nil }
        usleep(UInt32(seconds * 1_000_000))
        guard let after = cpuSeconds(pid) else { return nil }
        return (after - before) / seconds
    }
}
