// The segmentation loops: jieba 0.42.1's `Tokenizer.cut` (cut_all=False) with `__cut_DAG`
// (HMM on) or `__cut_DAG_NO_HMM`, on Unicode scalars. Tokens always tile the input, so the
// output is just each token's end offset.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scores a trie node as a word: log(freq) - log(total), or NaN when the node is only a prefix.
protocol WordScorer {
    func score(_ node: Int) -> Double
    /// False when the trie's word flags are reliable, so prefix-only nodes need no score.
    static var scoresEveryNode: Bool { get }
}

/// The frozen segmenter's precomputed scores.
struct TableScorer: WordScorer {
    static var scoresEveryNode: Bool { false }
    let logp: UnsafePointer<Double>
    @inline(__always) func score(_ node: Int) -> Double { logp[node] }
}

/// Scores from live frequencies, used while user dictionaries are being added (suggest_freq).
struct LiveScorer: WordScorer {
    static var scoresEveryNode: Bool { true }
    let freq: UnsafePointer<Int>
    let logTotal: Double
    @inline(__always) func score(_ node: Int) -> Double {
        let f = freq[node]
        return f != 0 ? log(Double(f)) - logTotal : .nan
    }
}

/// Character classes of jieba's regular expressions, on scalars.
enum CharClass {
    /// re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]
    @inline(__always) static func isBlock(_ c: UInt32) -> Bool {
        if c >= 0x4E00 { return c <= 0x9FD5 }
        if c >= 0x80 { return false }
        // Bit sets of the ASCII members, for scalars 0..<64 and 64..<128.
        return c < 64 ? (0x03FF_6868_0000_0000 as UInt64) >> UInt64(c) & 1 != 0
                      : (0x07FF_FFFE_87FF_FFFE as UInt64) >> UInt64(c - 64) & 1 != 0
    }

    /// finalseg's re_han: [\u4E00-\u9FD5]
    @inline(__always) static func isHan(_ c: UInt32) -> Bool { c >= 0x4E00 && c <= 0x9FD5 }
    /// re_eng: [a-zA-Z0-9]
    @inline(__always) static func isAlnum(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
    }
    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
}

/// Working memory for one cut call, sized for the input.
struct CutScratch {
    var prob: UnsafeMutablePointer<Double>
    var next: UnsafeMutablePointer<Int32>
    var back: UnsafeMutablePointer<UInt8>
    var states: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity n: Int) {
        capacity = n
        prob = .allocate(capacity: n + 1)
        next = .allocate(capacity: n + 1)
        back = .allocate(capacity: 4 * n + 4)
        states = .allocate(capacity: n + 1)
    }
    func free() {
        prob.deallocate(); next.deallocate(); back.deallocate(); states.deallocate()
    }
}

struct CutEngine<Scorer: WordScorer> {
    let trie: TrieView
    let scorer: Scorer
    let fallback: Double                  // log(1) - log(total), for a character no word covers
    let hmm: HMMView?                     // nil = HMM off
    let forceSplit: Set<[UInt32]>         // words added with freq 0 (finalseg splits them)
    let scratch: CutScratch

    /// Cuts s[0..<n]; appends each token's end offset to `ends` (capacity ≥ n) and returns the count.
    func cut(_ s: UnsafePointer<UInt32>, _ n: Int, ends: UnsafeMutablePointer<Int32>) -> Int {
        var out = ends
        var i = 0
        while i < n {
            let c = s[i]
            if CharClass.isBlock(c) {
                var j = i + 1
                while j < n && CharClass.isBlock(s[j]) { j += 1 }
                if hmm != nil { cutBlockHMM(s, i, j, &out) } else { cutBlockNoHMM(s, i, j, &out) }
                i = j
            } else if c == 0x0D && i + 1 < n && s[i + 1] == 0x0A {
                i += 2; out.pointee = Int32(i); out += 1   // re_skip keeps "\r\n" whole
            } else {
                i += 1; out.pointee = Int32(i); out += 1   // everything else char by char
            }
        }
        return out - ends
    }

    /// jieba's calc(): best route from the right over the DAG of dictionary words.
    /// Leaves next[k - a] = end (absolute) of the word starting at k on the best route.
    @inline(__always)
    func route(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int) {
        let prob = scratch.prob - a   // indexable by absolute position
        let next = scratch.next - a
        prob[b] = 0
        var k = b - 1
        while k >= a {
            var best = -Double.infinity
            var bestEnd = -1
            var raw = trie.child(of: 0, s[k])
            var i = k
            while raw != 0 {
                let node = raw & TrieView.nodeMask
                if Scorer.scoresEveryNode || raw > TrieView.nodeMask {
                    let cand = scorer.score(node) + prob[i + 1]   // NaN for a mere prefix: never chosen
                    if cand >= best { best = cand; bestEnd = i + 1 }  // ties: the longer word, as max((p, x))
                }
                i += 1
                if i >= b { break }
                raw = trie.child(of: node, s[i])
            }
            if bestEnd < 0 { best = fallback + prob[k + 1]; bestEnd = k + 1 }
            prob[k] = best
            next[k] = Int32(bestEnd)
            k -= 1
        }
    }

    @inline(__always)
    func isWord(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int) -> Bool {
        let raw = trie.node(s, a, b)
        if raw == 0 { return false }
        return Scorer.scoresEveryNode ? !scorer.score(raw & TrieView.nodeMask).isNaN : raw > TrieView.nodeMask
    }

    /// __cut_DAG: words on the route; runs of single characters go to the HMM unless the run
    /// itself is a dictionary word.
    func cutBlockHMM(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        route(s, a, b)
        let next = scratch.next - a
        var x = a
        var buf = -1
        while x < b {
            let y = Int(next[x])
            if y - x == 1 {
                if buf < 0 { buf = x }
            } else {
                if buf >= 0 { flush(s, buf, x, &out); buf = -1 }
                out.pointee = Int32(y); out += 1
            }
            x = y
        }
        if buf >= 0 { flush(s, buf, b, &out) }
    }

    @inline(__always)
    func flush(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        if b - a == 1 {
            out.pointee = Int32(b); out += 1
        } else if !isWord(s, a, b) {
            finalseg(s, a, b, &out)
        } else {
            for k in (a + 1)...b { out.pointee = Int32(k); out += 1 }
        }
    }

    /// finalseg.cut: han runs through the Viterbi, the rest split by re_skip
    /// ([a-zA-Z0-9]+(?:\.\d+)?%?) with the text between matches kept whole.
    func finalseg(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        var i = a
        while i < b {
            var j = i + 1
            if CharClass.isHan(s[i]) {
                while j < b && CharClass.isHan(s[j]) { j += 1 }
                viterbiCut(s, i, j, &out)
            } else {
                while j < b && !CharClass.isHan(s[j]) { j += 1 }
                skipSplit(s, i, j, &out)
            }
            i = j
        }
    }

    func skipSplit(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        var p = a
        var pending = a
        while p < b {
            guard CharClass.isAlnum(s[p]) else { p += 1; continue }
            if p > pending { out.pointee = Int32(p); out += 1 }
            var q = p + 1
            while q < b && CharClass.isAlnum(s[q]) { q += 1 }
            if q + 1 < b && s[q] == 0x2E && CharClass.isDigit(s[q + 1]) {
                q += 2
                while q < b && CharClass.isDigit(s[q]) { q += 1 }
            }
            if q < b && s[q] == 0x25 { q += 1 }
            out.pointee = Int32(q); out += 1
            p = q; pending = q
        }
        if pending < b { out.pointee = Int32(b); out += 1 }
    }

    func viterbiCut(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        let n = b - a
        let states = scratch.states
        hmm!.viterbi(s + a, n, back: scratch.back, states: states)
        var begin = 0, nexti = 0
        for i in 0..<n {
            switch Int(states[i]) {
            case HMMModel.B: begin = i
            case HMMModel.E: emitWord(s, a + begin, a + i + 1, &out); nexti = i + 1
            case HMMModel.S: out.pointee = Int32(a + i + 1); out += 1; nexti = i + 1
            default: break
            }
        }
        if nexti < n { out.pointee = Int32(b); out += 1 }
    }

    @inline(__always)
    func emitWord(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        if !forceSplit.isEmpty && forceSplit.contains(Array(UnsafeBufferPointer(start: s + a, count: b - a))) {
            for k in (a + 1)...b { out.pointee = Int32(k); out += 1 }
        } else {
            out.pointee = Int32(b); out += 1
        }
    }

    /// __cut_DAG_NO_HMM: words on the route, with consecutive single [a-zA-Z0-9] chars merged.
    func cutBlockNoHMM(_ s: UnsafePointer<UInt32>, _ a: Int, _ b: Int, _ out: inout UnsafeMutablePointer<Int32>) {
        route(s, a, b)
        let next = scratch.next - a
        var x = a
        var inBuf = false
        while x < b {
            let y = Int(next[x])
            if y - x == 1 && CharClass.isAlnum(s[x]) {
                inBuf = true
            } else {
                if inBuf { out.pointee = Int32(x); out += 1; inBuf = false }
                out.pointee = Int32(y); out += 1
            }
            x = y
        }
        if inBuf { out.pointee = Int32(b); out += 1 }
    }
}
