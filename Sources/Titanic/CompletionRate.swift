import Broker

/// Jobs done per second, as `reportq.status` reports it: the completions of the last `windowMs`
/// divided by that window, or by the time since completions started again after a pause when that
/// is shorter. So neither a burst is diluted by the idle time before it, nor is the rate kept up by a
/// burst once it has ended. (It was the completions of the last minute divided by the time since
/// the oldest of them: 20 jobs, a minute's pause, then 40 jobs/s read "1.75 jobs/s" two seconds
/// into the burst, and a drained queue still read 30 jobs/s ten seconds later.)
struct CompletionRate {
    let windowMs: Int
    private var times = Queue<Int>()       // completion times (ms) within the window
    private var burstStartMs = 0           // the first completion after a pause of a whole window
    private var lastMs = Int.min

    init(windowMs: Int = 10_000) { self.windowMs = windowMs }

    mutating func record(_ count: Int = 1, at nowMs: Int) {
        guard count > 0 else { return }
        if lastMs == .min || nowMs - lastMs >= windowMs { burstStartMs = nowMs }
        lastMs = nowMs
        for _ in 0..<count { times.append(nowMs) }
        prune(nowMs)
    }

    mutating func perSecond(at nowMs: Int) -> Double {
        prune(nowMs)
        guard !times.isEmpty else { return 0 }
        let span = min(windowMs, max(1_000, nowMs - burstStartMs))
        return Double(times.count) * 1_000 / Double(span)
    }

    private mutating func prune(_ nowMs: Int) {
        while let first = times.first, nowMs - first >= windowMs { _ = times.popFirst() }
    }
}
