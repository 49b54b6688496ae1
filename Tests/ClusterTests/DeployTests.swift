import Foundation
import XCTest

/// The deployment files (docker-compose.yml, deploy/k8s, deploy/systemd) through real validators:
/// Debian's docker-compose, kustomize + kubernetes-validate's bundled schemas, systemd-analyze,
/// and scripts/check_deploy.py's structural checks; then the same checks on broken copies, so a
/// check that could never fail would show up here.
final class DeployTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: "/tmp").appendingPathComponent("rq-deploy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: scratch) }

    /// Runs a command; returns (status, stdout + stderr).
    func run(_ args: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        let out = scratch.appendingPathComponent("out-\(UUID().uuidString.prefix(6))")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning { p.terminate(); XCTFail("\(args) timed out") }
        p.waitUntilExit()
        try handle.close()
        return (p.terminationStatus, try String(contentsOf: out, encoding: .utf8))
    }

    var reportqBinary: String {
        let built = ClusterTestCase.binary.path
        return FileManager.default.isExecutableFile(atPath: built) ? built : "/bin/true"
    }

    func checkDeploy(root: URL) throws -> (Int32, String) {
        try run(["bash", DeployTests.root.appendingPathComponent("scripts/check-deploy").path, root.path],
                environment: ["REPORTQ_BIN": reportqBinary])
    }

    func testDeployFilesPassTheRealValidators() throws {
        let (status, output) = try checkDeploy(root: DeployTests.root)
        XCTAssertEqual(status, 0, output)
        for line in ["docker-compose config ok", "kubernetes-validate ok for deploy/k8s ", "kubernetes-validate ok for deploy/k8s/keda",
                     "compose ok (3 services)", "all ok"] {
            XCTAssertTrue(output.contains(line), "missing '\(line)' in:\n\(output)")
        }
        // Once every role's subcommand is in the binary, every flag the files pass must exist.
        if output.contains("flags: 0 missing") == false, output.contains(", 0 subcommands absent") {
            XCTFail("the deployment files pass flags reportq does not have:\n\(output)")
        }
        XCTAssertTrue(output.contains(" subcommands absent"), "flag check did not run:\n\(output)")
    }

    func testComposeTakesEverySettingFromTheEnvironment() throws {
        let env = ["REPORTQ_CONCURRENCY": "7", "REPORTQ_TAIL_PORT": "6001", "REPORTQ_ROTATE_BYTES": "4096",
                   "REPORTQ_BROKER_SECRET_KEY": "/etc/reportq/keys/broker.key_secret", "REPORTQ_IMAGE": "registry.example/reportq:1.2"]
        let (status, output) = try run(["docker-compose", "-f", DeployTests.root.appendingPathComponent("docker-compose.yml").path, "config"],
                                       environment: env, in: DeployTests.root)
        XCTAssertEqual(status, 0, output)
        for expected in ["- '7'", "published: 6001", "- '4096'", "REPORTQ_CURVE_SECRET_KEY: /etc/reportq/keys/broker.key_secret",
                         "image: registry.example/reportq:1.2"] {
            XCTAssertTrue(output.contains(expected), "missing '\(expected)' in:\n\(output)")
        }
        // Unset: the defaults.
        let (_, defaults) = try run(["docker-compose", "-f", DeployTests.root.appendingPathComponent("docker-compose.yml").path, "config"],
                                    environment: ["REPORTQ_CONCURRENCY": "", "REPORTQ_TAIL_PORT": ""], in: DeployTests.root)
        XCTAssertTrue(defaults.contains("published: 5556"), defaults)
    }

    /// A copy of everything the checks read, with one edit applied.
    func brokenCopy(_ file: String, replacing old: String, with new: String) throws -> URL {
        let root = scratch.appendingPathComponent("copy-\(UUID().uuidString.prefix(6))")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        for item in ["docker-compose.yml", "deploy", "Sources/Telemetry"] {
            try fm.copyItem(at: DeployTests.root.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let target = root.appendingPathComponent(file)
        let text = try String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file) no longer contains '\(old)': update this test")
        try text.replacingOccurrences(of: old, with: new).write(to: target, atomically: true, encoding: .utf8)
        return root
    }

    func testChecksRejectBrokenFiles() throws {
        let cases: [(file: String, old: String, new: String, message: String)] = [
            ("docker-compose.yml", "  worker:\n    <<: *reportq\n", "  worker:\n    <<: *reportq\n    container_name: w1\n", "container_name prevents --scale"),
            ("docker-compose.yml", "${REPORTQ_CONCURRENCY:-1}", "${REPORTQ_CONCURRENCY}", "has no default"),
            ("docker-compose.yml", "volumes:\n  journal: {}", "volumes:\n  journal: {}\n  bad_volume: 12", "docker-compose rejects"),
            ("deploy/k8s/base/aggregator.yaml", "  selector:\n    app.kubernetes.io/name: reportq-aggregator",
             "  selector:\n    app.kubernetes.io/name: reportq-aggregatr", "selector matches no workload"),
            ("deploy/k8s/worker-hpa.yaml", "name: reportq_broker_queue_depth", "name: reportq_queue_length", "not exported by the broker"),
            ("deploy/k8s/keda/scaledobject.yaml", "sum(reportq_broker_queue_depth", "sum(reportq_queue_length", "not metrics the broker exports"),
            ("deploy/k8s/base/worker.yaml", "  replicas: 2", "  replicas: two", "kubernetes-validate rejects"),
            ("deploy/k8s/base/broker.yaml", "runAsNonRoot: true", "runAsNonRoot: false", "non-root"),
            ("deploy/k8s/base/kustomization.yaml", "  - worker.yaml\n", "", "not referenced by any kustomization"),
            ("deploy/systemd/reportq-broker.service", "Restart=on-failure", "Restrat=on-failure", "systemd-analyze verify warns"),
            ("deploy/systemd/reportq-worker@.service", "--concurrency ${REPORTQ_CONCURRENCY}", "--concurrency ${REPORTQ_THREADS}", "no Environment= default"),
            ("deploy/Dockerfile", "USER 10001:10001", "USER root", "must end as a non-root USER"),
            ("deploy/Dockerfile", "libzmq5 ", "libzmq55 ", "libzmq55 is not a Debian package apt knows"),
            ("deploy/Dockerfile", "EXPOSE 5555 5556 9100", "EXPOSE 5555 9100", "does not EXPOSE 5556"),
        ]
        for c in cases {
            let root = try brokenCopy(c.file, replacing: c.old, with: c.new)
            let (status, output) = try checkDeploy(root: root)
            XCTAssertNotEqual(status, 0, "\(c.file): '\(c.new)' passed the checks:\n\(output)")
            XCTAssertTrue(output.contains(c.message), "\(c.file): expected '\(c.message)' in:\n\(output)")
        }
    }
}

/// The worker health checks of docker-compose.yml and the Kubernetes Deployment, run for real:
/// a reportq worker as PID 1 of its own PID namespace (as in a container), the check executed
/// inside that namespace with nsenter. Healthy while the worker runs; unhealthy when it is
/// stopped (SIGSTOP) or when PID 1 is another role. Bash drives the namespaces (it owns and reaps
/// those children); this test checks what it reports.
final class HealthCheckTests: XCTestCase {
    func testWorkerHealthChecksFollowTheProcess() throws {
        guard getuid() == 0 else { throw XCTSkip("health check tests need root for PID namespaces (unshare)") }
        for tool in ["/usr/bin/unshare", "/usr/bin/nsenter"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) missing (util-linux)")
        }
        let dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("rq-hc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = #"""
            set -u
            bin=$1 compose=$2 deployment=$3 dir=$4
            checks=$(python3 - "$compose" "$deployment" <<'PY'
            import sys, yaml
            c = yaml.safe_load(open(sys.argv[1]))["services"]["worker"]["healthcheck"]["test"][1]
            d = yaml.safe_load(open(sys.argv[2]))["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["exec"]["command"][2]
            print(c); print(d)
            PY
            ) || { echo "cannot read the checks"; exit 2; }
            pid1() {   # starts "$@" as PID 1 of a new PID namespace; prints its host pid
                unshare --pid --fork --mount-proc "$bin" "$@" >/dev/null 2>&1 &
                local u=$! c=""
                for _ in $(seq 100); do
                    c=$(cat /proc/$u/task/$u/children 2>/dev/null | awk '{print $1}')
                    [ -n "$c" ] && break; sleep 0.05
                done
                echo "$u $c"
            }
            run_checks() {   # label, host pid
                local n=0
                while IFS= read -r check; do
                    n=$((n+1))
                    check=${check//\/usr\/local\/bin\/reportq/$bin}
                    if timeout 10 nsenter -t "$2" -p -m sh -c "$check"; then echo "$1 check$n healthy"; else echo "$1 check$n unhealthy"; fi
                done <<<"$checks"
            }
            read -r wu wpid < <(pid1 worker --echo --connect "ipc://$dir/nobroker" --concurrency 1)
            [ -n "${wpid:-}" ] || { echo "no pid namespace"; kill -9 "$wu" 2>/dev/null; exit 3; }
            sleep 0.3
            run_checks running "$wpid"
            kill -STOP "$wpid"; sleep 0.2
            run_checks stopped "$wpid"
            kill -CONT "$wpid"
            read -r bu bpid < <(pid1 broker --bind "ipc://$dir/b")
            sleep 0.3
            run_checks broker "$bpid"
            kill -9 "$wpid" "$bpid" "$wu" "$bu" 2>/dev/null
            wait
            """#
        let root = DeployTests.root
        let out = dir.appendingPathComponent("out")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["timeout", "60", "bash", "-c", script, "bash", ClusterTestCase.binary.path,
                       root.appendingPathComponent("docker-compose.yml").path,
                       root.appendingPathComponent("deploy/k8s/base/worker.yaml").path, dir.path]
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        let output = try String(contentsOf: out, encoding: .utf8)
        if p.terminationStatus == 3 { throw XCTSkip("PID namespaces not permitted here: \(output)") }
        XCTAssertEqual(p.terminationStatus, 0, output)
        let lines = Set(output.split(separator: "\n").map(String.init))
        for expected in ["running check1 healthy", "running check2 healthy", "stopped check1 unhealthy",
                         "stopped check2 unhealthy", "broker check1 unhealthy", "broker check2 unhealthy"] {
            XCTAssertTrue(lines.contains(expected), "missing '\(expected)' in:\n\(output)")
        }
    }
}
