import Foundation
import XCTest
import Majordomo
import ZeroMQ

/// Hosts made of Linux network namespaces on one bridge (iproute2): every process gets its own
/// network stack and IP address, and they talk over real TCP across veth links.
/// Needs root (or CAP_NET_ADMIN) and `ip netns`; tests skip with a clear message otherwise.
final class NetnsLab {
    let tag: String
    let subnet: String                 // e.g. "10.213.47"
    let bridge: String
    private(set) var hosts: [String: (ns: String, ip: String, veth: String)] = [:]
    private var nextHost = 10

    init() throws {
        tag = String(format: "%04x", UInt16.random(in: 0...UInt16.max))
        subnet = "10.\(Int.random(in: 200...249)).\(Int.random(in: 1...250))"
        bridge = "rqbr\(tag)"
        guard getuid() == 0 else { throw XCTSkip("multi-host tests need root for `ip netns` (network namespaces)") }
        do {
            try NetnsLab.ip(["link", "add", bridge, "type", "bridge"])
        } catch { throw XCTSkip("multi-host tests need `ip link add … type bridge` and `ip netns add` (\(error))") }
        try NetnsLab.ip(["addr", "add", "\(subnet).1/24", "dev", bridge])
        try NetnsLab.ip(["link", "set", bridge, "up"])
    }

    /// The address of the bridge itself: the test process's own "host".
    var hostIP: String { "\(subnet).1" }

    /// Adds a host: a namespace with loopback and one veth on the bridge. Returns its IP.
    @discardableResult
    func addHost(_ name: String) throws -> String {
        let ns = "rq\(tag)\(name)"
        let ip = "\(subnet).\(nextHost)"
        let veth = "rqv\(tag)\(nextHost)"
        let peer = "rqp\(tag)\(nextHost)"
        nextHost += 1
        do { try NetnsLab.ip(["netns", "add", ns]) } catch { throw XCTSkip("`ip netns add` is not permitted here (\(error))") }
        hosts[name] = (ns, ip, veth)
        try NetnsLab.ip(["link", "add", veth, "type", "veth", "peer", "name", peer])
        try NetnsLab.ip(["link", "set", peer, "netns", ns])
        try NetnsLab.ip(["link", "set", veth, "master", bridge, "up"])
        try NetnsLab.ip(["netns", "exec", ns, "ip", "addr", "add", "\(ip)/24", "dev", peer])
        try NetnsLab.ip(["netns", "exec", ns, "ip", "link", "set", peer, "up"])
        try NetnsLab.ip(["netns", "exec", ns, "ip", "link", "set", "lo", "up"])
        return ip
    }

    func ip(of host: String) -> String { hosts[host]!.ip }

    /// The command line that runs `args` inside a host (`ip netns exec` execs it: same pid).
    func command(on host: String, _ args: [String]) -> [String] { ["netns", "exec", hosts[host]!.ns] + args }

    func tearDown() {
        for (_, h) in hosts { try? NetnsLab.ip(["netns", "delete", h.ns]) }
        try? NetnsLab.ip(["link", "delete", bridge])
        hosts.removeAll()
    }

    static let ipTool = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/ip"

    static func ip(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ipTool)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw NSError(domain: "ip", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "ip \(args.joined(separator: " ")): \(message)"])
        }
    }
}

/// The cluster over several "hosts" with CURVE on: a broker host, two worker hosts, an intruder
/// host with an unlisted key, and the test process as the client host. One worker host is killed
/// mid-run; every job still gets exactly one result.
final class MultiHostTests: ClusterTestCase {
    var lab: NetnsLab?

    override func tearDown() {
        super.tearDown()           // kills the processes first, then the namespaces go
        lab?.tearDown()
    }

    func keygen(_ name: String) throws -> CurveCertificate {
        let base = dir.appendingPathComponent("keys/\(name)").path
        XCTAssertEqual(waitExit(try reportq(["keygen", "--out", base])), 0)
        return try CurveCertificate.load(base + ".key_secret")
    }

    @discardableResult
    func onHost(_ host: String, _ args: [String], errors: URL? = nil) throws -> Process {
        try launch(URL(fileURLWithPath: NetnsLab.ipTool), lab!.command(on: host, [ClusterTestCase.binary.path] + args), errors: errors)
    }

    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    func testCorpusAcrossHostsWithCurveSurvivesAWorkerHostLoss() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        let lab = try NetnsLab()
        self.lab = lab
        for host in ["broker", "w1", "w2", "intruder"] { try lab.addHost(host) }
        // The reports (the folder's README.md is no report: it gives a not_a_report line).
        let files = try FileManager.default.contentsOfDirectory(atPath: MultiHostTests.corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw XCTSkip("no corpus at \(MultiHostTests.corpus.path)") }

        let broker = try keygen("broker"), client = try keygen("client")
        _ = try keygen("w1"); _ = try keygen("w2"); _ = try keygen("intruder")
        let keys = dir.appendingPathComponent("keys").path
        let authorized = dir.appendingPathComponent("authorized")
        try FileManager.default.createDirectory(at: authorized, withIntermediateDirectories: true)
        for name in ["client", "w1", "w2"] { try FileManager.default.copyItem(atPath: "\(keys)/\(name).key", toPath: authorized.path + "/\(name).key") }

        let brokerIP = lab.ip(of: "broker")
        let endpoint = "tcp://\(brokerIP):5555"
        let brokerLog = dir.appendingPathComponent("broker.err")
        try onHost("broker", ["broker", "--bind", "tcp://*:5555", "--heartbeat-ms", "500", "--verbose",
                              "--curve-secret-key", "\(keys)/broker.key_secret", "--authorized-keys", authorized.path], errors: brokerLog)
        var workers: [String: [Process]] = [:]
        for host in ["w1", "w2", "intruder"] {
            workers[host] = [try onHost(host, ["worker", "--connect", endpoint, "--concurrency", "2", "--heartbeat-ms", "500",
                                               "--curve-server-key", "\(keys)/broker.key", "--curve-secret-key", "\(keys)/\(host).key_secret"])]
        }

        // The client host is the test process, on the bridge address.
        let curve = CurveClientKeys(serverKey: broker.publicKey, publicKey: client.publicKey, secretKey: client.secretKey!)
        let probe = try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 500, attempts: 1, curve: curve)
        let deadline = Date().addingTimeInterval(30)
        while (try? probe.request(service: "mmi.service", body: [Array("ingest".utf8)])) != [Array("200".utf8)] && Date() < deadline {
            try probe.reconnect(); usleep(100_000)
        }

        // Six rounds of the corpus as distinct jobs (ids of the job header's form), four in flight.
        var jobs: [(id: String, name: String, bytes: [UInt8])] = []
        for round in 0..<6 {
            for name in files {
                let bytes = [UInt8](FileManager.default.contents(atPath: MultiHostTests.corpus.appendingPathComponent(name).path) ?? Data())
                jobs.append((String(format: "%032x", jobs.count + 1), name, bytes))
            }
        }
        let clients = try (0..<4).map { _ in try MDPClient(context: ctx, endpoint: endpoint, timeoutMs: 60_000, attempts: 1, curve: curve) }
        var inHand: [Int: String] = [:]
        var next = 0
        var results: [String: Int] = [:]
        var killedAt: Int?
        func start(_ i: Int) throws {
            guard next < jobs.count else { return }
            let job = jobs[next]; next += 1
            let header = Array("{\"job_id\":\"\(job.id)\",\"name\":\"\(job.name)\",\"sha256\":\"\",\"bytes\":\(job.bytes.count),\"options\":{}}".utf8)
            try clients[i].send(service: Array("ingest".utf8), body: [header, job.bytes])
            inHand[i] = job.id
        }
        for i in clients.indices { try start(i) }
        let runDeadline = Date().addingTimeInterval(120)
        while !inHand.isEmpty && Date() < runDeadline {
            for (i, _) in inHand {
                guard let reply = try clients[i].receive() else { continue }
                let record = try JSONSerialization.jsonObject(with: Data(reply.first ?? [])) as? [String: Any]
                let id = record?["job_id"] as? String ?? "?"
                XCTAssertEqual(id, inHand[i], "reply for the wrong job")
                XCTAssertEqual(record?["status"] as? String, "ok", "\(id): \(String(decoding: reply.first ?? [], as: UTF8.self).prefix(300))")
                results[id, default: 0] += 1
                inHand[i] = nil
                try start(i)
            }
            // Lose worker host w2 once a fifth of the jobs are done.
            if killedAt == nil && results.count >= jobs.count / 5 {
                for p in workers["w2"]! { kill(p.processIdentifier, SIGKILL) }
                killedAt = results.count
            }
            usleep(5_000)
        }
        XCTAssertNotNil(killedAt)
        XCTAssertLessThan(killedAt ?? jobs.count, jobs.count, "the worker host must die mid-run")
        XCTAssertEqual(results.count, jobs.count, "every job answered")
        XCTAssertEqual(results.values.filter { $0 != 1 }.count, 0, "no job answered twice")
        XCTAssertTrue(workers["w1"]!.allSatisfy { $0.isRunning })

        let log = try String(contentsOf: brokerLog, encoding: .utf8)
        let intruderKey = try CurveCertificate.load("\(keys)/intruder.key").publicKey
        XCTAssertTrue(log.contains("refused CURVE key \(intruderKey) from \(lab.ip(of: "intruder"))"), log)
        // ZAP saw each peer at its own host's address.
        XCTAssertTrue(log.contains("(w1) from \(lab.ip(of: "w1"))"), log)
        XCTAssertTrue(log.contains("(client) from \(lab.hostIP)"), log)
    }

    /// The durable path across hosts, CURVE on everywhere: `reportq push` from the test's host →
    /// broker host (journal) → workers on two hosts → aggregator on its own host. Worker host w2
    /// is killed once the first lines are written; every pushed job is still written exactly once.
    /// A peer with an unlisted key can neither push nor ask for the status.
    func testPushToAggregatorAcrossHosts() throws {
        guard CurveKeyPair.isAvailable else { throw XCTSkip("libzmq without CURVE") }
        try requirePython(modules: ["urllib.request"])
        let lab = try NetnsLab()
        self.lab = lab
        for host in ["broker", "w1", "w2", "aggregator"] { try lab.addHost(host) }
        for name in ["broker", "client", "w1", "w2", "aggregator", "stranger"] { _ = try keygen(name) }
        let keys = dir.appendingPathComponent("keys").path
        let authorized = dir.appendingPathComponent("authorized")
        try FileManager.default.createDirectory(at: authorized, withIntermediateDirectories: true)
        for name in ["client", "w1", "w2", "aggregator"] { try FileManager.default.copyItem(atPath: "\(keys)/\(name).key", toPath: authorized.path + "/\(name).key") }
        let endpoint = "tcp://\(lab.ip(of: "broker")):5555"
        let curve = { (name: String) in ["--curve-server-key", "\(keys)/broker.key", "--curve-secret-key", "\(keys)/\(name).key_secret"] }
        let brokerLog = dir.appendingPathComponent("broker.err")
        try onHost("broker", ["broker", "--bind", "tcp://*:5555", "--journal", dir.appendingPathComponent("journal").path,
                              "--heartbeat-ms", "500", "--verbose", "--curve-secret-key", "\(keys)/broker.key_secret",
                              "--authorized-keys", authorized.path], errors: brokerLog)
        let out = dir.appendingPathComponent("results.jsonl")
        try onHost("aggregator", ["aggregator", "--connect", endpoint, "--out", out.path, "--heartbeat-ms", "500",
                                  "--publish", "tcp://*:5556", "--metrics", "tcp://*:9101"] + curve("aggregator"),
                   errors: dir.appendingPathComponent("aggregator.err"))
        var w2: [Process] = []
        try onHost("w1", ["worker", "--connect", endpoint, "--concurrency", "2", "--heartbeat-ms", "500"] + curve("w1"))
        w2.append(try onHost("w2", ["worker", "--connect", endpoint, "--concurrency", "2", "--heartbeat-ms", "500"] + curve("w2")))

        // `status` over CURVE (the health-check form) until both worker hosts and the aggregator are in.
        func status(_ key: String) throws -> (Int32?, [String: Any]) {
            let file = dir.appendingPathComponent("status-\(UUID().uuidString.prefix(6)).out")
            let p = try reportq(["status", "--broker", endpoint, "--timeout", "2", "--json"] + curve(key), output: file)
            let code = waitExit(p, seconds: 10)
            let data = (try? Data(contentsOf: file)) ?? Data()
            return (code, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
        }
        var ready = false
        let readyBy = Date().addingTimeInterval(20)
        while !ready && Date() < readyBy {
            let (code, json) = try status("client")
            let workers = json["workers"] as? [String: Int] ?? [:]
            ready = code == 0 && workers["ingest"] == 4 && workers["collect"] == 1
            if !ready { usleep(200_000) }
        }
        XCTAssertTrue(ready, "two worker hosts (2 each) and the aggregator registered")

        // The corpus twice, as two pushes (distinct jobs), over TCP from the test's host.
        let files = try FileManager.default.contentsOfDirectory(atPath: MultiHostTests.corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
            .map { MultiHostTests.corpus.appendingPathComponent($0).path }
        guard !files.isEmpty else { throw XCTSkip("no corpus at \(MultiHostTests.corpus.path)") }
        var pushed: [String] = []
        for round in 0..<2 {
            let ids = dir.appendingPathComponent("push\(round).out")
            let push = try reportq(["push", "--broker", endpoint, "--force"] + curve("client") + files, output: ids)
            XCTAssertEqual(waitExit(push, seconds: 30), 0)
            pushed += try String(contentsOf: ids, encoding: .utf8).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
        }
        XCTAssertEqual(pushed.count, 2 * files.count)

        func writtenIDs() -> [String] {
            ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["job_id"] as? String
            }
        }
        // Lose worker host w2 as soon as the first lines are out.
        var linesAtKill: Int?
        let deadline = Date().addingTimeInterval(75)
        var ids: [String] = []
        while Date() < deadline {
            ids = writtenIDs()
            if linesAtKill == nil && !ids.isEmpty {
                for p in w2 { kill(p.processIdentifier, SIGKILL) }
                linesAtKill = ids.count
            }
            if ids.count >= pushed.count { break }
            usleep(50_000)
        }
        XCTAssertLessThan(linesAtKill ?? pushed.count, pushed.count, "the worker host must die mid-run")
        usleep(1_500_000)    // would a duplicate still arrive?
        ids = writtenIDs()
        XCTAssertEqual(ids.count, pushed.count, "one line per pushed job")
        XCTAssertEqual(Set(ids), Set(pushed), "exactly the pushed jobs")
        XCTAssertEqual(Set(ids).count, ids.count, "no job written twice")

        // A stranger's push and status are refused at the handshake: nothing it sends is journaled.
        let strangerPush = try reportq(["push", "--broker", endpoint, "--timeout", "2"] + curve("stranger") + [files[0]])
        XCTAssertNotEqual(waitExit(strangerPush, seconds: 30), 0)
        XCTAssertEqual(try status("stranger").0, 69, "refused at the handshake, it cannot reach the broker")
        let (code, json) = try status("client")
        XCTAssertEqual(code, 0)
        XCTAssertEqual(json["submitted"] as? Int, pushed.count, "the stranger's file must not be journaled")
        let log = try String(contentsOf: brokerLog, encoding: .utf8)
        // w2's workers held jobs when their host died: the broker took them back.
        XCTAssertTrue(log.contains("worker expired; requeueing its request"), log)
        XCTAssertTrue(log.contains("refused CURVE key \(try CurveCertificate.load("\(keys)/stranger.key").publicKey)"), log)
        XCTAssertTrue(log.contains("(aggregator) from \(lab.ip(of: "aggregator"))"), log)

        // The aggregator's metrics, scraped across hosts, count the same lines.
        let scrape = dir.appendingPathComponent("scrape.out")
        let python = try self.python(["-c", """
            import sys, urllib.request
            sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())
            """, "http://\(lab.ip(of: "aggregator")):9101/metrics"], output: scrape)
        XCTAssertEqual(waitExit(python, seconds: 15), 0)
        let metrics = try String(contentsOf: scrape, encoding: .utf8)
        XCTAssertTrue(metrics.contains("\nreportq_aggregator_lines_written_total \(pushed.count)\n"), metrics)
    }
}
