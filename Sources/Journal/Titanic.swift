import Foundation
import Glibc
import JSONOutput

/// The broker side of Titanic (RFC 9) over the journal, as pure functions from request frames
/// to reply frames, so the broker's built-in services are thin (protocols/titanic.md).
public struct Titanic: Sendable {
    public let journal: Journal
    public var services: Set<String> = ["ingest"]

    public init(journal: Journal) { self.journal = journal }

    /// titanic.request: [service, header JSON, body] → ["200", id] | ["500", code, message].
    /// With `sync: false` the record is not yet durable: use `requestBatch`, or call
    /// `journal.sync()` yourself and send `refusal(for:)` instead of every "200" if it throws.
    public func request(_ frames: [[UInt8]], sync: Bool = true) -> [[UInt8]] {
        Titanic.withBuffers(frames[...], []) { request($0, sync: sync) }
    }

    /// `request` over frames read in place (e.g. received messages): the body is written to the
    /// journal from where it lies.
    public func request(_ frames: [UnsafeRawBufferPointer], sync: Bool = true) -> [[UInt8]] {
        guard frames.count == 3 else { return Titanic.refused("bad_request", "titanic.request takes 3 frames: service, header, body; got \(frames.count)") }
        let service = String(decoding: frames[0], as: UTF8.self)
        guard services.contains(service) else { return Titanic.refused("unknown_service", "no Titanic-backed service \"\(service)\"") }
        let body = frames[2]
        let fields: [String: Any]
        switch Titanic.checkedHeader(Data(frames[1]), bodyCount: body.count) {
        case .failure(let message): return Titanic.refused("bad_request", message)
        case .success(let f): fields = f
        }
        do {
            let id = try journal.submit(body: body, sync: sync) { id in try Titanic.canonicalHeader(fields, id: id) }
            return [Array("200".utf8), Array(id.description.utf8)]
        } catch {
            return Titanic.refusal(for: error)
        }
    }

    /// Stores every request, fsyncs once (group commit), then answers them all.
    public func requestBatch(_ requests: [[[UInt8]]]) -> [[[UInt8]]] {
        commitBatch(requests.map { request($0, sync: false) })
    }

    /// The group commit of `request(_:sync: false)` calls: fsyncs once, and if that fails turns
    /// each of their "200" replies into the refusal.
    public func commitBatch(_ replies: [[[UInt8]]]) -> [[[UInt8]]] {
        var replies = replies
        guard replies.contains(where: { $0.first == Array("200".utf8) }) else { return replies }
        do { try journal.sync() } catch {
            let refusal = Titanic.refusal(for: error)
            for i in replies.indices where replies[i].first == Array("200".utf8) { replies[i] = refusal }
        }
        return replies
    }

    /// Calls `body` with the bytes of every frame (arrays give up their storage one at a time).
    static func withBuffers<R>(_ frames: ArraySlice<[UInt8]>, _ done: [UnsafeRawBufferPointer],
                               _ body: ([UnsafeRawBufferPointer]) -> R) -> R {
        guard let first = frames.first else { return body(done) }
        return first.withUnsafeBytes { withBuffers(frames.dropFirst(), done + [$0], body) }
    }

    /// titanic.reply: [id] → ["200", status JSON] | ["300", status JSON] | ["400"]. A done job's
    /// JSON carries the written line's "status" ("ok" or "error"), so `push --wait` can tell.
    public func reply(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard frames.count == 1, let id = JobID(String(decoding: frames[0], as: UTF8.self)),
              let status = journal.status(id) else { return [Array("400".utf8)] }
        let (code, state, attempts): (String, String, Int)
        switch status {
        case .done: (code, state, attempts) = ("200", "done", 0)
        case .queued(let a): (code, state, attempts) = ("300", "queued", a)
        case .inFlight(let a): (code, state, attempts) = ("300", "in_flight", a)
        case .resultPending(let a): (code, state, attempts) = ("300", "result_pending", a)
        case .failed(_, let a): (code, state, attempts) = ("300", "failed", a)   // an error line is on its way
        }
        var json = #"{"job_id":"\#(id)","state":"\#(state)""#
        if state != "done" { json += #","attempts":\#(attempts)"# }
        else { json += journal.wroteErrorLine(id) ? #","status":"error""# : #","status":"ok""# }   // the written line's status
        return [Array(code.utf8), Array((json + "}").utf8)]
    }

    /// titanic.close: [id] → ["200"], idempotent.
    public func close(_ frames: [[UInt8]]) -> [[UInt8]] {
        if frames.count == 1, let id = JobID(String(decoding: frames[0], as: UTF8.self)) {
            do { try journal.closeJob(id) } catch { return Titanic.refusal(for: error) }
        }
        return [Array("200".utf8)]
    }

    // MARK: - Pieces the broker also needs

    /// The "500" reply for a journal error (codes in protocols/titanic.md).
    public static func refusal(for error: Error) -> [[UInt8]] {
        guard let e = error as? JournalError else { return refused("journal_failed", "\(error)") }
        switch e {
        case .full: return refused("journal_full", e.description)
        case .readOnly: return refused("journal_read_only", e.description)
        case .tooLarge: return refused("too_large", e.description)
        case .failed, .io, .locked, .unknownJob, .invalidTransition: return refused("journal_failed", e.description)
        }
    }

    /// The error record the broker collects for a job that failed all its attempts.
    public static func failureRecord(header: [UInt8], code: String = "worker_failed", message: String) -> [UInt8] {
        let h = (try? JSONSerialization.jsonObject(with: Data(header))) as? [String: Any] ?? [:]
        var source: [String: Any] = ["name": h["name"] as? String ?? "", "bytes": (h["bytes"] as? NSNumber)?.intValue ?? 0]
        if let sha = h["sha256"] as? String, !sha.isEmpty { source["sha256"] = sha }
        let rest: [String: Any] = ["status": "error", "source": source, "error": ["code": code, "message": message]]
        return jobIDFirst(h["job_id"] as? String ?? "", rest)
    }

    static func refused(_ code: String, _ message: String) -> [[UInt8]] {
        [Array("500".utf8), Array(code.utf8), Array(message.utf8)]
    }

    enum Checked { case success([String: Any]), failure(String) }

    static func checkedHeader(_ header: Data, bodyCount: Int) -> Checked {
        guard let obj = try? JSONSerialization.jsonObject(with: header), let fields = obj as? [String: Any] else {
            return .failure("header is not a JSON object")
        }
        guard let name = fields["name"] as? String, !name.isEmpty else { return .failure("header needs a non-empty \"name\"") }
        guard let n = fields["bytes"] as? NSNumber, String(cString: n.objCType) != "c", n.doubleValue == Double(bodyCount) else {
            return .failure("header \"bytes\" must equal the body length \(bodyCount)")
        }
        if let sha = fields["sha256"] {
            guard let s = sha as? String, s.isEmpty || (s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
                return .failure("header \"sha256\" must be 64 lowercase hex digits")
            }
        }
        if let o = fields["options"], !(o is [String: Any]) { return .failure("header \"options\" must be an object") }
        return .success(fields)
    }

    /// The stored header: the client's fields with the broker's job_id (first) and submitted_at.
    static func canonicalHeader(_ fields: [String: Any], id: JobID) throws -> [UInt8] {
        var rest = fields
        rest["job_id"] = nil
        rest["submitted_at"] = rfc3339(milliseconds: id.milliseconds)
        return jobIDFirst(id.description, rest)
    }

    /// `{"job_id":"…",<other fields sorted>}`: job_id first, as the output contract requires.
    static func jobIDFirst(_ id: String, _ rest: [String: Any]) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 256)
        w.beginObject()
        w.key("job_id"); w.string(id)
        for key in rest.keys.sorted() { w.key(key); HeaderJSON.write(rest[key]!, to: &w) }
        w.endObject()
        return w.bytes
    }

    static func rfc3339(milliseconds ms: UInt64) -> String {
        var t = time_t(ms / 1000)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = Int(ms % 1000)
        let frac = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)).\(frac)Z"
    }
}
