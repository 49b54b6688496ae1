import XCTest
@testable import Titanic

/// `reportq status`'s jobs/s against what was written: issue 15 saw 1.3–2.5 jobs/s while ~40 lines/s
/// were written (a burst after a pause, divided by the time since a job of the minute before).
final class CompletionRateTests: XCTestCase {
    func testABurstAfterAPauseReadsItsOwnRate() {
        var rate = CompletionRate()
        rate.record(20, at: 0)                                   // a small batch
        for t in stride(from: 55_000, to: 57_000, by: 25) { rate.record(at: t) }   // 55 s later: 40 jobs/s
        // The last minute's jobs over the time since the first of them gave (20 + 80) / 57 s = 1.75.
        XCTAssertEqual(rate.perSecond(at: 57_000), 40, accuracy: 2)
    }

    func testSteadyRateAndRampUp() {
        var rate = CompletionRate()
        for t in stride(from: 0, to: 30_000, by: 25) {
            rate.record(at: t)
            if t == 2_000 { XCTAssertEqual(rate.perSecond(at: t), 40, accuracy: 2, "two seconds into the run") }
        }
        XCTAssertEqual(rate.perSecond(at: 30_000), 40, accuracy: 1)
    }

    func testADrainedQueueFallsToZero() {
        var rate = CompletionRate()
        for t in stride(from: 0, to: 20_000, by: 25) { rate.record(at: t) }
        XCTAssertEqual(rate.perSecond(at: 25_000), 20, accuracy: 1, "half the window without a job")
        XCTAssertEqual(rate.perSecond(at: 30_000), 0, "a whole window without a job")
    }
}
