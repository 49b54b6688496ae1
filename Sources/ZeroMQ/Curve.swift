import CZeroMQ

/// A CURVE key pair, both halves Z85-encoded (40 characters).
public struct CurveKeyPair: Sendable, Equatable {
    public let publicKey: String
    public let secretKey: String

    public static func generate() throws -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41)
        var sec = [CChar](repeating: 0, count: 41)
        _ = try check { zmq_curve_keypair(&pub, &sec) }
        return CurveKeyPair(publicKey: String(cString: pub), secretKey: String(cString: sec))
    }

    /// The public key belonging to a Z85 secret key.
    public static func publicKey(forSecret secret: String) throws -> String {
        var pub = [CChar](repeating: 0, count: 41)
        _ = try check { zmq_curve_public(&pub, secret) }
        return String(cString: pub)
    }

    /// True when libzmq was built with CURVE support.
    public static var isAvailable: Bool { zmq_has("curve") != 0 }
}
