// jieba's finalseg HMM (states B/M/E/S) for runs of characters the dictionary does not cover.
// The tables come from jieba's finalseg/prob_{start,trans,emit}.py; the Viterbi below repeats
// jieba's arithmetic order and tie-breaking (Python compares (prob, state) tuples, so on equal
// probabilities the alphabetically larger state wins) so results match bit for bit.

public struct HMMModel: Sendable {
    /// State indices in alphabetical order, so "larger index wins ties" = Python's tuple max.
    static let B = 0, E = 1, M = 2, S = 3
    static let minFloat = -3.14e100
    /// Emission probabilities are kept for this range (finalseg's re_han); others get minFloat.
    static let firstHan: UInt32 = 0x4E00, lastHan: UInt32 = 0x9FD5

    let start: [Double]          // [state]
    let trans: [Double]          // [from * 4 + to]
    let emit: [Double]           // [(scalar - firstHan) * 4 + state]

    /// Loads the three tables from a directory holding prob_start.py, prob_trans.py, prob_emit.py.
    public init(directory: String) throws {
        func load(_ name: String) throws -> (PythonLiteral, String) {
            let path = directory + "/" + name
            return (try PythonLiteral.assignment("P", in: try FileBytes.read(path), path: path), path)
        }
        func stateIndex(_ key: PythonLiteral, _ path: String) throws -> Int {
            guard let s = key.asString, s.count == 1 else { throw SegmenterError.invalidModel(path: path, reason: "bad state key") }
            switch s[0] {
            case 0x42: return Self.B
            case 0x45: return Self.E
            case 0x4D: return Self.M
            case 0x53: return Self.S
            default: throw SegmenterError.invalidModel(path: path, reason: "unknown state \(s[0])")
            }
        }
        let (startLit, startPath) = try load("prob_start.py")
        var start = [Double](repeating: Self.minFloat, count: 4)
        for (k, v) in startLit.asDict ?? [] {
            guard let d = v.asNumber else { throw SegmenterError.invalidModel(path: startPath, reason: "non-numeric start") }
            start[try stateIndex(k, startPath)] = d
        }
        let (transLit, transPath) = try load("prob_trans.py")
        var trans = [Double](repeating: Self.minFloat, count: 16)
        for (k, v) in transLit.asDict ?? [] {
            let from = try stateIndex(k, transPath)
            for (k2, v2) in v.asDict ?? [] {
                guard let d = v2.asNumber else { throw SegmenterError.invalidModel(path: transPath, reason: "non-numeric trans") }
                trans[from * 4 + (try stateIndex(k2, transPath))] = d
            }
        }
        let (emitLit, emitPath) = try load("prob_emit.py")
        let span = Int(Self.lastHan - Self.firstHan) + 1
        var emit = [Double](repeating: Self.minFloat, count: span * 4)
        var entries = 0
        for (k, v) in emitLit.asDict ?? [] {
            let state = try stateIndex(k, emitPath)
            for (k2, v2) in v.asDict ?? [] {
                guard let ch = k2.asString, ch.count == 1, let d = v2.asNumber else {
                    throw SegmenterError.invalidModel(path: emitPath, reason: "bad emission entry")
                }
                let c = ch[0]
                // Characters outside finalseg's han range never reach the Viterbi.
                guard c >= Self.firstHan && c <= Self.lastHan else { continue }
                emit[Int(c - Self.firstHan) * 4 + state] = d
                entries += 1
            }
        }
        guard entries > 0 else { throw SegmenterError.invalidModel(path: emitPath, reason: "no emission probabilities") }
        self.start = start
        self.trans = trans
        self.emit = emit
    }

    func withView<R>(_ body: (HMMView) throws -> R) rethrows -> R {
        try start.withUnsafeBufferPointer { s in
            try trans.withUnsafeBufferPointer { t in
                try emit.withUnsafeBufferPointer { e in
                    try body(HMMView(start: s.baseAddress!, trans: t.baseAddress!, emit: e.baseAddress!))
                }
            }
        }
    }
}

struct HMMView {
    let start: UnsafePointer<Double>
    let trans: UnsafePointer<Double>
    let emit: UnsafePointer<Double>

    /// Viterbi over obs[0..<n] (all in the han range); writes the best state per position.
    /// `back` needs 4 * n bytes.
    func viterbi(_ obs: UnsafePointer<UInt32>, _ n: Int, back: UnsafeMutablePointer<UInt8>,
                 states: UnsafeMutablePointer<UInt8>) {
        let B = HMMModel.B, E = HMMModel.E, M = HMMModel.M, S = HMMModel.S
        let tEB = trans[E * 4 + B], tSB = trans[S * 4 + B]
        let tMM = trans[M * 4 + M], tBM = trans[B * 4 + M]
        let tSS = trans[S * 4 + S], tES = trans[E * 4 + S]
        let tBE = trans[B * 4 + E], tME = trans[M * 4 + E]
        var row = emit + Int(obs[0] - HMMModel.firstHan) * 4
        var vB = start[B] + row[B], vE = start[E] + row[E], vM = start[M] + row[M], vS = start[S] + row[S]
        var t = 1
        while t < n {
            row = emit + Int(obs[t] - HMMModel.firstHan) * 4
            let bk = back + t * 4
            // B ← E | S
            let bFromE = vE + tEB + row[B], bFromS = vS + tSB + row[B]
            let nB: Double
            if bFromS >= bFromE { nB = bFromS; bk[B] = UInt8(S) } else { nB = bFromE; bk[B] = UInt8(E) }
            // M ← M | B
            let mFromM = vM + tMM + row[M], mFromB = vB + tBM + row[M]
            let nM: Double
            if mFromM >= mFromB { nM = mFromM; bk[M] = UInt8(M) } else { nM = mFromB; bk[M] = UInt8(B) }
            // S ← S | E
            let sFromS = vS + tSS + row[S], sFromE = vE + tES + row[S]
            let nS: Double
            if sFromS >= sFromE { nS = sFromS; bk[S] = UInt8(S) } else { nS = sFromE; bk[S] = UInt8(E) }
            // E ← B | M
            let eFromM = vM + tME + row[E], eFromB = vB + tBE + row[E]
            let nE: Double
            if eFromM >= eFromB { nE = eFromM; bk[E] = UInt8(M) } else { nE = eFromB; bk[E] = UInt8(B) }
            vB = nB; vM = nM; vS = nS; vE = nE
            t += 1
        }
        var state = vS >= vE ? S : E
        var i = n - 1
        while true {
            states[i] = UInt8(state)
            if i == 0 { break }
            state = Int(back[i * 4 + state])
            i -= 1
        }
    }
}
