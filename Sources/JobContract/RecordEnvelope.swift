import JSONOutput

/// The envelope of an output record (docs/DESIGN.md §3, protocols/record.schema.json): the
/// members every line has, whoever writes it — `job_id` (first: the aggregator's dedup and the
/// broker read it there), `status`, `source`, `producer {name, version}`, and for an error
/// `error {code, message}`. An ok
/// record's body (document, targets, …) follows the envelope; ReportKit writes it.
///
/// The one writer of these members is `writeOpening(to:)`; the one reader is `read(_:)`, with
/// `jobIDRange(in:)`, `jobID(in:)` and `status(of:)` for the hot paths (a record can be 100 KB:
/// they look at the opening bytes this writer makes, and read the JSON only when those differ).
/// A new envelope field: a case in `Field`, a property, its arms in `writeOpening` and `read`,
/// and the schema (a test compares `Field` with the schema's properties).
public struct RecordEnvelope: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case jobID = "job_id", status, source, producer, error
    }

    /// The header's job id (32 hex digits) for a cluster job; `reportq extract` writes `local-N`.
    public var jobID: String
    public var outcome: RecordOutcome
    public var source: RecordSource
    /// Who wrote the line: this build for every line written here; nil when a line read has none
    /// (written before records carried it).
    public var producer: RecordProducer?

    public init(jobID: String, source: RecordSource, outcome: RecordOutcome, producer: RecordProducer? = .current) {
        self.jobID = jobID; self.source = source; self.outcome = outcome; self.producer = producer
    }

    public var status: RecordStatus {
        if case .error = outcome { return .error }
        return .ok
    }

    // MARK: writing

    /// Writes `{` and the envelope's members. The body's members follow; end with `w.endObject()`.
    public func writeOpening(to w: inout JSONWriter) {
        w.beginObject()
        w.key(Field.jobID.rawValue); w.string(jobID)
        w.key(Field.status.rawValue); w.string(status.rawValue)
        w.key(Field.source.rawValue); source.write(to: &w)
        if let producer { w.key(Field.producer.rawValue); producer.write(to: &w) }
        if case .error(let e) = outcome {
            w.key(Field.error.rawValue)
            w.beginObject()
            w.key(RecordError.Field.code.rawValue); w.string(e.code.rawValue)
            w.key(RecordError.Field.message.rawValue); w.string(e.message)
            w.endObject()
        }
    }

    /// The envelope alone as one line: how an error record is written whole.
    public func line() -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 320 + source.name.utf8.count + (source.path?.utf8.count ?? 0))
        writeOpening(to: &w)
        w.endObject()
        return w.bytes
    }

    // MARK: reading

    /// Reads the envelope of a record (the body's members are checked as JSON and passed over).
    public static func read(_ line: [UInt8]) throws(Invalid) -> RecordEnvelope {
        try line.withUnsafeBytes { p in Result { () throws(Invalid) in try read(p) } }.get()
    }

    public static func read(_ line: UnsafeRawBufferPointer) throws(Invalid) -> RecordEnvelope {
        var jobID: String?, status: RecordStatus?, source: RecordSource?, error: RecordError?, producer: RecordProducer?
        try JSONReader.document(line, malformed: Invalid.malformed) { r in
            guard try r.peekKind() == .object else { throw Invalid.notAnObject }
            try r.readObject { r, key in
                switch Field(rawValue: key) {
                case .jobID?:
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(.jobID) }
                    jobID = try r.readString()
                case .status?:
                    guard try r.peekKind() == .string else { throw Invalid.wrongType(.status) }
                    let s = try r.readString()
                    guard let known = RecordStatus(rawValue: s) else { throw Invalid.unknownStatus(s) }
                    status = known
                case .source?: source = try RecordSource.read(&r)
                case .producer?: producer = try RecordProducer.read(&r)
                case .error?: error = try RecordError.read(&r)
                case nil: try r.skipValue()
                }
            }
        }
        guard let jobID, !jobID.isEmpty else { throw .missing(.jobID) }
        guard let status else { throw .missing(.status) }
        guard let source else { throw .missing(.source) }
        switch status {
        case .ok: return RecordEnvelope(jobID: jobID, source: source, outcome: .ok, producer: producer)
        case .error:
            guard let error else { throw .missing(.error) }
            return RecordEnvelope(jobID: jobID, source: source, outcome: .error(error), producer: producer)
        }
    }

    /// The envelope of a record read from its opening members only: reading stops at the first
    /// member that is not the envelope's (the body, which `writeOpening`'s lines put after it), so a
    /// 100 KB line costs what its first few hundred bytes do. Nil when the opening is not an
    /// envelope (another producer's member order, or not a record): then use `read(_:)`.
    public static func readOpening(_ line: UnsafeRawBufferPointer) -> RecordEnvelope? {
        struct BodyReached: Error {}
        var jobID: String?, status: RecordStatus?, source: RecordSource?, error: RecordError?, producer: RecordProducer?
        var r = JSONReader(line)
        do {
            guard try r.peekKind() == .object else { return nil }
            try r.readObject { r, key in
                switch Field(rawValue: key) {
                case .jobID?: jobID = try r.readString()
                case .status?: status = RecordStatus(rawValue: try r.readString())
                case .source?: source = try RecordSource.read(&r)
                case .producer?: producer = try RecordProducer.read(&r)
                case .error?: error = try RecordError.read(&r)
                case nil: throw BodyReached()
                }
            }
        } catch is BodyReached {
        } catch {
            return nil
        }
        guard let jobID, !jobID.isEmpty, let status, let source else { return nil }
        switch status {
        case .ok: return RecordEnvelope(jobID: jobID, source: source, outcome: .ok, producer: producer)
        case .error:
            guard let error else { return nil }
            return RecordEnvelope(jobID: jobID, source: source, outcome: .error(error), producer: producer)
        }
    }

    /// The profile a record was made with: a slim record's body opens with `"profile"` right after
    /// the envelope (ReportKit's RecordBodyWriter); a record without it is full. nil when the line
    /// does not read as a record's opening.
    public static func profile(of line: UnsafeRawBufferPointer) -> RecordProfile? {
        struct Found: Error { var profile: RecordProfile? }
        var r = JSONReader(line)
        do {
            guard try r.peekKind() == .object else { return nil }
            try r.readObject { r, key in
                if Field(rawValue: key) != nil { try r.skipValue(); return }
                guard key == "profile", try r.peekKind() == .string else { throw Found(profile: .full) }
                throw Found(profile: RecordProfile(rawValue: try r.readString()))
            }
        } catch let found as Found {
            return found.profile
        } catch {
            return nil
        }
        return .full
    }

    /// Where the job id's characters are, when the line opens as `writeOpening` writes it and
    /// the id has no escapes (no allocation; nil otherwise: then use `jobID(in:)`).
    public static func jobIDRange(in line: UnsafeRawBufferPointer) -> Range<Int>? {
        let start = opening.count
        guard line.count > start, line.starts(with: opening) else { return nil }
        var end = start
        while end < line.count {
            let b = line[end]
            if b == 0x22 { return end > start ? start..<end : nil }
            if b == 0x5C { return nil }
            end += 1
        }
        return nil
    }

    /// The record's job id: from where this writer puts it, or by reading the JSON.
    public static func jobID(in line: UnsafeRawBufferPointer) -> String? {
        if let r = jobIDRange(in: line) { return String(decoding: UnsafeRawBufferPointer(rebasing: line[r]), as: UTF8.self) }
        return topLevelString(.jobID, in: line).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The record's status: right after the job id where this writer puts it, or by reading the
    /// JSON; nil when the line has none (e.g. an echo worker's reply) or is not JSON.
    public static func status(of line: UnsafeRawBufferPointer) -> RecordStatus? {
        if let id = jobIDRange(in: line) {
            let rest = UnsafeRawBufferPointer(rebasing: line[id.upperBound...])
            if rest.starts(with: okAfterID) { return .ok }
            if rest.starts(with: errorAfterID) { return .error }
        }
        return topLevelString(.status, in: line).flatMap(RecordStatus.init(rawValue:))
    }

    private static let opening = Array(#"{"job_id":""#.utf8)
    private static let okAfterID = Array(#"","status":"ok""#.utf8)
    private static let errorAfterID = Array(#"","status":"error""#.utf8)

    /// A top-level string member, reading the line as JSON (nil if it is not JSON or has none).
    private static func topLevelString(_ field: Field, in line: UnsafeRawBufferPointer) -> String? {
        var r = JSONReader(line)
        var found: String?
        do {
            guard try r.peekKind() == .object else { return nil }
            try r.readObject { r, key in
                if found == nil, key == field.rawValue, try r.peekKind() == .string { found = try r.readString() } else { try r.skipValue() }
            }
        } catch { return nil }
        return found
    }

    /// Why bytes are not a record.
    public enum Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(JSONReadError)
        case notAnObject
        case missing(Field)
        case wrongType(Field)
        case unknownStatus(String)
        case missingSourceField(RecordSource.Field)
        case wrongSourceType(RecordSource.Field)
        case missingErrorField(RecordError.Field)
        case unknownErrorCode(String)

        public var description: String {
            switch self {
            case .malformed(let e): return "record is not valid JSON: \(e)"
            case .notAnObject: return "record is not a JSON object"
            case .missing(let f): return "record has no \"\(f.rawValue)\""
            case .wrongType(let f): return "record \"\(f.rawValue)\" has the wrong type"
            case .unknownStatus(let s): return "record status \"\(s)\" is neither ok nor error"
            case .missingSourceField(let f): return "record source has no \"\(f.rawValue)\""
            case .wrongSourceType(let f): return "record source \"\(f.rawValue)\" has the wrong type"
            case .missingErrorField(let f): return "record error has no \"\(f.rawValue)\""
            case .unknownErrorCode(let c): return "record error code \"\(c)\" is not one of protocols/record.schema.json"
            }
        }
    }
}

public enum RecordStatus: String, Sendable {
    case ok, error
}

public enum RecordOutcome: Equatable, Sendable {
    case ok
    case error(RecordError)
}

/// `error` of an error record.
public struct RecordError: Equatable, Sendable, CustomStringConvertible {
    public enum Field: String, CaseIterable, Sendable { case code, message }
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) { self.code = code; self.message = message }

    public var description: String { "\(code.rawValue): \(message)" }

    static func read(_ r: inout JSONReader) throws -> RecordError {
        guard try r.peekKind() == .object else { throw RecordEnvelope.Invalid.wrongType(.error) }
        var code: ErrorCode?, message: String?
        try r.readObject { r, key in
            switch Field(rawValue: key) {
            case .code?:
                let s = try r.readString()
                guard let c = ErrorCode(rawValue: s) else { throw RecordEnvelope.Invalid.unknownErrorCode(s) }
                code = c
            case .message?: message = try r.readString()
            case nil: try r.skipValue()
            }
        }
        guard let code else { throw RecordEnvelope.Invalid.missingErrorField(.code) }
        guard let message else { throw RecordEnvelope.Invalid.missingErrorField(.message) }
        return RecordError(code, message)
    }
}

/// `source` of a record: the file the job read, and how the pipeline read it.
public struct RecordSource: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case name, nameBase64 = "name_base64", path, sha256, bytes, encoding, format, script
    }
    /// The job header's `name`: the file's name without directories.
    public var name: String
    /// The job header's `name_base64`: the name's exact bytes when they are not UTF-8.
    public var nameBase64: String?
    /// The path as the user named it (the argument, joined with the path inside a directory
    /// argument): the job header's `path`; nil when the job did not say.
    public var path: String?
    /// Hex SHA-256 of the file's bytes (the worker's, else the header's); nil when unknown.
    public var sha256: String?
    public var bytes: Int
    /// How the pipeline read the file (ReportText's SourceInfo: "utf-8", "gb18030" …; "text",
    /// "html", "docx" …; "simplified", "traditional"); nil when it did not get that far.
    public var encoding: String?
    public var format: String?
    public var script: String?

    public init(name: String, nameBase64: String? = nil, path: String? = nil, sha256: String? = nil, bytes: Int, encoding: String? = nil,
                format: String? = nil, script: String? = nil) {
        self.name = name; self.nameBase64 = nameBase64; self.path = path; self.sha256 = sha256; self.bytes = bytes
        self.encoding = encoding; self.format = format; self.script = script
    }

    /// What the header says of the file (for records made without reading it).
    public init(header: JobHeader) {
        self.init(name: header.name, nameBase64: header.nameBase64, path: header.path, sha256: header.sha256, bytes: header.bytes)
    }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        for field in Field.allCases {
            switch field {
            case .name: w.key(field.rawValue); w.string(name)
            case .nameBase64: if let nameBase64 { w.key(field.rawValue); w.string(nameBase64) }
            case .path: if let path { w.key(field.rawValue); w.string(path) }
            case .sha256: if let sha256 { w.key(field.rawValue); w.string(sha256) }
            case .bytes: w.key(field.rawValue); w.int(bytes)
            case .encoding: if let encoding { w.key(field.rawValue); w.string(encoding) }
            case .format: if let format { w.key(field.rawValue); w.string(format) }
            case .script: if let script { w.key(field.rawValue); w.string(script) }
            }
        }
        w.endObject()
    }

    static func read(_ r: inout JSONReader) throws -> RecordSource {
        guard try r.peekKind() == .object else { throw RecordEnvelope.Invalid.wrongType(.source) }
        var name: String?, bytes: Int?
        var strings: [Field: String] = [:]
        try r.readObject { r, key in
            guard let field = Field(rawValue: key) else { try r.skipValue(); return }
            switch field {
            case .bytes:
                guard try r.peekKind() == .number, let n = try? r.readInt(), n >= 0 else { throw RecordEnvelope.Invalid.wrongSourceType(field) }
                bytes = n
            case .name, .nameBase64, .path, .sha256, .encoding, .format, .script:
                guard try r.peekKind() == .string else { throw RecordEnvelope.Invalid.wrongSourceType(field) }
                let s = try r.readString()
                if field == .name { name = s } else { strings[field] = s }
            }
        }
        guard let name else { throw RecordEnvelope.Invalid.missingSourceField(.name) }
        guard let bytes else { throw RecordEnvelope.Invalid.missingSourceField(.bytes) }
        return RecordSource(name: name, nameBase64: strings[.nameBase64], path: strings[.path], sha256: strings[.sha256], bytes: bytes,
                            encoding: strings[.encoding], format: strings[.format], script: strings[.script])
    }
}
