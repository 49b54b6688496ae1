/// Worker-side MDP/0.2 commands ("MDPW02"). READY goes worker → broker, REQUEST broker → worker,
/// PARTIAL and FINAL worker → broker, HEARTBEAT and DISCONNECT both ways.
public enum MDPWorkerCommand: Equatable, Sendable {
    case ready(service: [UInt8])
    case request(client: [UInt8], body: [[UInt8]])
    case partial(client: [UInt8], body: [[UInt8]])
    case final(client: [UInt8], body: [[UInt8]])
    case heartbeat
    case disconnect

    public enum Code: UInt8, Sendable {
        case ready = 0x01, request = 0x02, partial = 0x03, final = 0x04, heartbeat = 0x05, disconnect = 0x06
    }

    public var code: Code {
        switch self {
        case .ready: return .ready
        case .request: return .request
        case .partial: return .partial
        case .final: return .final
        case .heartbeat: return .heartbeat
        case .disconnect: return .disconnect
        }
    }

    static let commandFrames: [[UInt8]] = (0...6).map { [UInt8($0)] }

    /// The frames before the body: [delimiter?] tag, command (+ client address and delimiter,
    /// or service name, as the command needs). `to`: a routing id to put first (ROUTER sends).
    public static func header(_ code: Code, address: [UInt8]? = nil, framing: Framing, to peer: [UInt8]? = nil) -> [[UInt8]] {
        var head: [[UInt8]] = []
        head.reserveCapacity(6)
        if let peer { head.append(peer) }
        if framing.hasDelimiter { head.append(MDP.empty) }
        head.append(MDP.workerTag)
        head.append(commandFrames[Int(code.rawValue)])
        switch code {
        case .ready: head.append(address ?? [])
        case .request, .partial, .final: head.append(address ?? []); head.append(MDP.empty)
        case .heartbeat, .disconnect: break
        }
        return head
    }

    /// How many frames `writeHeader` writes.
    public static func headerFrameCount(_ code: Code, framing: Framing) -> Int {
        let named: Int
        switch code {
        case .ready: named = 1
        case .request, .partial, .final: named = 2
        case .heartbeat, .disconnect: named = 0
        }
        return (framing.hasDelimiter ? 1 : 0) + 2 + named
    }

    /// The same frames as `header` (without a routing id), handed to `frame` one by one: for
    /// sending straight from the bytes at hand, without building arrays.
    public static func writeHeader(_ code: Code, address: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
                                   framing: Framing, _ frame: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        if framing.hasDelimiter { try frame(empty) }
        try MDP.writeTagAndCommand(InboundHeader.workerTagWord, code.rawValue, frame)
        switch code {
        case .ready: try frame(address)
        case .request, .partial, .final: try frame(address); try frame(empty)
        case .heartbeat, .disconnect: break
        }
    }

    public func encode(framing: Framing = .rfc) -> [[UInt8]] {
        switch self {
        case .ready(let service): return MDPWorkerCommand.header(.ready, address: service, framing: framing)
        case .request(let c, let body), .partial(let c, let body), .final(let c, let body):
            return MDPWorkerCommand.header(code, address: c, framing: framing) + body
        case .heartbeat, .disconnect: return MDPWorkerCommand.header(code, framing: framing)
        }
    }

    /// Decodes a message as a worker peer or the broker sees it (no routing id).
    public static func decode(_ frames: ArraySlice<[UInt8]>, framing: Framing = .rfc) throws -> MDPWorkerCommand {
        return try decodeAfterTag(framing.framesAfterTag(frames, tag: MDP.workerTag))
    }

    /// Decodes the frames that follow the "MDPW02" tag.
    static func decodeAfterTag(_ frames: ArraySlice<[UInt8]>) throws -> MDPWorkerCommand {
        guard let command = frames.first else { throw MDPError.missingCommand }
        guard command.count == 1 else { throw MDPError.badCommandFrame }
        guard let code = Code(rawValue: command[0]) else { throw MDPError.unknownCommand(command[0]) }
        let rest = frames.dropFirst()
        switch code {
        case .ready:
            guard let service = rest.first else { throw MDPError.missingFrames }
            guard !service.isEmpty else { throw MDPError.emptyServiceName }
            guard rest.count == 1 else { throw MDPError.unexpectedFrames }
            return .ready(service: service)
        case .request, .partial, .final:
            guard rest.count >= 2 else { throw MDPError.missingFrames }
            let client = rest[rest.startIndex]
            guard !client.isEmpty else { throw MDPError.emptyClientAddress }
            guard rest[rest.startIndex + 1].isEmpty else { throw MDPError.badDelimiter }
            let body = Array(rest.dropFirst(2))
            switch code {
            case .request: return .request(client: client, body: body)
            case .partial: return .partial(client: client, body: body)
            default: return .final(client: client, body: body)
            }
        case .heartbeat, .disconnect:
            guard rest.isEmpty else { throw MDPError.unexpectedFrames }
            return code == .heartbeat ? .heartbeat : .disconnect
        }
    }
}
