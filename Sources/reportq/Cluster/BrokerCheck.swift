import ArgumentParser
import Foundation
import JobContract
import Majordomo
import ZeroMQ

/// Fail fast and say why. An endpoint without a transport is a usage error that names the one
/// meant ("did you mean tcp://127.0.0.1:5555?") instead of libzmq's "zmq error 22"; a command that
/// talks to a broker first asks it `mmi.service` (RFC 8, answered by the broker itself) and gives
/// up after `--connect-timeout` naming the endpoint, instead of waiting out its per-job timeouts
/// (a dead broker used to cost a one-file push 30 s, 500 files ~16 min).
struct BrokerCheckOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the broker's first answer (mmi.service) before giving up. Env: REPORTQ_CONNECT_TIMEOUT.", valueName: "seconds"))
    var connectTimeout = Double(Env.optionalString("REPORTQ_CONNECT_TIMEOUT") ?? "") ?? 2

    func validate() throws {
        guard connectTimeout > 0, connectTimeout <= 600 else { throw ValidationError("--connect-timeout must be between 0 and 600 seconds") }
    }

    var timeoutMs: Int { max(1, Int(connectTimeout * 1000)) }
}

/// Exit status of a command that could not reach its broker (sysexits' EX_UNAVAILABLE).
let brokerUnreachableExitCode: Int32 = 69

/// The broker did not answer: the message names the endpoint and what to check.
struct BrokerUnreachable: Error, CustomStringConvertible {
    let endpoint: String
    let timeoutMs: Int
    /// Whether it answered before (a push that lost it midway).
    var lost = false
    var curve = false
    /// The request that went unanswered.
    var request = "mmi.service"

    var description: String {
        let seconds = timeoutMs % 1000 == 0 ? "\(timeoutMs / 1000)" : String(format: "%.1f", Double(timeoutMs) / 1000)
        var text = (lost ? "lost the broker at \(endpoint)" : "cannot reach the broker at \(endpoint)")
            + ": no answer to \(request) within \(seconds) s"
        text += lost ? "" : " (is `reportq broker` or `reportq up` running there?"
            + (curve ? " With CURVE: is --curve-server-key its key, and is ours in its --authorized-keys?" : "") + ")"
        return text
    }
}

enum BrokerCheck {
    /// A usage error (exit 64) unless `value` is a ZeroMQ endpoint; `option` names the flag.
    static func endpoint(_ value: String, option: String) throws {
        do { try Endpoint.check(value) } catch { throw ValidationError("\(option): \(error)") }
    }

    /// Asks the broker `mmi.service` for `service` once, within `timeoutMs`: whether the service
    /// has workers. Throws BrokerUnreachable when nothing answers.
    @discardableResult
    static func reach(_ endpoint: String, context: Context, curve: CurveClientKeys?, timeoutMs: Int,
                      service: ServiceName = .ingest, lost: Bool = false) throws -> MMIServiceReply {
        let client = try MDPClient(context: context, endpoint: endpoint, timeoutMs: timeoutMs, attempts: 1, curve: curve)
        do { return try client.mmiService(service.bytes) } catch MDPClientError.timeout {
            throw BrokerUnreachable(endpoint: endpoint, timeoutMs: timeoutMs, lost: lost, curve: curve != nil)
        }
    }

    /// Runs a command's body, turning BrokerUnreachable into its message and exit status 69.
    static func exitingWhenUnreachable<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as BrokerUnreachable {
            printError("\(e)")
            throw ExitCode(brokerUnreachableExitCode)
        }
    }
}
