import Glibc

extension Journal {
    /// Rewrites the sealed segments (all but the active one) keeping only what live jobs need,
    /// then deletes them. Safe to call any time; a no-op without sealed segments.
    public func compact() throws {
        try lock.locked {
            try usable()
            if active.size > 0 { try roll(compact: false) }
            try compactLocked()
        }
    }

    /// Compacts when at least half of the sealed bytes are dead.
    func maybeCompact() throws {
        let sealed = segments.values.filter { $0.number != active.number }
        let sealedBytes = sealed.reduce(0) { $0 + $1.size }
        guard sealed.count > 1 || sealedBytes > 0 else { return }
        // What a compaction would write: live records plus small state records.
        var live = 0
        for e in jobs.values {
            if let s = e.submitted, s.segment != active.number { live += s.size }
            if let r = e.result, r.segment != active.number { live += r.size }
            live += e.state == .done ? 29 : (e.attempts > 0 ? 33 : 0)
        }
        let dead = sealedBytes - live
        if dead > 0, dead >= sealedBytes / 2 { try compactLocked() }
    }

    /// The compacted file takes the number of the newest sealed segment, written as a temp file,
    /// fsynced and renamed over it; only then are the older sealed segments unlinked. It starts
    /// with a `compacted` marker, so if a crash leaves older segments behind, replay deletes
    /// them instead of replaying records the compaction meant to drop (closed jobs, old tombstones).
    func compactLocked() throws {
        let sealedNumbers = segments.keys.filter { $0 != active.number }.sorted()
        guard let target = sealedNumbers.last else { return }
        let tmpPath = directory + "/" + SegmentFile.name(target) + ".compact"
        let fd = Glibc.open(tmpPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw JournalError.from(errno: errno, "create \(tmpPath)") }
        let out = SegmentFile(number: target, path: tmpPath, fd: fd, size: 0)
        let isSealed = { (loc: RecordLocation?) -> Bool in loc.map { $0.segment != self.active.number } ?? false }

        // Done tombstones beyond the retention are forgotten, oldest first.
        var forget = Set<JobID>()
        let doneIDs = jobs.filter { $0.value.state == .done }.map(\.key)
        if doneIDs.count > options.doneRetention {
            forget = Set(doneIDs.sorted().prefix(doneIDs.count - options.doneRetention))
        }

        var moved: [JobID: JobEntry] = [:]
        do {
            var marker: [UInt8] = []
            for k in 0..<8 { marker.append(UInt8(truncatingIfNeeded: target >> UInt64(8 * k))) }
            try write(out, .compacted, fixed: marker, tail: [])
            for id in jobs.keys.sorted() {
                guard var e = jobs[id], !forget.contains(id) else { continue }
                var changed = false
                switch e.state {
                case .done:
                    try write(out, .done, fixed: id.bytes, tail: [])
                case .queued, .inFlight, .resultPending, .failed:
                    if isSealed(e.submitted) {
                        e.submitted = try copy(e.submitted!, to: out); changed = true
                    }
                    if e.attempts > 0 {
                        var fixed = id.bytes
                        RecordFormat.append32(&fixed, e.attempts)
                        try write(out, .dispatched, fixed: fixed, tail: [])
                    }
                    if e.state == .failed {
                        var fixed = id.bytes
                        RecordFormat.append32(&fixed, e.attempts)
                        fixed.append(1)
                        let reason = Array((e.reason ?? "").utf8)
                        try reason.withUnsafeBytes { try write(out, .attemptFailed, fixed: fixed, tail: [$0]) }
                    }
                    if e.state == .resultPending, isSealed(e.result) {
                        e.result = try copy(e.result!, to: out); changed = true
                    }
                }
                if changed { moved[id] = e }
            }
            if options.fsync == .enabled { try out.sync() }
            let finalPath = directory + "/" + SegmentFile.name(target)
            if rename(tmpPath, finalPath) != 0 { throw JournalError.from(errno: errno, "rename \(tmpPath)") }
            if options.fsync == .enabled { try FileSystem.syncDirectory(directory) }
        } catch {
            unlink(tmpPath)
            throw error
        }

        // Committed: swap the files in memory, then drop the old segments.
        let before = sealedNumbers.reduce(0) { $0 + segments[$1]!.size }
        for n in sealedNumbers { segments[n] = nil }
        let finalPath = directory + "/" + SegmentFile.name(target)
        segments[target] = SegmentFile(number: target, path: finalPath, fd: dup(fd), size: out.size)
        for (id, e) in moved { jobs[id] = e }
        for id in forget { jobs[id] = nil }
        for n in sealedNumbers where n != target {
            unlink(directory + "/" + SegmentFile.name(n))
        }
        if options.fsync == .enabled { try? FileSystem.syncDirectory(directory) }
        options.log("compacted \(sealedNumbers.count) segments: \(before) → \(out.size) bytes")
    }

    private func write(_ out: SegmentFile, _ type: RecordType, fixed: [UInt8], tail: [UnsafeRawBufferPointer]) throws {
        let prefix = RecordFormat.prefix(type, fixed: fixed, tail: tail)
        try prefix.withUnsafeBytes { try out.write([$0] + tail, at: out.size) }
        out.size += prefix.count + tail.reduce(0) { $0 + $1.count }
    }

    /// Copies a record byte for byte (its CRC stays valid) and returns its new place.
    private func copy(_ loc: RecordLocation, to out: SegmentFile) throws -> RecordLocation {
        let bytes = try file(loc.segment).read(count: loc.size, at: loc.offset)
        let at = out.size
        try bytes.withUnsafeBytes { try out.write([$0], at: at) }
        out.size += bytes.count
        return RecordLocation(segment: out.number, offset: at, size: loc.size)
    }
}
