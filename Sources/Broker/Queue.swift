/// A FIFO on a ring buffer (power-of-two capacity, doubled when full): O(1) append, pop and
/// pushFront (for requeueing a request at the head of its line), no allocation and no shifting
/// once warm. The capacity a burst needed is kept for the next one. (Public for Titanic's queues.)
public struct Queue<Element> {
    private var slots: [Element?] = []
    private var head = 0                 // slot of the first element
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }
    public var first: Element? { count > 0 ? slots[head] : nil }

    /// The slot of element `i` (slots.count is a power of two).
    private func slot(_ i: Int) -> Int { (head + i) & (slots.count - 1) }

    public mutating func append(_ e: Element) {
        if count == slots.count { grow() }
        slots[slot(count)] = e
        count += 1
    }

    public mutating func pushFront(_ e: Element) {
        if count == slots.count { grow() }
        head = (head - 1) & (slots.count - 1)
        slots[head] = e
        count += 1
    }

    public mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let e = slots[head].take()
        head = (head + 1) & (slots.count - 1)
        count -= 1
        return e
    }

    private mutating func grow() {
        refill(elements, capacity: max(8, slots.count * 2))
    }

    /// Puts `list` at the start of `capacity` empty slots.
    private mutating func refill(_ list: [Element], capacity: Int) {
        slots = Array(repeating: nil, count: capacity)
        for (i, e) in list.enumerated() { slots[i] = e }
        head = 0
        count = list.count
    }

    /// Removes the elements matching `predicate` (rare: a worker leaving the waiting line).
    public mutating func removeAll(where predicate: (Element) -> Bool) {
        refill(elements.filter { !predicate($0) }, capacity: slots.count)
    }

    public var elements: [Element] { (0..<count).map { slots[slot($0)]! } }
}
