import Foundation
import Majordomo
import ProcessMemory
import ZeroMQ

/// Hands back to the OS what a large job freed, once the worker is idle: glibc keeps freed heap
/// pages for reuse, so one large document left a worker at several times its idle size for good.
/// A job with more than `largeBytes` of input marks a trim as due; a background thread makes it
/// once no job has run for `quietMs` (so never between the jobs of a burst, where the pages would
/// only be faulted in again).
final class IdleTrim: @unchecked Sendable {
    static let largeBytes = 1 << 20
    static let quietMs = 300

    private let lock = NSLock()
    private var running = 0
    private var due = false
    private var lastEndMs = 0

    init() {
        let t = Thread { [self] in
            while true {
                usleep(UInt32(IdleTrim.quietMs / 2) * 1000)
                if takeDue() { FreedMemory.release() }
            }
        }
        t.name = "idle-trim"
        t.start()
    }

    func begin() { lock.lock(); running += 1; lock.unlock() }

    func end(inputBytes: Int) {
        lock.lock()
        running -= 1
        lastEndMs = MonotonicClock.nowMs()
        if inputBytes > IdleTrim.largeBytes { due = true }
        lock.unlock()
    }

    private func takeDue() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard due, running == 0, MonotonicClock.nowMs() - lastEndMs >= IdleTrim.quietMs else { return false }
        due = false
        return true
    }
}

/// A handler whose large jobs make `IdleTrim` due.
struct MemoryReturning: RequestHandler {
    let inner: RequestHandler
    let trim: IdleTrim

    func handle(_ body: [[UInt8]]) throws -> [[UInt8]] {
        trim.begin()
        defer { trim.end(inputBytes: body.reduce(0) { $0 + $1.count }) }
        return try inner.handle(body)
    }

    func handle(frames body: OwnedFrames) throws -> OwnedFrames {
        trim.begin()
        defer { trim.end(inputBytes: (0..<body.count).reduce(0) { $0 + body.size($1) }) }
        return try inner.handle(frames: body)
    }
}
