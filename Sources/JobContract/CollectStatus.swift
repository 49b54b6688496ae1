/// The `collect` dialog between the broker and the aggregator (protocols/titanic.md §3): a request
/// carries one or more [job header, record] pairs (the header exactly as the journal stores it),
/// the reply one status frame per pair, in order.
public enum CollectStatus: Equatable, Sendable, CustomStringConvertible {
    /// "200": the line is durably written now.
    case written
    /// "208": it was written before (a duplicate delivery), durably.
    case duplicate
    /// "500 <code> <message>": not written; the broker keeps the result and retries later,
    /// except for `badRecord`, which it replaces with an error line.
    case refused(CollectRefusal)

    public var frame: [UInt8] {
        switch self {
        case .written: return Array("200".utf8)
        case .duplicate: return Array("208".utf8)
        case .refused(let r): return Array("500 \(r.code.rawValue) \(r.message)".utf8)
        }
    }

    /// Reads a status frame; nil when it is none of the above (the broker then retries).
    public init?(frame: [UInt8]) {
        if frame.elementsEqual("200".utf8) { self = .written; return }
        if frame.elementsEqual("208".utf8) { self = .duplicate; return }
        let parts = frame.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].elementsEqual("500".utf8),
              let code = CollectRefusal.Code(rawValue: String(decoding: parts[1], as: UTF8.self)) else { return nil }
        self = .refused(CollectRefusal(code, parts.count > 2 ? String(decoding: parts[2], as: UTF8.self) : ""))
    }

    public var description: String { String(decoding: frame, as: UTF8.self) }
}

public struct CollectRefusal: Equatable, Sendable {
    public enum Code: String, CaseIterable, Sendable {
        /// The output's disk is full (ENOSPC, EDQUOT).
        case outputFull = "output_full"
        /// The output cannot be written (EROFS, EACCES, EPERM).
        case outputReadOnly = "output_read_only"
        /// Any other failure to write or fsync the output.
        case outputFailed = "output_failed"
        /// The record can never be written (not one JSON object on a line, no job id, or another
        /// job's id than its header's).
        case badRecord = "bad_record"
        /// The request is not [header, record] pairs.
        case badRequest = "bad_request"
    }
    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
}
