// The segmenter's frozen tables as one flat image: a small header (key, scalar fields, section
// offsets) and 64-byte-aligned sections of plain numbers. An image is built in memory from the
// text files (dict.txt, the HMM tables, idf.txt) and written to a cache file; later processes
// mmap that file instead of parsing ~13 MB of text again (~850 M instructions a process start).
//
// Cache files live in $REPORTQ_CACHE_DIR (empty or "off": no cache), else $XDG_CACHE_HOME/reportq,
// else ~/.cache/reportq. A file is used only when its key matches exactly: the format version,
// this executable (size and mtime, so a new build never reads tables an older one laid out), and
// every source file's path, size, mtime (ns), inode and device (and a hash of in-memory user
// dictionary texts). Its bytes are checked with CRC-32C before use. Written to a temporary name
// and renamed, so a reader sees a whole file or none; any failure just means "no cache".
import CCRC32C
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class TableImage: @unchecked Sendable {
    static let magic: UInt64 = 0x3145_4C42_4154_5152   // "RQTABLE1" little-endian
    static let headerSize = 48

    let base: UnsafeRawPointer
    let length: Int
    let fields: [UInt64]
    private let sectionRanges: [(offset: Int, count: Int)]
    private let mapped: Bool
    /// True when the tables came from a cache file (for tests and diagnostics).
    var fromCache: Bool { mapped }

    private init(base: UnsafeRawPointer, length: Int, fields: [UInt64], sections: [(offset: Int, count: Int)], mapped: Bool) {
        self.base = base; self.length = length; self.fields = fields; self.sectionRanges = sections; self.mapped = mapped
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), length) } else { base.deallocate() }
    }

    func section<T>(_ i: Int, as: T.Type) -> UnsafeBufferPointer<T> {
        let r = sectionRanges[i]
        return UnsafeBufferPointer(start: (base + r.offset).assumingMemoryBound(to: T.self), count: r.count / MemoryLayout<T>.stride)
    }

    // MARK: Building

    /// An in-memory image holding `key`, `fields` and copies of `sections`.
    static func make(key: String, fields: [UInt64], sections: [UnsafeRawBufferPointer]) -> TableImage {
        let keyBytes = Array(key.utf8)
        let tableStart = headerSize + align(keyBytes.count, 8) + fields.count * 8
        var offset = align(tableStart + sections.count * 16, 64)
        var ranges: [(offset: Int, count: Int)] = []
        for s in sections {
            ranges.append((offset, s.count))
            offset = align(offset + s.count, 64)
        }
        let length = offset
        let p = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 64)
        p.initializeMemory(as: UInt8.self, repeating: 0, count: length)
        func put(_ v: UInt64, at o: Int) { p.storeBytes(of: v, toByteOffset: o, as: UInt64.self) }
        put(magic, at: 0)
        put(UInt64(length), at: 16)
        put(UInt64(keyBytes.count), at: 24)
        put(UInt64(fields.count), at: 32)
        put(UInt64(sections.count), at: 40)
        keyBytes.withUnsafeBytes { (p + headerSize).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        var o = headerSize + align(keyBytes.count, 8)
        for f in fields { put(f, at: o); o += 8 }
        for (i, r) in ranges.enumerated() {
            put(UInt64(r.offset), at: tableStart + i * 16)
            put(UInt64(r.count), at: tableStart + i * 16 + 8)
            if r.count > 0 { (p + r.offset).copyMemory(from: sections[i].baseAddress!, byteCount: r.count) }
        }
        put(UInt64(checksum(UnsafeRawPointer(p) + 16, length - 16)), at: 8)
        return TableImage(base: UnsafeRawPointer(p), length: length, fields: fields, sections: ranges, mapped: false)
    }

    /// Writes the image to `path` (a temporary file renamed into place). Returns false on any failure.
    @discardableResult
    func write(to path: String) -> Bool {
        let tmp = path + ".tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"   // unique per writer, threads too
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        var done = 0
        while done < length {
            let n = sysWrite(fd, base + done, length - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        let closed = close(fd) == 0
        guard done == length, closed, rename(tmp, path) == 0 else { unlink(tmp); return false }
        return true
    }

    // MARK: Loading

    /// The image in the cache file at `path` if it is whole, sound and made for exactly `key`.
    static func load(path: String, key: String) -> TableImage? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= headerSize else { return nil }
        let length = Int(st.st_size)
        guard let m = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else { return nil }
        let p = UnsafeRawPointer(m)
        func fail() -> TableImage? { munmap(m, length); return nil }
        func get(_ o: Int) -> UInt64 { p.loadUnaligned(fromByteOffset: o, as: UInt64.self) }
        let keyBytes = Array(key.utf8)
        guard get(0) == magic, get(16) == UInt64(length), get(24) == UInt64(keyBytes.count) else { return fail() }
        let fieldCount = Int(get(32)), sectionCount = Int(get(40))
        guard fieldCount < 64, sectionCount < 64 else { return fail() }
        let tableStart = headerSize + align(keyBytes.count, 8) + fieldCount * 8
        guard tableStart + sectionCount * 16 <= length,
              keyBytes.withUnsafeBytes({ memcmp($0.baseAddress!, p + headerSize, $0.count) == 0 }) else { return fail() }
        guard get(8) == UInt64(checksum(p + 16, length - 16)) else { return fail() }
        var fields: [UInt64] = []
        for i in 0..<fieldCount { fields.append(get(headerSize + align(keyBytes.count, 8) + i * 8)) }
        var ranges: [(offset: Int, count: Int)] = []
        for i in 0..<sectionCount {
            let o = Int(get(tableStart + i * 16)), c = Int(get(tableStart + i * 16 + 8))
            guard o % 64 == 0, o >= tableStart, c >= 0, o + c <= length else { return fail() }
            ranges.append((o, c))
        }
        return TableImage(base: p, length: length, fields: fields, sections: ranges, mapped: true)
    }

    // MARK: Helpers

    @inline(__always) static func align(_ n: Int, _ a: Int) -> Int { (n + a - 1) / a * a }

    /// CRC-32C with the CPU instruction where there is one, else FNV-1a over 8-byte words
    /// (the key records which, so a file is never checked with the other).
    static func checksum(_ p: UnsafeRawPointer, _ n: Int) -> UInt32 {
        if hardwareCRC { return ~ccrc32c_extend_raw(~0, p, n) }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var i = 0
        while i + 8 <= n { h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3; i += 8 }
        while i < n { h = (h ^ UInt64(p.load(fromByteOffset: i, as: UInt8.self))) &* 0x0000_0100_0000_01B3; i += 1 }
        return UInt32(truncatingIfNeeded: h ^ h >> 32)
    }
    static let hardwareCRC = ccrc32c_hardware() == 1
}

#if canImport(Glibc)
private let sysWrite = Glibc.write
#elseif canImport(Darwin)
private let sysWrite = Darwin.write
#endif

enum TableCache {
    /// Bump when the tables' layout or the way they are built changes (the executable's identity
    /// in the key covers rebuilds, this covers copies of one binary reading older files).
    static let formatVersion = 1

    /// The cache directory, created if needed; nil when caching is off or impossible.
    static func directory() -> String? {
        let env = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        var dir: String
        if let d = env("REPORTQ_CACHE_DIR") {
            if d.isEmpty || d == "off" { return nil }
            dir = d
        } else if let x = env("XDG_CACHE_HOME"), x.hasPrefix("/") {
            dir = x + "/reportq"
        } else if let h = env("HOME"), h.hasPrefix("/") {
            dir = h + "/.cache/reportq"
        } else {
            return nil
        }
        while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
        if access(dir, W_OK | X_OK) == 0 { return dir }
        // mkdir -p
        var path = ""
        for part in dir.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST { return nil }
        }
        return access(dir, W_OK | X_OK) == 0 ? dir : nil
    }

    /// What identifies a file's current contents without reading it; nil if it cannot be stat'ed.
    static func fileIdentity(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        let mtime = "\(st.st_mtimespec.tv_sec).\(st.st_mtimespec.tv_nsec)"
        #else
        let mtime = "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        #endif
        return "\(path)|\(st.st_size)|\(mtime)|\(st.st_ino)|\(st.st_dev)"
    }

    /// The key's common part: format, checksum kind, this executable.
    static let baseKey: String = {
        var k = "format=\(formatVersion);crc=\(TableImage.hardwareCRC ? "crc32c" : "fnv");word=\(MemoryLayout<Int>.size)"
        #if os(Linux)
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0, let id = fileIdentity(String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)) {
            k += ";exe=" + id
        } else {
            k += ";exe=?"
        }
        #endif
        return k
    }()

    static func fnv64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static func path(in dir: String, kind: String, key: String) -> String {
        let h = String(fnv64(key.utf8), radix: 16)
        return "\(dir)/\(kind)-\(String(repeating: "0", count: 16 - h.count))\(h).bin"
    }

    /// Sources smaller than this are parsed each time: building their tables costs little, and a
    /// test's small dictionary should not leave a file behind.
    static let minimumSourceBytes = 1 << 20
    /// Files kept per kind (older ones, e.g. of earlier builds, are removed on each write).
    static let filesPerKind = 4

    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// The cached image for `key`, or the one `build` makes (then written to the cache).
    /// `build` gets the key to record in the image ("" when there is no cache).
    static func image(kind: String, key: String?, sourceBytes: Int, build: (String) throws -> TableImage) rethrows -> TableImage {
        guard let key, sourceBytes >= minimumSourceBytes, let dir = directory() else { return try build("") }
        let file = path(in: dir, kind: kind, key: key)
        if let image = TableImage.load(path: file, key: key) { return image }
        let image = try build(key)
        if image.write(to: file) { evict(in: dir, kind: kind, keeping: file) }
        return image
    }

    /// Removes all but the newest `filesPerKind` files of `kind` (never `keeping`), and temporary
    /// files of writers that died more than an hour ago.
    static func evict(in dir: String, kind: String, keeping: String) {
        guard let d = opendir(dir) else { return }
        var files: [(mtime: Int, path: String)] = []
        let now = time(nil)
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name.hasPrefix(kind + "-") else { continue }
            let path = dir + "/" + name
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            #if canImport(Darwin)
            let mtime = Int(st.st_mtimespec.tv_sec)
            #else
            let mtime = Int(st.st_mtim.tv_sec)
            #endif
            if name.contains(".tmp.") {
                if now - mtime > 3600 { unlink(path) }
            } else if name.hasSuffix(".bin") && path != keeping {
                files.append((mtime, path))
            }
        }
        closedir(d)
        files.sort { $0.mtime > $1.mtime }
        for f in files.dropFirst(filesPerKind - 1) { unlink(f.path) }
    }
}
