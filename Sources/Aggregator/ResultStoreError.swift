import Glibc

/// Why the output store refused. After any of these, lines not yet flushed are not counted as
/// written: the caller simply does not confirm them, and the broker sends them again later.
public enum ResultStoreError: Error, Equatable, CustomStringConvertible {
    case full(String)                 // ENOSPC, EDQUOT
    case readOnly(String)             // EROFS, EACCES, EPERM
    case locked(String)               // another aggregator writes this file
    case io(errno: Int32, operation: String)
    case invalidLine(String)          // not one JSON object on one line with a "job_id"
    /// A failed fsync could not be rolled back cleanly; reopen the store (its scan is the truth).
    case failed(String)

    public var description: String {
        switch self {
        case .full(let m): return "output disk full: \(m)"
        case .readOnly(let m): return "output not writable: \(m)"
        case .locked(let m): return "output locked: \(m)"
        case .io(let e, let op): return "output I/O error in \(op): \(String(cString: strerror(e))) (errno \(e))"
        case .invalidLine(let m): return "invalid output line: \(m)"
        case .failed(let m): return "output store failed, reopen required: \(m)"
        }
    }

    static func from(errno e: Int32, _ operation: String) -> ResultStoreError {
        let text = "\(operation): \(String(cString: strerror(e)))"
        switch e {
        case ENOSPC, EDQUOT: return .full(text)
        case EROFS, EACCES, EPERM: return .readOnly(text)
        default: return .io(errno: e, operation: operation)
        }
    }
}
