import Aggregator
import ArgumentParser
import Foundation
import Majordomo
import ZeroMQ

struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the aggregator's JSON lines: from its file (--file) or its PUB socket (--connect).",
        discussion: "Without -f, prints the file's lines and exits. With -f, follows new lines (across rotations); --from-start prints the existing ones first.")

    @Flag(name: .short, help: "Follow: keep printing new lines.")
    var follow = false

    @Flag(name: .long, help: "With -f on a file: print the existing lines first.")
    var fromStart = false

    @Option(name: .long, help: "Only lines where field=value (dotted paths, e.g. document.region=北京市; repeatable: all must hold).")
    var `where`: [String] = []

    @Option(name: .long, help: "Aggregator PUB endpoint (e.g. tcp://aggregator:5556). Env: REPORTQ_TAIL_CONNECT.")
    var connect: String?

    @Option(name: .long, help: "Output file of a local aggregator. Env: REPORTQ_OUT.")
    var file = Env.string("REPORTQ_OUT", "results.jsonl")

    func validate() throws {
        if let connect = connect ?? Env.optionalString("REPORTQ_TAIL_CONNECT") { try BrokerCheck.endpoint(connect, option: "--connect") }
    }

    func run() throws {
        let filter: LineFilter
        do { filter = try LineFilter(self.where) } catch { throw ValidationError("\(error)") }
        let stop = StopFlag()
        stopOnTerminationSignals(stop)
        let out = FileHandle.standardOutput
        func emit(_ lines: [[UInt8]]) {
            var buffer = [UInt8]()
            for l in lines where filter.matches(l) { buffer += l; buffer.append(0x0A) }
            if !buffer.isEmpty { out.write(Data(buffer)) }
        }
        if let connect = connect ?? Env.optionalString("REPORTQ_TAIL_CONNECT") {
            let context = try Context()
            let sub = try context.socket(.sub)
            try sub.setLinger(0)
            try sub.setOption(6 /* ZMQ_SUBSCRIBE */, bytes: [])
            try sub.setReceiveTimeout(200)
            try sub.connect(connect)
            while !stop.isSet {
                do { emit(try sub.receive()) } catch ZMQError.wouldBlock {}
            }
            return
        }
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
        let follower = LineFollower(path: file, from: (!follow || fromStart) ? .beginning : .end)
        emit(try follower.poll())
        guard follow else { return }
        while !stop.isSet {
            usleep(100_000)
            emit(try follower.poll())
        }
    }
}
