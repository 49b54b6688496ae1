/// What the broker receives from one peer: a client or a worker command, and the peer's framing.
public enum Inbound: Equatable, Sendable {
    case client(MDPClientCommand, Framing)
    case worker(MDPWorkerCommand, Framing)

    /// How many trailing frames of the message are body.
    public var bodyCount: Int {
        switch self {
        case .client(let c, _): return c.body.count
        case .worker(let w, _):
            switch w {
            case .request(_, let b), .partial(_, let b), .final(_, let b): return b.count
            case .ready, .heartbeat, .disconnect: return 0
            }
        }
    }

    /// Decodes a message as the broker's ROUTER hands it over, after the routing id.
    /// A leading empty frame marks a delimited (REQ-style) peer; a delimited client sending
    /// command 0x02 speaks majortomo's numbering (0x02 is never a valid client → broker command in RFC 18).
    public static func decode(_ frames: ArraySlice<[UInt8]>) throws -> Inbound {
        guard var first = frames.first else { throw MDPError.emptyMessage }
        var rest = frames.dropFirst()
        var delimited = false
        if first.isEmpty {
            delimited = true
            guard let tag = rest.first else { throw MDPError.emptyMessage }
            first = tag
            rest = rest.dropFirst()
        }
        if first == MDP.workerTag {
            return .worker(try MDPWorkerCommand.decodeAfterTag(rest), delimited ? .delimited : .rfc)
        }
        if first == MDP.clientTag {
            var framing: Framing = delimited ? .delimited : .rfc
            if delimited, let command = rest.first, command.count == 1, command[0] == 0x02 { framing = .majortomo }
            return .client(try MDPClientCommand.decodeAfterTag(rest, framing: framing), framing)
        }
        throw MDPError.badProtocolTag
    }
}
