// Where a report's head ends: the title, date, congress and speaker lines stand before the
// address to the deputies (各位代表). A report without one ends its head at its first top-level
// numbered heading (a news lead may come before its title), else at its first paragraph of body
// text, else after its first lines. One rule for the cleaner (on lines, to tell head chrome from
// body text) and the structurer (on paragraphs, for the head that extraction reads).

enum HeadBoundary {
    /// How far the address and a heading are looked for, and the head's length when neither is found.
    static let addressWithin = 80, headingWithin = 40, fallback = 15
    /// A line this long is body text: a head without the address ends before it.
    static let bodyLength = 100

    static func end(of lines: [[UInt32]]) -> Int {
        if let k = lines.prefix(addressWithin).firstIndex(where: { $0.hasPrefix(Words.addressToDeputies) }) { return k }
        if let k = lines.prefix(headingWithin).firstIndex(where: { HeadingParser.parse($0)?.level == 1 }) { return k }
        if let k = lines.prefix(fallback).firstIndex(where: { $0.count > bodyLength }) { return k }
        return min(lines.count, fallback)
    }
}
