// OpenCC's conversion (Converter::Convert in libopencc) re-done over Unicode scalars:
//   1. max-match segmentation: at each position the segmentation dictionary's longest
//      prefix becomes a segment of its own; unmatched scalars gather into runs;
//   2. each segment goes through the conversion chain; each step is a dictionary group:
//      at each position the first dictionary of the group that has a prefix match wins
//      (its longest one), emitting the entry's default value, else the scalar itself.
//      Matches never cross a segment's end, and the segments stay the same along the chain.
// The dictionaries come from libopencc itself (OpenCCConfigLoader); tests compare the
// output with libopencc's on the corpus and on random text.

final class OpenCCScalarConverter: Sendable {
    /// A dictionary group: the first dictionary with a match at a position decides.
    typealias Group = [ScalarDictionary]

    let segmentation: Group
    let chain: [Group]

    init(segmentation: Group, chain: [Group]) {
        self.segmentation = segmentation
        self.chain = chain
    }

    func convert(_ s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count + s.count / 16)
        var scratch: ([UInt32], [UInt32]) = ([], [])
        s.withUnsafeBufferPointer { p in
            let n = p.count
            var runStart = 0, i = 0
            while i < n {
                guard let m = Self.match(segmentation, p, at: i, end: n) else { i += 1; continue }
                if runStart < i { convertSegment(p, runStart, i, into: &out, &scratch) }
                convertSegment(p, i, i + m.length, into: &out, &scratch)
                i += m.length
                runStart = i
            }
            if runStart < n { convertSegment(p, runStart, n, into: &out, &scratch) }
        }
        return out
    }

    /// One segment through the whole chain; intermediate steps go through scratch buffers.
    private func convertSegment(_ p: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int,
                                into out: inout [UInt32], _ scratch: inout ([UInt32], [UInt32])) {
        if chain.count == 1 { Self.apply(chain[0], p, start, end, into: &out); return }
        scratch.0.removeAll(keepingCapacity: true)
        scratch.0.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
        for step in chain.indices {
            if step == chain.count - 1 {
                scratch.0.withUnsafeBufferPointer { Self.apply(chain[step], $0, 0, $0.count, into: &out) }
            } else {
                scratch.1.removeAll(keepingCapacity: true)
                scratch.0.withUnsafeBufferPointer { Self.apply(chain[step], $0, 0, $0.count, into: &scratch.1) }
                swap(&scratch.0, &scratch.1)
            }
        }
        if chain.isEmpty { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end])) }
    }

    /// One conversion step over text[start..<end].
    private static func apply(_ group: Group, _ p: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int,
                              into out: inout [UInt32]) {
        var i = start
        while i < end {
            if let m = match(group, p, at: i, end: end) {
                let value = group[m.dict].values[m.value]
                if value.count == 1 { out.append(value[0]) } else { out.append(contentsOf: value) }
                i += m.length
            } else {
                out.append(p[i])
                i += 1
            }
        }
    }

    /// The group's match at i: the first dictionary that has one.
    @inline(__always)
    private static func match(_ group: Group, _ p: UnsafeBufferPointer<UInt32>, at i: Int, end: Int)
        -> (dict: Int, length: Int, value: Int)? {
        for d in group.indices {
            if let m = group[d].longestPrefix(p, at: i, end: end) { return (d, m.length, m.value) }
        }
        return nil
    }
}
