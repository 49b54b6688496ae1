import Foundation
import Majordomo
import ZeroMQ

/// The broker's ZAP handler (ZeroMQ RFC 27) for CURVE (RFC 26): a thread with a REP socket on
/// inproc://zeromq.zap.01 in the broker's context, which libzmq asks about every peer's handshake.
/// It admits a peer only when its CURVE public key is in one of the `*.key` certificates in the
/// authorized-keys directory; everyone else is refused (status 400) and logged, and libzmq closes
/// the connection before a single message reaches the broker's ROUTER socket.
/// Peers that speak no CURVE at all (plaintext) fail the handshake inside libzmq without asking
/// ZAP; the broker's PeerWatcher reports those (`handshakeFailed`), with the peer's address, to log them too.
/// Start it before the broker binds: a CURVE server with no ZAP handler would admit any key.
public final class ZAPAuthenticator: @unchecked Sendable {
    public static let endpoint = "inproc://zeromq.zap.01"

    public let directory: String
    public let verbose: Bool
    private let rep: Socket
    private let thread = SocketThread()

    private let lock = NSLock()
    private var keys: [String: String] = [:]       // Z85 public key → certificate name (the ZAP user id)
    private var directoryStamp = timespec()
    private var loadedAtMs = 0
    private var counts = SecurityCounts()
    private var lastLog: [String: (atMs: Int, suppressed: Int)] = [:]
    private let logLock = NSLock()

    /// Called on the ZAP thread for every decision and handshake failure (metrics hook).
    public var onEvent: (@Sendable (SecurityEvent) -> Void)?

    public init(context: Context, authorizedKeys directory: String, verbose: Bool = false) throws {
        self.directory = directory
        self.verbose = verbose
        rep = try context.socket(.rep)
        try rep.setLinger(0)
        try loadKeys(force: true)
        try rep.bind(ZAPAuthenticator.endpoint)
    }

    /// Authorized keys now loaded.
    public var keyCount: Int { lock.lock(); defer { lock.unlock() }; return keys.count }
    public var securityCounts: SecurityCounts { lock.lock(); defer { lock.unlock() }; return counts }

    public func start() {
        thread.start(name: "zap", socket: rep, readable: { [self] in
            if let request = try? rep.receive(dontWait: true) { _ = try? rep.send(answer(request)) }
        })
    }

    /// Stops the thread and closes its socket.
    public func stop() {
        if !thread.stop() { rep.close() }
    }

    /// RFC 27: [version, request id, domain, address, identity, mechanism, credentials…] →
    /// [version, request id, status code, status text, user id, metadata].
    func answer(_ f: [[UInt8]]) -> [[UInt8]] {
        let version = Array("1.0".utf8)
        guard f.count >= 6, f[0] == version else {
            log("malformed ZAP request (\(f.count) frames)", key: "malformed")
            return [version, f.count > 1 ? f[1] : [], Array("500".utf8), Array("malformed ZAP request".utf8), [], []]
        }
        let requestID = f[1]
        let address = String(decoding: f[3], as: UTF8.self)
        let mechanism = String(decoding: f[5], as: UTF8.self)
        func reply(_ status: String, _ text: String, user: String = "") -> [[UInt8]] {
            [version, requestID, Array(status.utf8), Array(text.utf8), Array(user.utf8), []]
        }
        guard mechanism == "CURVE", f.count == 7, f[6].count == 32, let key = Z85.encode(f[6]) else {
            record(.refused(mechanism: mechanism, key: nil, address: address))
            log("refused \(mechanism) peer from \(address): CURVE with a listed key is required", key: "mech:" + mechanism)
            return reply("400", "CURVE required")
        }
        if let name = lookUp(key) {
            record(.admitted(key: key, name: name, address: address))
            if verbose { fputs("broker: admitted CURVE key \(key) (\(name)) from \(address)\n", stderr) }
            return reply("200", "OK", user: name)
        }
        record(.refused(mechanism: mechanism, key: key, address: address))
        log("refused CURVE key \(key) from \(address): not in \(directory)", key: "key:" + key)
        return reply("400", "unknown CURVE key")
    }

    /// A failed handshake on the broker's socket (from its PeerWatcher, on that thread), with the
    /// peer's address when known.
    public func handshakeFailed(_ event: MonitorEvent, peer: String?) {
        record(.handshakeFailed(reason: event.reason))
        // ZAP refusals were logged when decided; log the failures ZAP never saw (plaintext peers…).
        if event.event != MonitorEvent.handshakeFailedAuth {
            log("handshake failed from \(peer ?? "an unknown peer") on \(event.endpoint): \(event.reason); connection dropped",
                key: "hs:\(PeerWatcher.host(of: peer)):\(event.event):\(event.value)")   // a peer retrying comes from new ports
        }
    }

    private func record(_ event: SecurityEvent) {
        lock.lock()
        switch event {
        case .admitted: counts.admitted += 1
        case .refused: counts.refused += 1
        case .handshakeFailed: counts.handshakeFailures += 1
        }
        lock.unlock()
        onEvent?(event)
    }

    /// Refusals are always logged, but a peer retrying every 100 ms is logged once per 10 s.
    private func log(_ message: String, key: String) {
        let now = MonotonicClock.nowMs()
        logLock.lock(); defer { logLock.unlock() }     // the ZAP and the peer-watcher threads both log
        if let last = lastLog[key], now - last.atMs < 10_000 {
            lastLog[key] = (last.atMs, last.suppressed + 1)
            return
        }
        let suppressed = lastLog[key]?.suppressed ?? 0
        if lastLog.count > 1_024 { lastLog.removeAll() }
        lastLog[key] = (now, 0)
        fputs("broker: " + message + (suppressed > 0 ? " (\(suppressed) more like it since last logged)" : "") + "\n", stderr)
    }

    // MARK: the authorized keys

    /// A key added to the directory counts from the next handshake on: the directory is
    /// rescanned when it changed, or when an unknown key shows up (at most once a second).
    private func lookUp(_ key: String) -> String? {
        lock.lock()
        var name = keys[key]
        lock.unlock()
        if name == nil || directoryChanged() {
            try? loadKeys(force: name == nil && MonotonicClock.nowMs() - loadedAtMs >= 1_000)
            lock.lock(); name = keys[key]; lock.unlock()
        }
        return name
    }

    private func directoryChanged() -> Bool {
        var st = stat()
        guard stat(directory, &st) == 0 else { return true }
        return st.st_mtim.tv_sec != directoryStamp.tv_sec || st.st_mtim.tv_nsec != directoryStamp.tv_nsec
    }

    private func loadKeys(force: Bool) throws {
        guard force || directoryChanged() else { return }
        var st = stat()
        guard stat(directory, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw ZAPError.notADirectory(directory)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        var loaded: [String: String] = [:]
        for file in names.sorted() where file.hasSuffix(".key") {
            let path = (directory as NSString).appendingPathComponent(file)
            do {
                let cert = try CurveCertificate.load(path)
                loaded[cert.publicKey] = String(file.dropLast(4))
            } catch {
                fputs("broker: skipping authorized key \(path): \(error)\n", stderr)
            }
        }
        lock.lock()
        keys = loaded
        directoryStamp = st.st_mtim
        loadedAtMs = MonotonicClock.nowMs()
        lock.unlock()
    }
}

public enum ZAPError: Error, CustomStringConvertible {
    case notADirectory(String)
    public var description: String {
        switch self { case .notADirectory(let p): return "authorized keys: \(p) is not a readable directory" }
    }
}

/// What the ZAP handler decided or saw.
public enum SecurityEvent: Sendable {
    case admitted(key: String, name: String, address: String)
    case refused(mechanism: String, key: String?, address: String)
    case handshakeFailed(reason: String)
}

public struct SecurityCounts: Sendable, Equatable {
    public var admitted = 0
    public var refused = 0
    public var handshakeFailures = 0
}
