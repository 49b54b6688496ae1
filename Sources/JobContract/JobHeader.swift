#if canImport(Glibc)
import Glibc
#endif
import JSONOutput

/// Frame 1 of a job (protocols/job.schema.json); frame 2 is the raw file bytes. The one type of
/// the header everywhere: `reportq push` encodes it, the broker decodes the client's, adds its
/// `job_id` and `submitted_at` and stores `encoded()` in the journal, and exactly those bytes go
/// to the `ingest` worker and, with the result, to `collect`, which decode them again here.
///
/// Members this version does not know are kept (and written back, in key order) but not used,
/// so a newer client's field reaches a newer worker through an older broker.
/// A new field: a case in `Field`, a property, its arms in `decode` and `encoded`, and
/// protocols/job.schema.json (a test compares `Field` with the schema's properties).
public struct JobHeader: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case jobID = "job_id", name, nameBase64 = "name_base64", path, bytes, sha256, submittedAt = "submitted_at", options, force
    }

    /// Set by the broker's journal; nil in what a client sends.
    public var jobID: JobID?
    /// The file name without directories, as text; becomes `source.name` in the record.
    public var name: String
    /// The name's exact bytes, base64, when they are not UTF-8 (then `name` is their text as
    /// decoded, GB18030 or with U+FFFD); becomes `source.name_base64`. Nil for a UTF-8 name.
    public var nameBase64: String?
    /// The path as the user named it (the argument, joined with the path inside a directory
    /// argument); becomes `source.path`. Nil when the client did not say.
    public var path: String?
    /// The length of frame 2.
    public var bytes: Int
    /// Hex SHA-256 of frame 2 as the client computed it; nil when it did not.
    public var sha256: String?
    /// When the journal stored the job; set by the broker.
    public var submittedAt: Timestamp?
    public var options: JobOptions
    /// Store and run the job even when the broker already holds one with the same content
    /// (`sha256` and `options`): without it, titanic.request answers with that job instead.
    public var force: Bool
    /// Members of the header this version does not know, as read.
    public var unknownMembers: [JSONMember]

    public init(jobID: JobID? = nil, name: String, nameBase64: String? = nil, path: String? = nil, bytes: Int, sha256: String? = nil,
                submittedAt: Timestamp? = nil, options: JobOptions = JobOptions(), force: Bool = false, unknownMembers: [JSONMember] = []) {
        self.jobID = jobID; self.name = name; self.nameBase64 = nameBase64; self.path = path; self.bytes = bytes; self.sha256 = sha256
        self.submittedAt = submittedAt; self.options = options; self.force = force; self.unknownMembers = unknownMembers
    }

    /// Which header the bytes are: what a client sends to titanic.request, whose `job_id` and
    /// `submitted_at` are not the client's to set (ignored, whatever they hold), or a header the
    /// broker stored, which has a `job_id`.
    public enum Form: Sendable { case request, stored }

    // MARK: decoding

    public static func decode(_ json: [UInt8], as form: Form = .stored) throws(Invalid) -> JobHeader {
        try json.withUnsafeBytes { p in Result { () throws(Invalid) in try decode(p, as: form) } }.get()
    }

    public static func decode(_ json: UnsafeRawBufferPointer, as form: Form = .stored) throws(Invalid) -> JobHeader {
        var jobID: JobID?, name: String?, nameBase64: String?, path: String?, bytes: Int?, sha256: String?, submittedAt: Timestamp?
        var options = JobOptions()
        var force = false
        var unknown: [JSONMember] = []
        try JSONReader.document(json, malformed: Invalid.malformed) { r in
            guard try r.peekKind() == .object else { throw Invalid.notAnObject }
            try r.readObject { r, key in
                guard let field = Field(rawValue: key) else {
                    unknown.append(JSONMember(key: key, value: try r.readValue()))
                    return
                }
                switch field {
                case .jobID:
                    if form == .request { try r.skipValue(); return }
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(field) }
                    let s = try r.readStringBytes()
                    guard !s.escaped, let id = JobID(hex: UnsafeRawBufferPointer(rebasing: json[s.bytes])) else { throw Invalid.badJobID }
                    jobID = id
                case .name:
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(field) }
                    name = try r.readString()
                case .path:
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(field) }
                    path = try r.readString()
                case .nameBase64:
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(field) }
                    let s = try r.readString()
                    guard Base64.decode(s) != nil else { throw Invalid.badBase64(field) }
                    nameBase64 = s
                case .bytes:
                    guard try r.peekKind() == .number, let n = try? r.readInt(), n >= 0 else { throw Invalid.wrongType(field) }
                    bytes = n
                case .sha256:
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(field) }
                    let s = try r.readString()
                    guard s.isEmpty || JobHeader.isSHA256(s) else { throw Invalid.badSHA256 }
                    sha256 = s.isEmpty ? nil : s
                case .submittedAt:
                    if form == .request { try r.skipValue(); return }
                    guard try r.peekKind() == .string, let t = Timestamp(rfc3339: try r.readString()) else { throw Invalid.badTimestamp }
                    submittedAt = t
                case .options:
                    guard try r.peekKind() == .object else { throw Invalid.wrongType(field) }
                    options = try JobOptions.read(&r)
                case .force:
                    guard try r.peekKind() == .bool else { throw Invalid.wrongType(field) }
                    force = try r.readBool()
                }
            }
        }
        guard let name, !name.isEmpty else { throw .missing(.name) }
        guard let bytes else { throw .missing(.bytes) }
        if form == .stored, jobID == nil { throw .missing(.jobID) }
        return JobHeader(jobID: jobID, name: name, nameBase64: nameBase64, path: path, bytes: bytes, sha256: sha256,
                         submittedAt: submittedAt, options: options, force: force, unknownMembers: unknown)
    }

    /// Whether frame 2 is as long as the header says.
    public func check(bodyCount: Int) throws(Invalid) {
        if bytes != bodyCount { throw .bodyLength(header: bytes, body: bodyCount) }
    }

    // MARK: encoding

    /// The canonical form: compact, `job_id` first (when set), every other member in key order.
    public func encoded() -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 160 + name.utf8.count + (path?.utf8.count ?? 0))
        w.beginObject()
        if let jobID { w.key(Field.jobID.rawValue); w.string(jobID.description) }
        var others = unknownMembers.sorted { $0.key < $1.key }[...]
        for field in JobHeader.fieldsInKeyOrder {
            while let o = others.first, o.key < field.rawValue { w.key(o.key); o.value.write(to: &w); others.removeFirst() }
            switch field {
            case .jobID: break                                   // first, above
            case .name: w.key(field.rawValue); w.string(name)
            case .path: if let path { w.key(field.rawValue); w.string(path) }
            case .nameBase64: if let nameBase64 { w.key(field.rawValue); w.string(nameBase64) }
            case .bytes: w.key(field.rawValue); w.int(bytes)
            case .sha256: if let sha256 { w.key(field.rawValue); w.string(sha256) }
            case .submittedAt: if let submittedAt { w.key(field.rawValue); w.string(submittedAt.description) }
            case .options: if !options.isDefault { w.key(field.rawValue); options.write(to: &w) }
            case .force: if force { w.key(field.rawValue); w.bool(true) }
            }
        }
        for o in others { w.key(o.key); o.value.write(to: &w) }
        w.endObject()
        return w.bytes
    }

    private static let fieldsInKeyOrder = Field.allCases.sorted { $0.rawValue < $1.rawValue }

    // MARK: content

    /// What the job's record depends on besides its name and path: the file's SHA-256 and the
    /// options, as 64 bits (never 0); nil without a `sha256`. The broker keys its jobs by it, so
    /// that a second push of the same content finds the first job (titanic.md §2). Stable across
    /// processes and versions: the first 16 hex digits of the hash, mixed with an FNV-1a hash of
    /// the options' canonical form.
    public var contentKey: UInt64? {
        guard let sha256, sha256.utf8.count == 64 else { return nil }
        var key: UInt64 = 0
        for c in sha256.utf8.prefix(16) {
            let v: UInt8 = c <= 0x39 ? c &- 0x30 : c &- 0x61 &+ 10
            key = key << 4 | UInt64(v & 0xF)
        }
        if !options.isDefault {
            var w = JSONWriter(reservingCapacity: 64)
            options.write(to: &w)
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in w.bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            key ^= h
        }
        return key == 0 ? 1 : key
    }

    /// `contentKey` of a header's bytes, reading only `sha256` and `options` (the journal's replay
    /// asks it of every stored job). A stored header is `encoded()`'s canonical form, whose member
    /// names cannot occur inside a string value (its quotes would be escaped): the two members are
    /// found by their bytes, and only `options`, when there is one, is read as JSON. Nil when the
    /// bytes carry no hash.
    public static func contentKey(of json: UnsafeRawBufferPointer) -> UInt64? {
        guard let hash = find(sha256Member, in: json), hash + 64 <= json.count else { return nil }
        let sha = UnsafeRawBufferPointer(rebasing: json[hash..<(hash + 64)])
        guard sha.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
              hash + 64 < json.count, json[hash + 64] == UInt8(ascii: "\"") else { return nil }
        var options = JobOptions()
        if let at = find(optionsMember, in: json) {
            var r = JSONReader(UnsafeRawBufferPointer(rebasing: json[at...]))
            guard let read = try? JobOptions.read(&r) else { return nil }
            options = read
        }
        return JobHeader(name: "-", bytes: 0, sha256: String(decoding: sha, as: UTF8.self), options: options).contentKey
    }

    private static let sha256Member = Array(#""sha256":""#.utf8)
    private static let optionsMember = Array(#""options":"#.utf8)

    /// Where the bytes after `needle` start in `haystack`, or nil.
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i + k }
            }
            i += 1
        }
        return nil
    }

    static func isSHA256(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    // MARK: errors

    /// Why a header is refused (the broker answers `bad_request` with it, a worker `bad_job`).
    public enum Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(JSONReadError)
        case notAnObject
        case missing(Field)
        case wrongType(Field)
        case wrongOptionType(JobOptions.Field)
        case badJobID
        case badBase64(Field)
        case badSHA256
        case badTimestamp
        case bodyLength(header: Int, body: Int)

        public var description: String {
            switch self {
            case .malformed(let e): return "header is not valid JSON: \(e)"
            case .notAnObject: return "header is not a JSON object"
            case .missing(.name): return "header needs a non-empty \"name\""
            case .missing(let f): return "header needs \"\(f.rawValue)\""
            case .wrongType(.bytes): return "header \"bytes\" must be a non-negative integer"
            case .wrongType(.options): return "header \"options\" must be an object"
            case .wrongType(.force): return "header \"force\" must be true or false"
            case .wrongType(let f): return "header \"\(f.rawValue)\" must be a string"
            case .wrongOptionType(.profile): return "header option \"profile\" must be one of \(RecordProfile.allCases.map(\.rawValue).joined(separator: ", "))"
            case .wrongOptionType(let f): return "header option \"\(f.rawValue)\" must be true or false"
            case .badJobID: return "header \"job_id\" must be 32 lowercase hex digits"
            case .badBase64(let f): return "header \"\(f.rawValue)\" must be padded base64"
            case .badSHA256: return "header \"sha256\" must be 64 lowercase hex digits"
            case .badTimestamp: return "header \"submitted_at\" must be an RFC 3339 UTC time with milliseconds"
            case .bodyLength(let h, let b): return "header \"bytes\" says \(h), the body has \(b)"
            }
        }
    }
}

/// Which fields an ok record carries (protocols/record.schema.json, "profile"). `full` is the
/// default and what a header without `profile` asks for; the slimmer ones skip the work their
/// fields would cost (word segmentation, quantities).
public enum RecordProfile: String, CaseIterable, Sendable {
    /// Everything: document, title_block, targets, indicators, sections, sentences, quantities,
    /// keywords, stats (and text, tokens, term counts on request).
    case full
    /// The table's fields: document, title_block, targets, indicators, stats.
    case panel
    /// Who, where, when: document, title_block, stats.
    case meta
}

/// The pipeline options a job carries (`options` in the header).
public struct JobOptions: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case includeText = "include_text", includeTokens = "include_tokens", includeTimings = "include_timings"
        case profile
    }
    /// Carry the cleaned, simplified text as `text` in the record.
    public var includeText = false
    /// Carry per-sentence tokens.
    public var includeTokens = false
    /// Carry the pipeline's timings (`stats.ms`, `stats.ocr_ms`): without them a record is the
    /// same bytes for the same file and version.
    public var includeTimings = false
    /// The record's fields. Written only when not `full`, so headers of full jobs are the bytes
    /// they were before profiles existed (and older workers, which keep an unknown option as
    /// read, write the full record).
    public var profile: RecordProfile = .full
    /// Options this version does not know, as read.
    public var unknownMembers: [JSONMember] = []

    public init(includeText: Bool = false, includeTokens: Bool = false, includeTimings: Bool = false, profile: RecordProfile = .full) {
        self.includeText = includeText; self.includeTokens = includeTokens; self.includeTimings = includeTimings
        self.profile = profile
    }

    var isDefault: Bool { !includeText && !includeTokens && !includeTimings && profile == .full && unknownMembers.isEmpty }

    static func read(_ r: inout JSONReader) throws -> JobOptions {
        var o = JobOptions()
        try r.readObject { r, key in
            guard let field = Field(rawValue: key) else {
                o.unknownMembers.append(JSONMember(key: key, value: try r.readValue()))
                return
            }
            if field == .profile {
                guard try r.peekKind() == .string, let p = RecordProfile(rawValue: try r.readString()) else {
                    throw JobHeader.Invalid.wrongOptionType(field)
                }
                o.profile = p
                return
            }
            guard try r.peekKind() == .bool else { throw JobHeader.Invalid.wrongOptionType(field) }
            switch field {
            case .includeText: o.includeText = try r.readBool()
            case .includeTokens: o.includeTokens = try r.readBool()
            case .includeTimings: o.includeTimings = try r.readBool()
            case .profile: break
            }
        }
        return o
    }

    /// Only the options that are on, and unknown ones, in key order.
    func write(to w: inout JSONWriter) {
        var members = unknownMembers
        if includeText { members.append(JSONMember(key: Field.includeText.rawValue, value: .bool(true))) }
        if includeTokens { members.append(JSONMember(key: Field.includeTokens.rawValue, value: .bool(true))) }
        if includeTimings { members.append(JSONMember(key: Field.includeTimings.rawValue, value: .bool(true))) }
        if profile != .full { members.append(JSONMember(key: Field.profile.rawValue, value: .string(profile.rawValue))) }
        JSONValue.object(members).write(to: &w)
    }
}

/// A point in time to the millisecond, written as RFC 3339 in UTC (`2026-01-25T08:30:00.125Z`).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let milliseconds: UInt64   // since 1970-01-01T00:00:00Z

    public init(milliseconds: UInt64) { self.milliseconds = milliseconds }

    /// Parses exactly the form `description` writes.
    public init?(rfc3339 s: String) {
        let u = Array(s.utf8)
        guard u.count == 24, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x2E, u[23] == 0x5A
        else { return nil }
        func number(_ r: Range<Int>) -> Int32? {
            var v: Int32 = 0
            for i in r { guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }; v = v * 10 + Int32(u[i] - 0x30) }
            return v
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61, year >= 1970 else { return nil }
        var t = tm()
        t.tm_year = year - 1900; t.tm_mon = month - 1; t.tm_mday = day
        t.tm_hour = hour; t.tm_min = minute; t.tm_sec = second
        let seconds = timegm(&t)
        guard seconds >= 0 else { return nil }
        milliseconds = UInt64(seconds) * 1000 + UInt64(millis)
        guard description == s else { return nil }          // no 31 February
    }

    public var description: String {
        var t = time_t(milliseconds / 1000)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = Int(milliseconds % 1000)
        let frac = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)).\(frac)Z"
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }
}
