import Foundation
import Glibc
import JSONOutput
import Majordomo

/// Progress of a long batch command (`push`, `push --wait`, `run`) on stderr: done/total, failed,
/// rate and ETA. On a terminal, one bar line redrawn in place (at most 10 times a second), with
/// messages printed above it; otherwise one JSON object per line, at most once a second and once at
/// the end, for scripts and CI logs:
///
///     run   [##########··········]  512/1005  failed 3  41.2 files/s  ETA 0:12
///     {"progress":"run","done":512,"total":1005,"failed":3,"rate":41.2,"eta_s":12,"elapsed_s":12.4}
///
/// `REPORTQ_PROGRESS=bar|json|off` overrides the choice. (vapor/console-kit's ActivityIndicator
/// was the candidate library; it draws on stdout, where `push` prints its job ids, and redraws
/// from its own timer by erasing lines it counted, so a message printed between two ticks is
/// erased or the bar doubled: see docs/BATCHES.md.)
final class ProgressReporter {
    enum Style: String { case bar, json, off }

    let phase: String
    var total: Int
    private(set) var done = 0
    private(set) var failed = 0
    private let style: Style
    private let started = MonotonicClock.nowMs()
    private var lastDrawMs = 0
    private var drawn = false
    private var samples: [(ms: Int, done: Int)] = []   // for the rate over the last ~10 s

    init(phase: String, total: Int, style: Style = ProgressReporter.defaultStyle) {
        self.phase = phase; self.total = total; self.style = style
    }

    static var defaultStyle: Style {
        if let v = Env.optionalString("REPORTQ_PROGRESS"), let s = Style(rawValue: v.lowercased()) { return s }
        return isatty(2) != 0 ? .bar : .json
    }

    /// One more file finished (or `failed`).
    func advance(failed isFailure: Bool = false) {
        done += 1
        if isFailure { failed += 1 }
        update()
    }

    func set(done: Int, failed: Int) {
        self.done = done; self.failed = failed
        update()
    }

    /// A message for the user (stderr), above the bar.
    func message(_ text: String) {
        clearBar()
        printError(text)
        redraw()
    }

    /// A line of the command's output (stdout), above the bar when both go to the terminal; flushed,
    /// so whoever reads it (a pipe, a file being followed) has each line as it is made.
    func output(_ text: String) {
        let shared = style == .bar && isatty(1) != 0
        if shared { clearBar() }
        print(text)
        fflush(stdout)
        if shared { redraw() }
    }

    /// The last drawing: the bar stays on its line; a last JSON line.
    func finish() {
        switch style {
        case .bar:
            draw()
            write("\n")
            drawn = false
        case .json: emitJSON()
        case .off: break
        }
    }

    // MARK: drawing

    private func update() {
        let now = MonotonicClock.nowMs()
        switch style {
        case .bar: if now - lastDrawMs >= 100 { draw(now) }
        case .json: if now - lastDrawMs >= 1_000 { emitJSON(now) }
        case .off: break
        }
    }

    private func redraw() { if style == .bar, drawn { draw() } }

    private func clearBar() { if style == .bar, drawn { write("\r\u{1B}[K") } }

    /// Files per second over the last ~10 s (since the start before that).
    private func rate(_ now: Int) -> Double {
        samples.append((now, done))
        while let first = samples.first, now - first.ms > 10_000, samples.count > 2 { samples.removeFirst() }
        let base = samples.first!
        let ms = now - base.ms
        if ms < 500 {
            let total = now - started
            return total > 0 ? Double(done) * 1000 / Double(total) : 0
        }
        return Double(done - base.done) * 1000 / Double(ms)
    }

    private func eta(_ rate: Double) -> Int? {
        guard rate > 0, total > done else { return total > 0 && done >= total ? 0 : nil }
        return Int((Double(total - done) / rate).rounded(.up))
    }

    private func draw(_ now: Int = MonotonicClock.nowMs()) {
        lastDrawMs = now
        let r = rate(now)
        let width = 20
        let filled = total == 0 ? width : min(width, done * width / max(total, 1))
        var text = "\r\(phase.padding(toLength: 5, withPad: " ", startingAt: 0)) ["
            + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]  \(done)/\(total)"
        if failed > 0 { text += "  failed \(failed)" }
        text += String(format: "  %.1f files/s", r)
        if let e = eta(r) { text += "  ETA \(e / 60):" + (e % 60 < 10 ? "0" : "") + "\(e % 60)" }
        write(text + "\u{1B}[K")
        drawn = true
    }

    private func emitJSON(_ now: Int = MonotonicClock.nowMs()) {
        lastDrawMs = now
        let r = rate(now)
        var w = JSONWriter(reservingCapacity: 160)
        w.beginObject()
        w.key("progress"); w.string(phase)
        w.key("done"); w.int(done)
        w.key("total"); w.int(total)
        w.key("failed"); w.int(failed)
        w.key("rate"); w.double((r * 10).rounded() / 10)
        w.key("eta_s"); w.int(eta(r))
        w.key("elapsed_s"); w.double(Double((now - started) / 100) / 10)
        w.endObject()
        write(String(decoding: w.bytes, as: UTF8.self) + "\n")
    }

    private func write(_ text: String) {
        var t = text
        t.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
