import JobContract

/// The `collect` service over a ResultStore, as a pure function from request frames to statuses
/// (protocols/titanic.md §3, CollectStatus). A request carries one or more [job header, record]
/// pairs (the broker batches jobs so one fsync covers them all); the reply has one status per
/// pair, in order: written, duplicate (already written, durably), or refused (not written; the
/// broker keeps the result and retries later).
public final class Collector {
    public let store: ResultStore

    public init(store: ResultStore) { self.store = store }

    private enum Outcome { case written, duplicate([UInt8]), failed(CollectRefusal) }

    public func handle(_ frames: [[UInt8]]) -> [CollectStatus] {
        guard !frames.isEmpty, frames.count % 2 == 0 else {
            return [.refused(CollectRefusal(.badRequest, "collect takes [job header, record] pairs, got \(frames.count) frames"))]
        }
        var outcomes: [Outcome] = []
        for pair in stride(from: 0, to: frames.count, by: 2) {
            let header = frames[pair], record = frames[pair + 1]
            if let problem = Collector.mismatch(header: header, record: record) {
                outcomes.append(.failed(CollectRefusal(.badRecord, problem)))
                continue
            }
            do {
                switch try store.append(record) {
                case .appended: outcomes.append(.written)
                case .duplicate: outcomes.append(.duplicate(record))
                }
            } catch {
                outcomes.append(.failed(Collector.refusal(error)))
            }
        }
        var flushError: CollectRefusal?
        do { try store.flush() } catch { flushError = Collector.refusal(error) }
        return outcomes.map { o in
            switch o {
            case .failed(let f): return .refused(f)
            case .written: return flushError.map(CollectStatus.refused) ?? .written
            case .duplicate(let record):
                // After a failed flush, a duplicate of a line from this very batch was rolled
                // back with it; one of an earlier, flushed line is still durable.
                if let flushError, !store.contains(record: record) { return .refused(flushError) }
                return .duplicate
            }
        }
    }

    static func refusal(_ error: Error) -> CollectRefusal {
        let code: CollectRefusal.Code
        switch error as? ResultStoreError {
        case .full?: code = .outputFull
        case .readOnly?: code = .outputReadOnly
        case .invalidLine?: code = .badRecord
        default: code = .outputFailed
        }
        return CollectRefusal(code, "\(error)")
    }

    /// A record must carry its header's job_id (when the header is readable; the store itself
    /// rejects a record without any job_id).
    static func mismatch(header: [UInt8], record: [UInt8]) -> String? {
        guard let id = (try? JobHeader.decode(header, as: .stored))?.jobID,
              let recordID = record.withUnsafeBytes({ RecordEnvelope.jobID(in: $0) }) else { return nil }
        return recordID == id.description ? nil : "record job_id differs from the header's"
    }
}

extension ResultStore {
    /// Whether the record's job id is stored (durable or pending).
    func contains(record: [UInt8]) -> Bool {
        guard let key = try? record.withUnsafeBytes({ try ResultStore.jobKey($0) }) else { return false }
        return index.contains(key)
    }
}
