// On-disk record framing. A segment file is a plain sequence of records:
//
//   magic  u32 LE  "RQJ1"           lets replay resynchronise after a corrupt record
//   length u32 LE  n = 1 + payload  bytes after the crc field
//   crc    u32 LE  CRC-32C over the length field, the type byte and the payload
//   type   u8      RecordType
//   payload        per type, below; ids are 16 bytes big-endian
//
//   submitted      id, u32 header length, header bytes, body bytes (rest)
//   dispatched     id, u32 attempt
//   attemptFailed  id, u32 attempt, u8 final (1 = give up), reason UTF-8 (rest)
//   result         id, result bytes (rest)
//   done           id [, u8 flags [, u64 content key] [, error code UTF-8 (rest)]]
//                  flags bit 0: the written line is an error record; bit 1: a content key
//                  follows (compaction writes it: the job's submit record, which holds the key
//                  in its header, is dropped then); the rest, for an error line, is its error
//                  code. (Absent in journals written before they existed: read as 0, no key,
//                  no code.)
//   closed         id
//   compacted      u64 segment number: first record of a compacted segment; every segment
//                  with a lower number is obsolete (finishes a compaction a crash interrupted)
//   announced      id, label UTF-8 (rest: the job's file name, at most 255 bytes). Written in
//                  the same write just before a job's `submitted` record (and again by
//                  compaction, for jobs not done): a small record a damaged `submitted` record
//                  (flipped bit, bad length) rarely takes with it, so replay can name the job it
//                  lost. Journals written before it have none (replay then names nothing, as
//                  before); older code skips these records as corrupt bytes (logged) and loses nothing.

enum RecordType: UInt8 {
    case submitted = 1, dispatched = 2, attemptFailed = 3, result = 4, done = 5, closed = 6, compacted = 7, announced = 8
}

enum RecordFormat {
    static let magic: UInt32 = 0x314A_5152          // bytes "RQJ1"
    static let frameBytes = 12                       // magic + length + crc
    static let idBytes = 16
    static let doneErrorLine: UInt8 = 1
    static let doneContentKey: UInt8 = 2
    static let labelBytes = 255

    /// The fixed fields of an `attemptFailed` record: id, attempts so far, given up (1) or not.
    static func attemptFailedFields(_ id: JobID, attempts: UInt32, giveUp: Bool) -> [UInt8] {
        var fixed = id.bytes
        append32(&fixed, attempts)
        fixed.append(giveUp ? 1 : 0)
        return fixed
    }

    /// The `announced` record of a job (nothing without a label).
    static func announced(_ id: JobID, label: [UInt8]) -> [UInt8] {
        guard !label.isEmpty else { return [] }
        return prefix(.announced, fixed: id.bytes + label.prefix(labelBytes), tail: [])
    }

    static func donePayload(_ id: JobID, errorLine: Bool, contentKey: UInt64 = 0, errorCode: String? = nil) -> [UInt8] {
        var fixed = id.bytes
        guard errorLine || contentKey != 0 else { return fixed }
        fixed.append((errorLine ? doneErrorLine : 0) | (contentKey != 0 ? doneContentKey : 0))
        if contentKey != 0 { append64(&fixed, contentKey) }
        if errorLine, let errorCode { fixed.append(contentsOf: errorCode.utf8.prefix(64)) }
        return fixed
    }

    /// Reads a done payload (after the id): the flags' meaning, the key and the code.
    static func readDone(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (errorLine: Bool, contentKey: UInt64, errorCode: String?) {
        guard start < end else { return (false, 0, nil) }
        let flags = p[start]
        var o = start + 1
        var key: UInt64 = 0
        if flags & doneContentKey != 0, o + 8 <= end { key = read64(p, o); o += 8 }
        let errorLine = flags & doneErrorLine != 0
        let code = errorLine && o < end ? String(decoding: UnsafeRawBufferPointer(rebasing: p[o..<end]), as: UTF8.self) : nil
        return (errorLine, key, code)
    }

    /// Frame + type + fixed prefix of a record whose variable tail (`tail`, possibly several
    /// buffers) is written right after. Returns the prefix to write first; the CRC covers all.
    static func prefix(_ type: RecordType, fixed: [UInt8], tail: [UnsafeRawBufferPointer]) -> [UInt8] {
        let n = 1 + fixed.count + tail.reduce(0) { $0 + $1.count }
        var out = [UInt8]()
        out.reserveCapacity(frameBytes + 1 + fixed.count)
        append32(&out, magic)
        append32(&out, UInt32(n))
        append32(&out, 0)                           // crc, patched below
        out.append(type.rawValue)
        out.append(contentsOf: fixed)
        var crc = out.withUnsafeBytes { CRC32C.update(0, UnsafeRawBufferPointer(rebasing: $0[4..<8])) }
        crc = out.withUnsafeBytes { CRC32C.update(crc, UnsafeRawBufferPointer(rebasing: $0[frameBytes...])) }
        for t in tail { crc = CRC32C.update(crc, t) }
        out[8] = UInt8(truncatingIfNeeded: crc); out[9] = UInt8(truncatingIfNeeded: crc >> 8)
        out[10] = UInt8(truncatingIfNeeded: crc >> 16); out[11] = UInt8(truncatingIfNeeded: crc >> 24)
        return out
    }

    static func append32(_ out: inout [UInt8], _ v: UInt32) {
        out.append(UInt8(truncatingIfNeeded: v)); out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16)); out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    static func append64(_ out: inout [UInt8], _ v: UInt64) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * k))) }
    }

    static func read64(_ p: UnsafeRawBufferPointer, _ o: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(p[o + k]) << UInt64(8 * k) }
        return v
    }

    static func read32(_ p: UnsafeRawBufferPointer, _ o: Int) -> UInt32 {
        UInt32(p[o]) | UInt32(p[o + 1]) << 8 | UInt32(p[o + 2]) << 16 | UInt32(p[o + 3]) << 24
    }

    /// A record as found in a mapped segment; offsets are absolute file offsets.
    struct Scanned {
        var type: RecordType
        var offset: Int          // start of the record (its magic)
        var size: Int            // whole record, frame included
        var payload: Int         // offset of the payload (after the type byte)
        var payloadCount: Int
    }

    /// Validates the record at `o`, or nil if it is torn, corrupt or unknown.
    static func scan(_ p: UnsafeRawBufferPointer, at o: Int, maxRecord: Int) -> Scanned? {
        guard p.count - o >= frameBytes + 1, read32(p, o) == magic else { return nil }
        let n = Int(read32(p, o + 4))
        guard n >= 1, n <= maxRecord, n <= p.count - o - frameBytes else { return nil }
        var crc = CRC32C.update(0, UnsafeRawBufferPointer(rebasing: p[(o + 4)..<(o + 8)]))
        crc = CRC32C.update(crc, UnsafeRawBufferPointer(rebasing: p[(o + frameBytes)..<(o + frameBytes + n)]))
        guard crc == read32(p, o + 8), let type = RecordType(rawValue: p[o + frameBytes]) else { return nil }
        let r = Scanned(type: type, offset: o, size: frameBytes + n, payload: o + frameBytes + 1, payloadCount: n - 1)
        let minimum: Int
        switch type {
        case .submitted: minimum = idBytes + 4
        case .dispatched: minimum = idBytes + 4
        case .attemptFailed: minimum = idBytes + 5
        case .result, .done, .closed, .announced: minimum = idBytes
        case .compacted: minimum = 8
        }
        guard r.payloadCount >= minimum else { return nil }
        if type == .submitted, Int(read32(p, r.payload + idBytes)) > r.payloadCount - idBytes - 4 { return nil }
        return r
    }

    /// Next offset after `o` where a valid record starts, or nil: used to skip a corrupt region.
    static func resync(_ p: UnsafeRawBufferPointer, after o: Int, maxRecord: Int) -> Int? {
        var i = o + 1
        while i + frameBytes < p.count {
            if p[i] == 0x52, read32(p, i) == magic, scan(p, at: i, maxRecord: maxRecord) != nil { return i }
            i += 1
        }
        return nil
    }
}
