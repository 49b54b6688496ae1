/// A FIFO on one array with a moving head: O(1) push and pop, no per-operation allocation
/// once warm, and pushFront for requeueing a request at the head of its line.
struct Queue<Element> {
    private var items: [Element?] = []
    private var head = 0

    var count: Int { items.count - head }
    var isEmpty: Bool { head == items.count }
    var first: Element? { head < items.count ? items[head] : nil }

    mutating func append(_ e: Element) { items.append(e) }

    mutating func pushFront(_ e: Element) {
        if head > 0 { head -= 1; items[head] = e } else { items.insert(e, at: 0) }
    }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let e = items[head]
        items[head] = nil
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        else if head >= 1024 && head * 2 >= items.count { items.removeFirst(head); head = 0 }
        return e
    }

    /// Removes the elements matching `predicate` (rare: a worker leaving the waiting line).
    mutating func removeAll(where predicate: (Element) -> Bool) {
        let kept = items[head...].compactMap { $0 }.filter { !predicate($0) }
        items = kept.map { Optional($0) }
        head = 0
    }

    var elements: [Element] { items[head...].compactMap { $0 } }
}
