import TestSupport
import XCTest
@testable import Journal

final class JournalBasicsTests: XCTestCase {
    func testCRC32CKnownVector() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([]), 0)
        // Slicing path and byte path agree on every split.
        let data = body(7, size: 100)
        let whole = CRC32C.checksum(data)
        for cut in 0...data.count {
            let c = data.withUnsafeBytes { p in
                CRC32C.update(CRC32C.update(0, UnsafeRawBufferPointer(rebasing: p[0..<cut])),
                              UnsafeRawBufferPointer(rebasing: p[cut...]))
            }
            XCTAssertEqual(c, whole)
        }
    }

    func testHardwareAndTableCRCAgree() {
        // Every length and alignment around the 8-byte words of the instruction path.
        let data = body(11, size: 300)
        data.withUnsafeBytes { p in
            for start in 0..<9 {
                for end in stride(from: start, through: p.count, by: 7) {
                    let part = UnsafeRawBufferPointer(rebasing: p[start..<end])
                    XCTAssertEqual(CRC32C.update(0x1234_5678, part), CRC32C.software(0x1234_5678, part), "\(start)..<\(end)")
                }
            }
        }
        XCTAssertEqual(Array("123456789".utf8).withUnsafeBytes { CRC32C.software(0, $0) }, 0xE306_9283)
    }

    func testJobIDsAreSortableAndParse() {
        var g = JobIDGenerator()
        let ids = (0..<1000).map { _ in g.next() }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(Set(ids).count, ids.count)
        for id in ids.prefix(10) {
            XCTAssertEqual(id.description.count, 32)
            XCTAssertEqual(JobID(id.description), id)
        }
        XCTAssertNil(JobID("not-an-id"))
        XCTAssertNil(JobID(String(repeating: "g", count: 32)))
        XCTAssertNil(JobID(String(repeating: "\u{10}", count: 32)))
        XCTAssertEqual(JobID(ids[0].description.uppercased()), ids[0])
    }

    func testRoundTripAndTransitions() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: quietOptions())
        let a = try j.submit(header: header(1), body: body(1))
        let b = try j.submit(header: header(2), body: body(2))
        XCTAssertLessThan(a, b)
        XCTAssertEqual(j.status(a), .queued(attempts: 0))
        XCTAssertEqual(j.nextQueued(), a)

        let loaded = try j.load(a)
        XCTAssertEqual(loaded.header, header(1))
        XCTAssertEqual(loaded.body, body(1))
        XCTAssertEqual(try j.header(of: b), header(2))

        XCTAssertEqual(try j.markDispatched(a), 1)
        XCTAssertEqual(j.status(a), .inFlight(attempts: 1))
        XCTAssertEqual(j.nextQueued(), b)
        XCTAssertThrowsError(try j.markDispatched(a))        // not queued any more

        try j.recordAttemptFailure(a, reason: "worker lost", giveUp: false)
        XCTAssertEqual(j.status(a), .queued(attempts: 1))
        XCTAssertEqual(j.queuedJobs(), [b, a])                // requeued at the back
        XCTAssertEqual(try j.markDispatched(a), 2)

        try j.storeResult(a, result: Array(#"{"job_id":"x","status":"ok"}"#.utf8))
        XCTAssertEqual(j.status(a), .resultPending(attempts: 2))
        XCTAssertEqual(try j.result(of: a), Array(#"{"job_id":"x","status":"ok"}"#.utf8))
        XCTAssertEqual(j.pendingResults(), [a])

        try j.markDone(a)
        try j.markDone(a)                                     // idempotent
        XCTAssertEqual(j.status(a), .done)
        XCTAssertThrowsError(try j.load(a))                   // body no longer kept

        try j.markDispatched(b)
        try j.recordAttemptFailure(b, reason: "poison", giveUp: true)
        XCTAssertEqual(j.status(b), .failed(reason: "poison", attempts: 1))
        XCTAssertNil(j.nextQueued())

        try j.closeJob(a)
        XCTAssertNil(j.status(a))
        try j.closeJob(a)                                     // unknown id: fine
        let unknown = JobID(high: 1, low: 2)
        XCTAssertThrowsError(try j.markDone(unknown)) { XCTAssertEqual($0 as? JournalError, .unknownJob(unknown)) }

        let s = j.stats
        XCTAssertEqual(s.failed, 1)
        XCTAssertEqual(s.done, 0)
        XCTAssertGreaterThan(s.bytesOnDisk, 600)
    }

    func testReplayRebuildsStatesAfterReopen() throws {
        let dir = temporaryDirectory(self)
        var ids: [JobID] = []
        do {
            let j = try Journal.open(directory: dir, options: quietOptions())
            for i in 0..<50 { ids.append(try j.submit(header: header(i), body: body(i), sync: false)) }
            try j.sync()
            for i in 0..<40 { try j.markDispatched(ids[i]) }
            for i in 0..<10 { try j.recordAttemptFailure(ids[i], reason: "lost", giveUp: false) }
            for i in 10..<15 { try j.recordAttemptFailure(ids[i], reason: "bad \(i)", giveUp: true) }
            for i in 15..<30 { try j.storeResult(ids[i], result: Array("result \(i)".utf8)) }
            for i in 15..<25 { try j.markDone(ids[i]) }
            for i in 20..<22 { try j.closeJob(ids[i]) }
            try j.sync()
            j.shutdown()
        }
        let j = try Journal.open(directory: dir, options: quietOptions())
        for i in 0..<10 { XCTAssertEqual(j.status(ids[i]), .queued(attempts: 1)) }
        for i in 10..<15 { XCTAssertEqual(j.status(ids[i]), .failed(reason: "bad \(i)", attempts: 1)) }
        for i in 15..<20 { XCTAssertEqual(j.status(ids[i]), .done) }
        for i in 20..<22 { XCTAssertNil(j.status(ids[i])) }
        for i in 22..<25 { XCTAssertEqual(j.status(ids[i]), .done) }
        for i in 25..<30 {
            XCTAssertEqual(j.status(ids[i]), .resultPending(attempts: 1))
            XCTAssertEqual(try j.result(of: ids[i]), Array("result \(i)".utf8))
        }
        for i in 30..<40 { XCTAssertEqual(j.status(ids[i]), .queued(attempts: 1)) }   // in flight → queued
        for i in 40..<50 { XCTAssertEqual(j.status(ids[i]), .queued(attempts: 0)) }
        // Recovery order is submission order; bodies come back from disk.
        XCTAssertEqual(j.queuedJobs(), Array(ids[0..<10] + ids[30..<50]))
        for i in [0, 35, 49] { XCTAssertEqual(try j.load(ids[i]).body, body(i)) }
        XCTAssertEqual(j.pendingResults(), Array(ids[25..<30]))
        // New ids still sort after the recovered ones.
        XCTAssertGreaterThan(try j.submit(header: [], body: []), ids.last!)
    }

    func testSecondOpenOfTheSameDirectoryIsRefused() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: quietOptions())
        XCTAssertThrowsError(try Journal.open(directory: dir, options: quietOptions())) {
            guard case .locked = $0 as? JournalError else { return XCTFail("\($0)") }
        }
        j.shutdown()
        XCTAssertNoThrow(try Journal.open(directory: dir, options: quietOptions()))
    }

    func testTooLargeJobIsRefused() throws {
        var o = quietOptions()
        o.maxRecordBytes = 1000
        let j = try Journal.open(directory: temporaryDirectory(self), options: o)
        XCTAssertThrowsError(try j.submit(header: [], body: body(0, size: 2000))) {
            guard case .tooLarge = $0 as? JournalError else { return XCTFail("\($0)") }
        }
        XCTAssertNoThrow(try j.submit(header: [], body: body(0, size: 500)))
    }

    func testHeaderBuiltWithTheJobID() throws {
        let j = try Journal.open(directory: temporaryDirectory(self), options: quietOptions())
        let id = try j.submit(body: [1, 2, 3]) { Array(#"{"job_id":"\#($0)"}"#.utf8) }
        XCTAssertEqual(try j.header(of: id), Array(#"{"job_id":"\#(id)"}"#.utf8))
    }

    func testFailedFsyncRefusesEverythingUntilReopen() throws {
        let dir = temporaryDirectory(self)
        let j = try Journal.open(directory: dir, options: quietOptions())
        let a = try j.submit(header: header(1), body: body(1))
        j.syncHook = { errno = EIO; return -1 }
        XCTAssertThrowsError(try j.submit(header: header(2), body: body(2))) {
            guard case .failed = $0 as? JournalError else { return XCTFail("\($0)") }
        }
        j.syncHook = nil
        // The kernel may have dropped the pages: no write is trusted until a replay says what is on disk.
        XCTAssertThrowsError(try j.submit(header: header(3), body: body(3)))
        XCTAssertThrowsError(try j.markDispatched(a))
        XCTAssertThrowsError(try j.sync())
        j.shutdown()
        let r = try Journal.open(directory: dir, options: quietOptions())
        XCTAssertEqual(try r.load(a).body, body(1))
        XCTAssertNoThrow(try r.submit(header: header(4), body: body(4)))
    }
}
