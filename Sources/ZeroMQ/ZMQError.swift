import CZeroMQ
#if canImport(Glibc)
import Glibc
#endif

/// A libzmq failure as a Swift error. `wouldBlock` (EAGAIN) is its own case because
/// callers treat it as "nothing now" (non-blocking call or timeout), not as a fault.
public enum ZMQError: Error, Equatable, CustomStringConvertible {
    case wouldBlock
    case contextTerminated
    case hostUnreachable                 // ROUTER_MANDATORY: the peer is gone
    case failed(code: Int32, message: String)

    /// Builds the error for the current `zmq_errno()`.
    public static func current() -> ZMQError { ZMQError(code: zmq_errno()) }

    public init(code: Int32) {
        switch code {
        case EAGAIN: self = .wouldBlock
        case ETERM: self = .contextTerminated
        case EHOSTUNREACH: self = .hostUnreachable
        default: self = .failed(code: code, message: String(cString: zmq_strerror(code)))
        }
    }

    public var code: Int32 {
        switch self {
        case .wouldBlock: return EAGAIN
        case .contextTerminated: return ETERM
        case .hostUnreachable: return EHOSTUNREACH
        case .failed(let code, _): return code
        }
    }

    public var description: String {
        "zmq error \(code): \(String(cString: zmq_strerror(code)))"
    }
}

/// Runs a libzmq call that returns -1 on failure, retrying on EINTR.
@inline(__always)
func check(_ call: () -> Int32) throws -> Int32 {
    while true {
        let rc = call()
        if rc >= 0 { return rc }
        let code = zmq_errno()
        if code == EINTR { continue }
        throw ZMQError(code: code)
    }
}

/// The libzmq version as (major, minor, patch).
public func zmqVersion() -> (Int, Int, Int) {
    var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
    zmq_version(&major, &minor, &patch)
    return (Int(major), Int(minor), Int(patch))
}
