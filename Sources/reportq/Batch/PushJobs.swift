import Glibc
import JobContract
import ReportKit
import Titanic

/// The files of a push as Titanic jobs: each read whole and given a header (name, the path as
/// named, bytes, SHA-256, options). A file that cannot be sent (an entry that is not a readable
/// file; unreadable; over the pipeline's limit with `checkSize`) is reported through
/// `refused(path, code, message)` and skipped; one for which `skip(path, sha256)` says so is
/// passed over (`run`: its line is already written).
struct PushJobs {
    private let paths: [InputPath]
    private let checkSize: Bool
    private let options: JobOptions
    private let force: Bool
    private var next = 0

    init(_ paths: [InputPath], checkSize: Bool, options: JobOptions = JobOptions(), force: Bool = false) {
        self.paths = paths; self.checkSize = checkSize; self.options = options; self.force = force
    }

    mutating func next(refused: (LocalPath, String, String) -> Void,
                       skip: (LocalPath, String) -> Bool = { _, _ in false }) -> TitanicPusher.Job<LocalPath>? {
        while next < paths.count {
            let input = paths[next]
            let path = input.path
            next += 1
            switch InputFile.read(input, limit: checkSize ? ReportPipeline.maxInputBytes : nil) {
            case .success(let bytes):
                let sha256 = ReportPipeline.sha256Hex(bytes)
                if skip(path, sha256) { continue }
                let name = path.lastComponent
                let header = JobHeader(name: name.text, nameBase64: name.base64UnlessUTF8, path: path.text, bytes: bytes.count,
                                       sha256: sha256, options: options, force: force)
                return TitanicPusher.Job(tag: path, header: header, body: bytes)
            case .failure(.tooLarge(let size)):
                refused(path, "too_large", "\(path.escaped) has \(size) bytes; the limit is \(ReportPipeline.maxInputBytes)")
            case .failure(.unreadable(let code)):
                refused(path, "unreadable", "cannot read \(path.escaped): \(String(cString: strerror(code)))")
            case .failure(.notAFile(let problem)):
                refused(path, "unreadable", "\(path.escaped): \(problem)")
            }
        }
        return nil
    }
}

extension TitanicPusher.Outcome {
    /// Why a job was not stored, as `push` and `run` report it (nil when it was, or when the
    /// broker already held a job for the same content).
    var refusal: (code: String, message: String)? {
        switch self {
        case .acknowledged(.stored), .acknowledged(.known): return nil
        case .acknowledged(.refused(let r)): return (r.code.rawValue, r.message)
        case .noReply(let attempts): return ("timeout", "no reply from the broker after \(attempts) attempt(s)")
        case .unexpected(let e): return ("broker_error", "\(e)")
        }
    }
}
