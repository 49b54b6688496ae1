import Aggregator
import JobContract

/// `reportq run`'s output as a run resumes it: the lines already there, by content (for this
/// version's and this profile's lines: a file whose content has one is not processed again; a
/// panel-profile line does not stand for a full record) and by job id, then the lines the
/// aggregator appends, as they come. Only the envelope at the start of each line is read.
final class RunOutput {
    /// What a line says of its file.
    struct Line {
        var status: RecordStatus
        var code: String?
        var message: String
    }

    let path: String
    private let follower: LineFollower
    /// sha256 → the line of this version for that content.
    private(set) var byContent: [String: Line] = [:]
    /// job id → its line.
    private(set) var byJob: [String: Line] = [:]

    let profile: RecordProfile

    init(path: String, profile: RecordProfile = .full) throws {
        self.path = path
        self.profile = profile
        follower = LineFollower(path: path, from: .beginning)
        while true {
            var any = false
            try follower.poll(maxBytes: 64 << 20) { any = true; _ = take($0) }
            if !any { break }
        }
    }

    /// Lines appended since the last call: (job id, what it says).
    func poll() throws -> [(jobID: String, line: Line)] {
        var out: [(jobID: String, line: Line)] = []
        try follower.poll(maxBytes: 64 << 20) { if let t = take($0) { out.append(t) } }
        return out
    }

    /// Reads a line in place: only its envelope (and profile) are looked at.
    private func take(_ p: UnsafeRawBufferPointer) -> (jobID: String, line: Line)? {
        guard let e = RecordEnvelope.readOpening(p) ?? (try? RecordEnvelope.read(p)) else {
            // Not a record (an echo worker's header): its job id is all there is.
            guard let id = RecordEnvelope.jobID(in: p) else { return nil }
            return (id, Line(status: .ok, code: nil, message: ""))
        }
        let line: Line
        switch e.outcome {
        case .ok: line = Line(status: .ok, code: nil, message: "")
        case .error(let error): line = Line(status: .error, code: error.code.rawValue, message: error.message)
        }
        byJob[e.jobID] = line
        // An error line stands for its content whatever the profile (the file failed before the body).
        if let sha = e.source.sha256, e.producer?.version == ReportqVersion.current,
           line.status == .error || RecordEnvelope.profile(of: p) == profile { byContent[sha] = line }
        return (e.jobID, line)
    }
}
