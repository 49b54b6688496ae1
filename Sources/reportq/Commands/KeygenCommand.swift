import ArgumentParser
import Foundation
import Majordomo
import ZeroMQ

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a CURVE key pair: NAME.key (public) and NAME.key_secret (mode 0600).",
        discussion: """
            The files are czmq/pyzmq certificates (see docs/CLUSTER.md). Give the broker its \
            NAME.key_secret and a directory with the NAME.key of every admitted peer; give each \
            peer its own NAME.key_secret and the broker's NAME.key.
            """)

    @Option(name: .long, help: ArgumentHelp("Path and base name of the pair, e.g. keys/broker.", valueName: "dir/name"))
    var out = "reportq"

    @Flag(name: .long, help: "Replace existing files.")
    var force = false

    @Flag(name: .long, help: "Print the public key (Z85) on stdout.")
    var print = false

    func run() throws {
        guard CurveKeyPair.isAvailable else {
            printError("this libzmq was built without CURVE support")
            throw ExitCode(1)
        }
        let directory = (out as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let cert = try CurveCertificate.generate()
        do { try cert.write(base: out, overwrite: force) } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        if print { Swift.print(cert.publicKey) }
        printError("wrote \(out).key and \(out).key_secret")
    }
}
