import Glibc

extension Journal {
    /// Reads every segment in order and rebuilds `jobs` and `queue`.
    ///
    /// Replay is idempotent per job (a record never moves a job backwards), so a crash during
    /// compaction, which can leave old segments next to their compacted copy, replays right.
    func replay() throws -> ReplayReport {
        var report = ReplayReport()
        let names = try FileSystem.list(directory)
        for name in names where name.hasSuffix(".compact") {
            unlink(directory + "/" + name)                 // an unfinished compaction
        }
        var numbers = names.compactMap(SegmentFile.number(fromName:)).sorted()
        // A compacted segment supersedes every lower one: if a crash left those behind, drop them.
        if let base = numbers.last(where: { startsWithCompactionMarker($0) }), base != numbers.first {
            for n in numbers where n < base {
                options.log("removing segment \(n), superseded by compacted segment \(base)")
                if unlink(directory + "/" + SegmentFile.name(n)) != 0 { throw JournalError.from(errno: errno, "unlink segment \(n)") }
            }
            if options.fsync == .enabled { try FileSystem.syncDirectory(directory) }
            numbers.removeAll { $0 < base }
        }
        for (i, number) in numbers.enumerated() {
            let path = directory + "/" + SegmentFile.name(number)
            let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
            if fd < 0 { throw JournalError.from(errno: errno, "open \(path)") }
            var st = stat()
            if fstat(fd, &st) == 0, st.st_mode & 0o077 != 0 { _ = fchmod(fd, Journal.fileMode) }   // made 0644 by an older version
            let seg = SegmentFile(number: number, path: path, fd: fd, size: try FileSystem.fileSize(fd))
            segments[number] = seg
            try replaySegment(seg, isLast: i == numbers.count - 1, report: &report)
            report.segments += 1
        }
        // Jobs announced whose submit record did not survive (and that were not closed or done):
        // lost to damage. Named here; the caller stores each again as an error (`reinstate`).
        for (id, a) in announced.sorted(by: { $0.key < $1.key }) where jobs[id] == nil {
            ids.observe(id)
            let lost = LostJob(id: id, label: String(decoding: a.label, as: UTF8.self), segment: SegmentFile.name(a.segment))
            report.lostJobs.append(lost)
            options.log("job \(id) (\(lost.label)) lost: its stored file in \(lost.segment) is damaged")
        }
        announced = [:]
        // Whatever was running when the broker stopped runs again, attempts kept.
        var queued: [JobID] = []
        for (id, var e) in jobs {
            ids.observe(id)
            if e.state == .inFlight { e.state = .queued; jobs[id] = e }
            if e.state == .queued { queued.append(id) }
        }
        queue = queued.sorted()
        queueHead = 0
        if report.truncatedBytes > 0 || report.skippedBytes > 0 || report.orphanRecords > 0 {
            options.log("replay: \(report.records) records, torn tail bytes cut \(report.truncatedBytes), corrupt bytes skipped \(report.skippedBytes), orphan records \(report.orphanRecords)")
        }
        return report
    }

    private func startsWithCompactionMarker(_ number: UInt64) -> Bool {
        let fd = Glibc.open(directory + "/" + SegmentFile.name(number), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        var head = [UInt8](repeating: 0, count: RecordFormat.frameBytes + 1 + 8)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n == head.count else { return false }
        return head.withUnsafeBytes { p in
            RecordFormat.scan(p, at: 0, maxRecord: options.maxRecordBytes)?.type == .compacted
        }
    }

    private func replaySegment(_ seg: SegmentFile, isLast: Bool, report: inout ReplayReport) throws {
        guard seg.size > 0 else { return }
        guard let map = mmap(nil, seg.size, PROT_READ, MAP_PRIVATE, seg.fd, 0), map != MAP_FAILED else {
            throw JournalError.io(errno: errno, operation: "mmap \(seg.path)")
        }
        defer { munmap(map, seg.size) }
        let p = UnsafeRawBufferPointer(start: map, count: seg.size)
        var o = 0
        var goodEnd = 0
        while o < p.count {
            if let r = RecordFormat.scan(p, at: o, maxRecord: options.maxRecordBytes) {
                apply(r, p, segment: seg.number, report: &report)
                report.records += 1
                o += r.size
                goodEnd = o
            } else if let next = RecordFormat.resync(p, after: o, maxRecord: options.maxRecordBytes) {
                options.log("\(seg.path): corrupt bytes \(o)..<\(next) skipped")
                report.skippedBytes += next - o
                o = next
            } else {
                break
            }
        }
        if goodEnd < seg.size {
            // A torn tail (or garbage with no valid record after it): cut it so new records
            // follow the last good one.
            options.log("\(seg.path): \(seg.size - goodEnd) bytes of torn tail truncated at offset \(goodEnd)\(isLast ? "" : " (not the last segment)")")
            report.truncatedBytes += seg.size - goodEnd
            try seg.truncate(to: goodEnd)
            seg.size = goodEnd
            if options.fsync == .enabled { try seg.sync() }
        }
    }

    private func apply(_ r: RecordFormat.Scanned, _ p: UnsafeRawBufferPointer, segment: UInt64, report: inout ReplayReport) {
        if r.type == .compacted { return }
        let id = JobID(bytes: p, at: r.payload)
        let loc = RecordLocation(segment: segment, offset: r.offset, size: r.size)
        let after = r.payload + RecordFormat.idBytes
        switch r.type {
        case .submitted:
            if var e = jobs[id] {
                if e.state != .done { e.submitted = loc; jobs[id] = e }   // the newest copy wins
            } else {
                var key: UInt64 = 0
                if let contentKey = options.contentKey {
                    let n = Int(RecordFormat.read32(p, after))
                    key = contentKey(UnsafeRawBufferPointer(rebasing: p[(after + 4)..<(after + 4 + n)])) ?? 0
                }
                jobs[id] = JobEntry(state: .queued, attempts: 0, submitted: loc, result: nil)
                if key != 0 { contentIndex[key] = id }
            }
        case .dispatched:
            guard var e = jobs[id] else { report.orphanRecords += 1; return }
            e.attempts = max(e.attempts, RecordFormat.read32(p, after))
            if e.state == .queued { e.state = .inFlight }
            jobs[id] = e
        case .attemptFailed:
            guard var e = jobs[id] else { report.orphanRecords += 1; return }
            e.attempts = max(e.attempts, RecordFormat.read32(p, after))
            if p[after + 4] == 1 {
                if e.state == .queued || e.state == .inFlight {
                    e.state = .failed
                    let reason = UnsafeRawBufferPointer(rebasing: p[(after + 5)..<(r.payload + r.payloadCount)])
                    reasons[id] = String(decoding: reason, as: UTF8.self)
                }
            } else if e.state == .inFlight {
                e.state = .queued
            }
            jobs[id] = e
        case .result:
            guard var e = jobs[id], e.state != .done else {
                if jobs[id] == nil { report.orphanRecords += 1 }
                return
            }
            e.result = loc                                   // the newest copy wins
            e.state = .resultPending
            jobs[id] = e
        case .done:
            let before = jobs[id]
            let done = RecordFormat.readDone(p, from: after, to: r.payload + r.payloadCount)
            // As markDone: a job whose line is an error keeps its request and line (retry, show).
            jobs[id] = JobEntry(state: .done, attempts: before?.attempts ?? 0, submitted: done.errorLine ? before?.submitted : nil,
                                result: done.errorLine ? before?.result : nil, errorLine: done.errorLine)
            if done.contentKey != 0 { contentIndex[done.contentKey] = id }
            reasons[id] = nil
            errorCodes[id] = done.errorCode
        case .closed:
            jobs[id] = nil
            reasons[id] = nil
            errorCodes[id] = nil
            announced[id] = nil
        case .announced:
            let label = UnsafeRawBufferPointer(rebasing: p[after..<(r.payload + r.payloadCount)])
            if jobs[id] == nil { announced[id] = (Array(label), segment) }
        case .compacted:
            break
        }
    }
}
