// Durable-storage benchmark: Journal and ResultStore against the raw system-call floor
// (pwrite + fdatasync of the same bytes) on the same disk, in the same run.
// Built by bench/durable/run.sh (swiftc -O on the module sources; no SwiftPM target needed).
import Glibc

func now() -> Double { var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts); return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 }
func rssBytes() -> Int {
    let fd = open("/proc/self/statm", O_RDONLY); defer { close(fd) }
    var buf = [UInt8](repeating: 0, count: 128)
    let n = read(fd, &buf, 128)
    let fields = String(decoding: buf[0..<max(0, n)], as: UTF8.self).split(separator: " ")
    return Int(fields[1])! * Int(sysconf(Int32(_SC_PAGESIZE)))
}
func fresh(_ name: String) -> String {
    let base = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp"
    mkdir(base, 0o755)
    let p = base + "/durable-bench-" + name
    _ = system("rm -rf '\(p)'"); mkdir(p, 0o755); return p
}
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func fmt(_ v: Double) -> String { let x = (v * 10).rounded() / 10; return String(x) }

let header = Array(#"{"job_id":"0123456789abcdef0123456789abcdef","name":"2026_某市.txt","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","bytes":8192}"#.utf8)
var quiet = Journal.Options(); quiet.log = { _ in }

/// Floor: the same bytes with pwrite, fdatasync every `batch` records.
func rawFloor(count: Int, size: Int, batch: Int) -> Double {
    let dir = fresh("raw")
    let fd = open(dir + "/raw.log", O_RDWR | O_CREAT, 0o644); defer { close(fd) }
    let rec = [UInt8](repeating: 0x61, count: size + header.count + 33)
    var off = 0
    let t0 = now()
    for i in 0..<count {
        _ = rec.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(off)) }
        off += rec.count
        if (i + 1) % batch == 0 { fdatasync(fd) }
    }
    fdatasync(fd)
    return Double(count) / (now() - t0)
}

func journalSubmits(count: Int, size: Int, batch: Int) throws -> Double {
    let j = try Journal.open(directory: fresh("journal"), options: quiet)
    let body = [UInt8](repeating: 0x61, count: size)
    let t0 = now()
    for i in 0..<count {
        try j.submit(header: header, body: body, sync: false)
        if (i + 1) % batch == 0 { try j.sync() }
    }
    try j.sync()
    let r = Double(count) / (now() - t0)
    j.shutdown()
    return r
}

print("== Journal submits/s (body 8 KiB), vs pwrite+fdatasync of the same bytes ==")
for batch in [1, 32] {
    let n = batch == 1 ? 1500 : 20_000
    let raw = rawFloor(count: n, size: 8192, batch: batch)
    let jr = try journalSubmits(count: n, size: 8192, batch: batch)
    print(pad("fsync every \(batch)", 18), "journal \(Int(jr))/s   raw \(Int(raw))/s   ratio \(fmt(jr / raw))")
}

print("== Replay of 20,000 queued jobs ==")
for size in [8192, 50_000] {
    let dir = fresh("replay\(size)")
    var noSync = quiet; noSync.fsync = .disabled
    do {
        let j = try Journal.open(directory: dir, options: noSync)
        let body = [UInt8](repeating: 0x62, count: size)
        for _ in 0..<20_000 { try j.submit(header: header, body: body, sync: false) }
        j.shutdown()
    }
    _ = system("sync")
    let rss0 = rssBytes()
    let t0 = now()
    let j = try Journal.open(directory: dir, options: quiet)
    let t = now() - t0
    let rss1 = rssBytes()
    let s = j.stats
    // Raw floor: read every byte of the segments once (page cache warm, like the replay).
    let r0 = now()
    var total = 0
    for name in (try? FileSystem.list(dir)) ?? [] where name.hasSuffix(".log") {
        let fd = open(dir + "/" + name, O_RDONLY)
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true { let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }; if n <= 0 { break }; total += n }
        close(fd)
    }
    let raw = now() - r0
    print("body \(size) B: \(s.queued) jobs, \(s.bytesOnDisk / 1_000_000) MB, replay \(fmt(t * 1000)) ms (read-only floor \(fmt(raw * 1000)) ms, ratio \(fmt(t / raw))), memory \((rss1 - rss0) / 20_000) B/queued job")
    j.shutdown()
    _ = system("rm -rf '\(dir)'")
}

print("== ResultStore appends/s (1.5 KiB lines), group commit of 32, vs raw ==")
do {
    let path = fresh("results") + "/results.jsonl"
    var o = ResultStore.Options(); o.log = { _ in }
    let s = try ResultStore.open(path: path, options: o)
    let padding = String(repeating: "x", count: 1400)
    let lines = (0..<20_000).map { i -> [UInt8] in
        var hex = String(i, radix: 16); while hex.count < 32 { hex = "0" + hex }
        return Array(#"{"job_id":"\#(hex)","status":"ok","pad":"\#(padding)"}"#.utf8)
    }
    let t0 = now()
    for (i, l) in lines.enumerated() { try s.append(l); if (i + 1) % 32 == 0 { try s.flush() } }
    try s.flush()
    let rate = Double(lines.count) / (now() - t0)
    s.close()
    let raw = rawFloor(count: 20_000, size: 1400 - header.count, batch: 32)
    let t1 = now()
    let again = try ResultStore.open(path: path, options: o)
    let scan = now() - t1
    _ = system("rm -rf '\(fresh("results"))' '\(fresh("journal"))' '\(fresh("raw"))'")
    print("append+flush/32: \(Int(rate)) lines/s, raw \(Int(raw))/s, ratio \(fmt(rate / raw)); reopen scan of \(again.count) lines (\(again.count * 1450 / 1_000_000) MB): \(fmt(scan * 1000)) ms")
}
