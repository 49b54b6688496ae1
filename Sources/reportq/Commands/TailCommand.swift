import Aggregator
import ArgumentParser
import Foundation
import Majordomo
import ZeroMQ

struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the aggregator's JSON lines: from its file (--file) or its PUB socket (--connect).",
        discussion: """
            Without -f, prints the file's lines and exits. With -f, follows new lines (across rotations), waiting for the file if it does not exist yet; --from-start prints the existing ones first.

            --where PATH=VALUE keeps lines where some value at PATH is VALUE, PATH!=VALUE those where none is; repeat it for several conditions (all must hold). PATH is dotted and goes through arrays: targets.code=gdp keeps reports with a GDP target. A path the record schema (protocols/record.schema.json) does not have is an error.
            --fields a,b.c prints those fields as tab-separated values instead of whole lines (a list as JSON, null as nothing).
            """)

    @Flag(name: .short, help: "Follow: keep printing new lines (and wait for the file to appear).")
    var follow = false

    @Flag(name: .long, help: "With -f on a file: print the existing lines first.")
    var fromStart = false

    @Option(name: .long, help: ArgumentHelp("Only lines where PATH=VALUE (or PATH!=VALUE) holds, e.g. document.region=北京市, targets.code=gdp, status!=ok; repeatable: all must hold.", valueName: "condition"))
    var `where`: [String] = []

    @Option(name: .long, help: ArgumentHelp("Print these fields as tab-separated values, e.g. source.name,document.region,document.plan_year (repeatable).", valueName: "paths"))
    var fields: [String] = []

    @Option(name: .long, help: "Aggregator PUB endpoint (e.g. tcp://aggregator:5556). Env: REPORTQ_TAIL_CONNECT.")
    var connect: String?

    @Option(name: .long, help: ArgumentHelp("With --connect to an aggregator that runs CURVE: its public key file (NAME.key). Env: REPORTQ_CURVE_PUBLISHER_KEY.", valueName: "file"))
    var curvePublisherKey: String?

    @Option(name: .long, help: ArgumentHelp("With --curve-publisher-key: this peer's secret key file (NAME.key_secret). Env: REPORTQ_CURVE_SECRET_KEY.", valueName: "file"))
    var curveSecretKey: String?

    /// The CURVE keys for --connect (the aggregator's public key as the server's), nil for plaintext.
    func publisherKeys() throws -> CurveClientKeys? {
        try publisherCurveKeys(publisherKey: curvePublisherKey, secretKey: curveSecretKey)
    }

    @Option(name: .long, help: "Output file of a local aggregator. Env: REPORTQ_OUT.")
    var file = Env.string("REPORTQ_OUT", "results.jsonl")

    func validate() throws {
        if let connect = connect ?? Env.optionalString("REPORTQ_TAIL_CONNECT") { try BrokerCheck.endpoint(connect, option: "--connect") }
        do {
            _ = try LineFilter(self.where, checkedAgainstRecordSchema: true)
            _ = try FieldSelection(fields, checkedAgainstRecordSchema: true)
        } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let filter = try LineFilter(self.where, checkedAgainstRecordSchema: true)
        let selection = fields.isEmpty ? nil : try FieldSelection(fields, checkedAgainstRecordSchema: true)
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let out = FileHandle.standardOutput
        func emit(_ lines: [[UInt8]]) {
            var buffer = [UInt8]()
            for l in lines where filter.matches(l) {
                if let selection {
                    guard let row = selection.row(l) else { continue }
                    buffer += row
                } else {
                    buffer += l
                }
                buffer.append(0x0A)
            }
            if !buffer.isEmpty { out.write(Data(buffer)) }
        }
        if let connect = connect ?? Env.optionalString("REPORTQ_TAIL_CONNECT") {
            let context = try Context()
            let sub = try context.subscriber(to: connect, curve: try publisherKeys())
            while !stop.isSet {
                do { emit(try sub.receive()) } catch ZMQError.wouldBlock {}
            }
            return
        }
        var start: LineFollower.Start = (!follow || fromStart) ? .beginning : .end
        if !FileManager.default.fileExists(atPath: file) {
            guard follow else { throw ValidationError("no such file: \(file)") }
            // Started before the aggregator wrote anything: every line it writes is new.
            printError("tail: waiting for \(file) to appear")
            while !stop.isSet && !FileManager.default.fileExists(atPath: file) { usleep(100_000) }
            start = .beginning
        }
        let follower = LineFollower(path: file, from: start)
        emit(try follower.poll())
        guard follow else { return }
        while !stop.isSet {
            usleep(100_000)
            emit(try follower.poll())
        }
    }
}
