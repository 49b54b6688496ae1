/// The form libzmq takes an endpoint in, `transport://address` (zmq_bind(3), zmq_connect(3)),
/// checked before a socket sees it: libzmq's own answer to "127.0.0.1:5555" is EINVAL, which
/// reaches a user as "zmq error 22: Invalid argument".
public enum Endpoint {
    /// The transports libzmq knows (zmq_tcp(7), zmq_ipc(7), zmq_inproc(7), zmq_pgm(7), …).
    public static let transports: Set<String> = ["tcp", "ipc", "inproc", "pgm", "epgm", "tipc", "vmci", "udp", "ws", "wss"]

    /// Why a string is not an endpoint, and the endpoint it most likely meant.
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public let endpoint: String
        public let problem: String
        /// What the user probably meant ("tcp://127.0.0.1:5555" for "127.0.0.1:5555"), if anything.
        public let suggestion: String?

        public var description: String {
            "\"\(endpoint)\" is not a ZeroMQ endpoint: \(problem)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
        }
    }

    /// Throws unless `endpoint` is `transport://address` with a transport libzmq knows and, for
    /// tcp, a port.
    public static func check(_ endpoint: String) throws(Invalid) {
        let parts = endpoint.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw Invalid(endpoint: endpoint, problem: "it has no transport (tcp://, ipc:// …)", suggestion: guess(endpoint))
        }
        let transport = String(parts[0])
        let address = String(parts[1])
        guard transports.contains(transport) else {
            let meant = ["http", "https", "zmq", "zmtp", "mdp"].contains(transport.lowercased()) ? guess(address) : nil
            throw Invalid(endpoint: endpoint, problem: "\"\(transport)\" is not a transport libzmq knows (tcp, ipc, inproc …)", suggestion: meant)
        }
        guard !address.isEmpty else { throw Invalid(endpoint: endpoint, problem: "the address after \(transport):// is empty", suggestion: nil) }
        if transport == "tcp", port(of: address) == nil {
            throw Invalid(endpoint: endpoint, problem: "a tcp endpoint needs a port (tcp://HOST:PORT)",
                          suggestion: address.contains(":") ? nil : "tcp://\(address):5555")
        }
    }

    /// What a string without a transport most likely names: a path is an ipc socket, HOST:PORT
    /// (or *:PORT) a tcp one, a bare port one on this machine.
    static func guess(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") { return "ipc://" + text }
        if text.allSatisfy(\.isASCIIDigit) { return "tcp://127.0.0.1:" + text }
        if port(of: text) != nil, !text.contains("/") { return "tcp://" + text }
        return nil
    }

    /// The port of HOST:PORT (`*` for any), nil when there is none.
    private static func port(of address: Substring) -> Substring? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        let port = address[address.index(after: colon)...]
        guard port == "*" || (!port.isEmpty && port.allSatisfy(\.isASCIIDigit)) else { return nil }
        return port
    }

    private static func port(of address: String) -> Substring? { port(of: address[...]) }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
