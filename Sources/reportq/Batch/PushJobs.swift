import Glibc
import JobContract
import ReportKit
import Titanic

/// The files of a push as Titanic jobs: each read whole and given a header (name, bytes). A file
/// that cannot be sent (unreadable; over the pipeline's limit with `checkSize`) is reported
/// through `refused(path, code, message)` and skipped.
struct PushJobs {
    private let paths: [String]
    private let checkSize: Bool
    private var next = 0

    init(_ paths: [String], checkSize: Bool) { self.paths = paths; self.checkSize = checkSize }

    mutating func next(refused: (String, String, String) -> Void) -> TitanicPusher.Job<String>? {
        while next < paths.count {
            let path = paths[next]
            next += 1
            switch InputFile.read(path, limit: checkSize ? ReportPipeline.maxInputBytes : nil) {
            case .success(let bytes):
                return TitanicPusher.Job(tag: path, header: JobHeader(name: fileName(of: path), bytes: bytes.count), body: bytes)
            case .failure(.tooLarge(let size)):
                refused(path, "too_large", "\(path) has \(size) bytes; the limit is \(ReportPipeline.maxInputBytes)")
            case .failure(.unreadable(let code)):
                refused(path, "unreadable", "cannot read \(path): \(String(cString: strerror(code)))")
            }
        }
        return nil
    }
}

extension TitanicPusher.Outcome {
    /// Why a job was not stored, as `push` and `run` report it (nil when it was).
    var refusal: (code: String, message: String)? {
        switch self {
        case .acknowledged(.stored): return nil
        case .acknowledged(.refused(let r)): return (r.code.rawValue, r.message)
        case .noReply(let attempts): return ("timeout", "no reply from the broker after \(attempts) attempt(s)")
        case .unexpected(let e): return ("broker_error", "\(e)")
        }
    }
}
