/// What `Inbound.decode` finds, without copying a frame: which command, the framing, where the
/// name frame (service or client address) is and where the body starts. The broker decodes every
/// message with this straight from the received libzmq frames; `Inbound.decode` stays the
/// reference (the tests check that both agree on every message, good or bad).
public struct InboundHeader: Equatable, Sendable {
    public enum Command: Equatable, Sendable {
        case client(MDPClientCommand.Code)
        case worker(MDPWorkerCommand.Code)
    }
    public let command: Command
    public let framing: Framing
    /// Index of the service name (client REQUEST, PARTIAL, FINAL; worker READY) or client
    /// address (worker REQUEST, PARTIAL, FINAL) frame; -1 when the command has none.
    public let nameIndex: Int
    /// Index of the first body frame (`count` when there is no body).
    public let bodyStart: Int

    /// Decodes frames `start..<count`, read through `frame(i)` (valid during the call).
    /// Same rules and errors as `Inbound.decode`. On success it has read exactly the frames
    /// before `bodyStart` (the broker checks their sizes after the call).
    public static func decode(start: Int, count: Int, frame: (Int) -> UnsafeRawBufferPointer) throws -> InboundHeader {
        guard start < count else { throw MDPError.emptyMessage }
        var i = start
        var tag = frame(i)
        let delimited = tag.isEmpty
        if delimited {
            i += 1
            guard i < count else { throw MDPError.emptyMessage }
            tag = frame(i)
        }
        i += 1                                  // the command frame
        if isTag(tag, InboundHeader.workerTagWord) {
            let framing: Framing = delimited ? .delimited : .rfc
            let code = try commandByte(i, count, frame)
            guard let c = MDPWorkerCommand.Code(rawValue: code) else { throw MDPError.unknownCommand(code) }
            let rest = count - (i + 1)            // frames after the command
            switch c {
            case .ready:
                guard rest >= 1 else { throw MDPError.missingFrames }
                guard !frame(i + 1).isEmpty else { throw MDPError.emptyServiceName }
                guard rest == 1 else { throw MDPError.unexpectedFrames }
                return InboundHeader(command: .worker(c), framing: framing, nameIndex: i + 1, bodyStart: count)
            case .request, .partial, .final:
                guard rest >= 2 else { throw MDPError.missingFrames }
                guard !frame(i + 1).isEmpty else { throw MDPError.emptyClientAddress }
                guard frame(i + 2).isEmpty else { throw MDPError.badDelimiter }
                return InboundHeader(command: .worker(c), framing: framing, nameIndex: i + 1, bodyStart: i + 3)
            case .heartbeat, .disconnect:
                guard rest == 0 else { throw MDPError.unexpectedFrames }
                return InboundHeader(command: .worker(c), framing: framing, nameIndex: -1, bodyStart: count)
            }
        }
        if isTag(tag, InboundHeader.clientTagWord) {
            let code = try commandByte(i, count, frame)
            // A delimited client sending 0x02 speaks majortomo's numbering (see Inbound.decode).
            let framing: Framing = delimited ? (code == 0x02 ? .majortomo : .delimited) : .rfc
            guard let c = MDPClientCommand.code(wire: code, framing) else { throw MDPError.unknownCommand(code) }
            if framing == .majortomo && c != .request {
                return InboundHeader(command: .client(c), framing: framing, nameIndex: -1, bodyStart: i + 1)
            }
            guard i + 1 < count else { throw MDPError.missingFrames }
            guard !frame(i + 1).isEmpty else { throw MDPError.emptyServiceName }
            return InboundHeader(command: .client(c), framing: framing, nameIndex: i + 1, bodyStart: i + 2)
        }
        throw MDPError.badProtocolTag
    }

    /// The one-byte command frame at `i`.
    @inline(__always)
    static func commandByte(_ i: Int, _ count: Int, _ frame: (Int) -> UnsafeRawBufferPointer) throws -> UInt8 {
        guard i < count else { throw MDPError.missingCommand }
        let command = frame(i)
        guard command.count == 1 else { throw MDPError.badCommandFrame }
        return command[0]
    }

    /// "MDPW02" and "MDPC02" as little-endian integers (literals: no lazy global on the hot path;
    /// the tests check them against MDP's tags).
    static let workerTagWord: UInt64 = 0x3230_5750_444D
    static let clientTagWord: UInt64 = 0x3230_4350_444D

    /// Whether a frame is the 6-byte protocol tag `word` (two loads instead of a memcmp call).
    @inline(__always)
    static func isTag(_ frame: UnsafeRawBufferPointer, _ word: UInt64) -> Bool {
        guard frame.count == 6 else { return false }
        let low = UInt64(UInt32(littleEndian: frame.loadUnaligned(as: UInt32.self)))
        let high = UInt64(UInt16(littleEndian: frame.loadUnaligned(fromByteOffset: 4, as: UInt16.self)))
        return low | high << 32 == word
    }
}
