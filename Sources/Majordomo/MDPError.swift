/// Why a multipart message is not a valid MDP/0.2 command.
public enum MDPError: Error, Equatable, CustomStringConvertible {
    case emptyMessage
    case badProtocolTag                 // not "MDPC02" / "MDPW02"
    case missingCommand
    case badCommandFrame                // the command frame is not exactly one byte
    case unknownCommand(UInt8)
    case missingFrames                  // fewer frames than the command needs
    case unexpectedFrames               // more frames than the command allows
    case badDelimiter                   // the empty frame after the client address is not empty
    case emptyServiceName
    case emptyClientAddress

    public var description: String {
        switch self {
        case .emptyMessage: return "empty message"
        case .badProtocolTag: return "unknown protocol tag (expected MDPC02 or MDPW02)"
        case .missingCommand: return "missing command frame"
        case .badCommandFrame: return "command frame must be exactly one byte"
        case .unknownCommand(let c): return "unknown command 0x" + String(c, radix: 16)
        case .missingFrames: return "missing frames"
        case .unexpectedFrames: return "unexpected extra frames"
        case .badDelimiter: return "expected an empty delimiter frame"
        case .emptyServiceName: return "empty service name"
        case .emptyClientAddress: return "empty client address"
        }
    }
}
