/// Where the dashboard listens: HOST:PORT (`127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:8080`;
/// port 0 takes a free one). Loopback unless told otherwise: anyone who reaches the port can
/// retry and cancel jobs, so any other address needs a token (AccessPolicy).
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public static let defaultAddress = ListenAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: Int) { self.host = host; self.port = port }

    /// Nil when the text is not HOST:PORT with a port in 0…65535.
    public init?(_ text: String) {
        var host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            if host.contains(":") { return nil }          // IPv6 needs brackets
        }
        guard !host.isEmpty, let n = Int(port), (0...65_535).contains(n) else { return nil }
        self.init(host: String(host), port: n)
    }

    /// Only this machine can reach it.
    public var isLoopback: Bool { ListenAddress.isLoopbackHost(host) }

    static func isLoopbackHost(_ host: String) -> Bool {
        host.hasPrefix("127.") || host == "::1" || host == "localhost"
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
