/// Client-side MDP/0.2 commands ("MDPC02"). REQUEST goes client → broker,
/// PARTIAL and FINAL go broker → client; all carry the service name.
public enum MDPClientCommand: Equatable, Sendable {
    case request(service: [UInt8], body: [[UInt8]])
    case partial(service: [UInt8], body: [[UInt8]])
    case final(service: [UInt8], body: [[UInt8]])

    public enum Code: UInt8, Sendable { case request = 0x01, partial = 0x02, final = 0x03 }

    public var code: Code {
        switch self {
        case .request: return .request
        case .partial: return .partial
        case .final: return .final
        }
    }

    public var service: [UInt8] {
        switch self { case .request(let s, _), .partial(let s, _), .final(let s, _): return s }
    }

    public var body: [[UInt8]] {
        switch self { case .request(_, let b), .partial(_, let b), .final(_, let b): return b }
    }

    /// The command byte on the wire for `framing` (majortomo shifts the client codes by one).
    static func wireByte(_ code: Code, _ framing: Framing) -> UInt8 {
        framing == .majortomo ? code.rawValue + 1 : code.rawValue
    }

    static func code(wire: UInt8, _ framing: Framing) -> Code? {
        Code(rawValue: framing == .majortomo ? wire &- 1 : wire)
    }

    /// One-byte command frames by wire value (0...4), shared instead of allocated per message.
    static let commandFrames: [[UInt8]] = (0...4).map { [UInt8($0)] }

    /// The frames before the body: [delimiter?] tag, command, service.
    /// (majortomo's broker → client replies carry no service frame.)
    /// `to`: a routing id to put first (ROUTER sends).
    public static func header(_ code: Code, service: [UInt8], framing: Framing, to peer: [UInt8]? = nil) -> [[UInt8]] {
        var head: [[UInt8]] = []
        head.reserveCapacity(5)
        if let peer { head.append(peer) }
        if framing.hasDelimiter { head.append(MDP.empty) }
        head.append(MDP.clientTag)
        head.append(commandFrames[Int(wireByte(code, framing))])
        if framing != .majortomo || code == .request { head.append(service) }
        return head
    }

    /// How many frames `writeHeader` writes.
    public static func headerFrameCount(_ code: Code, framing: Framing) -> Int {
        (framing.hasDelimiter ? 1 : 0) + 2 + (framing != .majortomo || code == .request ? 1 : 0)
    }

    /// The same frames as `header` (without a routing id), handed to `frame` one by one: for
    /// sending straight from the bytes at hand, without building arrays.
    public static func writeHeader(_ code: Code, service: UnsafeRawBufferPointer, framing: Framing,
                                   _ frame: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if framing.hasDelimiter { try frame(UnsafeRawBufferPointer(start: nil, count: 0)) }
        try MDP.writeTagAndCommand(InboundHeader.clientTagWord, wireByte(code, framing), frame)
        if framing != .majortomo || code == .request { try frame(service) }
    }

    public func encode(framing: Framing = .rfc) -> [[UInt8]] {
        MDPClientCommand.header(code, service: service, framing: framing) + body
    }

    /// Decodes a message as a client peer or the broker sees it (no routing id).
    public static func decode(_ frames: ArraySlice<[UInt8]>, framing: Framing = .rfc) throws -> MDPClientCommand {
        return try decodeAfterTag(framing.framesAfterTag(frames, tag: MDP.clientTag), framing: framing)
    }

    /// Decodes the frames that follow the "MDPC02" tag.
    static func decodeAfterTag(_ frames: ArraySlice<[UInt8]>, framing: Framing) throws -> MDPClientCommand {
        guard let command = frames.first else { throw MDPError.missingCommand }
        guard command.count == 1 else { throw MDPError.badCommandFrame }
        guard let code = code(wire: command[0], framing) else { throw MDPError.unknownCommand(command[0]) }
        let rest = frames.dropFirst()
        if framing == .majortomo && code != .request {
            return code == .final ? .final(service: [], body: Array(rest)) : .partial(service: [], body: Array(rest))
        }
        guard let service = rest.first else { throw MDPError.missingFrames }
        guard !service.isEmpty else { throw MDPError.emptyServiceName }
        let body = Array(rest.dropFirst())
        switch code {
        case .request: return .request(service: service, body: body)
        case .partial: return .partial(service: service, body: body)
        case .final: return .final(service: service, body: body)
        }
    }
}
