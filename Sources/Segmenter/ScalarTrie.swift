// A trie over Unicode scalars, stored as one open-addressing hash of edges plus a direct
// table for the root's BMP children. Node 0 is the root; every inserted sequence and all of
// its prefixes exist as nodes, which mirrors jieba's prefix dictionary (gen_pfdict).
//
// Each edge is one UInt64 slot: scalar (21 bits) | parent (21 bits) << 21 | child (21 bits) << 42,
// so a lookup touches a single cache line in the common case.

public struct ScalarTrie: Sendable {
    static let maxNodes = 1 << 21
    private static let emptySlot = UInt64.max
    private static let keyMask: UInt64 = (1 << 42) - 1
    private static let rootTableSize = 0x10000

    private(set) var slots: [UInt64]
    private(set) var shift: UInt64          // 64 - log2(slots.count)
    private(set) var rootChildren: [UInt32] // child of root by scalar (< 0x10000); 0 = none
    private(set) var nodeCount = 1
    private var edgeCount = 0

    public init(expectedNodes: Int = 1024) {
        var capacity = 1024
        while capacity < expectedNodes * 2 { capacity <<= 1 }
        slots = Array(repeating: Self.emptySlot, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        rootChildren = Array(repeating: 0, count: Self.rootTableSize)
    }

    @inline(__always)
    static func hashIndex(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Child of `node` by `scalar`, or nil.
    @inline(__always)
    public func child(of node: Int, _ scalar: UInt32) -> Int? {
        if node == 0 && scalar < Self.rootTableSize {
            let c = rootChildren[Int(scalar)]
            return c == 0 ? nil : Int(c)
        }
        let key = UInt64(node) << 21 | UInt64(scalar)
        let mask = slots.count - 1
        var i = Self.hashIndex(key, shift: shift)
        while true {
            let s = slots[i]
            if s == Self.emptySlot { return nil }
            if s & Self.keyMask == key { return Int(s >> 42) }
            i = (i + 1) & mask
        }
    }

    /// The node reached by the whole sequence, or nil if it is not a prefix of any entry.
    public func node<C: Collection>(for scalars: C) -> Int? where C.Element == UInt32 {
        var node = 0
        for s in scalars {
            guard let c = child(of: node, s) else { return nil }
            node = c
        }
        return node
    }

    /// Inserts the sequence (and so all its prefixes); returns its node.
    /// Throws when the trie would exceed its node capacity.
    @discardableResult
    public mutating func insert<C: Collection>(_ scalars: C) throws -> Int where C.Element == UInt32 {
        var node = 0
        for s in scalars { node = try step(node, s) }
        return node
    }

    /// The previously inserted word and the nodes along it, for `insert(_:after:)`.
    struct SortedInsertion {
        var previous: [UInt32] = []
        var path: [Int] = [0]      // path[i] = node after i scalars of `previous`
        public init() {}
    }

    /// Inserts `word` reusing the path of the previously inserted word: sorted input, as
    /// jieba's dict.txt, shares long prefixes.
    mutating func insert(_ word: UnsafeBufferPointer<UInt32>, after state: inout SortedInsertion) throws -> Int {
        let n = word.count
        var common = 0
        let limit = min(n, state.previous.count)
        state.previous.withUnsafeBufferPointer { prev in
            while common < limit && word[common] == prev[common] { common += 1 }
        }
        if state.path.count > common + 1 { state.path.removeLast(state.path.count - common - 1) }
        if state.previous.count > common { state.previous.removeLast(state.previous.count - common) }
        var node = state.path[common]
        var fresh = false   // a node created just now has no children yet: no lookup needed
        var k = common
        if !fresh, k < n {
            // Existing children first (lookups), then fresh nodes (no lookups).
            while k < n {
                let s = word[k]
                if let c = child(of: node, s) {
                    node = c
                } else {
                    node = try create(node, s); fresh = true
                }
                state.path.append(node); state.previous.append(s)
                k += 1
                if fresh { break }
            }
        }
        while k < n {
            node = try create(node, word[k])
            state.path.append(node); state.previous.append(word[k])
            k += 1
        }
        return node
    }

    /// The child of `node` by `s`, created if missing.
    @inline(__always)
    private mutating func step(_ node: Int, _ s: UInt32) throws -> Int {
        if let c = child(of: node, s) { return c }
        return try create(node, s)
    }

    /// Adds a child of `node` by `s`, which must not exist yet.
    @inline(__always)
    private mutating func create(_ node: Int, _ s: UInt32) throws -> Int {
        guard nodeCount < Self.maxNodes else { throw SegmenterError.dictionaryTooLarge(nodes: nodeCount) }
        guard s <= 0x10FFFF else { throw SegmenterError.invalidScalar(s) }
        let newNode = nodeCount
        nodeCount += 1
        if node == 0 && s < Self.rootTableSize {
            rootChildren[Int(s)] = UInt32(newNode)
        } else {
            if (edgeCount + 1) * 2 > slots.count { grow() }
            put(UInt64(node) << 21 | UInt64(s), child: newNode)
            edgeCount += 1
        }
        return newNode
    }

    private mutating func put(_ key: UInt64, child: Int) {
        let shift = self.shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var i = Self.hashIndex(key, shift: shift)
            while slots[i] != Self.emptySlot { i = (i + 1) & mask }
            slots[i] = key | UInt64(child) << 42
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.emptySlot, count: old.count * 2)
        shift -= 1
        for s in old where s != Self.emptySlot {
            put(s & Self.keyMask, child: Int(s >> 42))
        }
    }

    /// Unsafe read-only view for hot loops; valid while `body` runs.
    func withView<R>(_ body: (TrieView) throws -> R) rethrows -> R {
        try slots.withUnsafeBufferPointer { sp in
            try rootChildren.withUnsafeBufferPointer { rp in
                try body(TrieView(slots: sp.baseAddress!, mask: sp.count - 1, shift: shift, root: rp.baseAddress!))
            }
        }
    }
}

/// Pointer-based lookups used inside the segmentation loops.
/// A lookup returns the child node with a "is a word" flag at bit 21 (`wordFlag`), or 0 if
/// there is no such child. Only the frozen copy in Segmenter carries flags (see
/// `ScalarTrie.flaggedTables`); a view of a builder trie never sets them.
struct TrieView {
    static let nodeMask = (1 << 21) - 1
    static let wordFlag = 1 << 21

    let slots: UnsafePointer<UInt64>
    let mask: Int
    let shift: UInt64
    let root: UnsafePointer<UInt32>

    @inline(__always)
    func child(of node: Int, _ scalar: UInt32) -> Int {
        if node == 0 && scalar < 0x10000 { return Int(root[Int(scalar)]) }
        let key = UInt64(node) << 21 | UInt64(scalar)
        var i = ScalarTrie.hashIndex(key, shift: shift)
        while true {
            let s = slots[i]
            if s == UInt64.max { return 0 }
            if s & 0x3FF_FFFF_FFFF == key { return Int(s >> 42) }
            i = (i + 1) & mask
        }
    }

    /// Flagged node of p[from..<to], or 0 if absent.
    @inline(__always)
    func node(_ p: UnsafePointer<UInt32>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            n = child(of: n & Self.nodeMask, p[i])
            if n == 0 { return 0 }
            i += 1
        }
        return n
    }
}

extension ScalarTrie {
    /// Copies of the edge table and root table with the word flag set on every edge whose
    /// child `isWord`, so the hot loop reads a node's score only for real words.
    func flaggedTables(isWord: (Int) -> Bool) -> (slots: [UInt64], root: [UInt32]) {
        var s = slots
        for i in s.indices where s[i] != UInt64.max && isWord(Int(s[i] >> 42)) {
            s[i] |= 1 << 63
        }
        let r = rootChildren.map { c in c != 0 && isWord(Int(c)) ? c | UInt32(TrieView.wordFlag) : c }
        return (s, r)
    }
}
