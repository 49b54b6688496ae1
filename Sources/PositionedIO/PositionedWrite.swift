#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Positioned writes that finish what the kernel leaves undone: one pwritev for the usual case,
/// plain pwrites for the rest of a short one, EINTR retried. Shared by the journal's segment files
/// and the aggregator's output files, each of which classifies the errno into its own error.
public enum PositionedWrite {
    /// Writes `parts` back to back at `offset`. Returns 0, or the errno of the call that failed;
    /// bytes already written stay written (undoing them is the caller's business).
    public static func write(_ fd: Int32, _ parts: [UnsafeRawBufferPointer], at offset: Int) -> Int32 {
        var iov = parts.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        let total = parts.reduce(0) { $0 + $1.count }
        let n = iov.withUnsafeMutableBufferPointer { pwritev(fd, $0.baseAddress, Int32($0.count), off_t(offset)) }
        if n == total { return 0 }
        if n < 0, errno != EINTR { return errno }
        var skip = max(0, n)
        var position = offset + skip
        for part in parts {
            if skip >= part.count { skip -= part.count; continue }
            let rest = UnsafeRawBufferPointer(rebasing: part[skip...])
            skip = 0
            guard let base = rest.baseAddress else { continue }
            var done = 0
            while done < rest.count {
                let k = pwrite(fd, base + done, rest.count - done, off_t(position + done))
                if k < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += k
            }
            position += rest.count
        }
        return 0
    }
}
