import Glibc
// The journal's one symbol from the job contract: it stores jobs under their ids.
@_exported import struct JobContract.JobID

/// Makes increasing ids (JobID's layout); not thread-safe (the journal calls it under its lock).
struct JobIDGenerator {
    private var last: UInt64 = 0

    mutating func observe(_ id: JobID) { last = max(last, id.high) }

    mutating func next() -> JobID {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let ms = UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
        let high = max(last &+ 1, (ms & 0xFFFF_FFFF_FFFF) << 16)
        last = high
        return JobID(high: high, low: UInt64.random(in: .min ... .max))
    }
}

extension JobID {
    /// 16 bytes big-endian, the on-disk form (so byte order equals sort order).
    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            out[i] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * i))
            out[8 + i] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * i))
        }
        return out
    }

    init(bytes p: UnsafeRawBufferPointer, at o: Int) {
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<8 {
            h = h << 8 | UInt64(p[o + i])
            l = l << 8 | UInt64(p[o + 8 + i])
        }
        self.init(high: h, low: l)
    }
}
