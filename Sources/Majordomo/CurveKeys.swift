import Foundation
import ZeroMQ

/// What a CURVE client (worker, aggregator, push/status/tail) needs: the broker's public key
/// and its own key pair. All Z85, 40 characters each.
public struct CurveClientKeys: Sendable, Equatable {
    public let serverKey: String
    public let publicKey: String
    public let secretKey: String

    public init(serverKey: String, publicKey: String, secretKey: String) {
        self.serverKey = serverKey
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Loads the broker's public certificate and the client's secret certificate.
    public init(serverKeyFile: String, secretKeyFile: String) throws {
        let server = try CurveCertificate.load(serverKeyFile)
        let mine = try CurveCertificate.load(secretKeyFile)
        guard let secret = mine.secretKey else { throw CurveKeyError.noSecretKey(secretKeyFile) }
        self.init(serverKey: server.publicKey, publicKey: mine.publicKey, secretKey: secret)
    }

    /// Makes `socket` a CURVE client of the server; call before connect.
    public func apply(to socket: Socket) throws {
        try socket.setCurveClient(serverKey: serverKey, publicKey: publicKey, secretKey: secretKey)
    }
}

extension Context {
    /// A SUB socket on a publisher (the aggregator's PUB: `tail --connect`, `dashboard
    /// --subscribe`), taking every message, a CURVE client of it with `curve`. Its receive times
    /// out after `receiveTimeoutMs`, so a reading loop sees its stop flag.
    public func subscriber(to endpoint: String, curve: CurveClientKeys?, receiveTimeoutMs: Int = 200) throws -> Socket {
        let sub = try socket(.sub)
        try sub.setLinger(0)
        try curve?.apply(to: sub)
        try sub.subscribe()
        try sub.setReceiveTimeout(receiveTimeoutMs)
        try sub.connect(endpoint)
        return sub
    }
}

public enum CurveKeyError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case noPublicKey(String)
    case noSecretKey(String)
    case badKey(String, field: String)
    case mismatch(String)
    case exists(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .unreadable(let p): return "cannot read key file \(p)"
        case .noPublicKey(let p): return "\(p): no public-key line (not a CURVE certificate)"
        case .noSecretKey(let p): return "\(p): no secret-key line (give the .key_secret file)"
        case .badKey(let p, let field): return "\(p): \(field) is not a 40-character Z85 CURVE key"
        case .mismatch(let p): return "\(p): secret-key does not belong to public-key"
        case .exists(let p): return "\(p) already exists (refusing to overwrite a key)"
        case .cannotWrite(let p, let why): return "cannot write \(p): \(why)"
        }
    }
}

/// A CURVE certificate in czmq's file format (ZPL, as zcert and pyzmq's zmq.auth write it):
/// `NAME.key` holds the public key, `NAME.key_secret` (mode 0600) both keys:
///
///     metadata
///     curve
///         public-key = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"
///         secret-key = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"
///
/// Lines starting with `#` are comments. Either file of a pair can be read back with `load`.
public struct CurveCertificate: Sendable, Equatable {
    public let publicKey: String
    public let secretKey: String?

    public init(publicKey: String, secretKey: String?) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    public static func generate() throws -> CurveCertificate {
        let pair = try CurveKeyPair.generate()
        return CurveCertificate(publicKey: pair.publicKey, secretKey: pair.secretKey)
    }

    /// Who besides its owner may read a secret key file (its mode bits); nil when it cannot be stat'ed.
    public static func readers(of path: String) -> SecretKeyReaders? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if st.st_mode & S_IROTH != 0 { return .everyone(mode: st.st_mode & 0o777) }
        if st.st_mode & S_IRGRP != 0 { return .group(mode: st.st_mode & 0o777) }
        return .owner
    }

    /// Reads a `.key` or `.key_secret` file; checks that keys are valid and belong together.
    public static func load(_ path: String) throws -> CurveCertificate {
        guard let data = FileManager.default.contents(atPath: path), data.count < 64 << 10 else {
            throw CurveKeyError.unreadable(path)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws -> CurveCertificate {
        var publicKey: String?, secretKey: String?
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if name == "public-key" { publicKey = value } else if name == "secret-key" { secretKey = value }
        }
        guard let pub = publicKey else { throw CurveKeyError.noPublicKey(path) }
        guard Z85.isCurveKey(pub) else { throw CurveKeyError.badKey(path, field: "public-key") }
        if let sec = secretKey {
            guard Z85.isCurveKey(sec) else { throw CurveKeyError.badKey(path, field: "secret-key") }
            guard (try? CurveKeyPair.publicKey(forSecret: sec)) == pub else { throw CurveKeyError.mismatch(path) }
        }
        return CurveCertificate(publicKey: pub, secretKey: secretKey)
    }

    /// The public file's text (no secret inside).
    public var publicFileText: String { Self.text(publicKey: publicKey, secretKey: nil) }
    /// The secret file's text (both keys).
    public var secretFileText: String { Self.text(publicKey: publicKey, secretKey: secretKey) }

    private static func text(publicKey: String, secretKey: String?) -> String {
        var s = "#   ****  Generated by reportq keygen  ****\n"
        if secretKey != nil {
            s += "#   ZeroMQ CURVE **Secret** Certificate\n"
            s += "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n"
        } else {
            s += "#   ZeroMQ CURVE Public Certificate\n"
            s += "#   Copy it to the broker's --authorized-keys directory to admit this peer.\n"
        }
        s += "\nmetadata\ncurve\n    public-key = \"\(publicKey)\"\n"
        if let secretKey { s += "    secret-key = \"\(secretKey)\"\n" }
        return s
    }

    /// Writes `base.key` (mode 0644) and `base.key_secret` (mode 0600, created that way, never
    /// widened). Refuses to overwrite existing files unless `overwrite`.
    public func write(base: String, overwrite: Bool = false) throws {
        try Self.writeFile(base + ".key", publicFileText, mode: 0o644, overwrite: overwrite)
        if secretKey != nil { try Self.writeFile(base + ".key_secret", secretFileText, mode: 0o600, overwrite: overwrite) }
    }

    private static func writeFile(_ path: String, _ text: String, mode: mode_t, overwrite: Bool) throws {
        if overwrite { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw CurveKeyError.exists(path) }
            throw CurveKeyError.cannotWrite(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        fchmod(fd, mode)          // the umask must not widen or narrow the mode we mean
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count, fsync(fd) == 0 else { throw CurveKeyError.cannotWrite(path, String(cString: strerror(errno))) }
    }
}

/// Who may read a secret key file besides its owner: every local user (refused), its group
/// (warned: Kubernetes mounts secrets 0440), or no one.
public enum SecretKeyReaders: Equatable, Sendable {
    case owner
    case group(mode: mode_t)
    case everyone(mode: mode_t)
}
