#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Majordomo
import ZeroMQ

/// Watches the connections of the broker's ROUTER socket through a libzmq socket monitor, on a
/// thread of its own so that a new connection's peer address is read while its descriptor is still
/// open. It tells the broker which connections closed (`takeClosed`, for dropping the requests
/// their clients left waiting; a connection is its descriptor and a generation, since the kernel
/// hands a closed descriptor to the next connection at once) and reports failed handshakes with the peer's
/// address: libzmq's handshake-failure event names only the broker's endpoint, but the same
/// connection's DISCONNECTED event, which follows it, carries the descriptor whose address was
/// noted when it was accepted.
public final class PeerWatcher: @unchecked Sendable {
    static let events = MonitorEvent.accepted | MonitorEvent.disconnected | MonitorEvent.handshakeFailures

    private let pair: Socket
    private let thread = SocketThread()
    /// A connection of the broker's socket: its descriptor, and which of the connections that
    /// had that descriptor it is.
    public struct Connection: Hashable, Sendable {
        public let fd: Int32
        public let generation: UInt64
    }

    private let lock = NSLock()
    private var open: [Int32: UInt64] = [:]            // descriptor → generation of the connection on it
    private var generations: UInt64 = 0
    private var closed: [Connection] = []
    private var peers: [Int32: String] = [:]          // watcher thread only
    private var failure: MonitorEvent?                  // a handshake failure waiting for its DISCONNECTED

    /// Called on the watcher thread for each failed handshake, with the peer's address when known.
    public var onHandshakeFailure: (@Sendable (MonitorEvent, String?) -> Void)?

    /// Starts monitoring `socket` (call from the thread that owns it, before it carries traffic).
    init(socket: Socket, context: Context, endpoint: String) throws {
        try socket.monitor(endpoint, events: PeerWatcher.events)
        pair = try context.socket(.pair)
        try pair.setLinger(0)
        try pair.connect(endpoint)
    }

    func start() {
        thread.start(name: "peers", socket: pair, readable: { [self] in
            while let frames = try? pair.receive(dontWait: true) {
                if let event = MonitorEvent(frames: frames) { handle(event) }
            }
        })
    }

    func stop() {
        if !thread.stop() { pair.close() }
    }

    /// The connection open on `fd` as far as the watcher knows (nil: none, or not seen accepted
    /// yet: its requests are then not tracked, and wait out their timeout instead).
    func connection(on fd: Int32) -> Connection? {
        lock.lock(); defer { lock.unlock() }
        return open[fd].map { Connection(fd: fd, generation: $0) }
    }

    /// The connections that closed since the last call.
    func takeClosed() -> [Connection] {
        lock.lock(); defer { lock.unlock() }
        defer { closed.removeAll() }
        return closed
    }

    private func handle(_ event: MonitorEvent) {
        let fd = Int32(bitPattern: event.value)
        switch event.event {
        case MonitorEvent.accepted:
            peers[fd] = PeerWatcher.peerAddress(fd)
            lock.lock(); generations += 1; open[fd] = generations; lock.unlock()
        case MonitorEvent.disconnected:
            let address = peers.removeValue(forKey: fd)
            if let f = failure { failure = nil; onHandshakeFailure?(f, address) }
            lock.lock()
            if let g = open.removeValue(forKey: fd) { closed.append(Connection(fd: fd, generation: g)) }
            lock.unlock()
        default:
            guard event.event & MonitorEvent.handshakeFailures != 0 else { return }
            if let f = failure { onHandshakeFailure?(f, nil) }      // its DISCONNECTED never came
            failure = event
        }
    }

    /// The host part of an address `peerAddress` made ("" when unknown).
    static func host(of address: String?) -> String {
        guard let address, let colon = address.lastIndex(of: ":") else { return address ?? "" }
        return String(address[..<colon])
    }

    /// "ip:port" of a TCP peer, "ipc" for a Unix socket peer, nil when unknown (already closed).
    static func peerAddress(_ fd: Int32) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST)), port = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        switch Int32(storage.ss_family) {
        case AF_INET, AF_INET6:
            let r = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getnameinfo($0, length, &host, socklen_t(host.count), &port, socklen_t(port.count), NI_NUMERICHOST | NI_NUMERICSERV)
                }
            }
            guard r == 0 else { return nil }
            let h = String(cString: host)
            return (h.contains(":") ? "[\(h)]" : h) + ":" + String(cString: port)
        case AF_UNIX: return "ipc"
        default: return nil
        }
    }
}
