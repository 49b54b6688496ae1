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
//   done           id [, u8 flags]   flags bit 0: the written line is an error record
//                  (absent in journals written before the flag existed: read as 0)
//   closed         id
//   compacted      u64 segment number: first record of a compacted segment; every segment
//                  with a lower number is obsolete (finishes a compaction a crash interrupted)

enum RecordType: UInt8 {
    case submitted = 1, dispatched = 2, attemptFailed = 3, result = 4, done = 5, closed = 6, compacted = 7
}

enum RecordFormat {
    static let magic: UInt32 = 0x314A_5152          // bytes "RQJ1"
    static let frameBytes = 12                       // magic + length + crc
    static let idBytes = 16
    static let doneErrorLine: UInt8 = 1

    static func donePayload(_ id: JobID, errorLine: Bool) -> [UInt8] {
        var fixed = id.bytes
        if errorLine { fixed.append(doneErrorLine) }
        return fixed
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
        case .result, .done, .closed: minimum = idBytes
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
