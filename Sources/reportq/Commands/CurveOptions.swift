import ArgumentParser
import Broker
import Foundation
import Majordomo
import ZeroMQ

/// An option's value, or else a non-empty environment variable (compose passes unset ones as "").
func environmentDefault(_ option: String?, _ variable: String) -> String? {
    if let option, !option.isEmpty { return option }
    if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
    return nil
}

/// A secret key every local user can read is refused (they could act as this peer, or, for the
/// broker's, read all traffic); one its group can read is used with a warning.
func checkSecretKeyPermissions(_ path: String) throws {
    switch CurveCertificate.readers(of: path) {
    case .everyone(let mode)?:
        throw ValidationError("secret key \(path) is readable by every user (mode \(String(mode, radix: 8))): chmod 600 \(path)")
    case .group(let mode)?:
        fputs("reportq: WARNING: secret key \(path) is readable by its group (mode \(String(mode, radix: 8))); chmod 600 \(path) unless that group is meant to read it\n", stderr)
    case .owner?, nil:
        break
    }
}

/// CURVE for processes that connect to the broker (worker, aggregator, push, status, tail).
struct ClientCurveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The broker's public key file (NAME.key); turns CURVE on. Env: REPORTQ_CURVE_SERVER_KEY.", valueName: "file"))
    var curveServerKey: String?

    @Option(name: .long, help: ArgumentHelp("This peer's secret key file (NAME.key_secret, from `reportq keygen`); its public key must be in the broker's --authorized-keys. Env: REPORTQ_CURVE_SECRET_KEY.", valueName: "file"))
    var curveSecretKey: String?

    var serverKeyFile: String? { environmentDefault(curveServerKey, "REPORTQ_CURVE_SERVER_KEY") }
    var secretKeyFile: String? { environmentDefault(curveSecretKey, "REPORTQ_CURVE_SECRET_KEY") }

    func validate() throws {
        if (serverKeyFile == nil) != (secretKeyFile == nil) {
            throw ValidationError("CURVE needs both --curve-server-key and --curve-secret-key (or neither)")
        }
    }

    /// The keys to use, nil for plaintext. Bad files are a usage error (exit 64) with the reason.
    func keys() throws -> CurveClientKeys? {
        guard let server = serverKeyFile, let secret = secretKeyFile else { return nil }
        try checkSecretKeyPermissions(secret)
        do { return try CurveClientKeys(serverKeyFile: server, secretKeyFile: secret) } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// The keys of a subscriber to the aggregator's PUB socket when it runs CURVE (`tail --connect`,
/// `dashboard --subscribe`): the aggregator's public key as the server's, this peer's secret key;
/// nil for plaintext.
func publisherCurveKeys(publisherKey: String?, secretKey: String?) throws -> CurveClientKeys? {
    guard let publisher = environmentDefault(publisherKey, "REPORTQ_CURVE_PUBLISHER_KEY") else { return nil }
    guard let secret = environmentDefault(secretKey, "REPORTQ_CURVE_SECRET_KEY") else {
        throw ValidationError("--curve-publisher-key needs --curve-secret-key")
    }
    try checkSecretKeyPermissions(secret)
    do { return try CurveClientKeys(serverKeyFile: publisher, secretKeyFile: secret) } catch { throw ValidationError("\(error)") }
}

/// CURVE for the broker: its own secret key and the directory of admitted public keys.
struct ServerCurveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The broker's secret key file (NAME.key_secret); makes the broker a CURVE server. Env: REPORTQ_CURVE_SECRET_KEY.", valueName: "file"))
    var curveSecretKey: String?

    @Option(name: .long, help: ArgumentHelp("Directory of admitted public keys (*.key); peers with other keys, or plaintext, are refused. Env: REPORTQ_AUTHORIZED_KEYS.", valueName: "dir"))
    var authorizedKeys: String?

    var secretKeyFile: String? { environmentDefault(curveSecretKey, "REPORTQ_CURVE_SECRET_KEY") }
    var keysDirectory: String? { environmentDefault(authorizedKeys, "REPORTQ_AUTHORIZED_KEYS") }

    func validate() throws {
        if (secretKeyFile == nil) != (keysDirectory == nil) {
            throw ValidationError("CURVE needs both --curve-secret-key and --authorized-keys (or neither)")
        }
    }

    /// Loads the broker key into `options` and starts the ZAP handler (before the broker binds).
    func startAuthenticator(context: Context, options: inout BrokerOptions) throws -> ZAPAuthenticator? {
        guard let secretFile = secretKeyFile, let directory = keysDirectory else { return nil }
        try checkSecretKeyPermissions(secretFile)
        let cert: CurveCertificate
        do { cert = try CurveCertificate.load(secretFile) } catch { throw ValidationError("\(error)") }
        guard let secret = cert.secretKey else { throw ValidationError("\(CurveKeyError.noSecretKey(secretFile))") }
        guard CurveKeyPair.isAvailable else { throw ValidationError("this libzmq was built without CURVE support") }
        options.curveSecretKey = secret
        let zap: ZAPAuthenticator
        do { zap = try ZAPAuthenticator(context: context, authorizedKeys: directory, verbose: options.verbose) } catch {
            throw ValidationError("\(error)")
        }
        fputs("broker: CURVE on, public key \(cert.publicKey), \(zap.keyCount) authorized key(s) in \(directory)\n", stderr)
        return zap
    }

    /// Lets the authenticator log handshakes that fail before ZAP is asked (plaintext peers), then starts it.
    static func attach(_ zap: ZAPAuthenticator, to broker: Broker, context: Context) throws {
        broker.onHandshakeFailure = { event, peer in zap.handshakeFailed(event, peer: peer) }
        zap.start()
    }
}
