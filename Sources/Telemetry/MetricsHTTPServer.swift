import Foundation
import Majordomo
import ZeroMQ

/// A tiny HTTP/1.0 server for Prometheus scrapes, on a ZMQ_STREAM socket in its own thread
/// (no web framework): `GET /metrics` → 200 with the text `render()` returns, `/` → a pointer
/// there, anything else 404/405. Requests are bounded (8 KiB of headers), connections are closed
/// after each reply, at most 64 are open at once, and an idle one is dropped after 5 s.
public final class MetricsHTTPServer: @unchecked Sendable {
    public static let maxRequestBytes = 8 << 10
    public static let maxConnections = 64
    public static let idleTimeoutMs = 5_000

    private let socket: Socket
    private let render: @Sendable () -> [UInt8]
    private var connections: [[UInt8]: (request: [UInt8], openedMs: Int)] = [:]
    private let thread = SocketThread()

    /// Binds `endpoint` (e.g. `tcp://*:9100`) at once, so a taken port fails here, not later.
    public init(context: Context, endpoint: String, render: @escaping @Sendable () -> [UInt8]) throws {
        guard endpoint.hasPrefix("tcp://") else { throw MetricsServerError.notTCP(endpoint) }
        socket = try context.socket(.stream)
        try socket.setLinger(0)
        do { try socket.bind(endpoint) } catch { throw MetricsServerError.cannotBind(endpoint, error) }
        self.render = render
    }

    /// The endpoint bound (useful after binding port 0 or `*`).
    public var boundEndpoint: String { socket.lastEndpoint }

    public func start() {
        thread.start(name: "metrics-http", socket: socket, readable: { [self] in
            while let frames = try? socket.receive(dontWait: true) { handle(frames) }
        }, tick: { [self] in dropIdleConnections() })
    }

    public func stop() {
        if !thread.stop() { socket.close() }
    }

    /// ZMQ_STREAM delivers [peer id, bytes]; empty bytes announce a connect or a disconnect.
    private func handle(_ frames: [[UInt8]]) {
        guard frames.count == 2 else { return }
        let peer = frames[0], data = frames[1]
        if data.isEmpty {
            if connections[peer] != nil { connections[peer] = nil; return }        // peer closed
            if connections.count >= Self.maxConnections { close(peer); return }
            connections[peer] = ([], MonotonicClock.nowMs())
            return
        }
        var request = (connections[peer]?.request ?? []) + data
        if request.count > Self.maxRequestBytes {
            respond(peer, status: "431 Request Header Fields Too Large", body: Array("request too large\n".utf8))
            return
        }
        guard let end = Self.headerEnd(request) else {
            connections[peer] = (request, connections[peer]?.openedMs ?? MonotonicClock.nowMs())
            return
        }
        request.removeSubrange(end...)
        let (status, body, type) = answer(requestLine: Self.firstLine(request))
        respond(peer, status: status, body: body, contentType: type)
    }

    /// What to send for a request line such as `GET /metrics HTTP/1.1`.
    func answer(requestLine: String) -> (String, [UInt8], String) {
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return ("400 Bad Request", Array("bad request line\n".utf8), "text/plain") }
        let path = parts[1].split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard parts[0] == "GET" || parts[0] == "HEAD" else {
            return ("405 Method Not Allowed", Array("only GET\n".utf8), "text/plain")
        }
        let head = parts[0] == "HEAD"
        switch path {
        case "/metrics":
            return ("200 OK", head ? [] : render(), "text/plain; version=0.0.4; charset=utf-8")
        case "/":
            return ("200 OK", Array("reportq metrics: GET /metrics\n".utf8), "text/plain")
        default:
            return ("404 Not Found", Array("not found; try /metrics\n".utf8), "text/plain")
        }
    }

    private func respond(_ peer: [UInt8], status: String, body: [UInt8], contentType: String = "text/plain") {
        let header = "HTTP/1.0 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        try? socket.send([peer, Array(header.utf8) + body], dontWait: true)
        close(peer)
    }

    /// Sending an empty frame to a peer closes its connection (ZMQ_STREAM).
    private func close(_ peer: [UInt8]) {
        connections[peer] = nil
        try? socket.send([peer, []], dontWait: true)
    }

    private func dropIdleConnections() {
        guard !connections.isEmpty else { return }
        let now = MonotonicClock.nowMs()
        for (peer, c) in connections where now - c.openedMs > Self.idleTimeoutMs { close(peer) }
    }

    static func headerEnd(_ b: [UInt8]) -> Int? {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x0A && b[i + 1] == 0x0A { return i }
            if i + 3 < b.count && b[i] == 0x0D && b[i + 1] == 0x0A && b[i + 2] == 0x0D && b[i + 3] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    static func firstLine(_ b: [UInt8]) -> String {
        let end = b.firstIndex(where: { $0 == 0x0D || $0 == 0x0A }) ?? b.count
        return String(decoding: b[..<end], as: UTF8.self)
    }
}

public enum MetricsServerError: Error, CustomStringConvertible {
    case notTCP(String)
    case cannotBind(String, Error)
    public var description: String {
        switch self {
        case .notTCP(let e): return "metrics endpoint must be tcp://HOST:PORT, not \(e)"
        case .cannotBind(let e, let error): return "cannot bind metrics endpoint \(e): \(error)"
        }
    }
}
