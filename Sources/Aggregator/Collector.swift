/// The `collect` service over a ResultStore, as a pure function from request frames to reply
/// frames (protocols/titanic.md §3). A request carries one or more [job header, record] pairs
/// (the broker batches jobs so one fsync covers them all); the reply has one status frame per
/// pair, in order:
///   "200"                      the line is durably written now
///   "208"                      it was already written (duplicate delivery), durably
///   "500 <code> <message>"     not written; the broker keeps the result and retries later
public final class Collector {
    public let store: ResultStore

    public init(store: ResultStore) { self.store = store }

    private enum Outcome { case written, duplicate([UInt8]), failed([UInt8]) }

    public func handle(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard !frames.isEmpty, frames.count % 2 == 0 else {
            return [Array("500 bad_request collect takes [job header, record] pairs, got \(frames.count) frames".utf8)]
        }
        var outcomes: [Outcome] = []
        for pair in stride(from: 0, to: frames.count, by: 2) {
            let header = frames[pair], record = frames[pair + 1]
            if let problem = Collector.mismatch(header: header, record: record) {
                outcomes.append(.failed(Array("500 bad_record \(problem)".utf8)))
                continue
            }
            do {
                switch try store.append(record) {
                case .appended: outcomes.append(.written)
                case .duplicate: outcomes.append(.duplicate(record))
                }
            } catch {
                outcomes.append(.failed(Collector.failure(error)))
            }
        }
        var flushError: [UInt8]?
        do { try store.flush() } catch { flushError = Collector.failure(error) }
        return outcomes.map { o in
            switch o {
            case .failed(let f): return f
            case .written: return flushError ?? Array("200".utf8)
            case .duplicate(let record):
                // After a failed flush, a duplicate of a line from this very batch was rolled
                // back with it; one of an earlier, flushed line is still durable.
                if flushError != nil, !store.contains(record: record) { return flushError! }
                return Array("208".utf8)
            }
        }
    }

    static func failure(_ error: Error) -> [UInt8] {
        let code: String
        switch error as? ResultStoreError {
        case .full?: code = "output_full"
        case .readOnly?: code = "output_read_only"
        case .invalidLine?: code = "bad_record"
        default: code = "output_failed"
        }
        return Array("500 \(code) \(error)".utf8)
    }

    /// A record must carry its header's job_id (when both are readable on the fast path; the
    /// store itself rejects a record without any job_id).
    static func mismatch(header: [UInt8], record: [UInt8]) -> String? {
        let h = header.withUnsafeBytes { p in JobIDScanner.valueRange(in: p).map { Array(header[$0]) } }
        let r = record.withUnsafeBytes { p in JobIDScanner.valueRange(in: p).map { Array(record[$0]) } }
        if let h, let r, h != r { return "record job_id differs from the header's" }
        return nil
    }
}

extension ResultStore {
    /// Whether the record's job id is stored (durable or pending).
    func contains(record: [UInt8]) -> Bool {
        guard let key = try? record.withUnsafeBytes({ try ResultStore.jobKey($0) }) else { return false }
        return index.contains(key)
    }
}
