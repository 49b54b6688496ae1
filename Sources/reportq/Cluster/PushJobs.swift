import Glibc
import JobContract
import ReportKit
import Titanic

/// The files of a push as Titanic jobs: each read whole and given a header (name, bytes). A file
/// that cannot be sent (an entry that is not a readable file; unreadable; over the pipeline's
/// limit with `checkSize`) is reported through `refused(path, code, message)` and skipped.
struct PushJobs {
    private let paths: [InputPath]
    private let checkSize: Bool
    private var next = 0

    init(_ paths: [InputPath], checkSize: Bool) { self.paths = paths; self.checkSize = checkSize }

    mutating func next(refused: (LocalPath, String, String) -> Void) -> TitanicPusher.Job<LocalPath>? {
        while next < paths.count {
            let input = paths[next]
            let path = input.path
            next += 1
            switch InputFile.read(input, limit: checkSize ? ReportPipeline.maxInputBytes : nil) {
            case .success(let bytes):
                let name = path.lastComponent
                return TitanicPusher.Job(tag: path, header: JobHeader(name: name.text, nameBase64: name.base64UnlessUTF8, bytes: bytes.count), body: bytes)
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
