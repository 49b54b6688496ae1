import ZeroMQ

public enum MDPClientError: Error, Equatable, CustomStringConvertible {
    /// No reply after every attempt (the broker or every worker is gone).
    case timeout(attempts: Int)
    case protocolError(MDPError)
    /// A reply that is not what the service answers (its frames, as text).
    case unexpectedReply(String)

    public var description: String {
        switch self {
        case .timeout(let n): return "no reply after \(n) attempt(s)"
        case .protocolError(let e): return "protocol error: \(e)"
        case .unexpectedReply(let frames): return "unexpected reply: \(frames)"
        }
    }
}

/// An MDP client over one DEALER socket, with the Lazy Pirate pattern: wait for a reply
/// up to a timeout, then drop the socket, connect a fresh one and resend, a bounded number of times
/// (and drop it after the last attempt too, so that a late reply never answers a later request).
/// One request at a time per client (MDP's rule); use several clients for several in flight.
public final class MDPClient {
    public let endpoint: String
    public let framing: Framing
    public let curve: CurveClientKeys?
    public var timeoutMs: Int
    public var attempts: Int
    public private(set) var socket: Socket
    private let context: Context
    private var partials: [[UInt8]] = []

    public init(context: Context, endpoint: String, framing: Framing = .rfc,
                timeoutMs: Int = 5_000, attempts: Int = 3, curve: CurveClientKeys? = nil) throws {
        self.context = context
        self.endpoint = endpoint
        self.framing = framing
        self.curve = curve
        self.timeoutMs = timeoutMs
        self.attempts = max(1, attempts)
        socket = try MDPClient.openSocket(context, endpoint, curve)
    }

    private static func openSocket(_ context: Context, _ endpoint: String, _ curve: CurveClientKeys?) throws -> Socket {
        let s = try context.socket(.dealer)
        try s.setLinger(0)
        try curve?.apply(to: s)
        try s.connect(endpoint)
        return s
    }

    /// Drops the socket (and any reply still on its way to it) and connects a fresh one.
    public func reconnect() throws {
        socket.close()
        socket = try MDPClient.openSocket(context, endpoint, curve)
        partials.removeAll()
    }

    /// Sends a request and waits for its FINAL reply (Lazy Pirate). Returns the reply body,
    /// with the bodies of any PARTIAL replies in front.
    public func request(service: String, body: [[UInt8]]) throws -> [[UInt8]] {
        try request(service: Array(service.utf8), body: body)
    }

    public func request(service: [UInt8], body: [[UInt8]]) throws -> [[UInt8]] {
        var poller = Poller([socket])
        for attempt in 1...attempts {
            try send(service: service, body: body)
            let deadline = MonotonicClock.nowMs() + timeoutMs
            while true {
                let left = deadline - MonotonicClock.nowMs()
                if left <= 0 { break }
                if try poller.poll(timeoutMs: left) > 0, let reply = try receive() { return reply }
            }
            if attempt < attempts {
                try reconnect()
                poller.replace(0, with: socket)
            }
        }
        // The last attempt's reply may still come: on the same socket it would answer the next
        // request. A fresh socket drops it (as between attempts).
        try? reconnect()
        throw MDPClientError.timeout(attempts: attempts)
    }

    // MARK: non-blocking pieces, for callers that poll many clients themselves

    public func send(service: [UInt8], body: [[UInt8]]) throws {
        partials.removeAll()
        let head = MDPClientCommand.header(.request, service: service, framing: framing)
        try socket.send(head, body[...], dontWait: true)
    }

    /// Reads whatever replies are queued. Returns the full reply body once the FINAL arrives,
    /// nil while nothing (or only PARTIALs) arrived. Malformed replies are skipped.
    public func receive() throws -> [[UInt8]]? {
        while true {
            let frames: [[UInt8]]
            do { frames = try socket.receive(dontWait: true) } catch ZMQError.wouldBlock { return nil }
            guard let command = try? MDPClientCommand.decode(frames[...], framing: framing) else { continue }
            switch command {
            case .partial(_, let body): partials += body
            case .final(_, let body):
                if partials.isEmpty { return body }
                let all = partials + body
                partials.removeAll()
                return all
            case .request: continue
            }
        }
    }
}
