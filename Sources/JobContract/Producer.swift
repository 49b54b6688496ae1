import JSONOutput

/// reportq's version: the one place it is set. `reportq --version` prints it and every record
/// carries it as `producer.version`, so a line says which build made it and a rerun after an
/// upgrade knows which lines are stale (`reportq run` skips a file only when a line for the same
/// content and this version is already in its output). Raise it with every change that can
/// alter a record's bytes for the same input (README "Versions").
public enum ReportqVersion {
    public static let current = "0.16.0"
}

/// `producer` of a record: the program and version that wrote the line (the worker, `extract`,
/// or the broker for the error lines it makes).
public struct RecordProducer: Equatable, Sendable, CustomStringConvertible {
    public enum Field: String, CaseIterable, Sendable { case name, version }
    public var name: String
    public var version: String

    public init(name: String, version: String) { self.name = name; self.version = version }

    /// This build.
    public static let current = RecordProducer(name: "reportq", version: ReportqVersion.current)

    public var description: String { "\(name) \(version)" }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key(Field.name.rawValue); w.string(name)
        w.key(Field.version.rawValue); w.string(version)
        w.endObject()
    }

    static func read(_ r: inout JSONReader) throws -> RecordProducer {
        guard try r.peekKind() == .object else { throw RecordEnvelope.Invalid.wrongType(.producer) }
        var name: String?, version: String?
        try r.readObject { r, key in
            switch Field(rawValue: key) {
            case .name?:
                guard try r.peekKind() == .string else { throw RecordEnvelope.Invalid.wrongType(.producer) }
                name = try r.readString()
            case .version?:
                guard try r.peekKind() == .string else { throw RecordEnvelope.Invalid.wrongType(.producer) }
                version = try r.readString()
            case nil: try r.skipValue()
            }
        }
        guard let name, let version else { throw RecordEnvelope.Invalid.wrongType(.producer) }
        return RecordProducer(name: name, version: version)
    }
}
