import JobContract

/// A job id as kept in the dedup index: the broker's ids (32 lowercase hex digits) as their 16
/// bytes; anything else (ids of other producers, `local-N` of `reportq extract`) as text.
enum JobKey: Hashable {
    case id(JobID)
    case other(String)

    init(_ bytes: UnsafeRawBufferPointer) {
        if let id = JobID(hex: bytes) { self = .id(id) }
        else { self = .other(String(decoding: bytes, as: UTF8.self)) }
    }

    init(_ s: String) {
        var s = s
        self = s.withUTF8 { JobKey(UnsafeRawBufferPointer($0)) }
    }
}
