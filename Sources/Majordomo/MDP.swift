/// MDP/0.2 (ZeroMQ RFC 18) constants. See protocols/mdp.md for reportq's profile.
public enum MDP {
    public static let clientTag: [UInt8] = Array("MDPC02".utf8)
    public static let workerTag: [UInt8] = Array("MDPW02".utf8)
    static let empty: [UInt8] = []

    /// Default heartbeat interval and liveness (RFC 18 suggests 2.5 s and 3–5 misses).
    public static let defaultHeartbeatMs = 2_500
    public static let defaultLiveness = 3

    /// Service names the broker answers itself (never registered by workers).
    public static let mmiPrefix: [UInt8] = Array("mmi.".utf8)
    public static let titanicPrefix: [UInt8] = Array("titanic.".utf8)

    /// First body frame of an error reply made by reportq (broker refusal, handler failure):
    /// body = [errorTag, status code as ASCII digits, human-readable message].
    public static let errorTag: [UInt8] = Array("reportq.error".utf8)
}

/// How a peer frames its MDP messages. The broker remembers it per peer and answers in kind.
public enum Framing: String, Sendable, Equatable, CaseIterable {
    /// Exactly as RFC 18 writes the frames (DEALER peers).
    case rfc
    /// Every message starts with an empty frame, as a REQ socket would send it
    /// (the ZeroMQ Guide's examples, Python majortomo's workers).
    case delimited
    /// Delimited, client commands numbered like the worker ones (REQUEST 0x02,
    /// PARTIAL 0x03, FINAL 0x04), and replies without the service frame,
    /// as Python majortomo's client and broker do.
    case majortomo

    var hasDelimiter: Bool { self != .rfc }

    /// The frames after the protocol tag: drops the leading empty frame of delimited
    /// framings and checks that the next frame is `tag` ("MDPC02" or "MDPW02").
    func framesAfterTag(_ frames: ArraySlice<[UInt8]>, tag: [UInt8]) throws -> ArraySlice<[UInt8]> {
        var rest = frames
        if hasDelimiter {
            guard let first = rest.first else { throw MDPError.emptyMessage }
            guard first.isEmpty else { throw MDPError.badDelimiter }
            rest = rest.dropFirst()
        }
        guard let first = rest.first else { throw MDPError.emptyMessage }
        guard first == tag else { throw MDPError.badProtocolTag }
        return rest.dropFirst()
    }
}

extension Array where Element == UInt8 {
    @inline(__always) func hasPrefix(_ prefix: [UInt8]) -> Bool {
        count >= prefix.count && self[0..<prefix.count].elementsEqual(prefix)
    }
}

extension MDP {
    /// Hands `frame` the 6-byte protocol tag `tagWord` (see InboundHeader) and the one-byte command
    /// frame, both from the stack: no shared arrays to reach through lazy globals and retain.
    static func writeTagAndCommand(_ tagWord: UInt64, _ command: UInt8,
                                   _ frame: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var tag = tagWord.littleEndian
        try withUnsafeBytes(of: &tag) { try frame(UnsafeRawBufferPointer(rebasing: $0[0..<6])) }
        var byte = command
        try withUnsafeBytes(of: &byte) { try frame($0) }
    }
}
