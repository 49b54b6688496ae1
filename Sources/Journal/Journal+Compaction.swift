import Glibc

extension Journal {
    /// Rewrites all sealed segments (all but the active one) keeping only what live jobs need,
    /// then deletes them. Safe to call any time; a no-op without sealed segments.
    public func compact() throws {
        try lock.locked {
            try usable()
            if active.size > 0 { try roll(compact: false) }
            try compactLocked(through: nil)
        }
    }

    /// After a roll: compacts the longest prefix of sealed segments that is at least half dead
    /// and whose live bytes fit `compactionCopyBytes`, so one compaction never stalls the broker
    /// long. (Queued jobs are old, so the oldest segments are the ones that die first.)
    func maybeCompact() throws {
        let sealed = segments.keys.filter { $0 != active.number }.sorted()
        guard !sealed.isEmpty else { return }
        var live: [UInt64: Int] = [:]
        var stateBytes = 0
        for e in jobs.values {
            if let s = e.submitted { live[s.segment, default: 0] += s.size }
            if let r = e.result { live[r.segment, default: 0] += r.size }
            stateBytes += e.stateRecordBytes
        }
        // The budget bounds copied job bytes; the small state records are rewritten every time.
        var size = 0, copy = 0
        var choice: UInt64?
        for n in sealed {
            size += segments[n]!.size
            copy += live[n] ?? 0
            if copy > options.compactionCopyBytes { break }
            let dead = size - copy - stateBytes
            if dead > 0, dead >= size / 2 { choice = n }
        }
        if let n = choice { try compactLocked(through: n) }
    }

    /// Rewrites the sealed segments numbered up to `last` (all sealed ones if nil) into one
    /// file that takes the number `last`: written as a temp file, fsynced, renamed over segment
    /// `last`; only then are the lower segments unlinked. The file starts with a `compacted`
    /// marker, so if a crash leaves lower segments behind, replay deletes them instead of
    /// replaying records this compaction meant to drop (closed jobs, forgotten tombstones).
    /// Only a prefix is ever compacted: a dropped `closed` record can then never leave an
    /// older `submitted` record of the same job behind.
    func compactLocked(through last: UInt64?) throws {
        let sealed = segments.keys.filter { $0 != active.number }.sorted()
        guard let target = last ?? sealed.last else { return }
        let prefix = sealed.filter { $0 <= target }
        let tmpPath = directory + "/" + SegmentFile.name(target) + ".compact"
        let fd = Glibc.open(tmpPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, Journal.fileMode)
        if fd < 0 { throw JournalError.from(errno: errno, "create \(tmpPath)") }
        let out = SegmentFile(number: target, path: tmpPath, fd: fd, size: 0)
        let inPrefix = { (loc: RecordLocation?) -> Bool in loc.map { $0.segment <= target } ?? false }

        // Done tombstones beyond the retention are forgotten, oldest first.
        var forget = Set<JobID>()
        let doneIDs = jobs.filter { $0.value.state == .done }.map(\.key)
        if doneIDs.count > options.doneRetention {
            forget = Set(doneIDs.sorted().prefix(doneIDs.count - options.doneRetention))
        }

        // Content keys of live jobs (the index also holds stale entries of closed jobs: dropped below).
        var keys: [JobID: UInt64] = [:]
        for (key, id) in contentIndex where jobs[id] != nil && !forget.contains(id) { keys[id] = key }

        var moved: [JobID: JobEntry] = [:]
        do {
            var marker: [UInt8] = []
            for k in 0..<8 { marker.append(UInt8(truncatingIfNeeded: target >> UInt64(8 * k))) }
            try write(out, .compacted, fixed: marker, tail: [])
            for id in jobs.keys.sorted() {
                guard var e = jobs[id], !forget.contains(id) else { continue }
                if e.state == .done, let submitted = e.submitted {
                    // Done with an error line, its request kept: its records in their order, so
                    // replay ends at done with both kept. Records after the prefix stay there
                    // (the done record is the last of them, so it is after the prefix too).
                    guard inPrefix(submitted) else { continue }
                    e.submitted = try copy(submitted, to: out)
                    if e.attempts > 0 {
                        var fixed = id.bytes
                        RecordFormat.append32(&fixed, e.attempts)
                        try write(out, .dispatched, fixed: fixed, tail: [])
                    }
                    if let result = e.result {
                        guard inPrefix(result) else { moved[id] = e; continue }
                        e.result = try copy(result, to: out)
                    }
                    try write(out, .done, fixed: RecordFormat.donePayload(id, errorLine: e.errorLine, contentKey: keys[id] ?? 0,
                                                                          errorCode: errorCodes[id]), tail: [])
                    moved[id] = e
                    continue
                }
                if e.state == .done {
                    // The key goes into the done record: its submit record, whose header has it, is dropped.
                    try write(out, .done, fixed: RecordFormat.donePayload(id, errorLine: e.errorLine, contentKey: keys[id] ?? 0,
                                                                          errorCode: errorCodes[id]), tail: [])
                    continue
                }
                // A job whose submit record lies after the prefix keeps all its records there.
                guard inPrefix(e.submitted) else { continue }
                try announce(id, submittedAt: e.submitted!, to: out)     // so that damage to the copy can be named
                e.submitted = try copy(e.submitted!, to: out)
                if e.attempts > 0 {
                    var fixed = id.bytes
                    RecordFormat.append32(&fixed, e.attempts)
                    try write(out, .dispatched, fixed: fixed, tail: [])
                }
                if e.state == .failed {
                    let fixed = RecordFormat.attemptFailedFields(id, attempts: e.attempts, giveUp: true)
                    let reason = Array((reasons[id] ?? "").utf8)
                    try reason.withUnsafeBytes { try write(out, .attemptFailed, fixed: fixed, tail: [$0]) }
                }
                if e.state == .resultPending, inPrefix(e.result) {
                    e.result = try copy(e.result!, to: out)
                }
                moved[id] = e
            }
            if options.fsync == .enabled { try out.sync() }
            if rename(tmpPath, directory + "/" + SegmentFile.name(target)) != 0 {
                throw JournalError.from(errno: errno, "rename \(tmpPath)")
            }
            if options.fsync == .enabled { try FileSystem.syncDirectory(directory) }
        } catch {
            unlink(tmpPath)
            throw error
        }

        // Committed: swap the files in memory, then drop the lower segments.
        let before = prefix.reduce(0) { $0 + segments[$1]!.size }
        for n in prefix { segments[n] = nil }
        segments[target] = SegmentFile(number: target, path: directory + "/" + SegmentFile.name(target), fd: dup(fd), size: out.size)
        for (id, e) in moved { jobs[id] = e }
        for id in forget { jobs[id] = nil; reasons[id] = nil; errorCodes[id] = nil }
        contentIndex = contentIndex.filter { jobs[$0.value] != nil }
        for n in prefix where n != target { unlink(directory + "/" + SegmentFile.name(n)) }
        if options.fsync == .enabled { try? FileSystem.syncDirectory(directory) }
        options.log("compacted segments \(prefix.first!)...\(target): \(before) → \(out.size) bytes")
    }

    private func write(_ out: SegmentFile, _ type: RecordType, fixed: [UInt8], tail: [UnsafeRawBufferPointer]) throws {
        let prefix = RecordFormat.prefix(type, fixed: fixed, tail: tail)
        try prefix.withUnsafeBytes { try out.write([$0] + tail, at: out.size) }
        out.size += prefix.count + tail.reduce(0) { $0 + $1.count }
    }

    /// Writes the `announced` record of a job (its label read from its stored header) to `out`.
    private func announce(_ id: JobID, submittedAt loc: RecordLocation, to out: SegmentFile) throws {
        guard options.jobLabel != nil else { return }
        let fixedEnd = RecordFormat.frameBytes + 1 + RecordFormat.idBytes
        let f = try file(loc.segment)
        let n = try f.read(count: 4, at: loc.offset + fixedEnd).withUnsafeBytes { Int(RecordFormat.read32($0, 0)) }
        guard n <= loc.size - fixedEnd - 4 else { return }
        let record = RecordFormat.announced(id, label: label(ofHeader: try f.read(count: n, at: loc.offset + fixedEnd + 4)))
        guard !record.isEmpty else { return }
        try record.withUnsafeBytes { try out.write([$0], at: out.size) }
        out.size += record.count
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
