import Glibc

/// Everything the journal can refuse. The broker maps these to a reply; none of them is a crash.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// The journal reached `maxBytes`, or the disk is full (ENOSPC, EDQUOT). Nothing was written.
    case full(String)
    /// The directory or file system refuses writes (EROFS, EACCES, EPERM). Nothing was written.
    case readOnly(String)
    /// Another process holds the journal directory.
    case locked(String)
    /// Any other system call failure, with errno and the operation.
    case io(errno: Int32, operation: String)
    /// An fsync failed earlier: the kernel may have dropped the dirty pages, so what is on disk
    /// is unknown. Every call fails until the journal is reopened (replay tells the truth).
    case failed(String)
    case unknownJob(JobID)
    case tooLarge(Int)
    /// The operation does not apply to the job's status (e.g. storeResult on a closed job).
    case invalidTransition(JobID, String)

    public var description: String {
        switch self {
        case .full(let m): return "journal full: \(m)"
        case .readOnly(let m): return "journal read-only: \(m)"
        case .locked(let m): return "journal locked: \(m)"
        case .io(let e, let op): return "journal I/O error in \(op): \(String(cString: strerror(e))) (errno \(e))"
        case .failed(let m): return "journal failed, reopen required: \(m)"
        case .unknownJob(let id): return "unknown job \(id)"
        case .tooLarge(let n): return "job of \(n) bytes exceeds the journal's record limit"
        case .invalidTransition(let id, let m): return "job \(id): \(m)"
        }
    }

    /// The storage refuses writes for now (no space, read-only, a failed fsync, an I/O error):
    /// a state to wait out, unlike an error about one job (`unknownJob`, `invalidTransition`, `tooLarge`).
    public var isStorageRefusal: Bool {
        switch self {
        case .full, .readOnly, .failed, .io: return true
        case .locked, .unknownJob, .tooLarge, .invalidTransition: return false
        }
    }

    /// Classifies an errno from a write-side call.
    static func from(errno e: Int32, _ operation: String) -> JournalError {
        switch e {
        case ENOSPC, EDQUOT: return .full("\(operation): \(String(cString: strerror(e)))")
        case EROFS, EACCES, EPERM: return .readOnly("\(operation): \(String(cString: strerror(e)))")
        default: return .io(errno: e, operation: operation)
        }
    }
}
