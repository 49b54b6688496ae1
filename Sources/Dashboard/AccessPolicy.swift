/// Who may read the dashboard's data and act on jobs. The page itself (`/`) carries no data and
/// is served to anyone: it reads a token from its URL fragment (never sent to the server) into a
/// cookie and removes it from the address bar.
public enum AccessPolicy: Sendable, Equatable {
    /// Bound to loopback without a token: requests must name a loopback Host (a page of another
    /// site that resolves its name to 127.0.0.1, DNS rebinding, gets nothing).
    case loopback
    /// Every data request carries the token: `Authorization: Bearer TOKEN` or the cookie.
    case token(String)

    public static let cookieName = "reportq_dashboard_token"
    /// Header every state-changing request must carry: a form of another site cannot set it, and
    /// a script of another site cannot send it without a CORS preflight the server never grants.
    public static let actionHeader = "X-Reportq-Action"

    /// A fresh random token: 32 hex digits (SystemRandomNumberGenerator reads the kernel's generator).
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let n = generator.next() as UInt64
            let hex = String(n, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether a request may read data: its Host header, Authorization header and token cookie's value.
    func admits(host: String?, authorization: String?, cookie: String?) -> Bool {
        switch self {
        case .loopback:
            guard let host else { return false }
            return ListenAddress.isLoopbackHost(AccessPolicy.hostName(host))
        case .token(let token):
            if let authorization, authorization.hasPrefix("Bearer "),
               AccessPolicy.same(String(authorization.dropFirst("Bearer ".count)), token) { return true }
            if let cookie, AccessPolicy.same(cookie, token) { return true }
            return false
        }
    }

    /// The host of a Host header: without its port, without IPv6 brackets.
    static func hostName(_ header: String) -> String {
        if header.hasPrefix("["), let close = header.firstIndex(of: "]") {
            return String(header[header.index(after: header.startIndex)..<close])
        }
        if let colon = header.lastIndex(of: ":") { return String(header[..<colon]) }
        return header
    }

    /// Compares in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
