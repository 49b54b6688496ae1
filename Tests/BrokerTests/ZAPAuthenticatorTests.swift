import Foundation
import XCTest
@testable import Broker
import Majordomo
import ZeroMQ

/// The ZAP handler's answers (RFC 27) for listed, unknown and missing keys, driven frame by frame,
/// and the same handler behind a real CURVE handshake in one process.
final class ZAPAuthenticatorTests: XCTestCase {
    var dir: URL!
    var ctx: Context!

    override func setUpWithError() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        ctx = try Context()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("reportq-zap-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    private func request(mechanism: String, credentials: [[UInt8]]) -> [[UInt8]] {
        [Array("1.0".utf8), Array("7".utf8), Array("reportq".utf8), Array("10.0.0.9".utf8), [], Array(mechanism.utf8)] + credentials
    }

    func testAnswersListedUnknownPlainAndMalformed() throws {
        let listed = try CurveCertificate.generate()
        try listed.write(base: dir.appendingPathComponent("worker-a").path)
        let stranger = try CurveCertificate.generate()
        let zap = try ZAPAuthenticator(context: ctx, authorizedKeys: dir.path)
        XCTAssertEqual(zap.keyCount, 1)

        let ok = zap.answer(request(mechanism: "CURVE", credentials: [Z85.decode(listed.publicKey)!]))
        XCTAssertEqual(ok.map { String(decoding: $0, as: UTF8.self) }, ["1.0", "7", "200", "OK", "worker-a", ""])

        let unknown = zap.answer(request(mechanism: "CURVE", credentials: [Z85.decode(stranger.publicKey)!]))
        XCTAssertEqual(String(decoding: unknown[2], as: UTF8.self), "400")
        XCTAssertEqual(String(decoding: unknown[1], as: UTF8.self), "7")

        let plain = zap.answer(request(mechanism: "NULL", credentials: []))
        XCTAssertEqual(String(decoding: plain[2], as: UTF8.self), "400")

        let malformed = zap.answer([Array("2.0".utf8), Array("8".utf8)])
        XCTAssertEqual(malformed.count, 6)
        XCTAssertEqual(String(decoding: malformed[2], as: UTF8.self), "500")
        XCTAssertEqual(zap.securityCounts, SecurityCounts(admitted: 1, refused: 2, handshakeFailures: 0))
    }

    func testKeyAddedLaterIsAdmittedWithoutRestart() throws {
        let zap = try ZAPAuthenticator(context: ctx, authorizedKeys: dir.path)
        let late = try CurveCertificate.generate()
        let req = request(mechanism: "CURVE", credentials: [Z85.decode(late.publicKey)!])
        XCTAssertEqual(String(decoding: zap.answer(req)[2], as: UTF8.self), "400")
        try late.write(base: dir.appendingPathComponent("late").path)
        usleep(1_100_000)    // rescans on an unknown key at most once a second
        XCTAssertEqual(String(decoding: zap.answer(req)[2], as: UTF8.self), "200")
    }

    func testSecretFilesAreNotAuthorizedKeysAndBadFilesAreSkipped() throws {
        let cert = try CurveCertificate.generate()
        try cert.write(base: dir.appendingPathComponent("peer").path)
        try "curve\n    public-key = \"short\"\n".write(to: dir.appendingPathComponent("broken.key"), atomically: true, encoding: .utf8)
        let zap = try ZAPAuthenticator(context: ctx, authorizedKeys: dir.path)
        XCTAssertEqual(zap.keyCount, 1)   // peer.key only: not peer.key_secret, not broken.key
        XCTAssertThrowsError(try ZAPAuthenticator(context: ctx, authorizedKeys: dir.appendingPathComponent("missing").path))
    }

    /// A real CURVE server socket with the handler running: a listed client talks, an unknown one
    /// never gets a message through.
    func testRealHandshake() throws {
        let server = try CurveCertificate.generate()
        let good = try CurveCertificate.generate()
        try good.write(base: dir.appendingPathComponent("good").path)
        let bad = try CurveCertificate.generate()
        let zap = try ZAPAuthenticator(context: ctx, authorizedKeys: dir.path)
        zap.start()
        defer { zap.stop() }

        let router = try ctx.socket(.router)
        try router.setLinger(0)
        try router.setCurveServer(secretKey: server.secretKey!)
        try router.bind("tcp://127.0.0.1:*")
        try router.setReceiveTimeout(1_500)
        let endpoint = router.lastEndpoint

        func dealer(_ cert: CurveCertificate) throws -> Socket {
            let s = try ctx.socket(.dealer)
            try s.setLinger(0)
            try CurveClientKeys(serverKey: server.publicKey, publicKey: cert.publicKey, secretKey: cert.secretKey!).apply(to: s)
            try s.connect(endpoint)
            return s
        }
        let intruder = try dealer(bad)
        try intruder.send([Array("from intruder".utf8)], dontWait: true)
        XCTAssertThrowsError(try router.receive()) { XCTAssertEqual($0 as? ZMQError, .wouldBlock) }

        let friend = try dealer(good)
        try friend.send([Array("from friend".utf8)])
        let got = try router.receive()
        XCTAssertEqual(got.last, Array("from friend".utf8))
        XCTAssertThrowsError(try router.receive(dontWait: true))   // still nothing from the intruder
        XCTAssertGreaterThanOrEqual(zap.securityCounts.refused, 1)
        XCTAssertGreaterThanOrEqual(zap.securityCounts.admitted, 1)
    }
}
