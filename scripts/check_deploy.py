#!/usr/bin/env python3
"""Structural checks of reportq's deployment files (run by scripts/check-deploy).

    python3 scripts/check_deploy.py ROOT

Checks docker-compose.yml, deploy/k8s (every kustomization, every manifest), deploy/systemd,
and that the metric names the autoscalers use are ones the broker exports. Prints one line per
problem and exits 1 if there is any; prints a summary and exits 0 otherwise.
"""
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def rel(path):
    return os.path.relpath(path, ROOT)


def load_all(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def exported_metrics():
    """Metric names the Telemetry module registers (makeCounter/makeGauge/makeDurationHistogram)."""
    names = set()
    tele = os.path.join(ROOT, "Sources", "Telemetry")
    for name in sorted(os.listdir(tele)) if os.path.isdir(tele) else []:
        if name.endswith(".swift"):
            with open(os.path.join(tele, name), encoding="utf-8") as f:
                names |= set(re.findall(r'make\w+\(name: "([a-z_]+)"', f.read()))
    return names


METRICS = exported_metrics()

# Flags the contract gives each role (docs/DESIGN.md, the cluster brief).
ROLE_FLAGS = {
    "broker": ["--bind", "--journal"],
    "worker": ["--connect", "--concurrency"],
    "aggregator": ["--connect", "--out", "--publish", "--rotate-bytes", "--fsync-interval-ms"],
}

# ---------------------------------------------------------------------------------------------
# docker-compose.yml


def check_compose():
    path = os.path.join(ROOT, "docker-compose.yml")
    where = rel(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Every interpolated variable is a REPORTQ_ setting with a default (or explicitly empty).
    for m in re.finditer(r"\$\{([^}]*)\}", text):
        inner = m.group(1)
        var = re.split(r":?[-?]", inner, maxsplit=1)[0]
        if not var.startswith("REPORTQ_"):
            problem(where, f"${{{inner}}}: settings are REPORTQ_* variables")
        if ":-" not in inner:
            problem(where, f"${{{inner}}} has no default (write ${{{var}:-…}})")
    doc = yaml.safe_load(text)
    services = doc.get("services") or {}
    for role in ("broker", "worker", "aggregator"):
        if role not in services:
            problem(where, f"no {role} service")
    volumes = doc.get("volumes") or {}
    for name in ("journal", "results"):
        if name not in volumes:
            problem(where, f"no named volume '{name}'")

    def mounts(svc):
        out = {}
        for v in svc.get("volumes") or []:
            if isinstance(v, str):
                parts = v.split(":")
                if len(parts) >= 2:
                    out[parts[1]] = parts[0]
            elif isinstance(v, dict):
                out[v.get("target")] = v.get("source")
        return out

    for role, svc in services.items():
        command = [str(a) for a in svc.get("command") or []]
        if role in ROLE_FLAGS:
            if not command or command[0] != role:
                problem(where, f"{role}: command must start with the subcommand '{role}'")
            for flag in ROLE_FLAGS[role]:
                if flag not in command:
                    problem(where, f"{role}: command lacks {flag}")
        hc = svc.get("healthcheck") or {}
        if not hc.get("test"):
            problem(where, f"{role}: no healthcheck")
        if not svc.get("restart"):
            problem(where, f"{role}: no restart policy")
    broker, worker, aggregator = (services.get(r, {}) for r in ("broker", "worker", "aggregator"))
    hc = " ".join(str(t) for t in (broker.get("healthcheck") or {}).get("test", []))
    if "reportq status" not in hc:
        problem(where, "broker: healthcheck must ask `reportq status`")
    if mounts(broker).get("/var/lib/reportq/journal") != "journal":
        problem(where, "broker: journal volume not mounted at /var/lib/reportq/journal")
    if mounts(aggregator).get("/var/lib/reportq/out") != "results":
        problem(where, "aggregator: results volume not mounted at /var/lib/reportq/out")
    if "--journal" in [str(a) for a in broker.get("command") or []]:
        cmd = [str(a) for a in broker["command"]]
        if cmd[cmd.index("--journal") + 1] != "/var/lib/reportq/journal":
            problem(where, "broker: --journal must point into the journal volume")
    # Scalable workers: no fixed name, no host port.
    if "container_name" in worker:
        problem(where, "worker: container_name prevents --scale")
    if worker.get("ports"):
        problem(where, "worker: host ports prevent --scale")
    if "tcp://broker:5555" not in [str(a) for a in worker.get("command") or []]:
        problem(where, "worker: must connect to tcp://broker:5555")
    agg_ports = [str(p) for p in aggregator.get("ports") or []]
    if not any(p.endswith(":5556") for p in agg_ports):
        problem(where, "aggregator: tail port 5556 not published")
    for role in ("worker", "aggregator"):
        dep = (services.get(role) or {}).get("depends_on") or {}
        if "broker" not in dep:
            problem(where, f"{role}: must depend on broker")
    # CURVE settings reach every role through the environment.
    env_needed = {"broker": ["REPORTQ_CURVE_SECRET_KEY", "REPORTQ_AUTHORIZED_KEYS"],
                  "worker": ["REPORTQ_CURVE_SERVER_KEY", "REPORTQ_CURVE_SECRET_KEY"],
                  "aggregator": ["REPORTQ_CURVE_SERVER_KEY", "REPORTQ_CURVE_SECRET_KEY"]}
    for role, names in env_needed.items():
        env = (services.get(role) or {}).get("environment") or {}
        for n in names:
            if n not in env:
                problem(where, f"{role}: environment lacks {n}")
    return len(services)


# ---------------------------------------------------------------------------------------------
# Kubernetes


def kustomize(directory, seen):
    """Resolves a kustomization's resources (files and directories) into manifest documents."""
    kfile = os.path.join(directory, "kustomization.yaml")
    if not os.path.exists(kfile):
        problem(rel(directory), "no kustomization.yaml")
        return []
    k = load_all(kfile)[0]
    seen.add(os.path.abspath(kfile))
    docs = []
    for r in k.get("resources") or []:
        path = os.path.normpath(os.path.join(directory, r))
        if os.path.isdir(path):
            docs += kustomize(path, seen)
        elif os.path.isfile(path):
            seen.add(os.path.abspath(path))
            docs += [(rel(path), d) for d in load_all(path)]
        else:
            problem(rel(kfile), f"resource {r} does not exist")
    namespace = k.get("namespace")
    if namespace:
        for _, d in docs:
            if d.get("kind") != "Namespace":
                d.setdefault("metadata", {})["namespace"] = namespace
    return docs


def labels_match(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def check_pod(where, name, spec, kind):
    pod_sc = spec.get("securityContext") or {}
    if not pod_sc.get("runAsNonRoot") or not pod_sc.get("runAsUser"):
        problem(where, f"{kind}/{name}: pod must run as a non-root user (runAsNonRoot, runAsUser)")
    containers = spec.get("containers") or []
    if not containers:
        problem(where, f"{kind}/{name}: no containers")
    for c in containers:
        cname = f"{kind}/{name}/{c.get('name')}"
        res = c.get("resources") or {}
        for part in ("requests", "limits"):
            for r in ("cpu", "memory"):
                if r not in (res.get(part) or {}):
                    problem(where, f"{cname}: resources.{part}.{r} missing")
        for probe in ("livenessProbe", "readinessProbe"):
            if not c.get(probe):
                problem(where, f"{cname}: no {probe}")
            else:
                port = next((v.get("port") for k, v in c[probe].items() if k in ("httpGet", "tcpSocket")), None)
                names = {p.get("name") for p in c.get("ports") or []} | {p.get("containerPort") for p in c.get("ports") or []}
                if port is not None and port not in names:
                    problem(where, f"{cname}: {probe} uses port {port} the container does not declare")
        sc = c.get("securityContext") or {}
        if sc.get("allowPrivilegeEscalation") is not False:
            problem(where, f"{cname}: allowPrivilegeEscalation must be false")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            problem(where, f"{cname}: capabilities must drop ALL")
        args = [str(a) for a in c.get("args") or c.get("command") or []]
        role = args[0] if args else ""
        for flag in ROLE_FLAGS.get(role, []):
            if flag not in args:
                problem(where, f"{cname}: args lack {flag}")
        # $(VAR) in args must come from the container's env/envFrom (else Kubernetes passes it literally).
        declared = {e.get("name") for e in c.get("env") or []}
        has_env_from = bool(c.get("envFrom"))
        for a in args:
            for var in re.findall(r"\$\(([A-Z_]+)\)", a):
                if var not in declared and not has_env_from:
                    problem(where, f"{cname}: $({var}) is not defined for the container")
        mounts = {m.get("name") for m in c.get("volumeMounts") or []}
        volumes = {v.get("name") for v in spec.get("volumes") or []}
        yield cname, mounts, volumes, role


def check_k8s_tree(directory):
    seen = set()
    docs = kustomize(directory, seen)
    where_root = rel(directory)
    config = {}
    for where, d in docs:
        if d.get("kind") == "ConfigMap":
            config.update(d.get("data") or {})
    kinds = [d.get("kind") for _, d in docs]
    workloads = [(w, d) for w, d in docs if d.get("kind") in ("Deployment", "StatefulSet")]
    services = [(w, d) for w, d in docs if d.get("kind") == "Service"]
    by_name = {(d.get("kind"), d["metadata"]["name"]): d for _, d in docs}
    roles = {}
    for where, d in workloads:
        name = d["metadata"]["name"]
        spec = d.get("spec") or {}
        tmpl = spec.get("template") or {}
        labels = (tmpl.get("metadata") or {}).get("labels") or {}
        if not labels_match((spec.get("selector") or {}).get("matchLabels"), labels):
            problem(where, f"{d['kind']}/{name}: selector does not match the pod template's labels")
        claim_names = {(t.get("metadata") or {}).get("name") for t in spec.get("volumeClaimTemplates") or []}
        for cname, mounts, volumes, role in check_pod(where, name, tmpl.get("spec") or {}, d["kind"]):
            roles[role] = (d, mounts, claim_names)
            missing = mounts - volumes - claim_names
            if missing:
                problem(where, f"{cname}: mounts undeclared volumes {sorted(missing)}")
        if d["kind"] == "StatefulSet":
            if not claim_names:
                problem(where, f"StatefulSet/{name}: no volumeClaimTemplates")
            if ("Service", spec.get("serviceName")) not in by_name:
                problem(where, f"StatefulSet/{name}: serviceName {spec.get('serviceName')} is not a Service here")
    for role, kind, claim, mount in (("broker", "StatefulSet", "journal", "/var/lib/reportq/journal"),
                                      ("aggregator", "StatefulSet", "results", "/var/lib/reportq/out")):
        if role not in roles:
            problem(where_root, f"no {role} workload")
            continue
        d, mounts, claims = roles[role]
        if d["kind"] != kind:
            problem(where_root, f"{role} must be a {kind}")
        if claim not in claims or claim not in mounts:
            problem(where_root, f"{role}: PersistentVolumeClaim '{claim}' not templated and mounted")
    if "worker" not in roles or roles["worker"][0]["kind"] != "Deployment":
        problem(where_root, "worker must be a Deployment")
    for where, s in services:
        sel = (s.get("spec") or {}).get("selector") or {}
        targets = [d for _, d in workloads if labels_match(sel, ((d["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {})]
        if not targets:
            problem(where, f"Service/{s['metadata']['name']}: selector matches no workload")
            continue
        ports = {p.get("name") for c in targets[0]["spec"]["template"]["spec"]["containers"] for p in c.get("ports") or []} | \
                {p.get("containerPort") for c in targets[0]["spec"]["template"]["spec"]["containers"] for p in c.get("ports") or []}
        for p in s["spec"].get("ports") or []:
            if p.get("targetPort", p.get("port")) not in ports:
                problem(where, f"Service/{s['metadata']['name']}: targetPort {p.get('targetPort')} is no container port")
    expected_ports = {"reportq-broker": {5555, 9100}, "reportq-aggregator": {5556, 9100}}
    for name, ports in expected_ports.items():
        svc = by_name.get(("Service", name))
        if not svc:
            problem(where_root, f"no Service {name}")
        elif {p.get("port") for p in svc["spec"].get("ports") or []} != ports:
            problem(where_root, f"Service {name} must expose {sorted(ports)}")
    broker_url = config.get("REPORTQ_BROKER", "")
    if broker_url and not broker_url.startswith("tcp://reportq-broker:5555"):
        problem(where_root, f"REPORTQ_BROKER {broker_url} does not name the broker Service")
    # Autoscaling on a metric the broker really exports.
    for where, d in docs:
        kind = d.get("kind")
        if kind == "HorizontalPodAutoscaler":
            ref = d["spec"]["scaleTargetRef"]
            if (ref.get("kind"), ref.get("name")) not in by_name:
                problem(where, f"HPA targets {ref.get('kind')}/{ref.get('name')}, which is not here")
            for m in d["spec"].get("metrics") or []:
                body = m.get("external") or m.get("pods") or m.get("object") or {}
                metric = (body.get("metric") or {}).get("name")
                if metric not in METRICS:
                    problem(where, f"HPA metric {metric} is not exported by the broker ({sorted(METRICS)})")
        if kind == "ScaledObject":
            ref = d["spec"]["scaleTargetRef"]
            if ("Deployment", ref.get("name")) not in by_name:
                problem(where, f"ScaledObject targets {ref.get('name')}, which is not here")
            for t in d["spec"].get("triggers") or []:
                if t.get("type") != "prometheus":
                    problem(where, "ScaledObject trigger must be prometheus")
                used = set(re.findall(r"\b(reportq_[a-z_]+)", (t.get("metadata") or {}).get("query", "")))
                if not used or not used <= METRICS:
                    problem(where, f"ScaledObject query uses {sorted(used)}, not metrics the broker exports")
                if not (t.get("metadata") or {}).get("threshold"):
                    problem(where, "ScaledObject trigger has no threshold")
    return docs, seen, kinds


def check_k8s():
    base = os.path.join(ROOT, "deploy", "k8s")
    seen = set()
    summary = {}
    for directory in (base, os.path.join(base, "keda")):
        docs, files, kinds = check_k8s_tree(directory)
        seen |= files
        summary[rel(directory)] = sorted(kinds)
        scalers = [k for k in kinds if k in ("HorizontalPodAutoscaler", "ScaledObject")]
        if len(scalers) != 1:
            problem(rel(directory), f"exactly one autoscaler expected, found {scalers}")
    for dirpath, _, files in os.walk(base):
        for f in files:
            path = os.path.abspath(os.path.join(dirpath, f))
            if f.endswith((".yaml", ".yml")) and path not in seen:
                problem(rel(path), "not referenced by any kustomization")
    return summary


# ---------------------------------------------------------------------------------------------
# systemd


def parse_unit(path):
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], {})
            elif "=" in line and current is not None:
                k, v = line.split("=", 1)
                current.setdefault(k.strip(), []).append(v.strip())
            else:
                problem(rel(path), f"line {n}: not a section or key=value")
    return sections


def check_systemd():
    base = os.path.join(ROOT, "deploy", "systemd")
    units = {"reportq-broker.service": "broker", "reportq-worker@.service": "worker",
             "reportq-aggregator.service": "aggregator"}
    env_example = os.path.join(base, "reportq.env.example")
    example = open(env_example, encoding="utf-8").read() if os.path.exists(env_example) else ""
    if not example:
        problem(rel(base), "no reportq.env.example")
    for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        if name not in units and name != "reportq.env.example":
            problem(rel(os.path.join(base, name)), "unknown file (not a checked unit)")
    for unit, role in units.items():
        path = os.path.join(base, unit)
        if not os.path.exists(path):
            problem(rel(base), f"missing {unit}")
            continue
        s = parse_unit(path)
        svc = s.get("Service") or {}
        exec_start = (svc.get("ExecStart") or [""])[-1].split()
        if exec_start[:2] != ["/usr/local/bin/reportq", role]:
            problem(rel(path), f"ExecStart must run /usr/local/bin/reportq {role}")
        for flag in ROLE_FLAGS[role]:
            if flag not in exec_start:
                problem(rel(path), f"ExecStart lacks {flag}")
        if (svc.get("User") or ["root"])[-1] in ("root", "0"):
            problem(rel(path), "must run as a non-root User=")
        if "Install" not in s:
            problem(rel(path), "no [Install] section")
        if svc.get("KillSignal", ["SIGTERM"])[-1] != "SIGTERM":
            problem(rel(path), "reportq stops cleanly on SIGTERM")
        # Variables used in ExecStart have defaults in the unit and are documented in the example.
        defaults = set()
        for e in svc.get("Environment") or []:
            defaults |= {kv.split("=", 1)[0] for kv in e.split()}
        for var in re.findall(r"\$\{([A-Z_]+)\}", " ".join(exec_start)):
            if var not in defaults:
                problem(rel(path), f"${{{var}}} has no Environment= default")
            if var not in example:
                problem(rel(path), f"${{{var}}} is not documented in reportq.env.example")
    return len(units)


def check_deploy_dir():
    """Every file directly under deploy/ is used by something the checks cover."""
    base = os.path.join(ROOT, "deploy")
    compose = open(os.path.join(ROOT, "docker-compose.yml"), encoding="utf-8").read()
    for name in os.listdir(base):
        path = os.path.join(base, name)
        if os.path.isfile(path) and f"deploy/{name}" not in compose:
            problem(rel(path), "not used by docker-compose.yml")


def used_flags():
    """(role, flag, where) for every reportq command line in the deployment files."""
    uses = []

    def scan(tokens, where):
        tokens = [str(t) for t in tokens]
        for i, t in enumerate(tokens):
            if t.endswith("reportq") and i + 1 < len(tokens):
                role = tokens[i + 1]
                for f in tokens[i + 2:]:
                    if f.startswith("--"):
                        uses.append((role, f.split("=")[0], where))
                return

    compose = yaml.safe_load(open(os.path.join(ROOT, "docker-compose.yml"), encoding="utf-8"))
    for name, svc in (compose.get("services") or {}).items():
        scan(["reportq"] + list(svc.get("command") or []), f"docker-compose.yml {name}")
        test = (svc.get("healthcheck") or {}).get("test") or []
        scan(test[1].split() if len(test) == 2 else test[1:], f"docker-compose.yml {name} healthcheck")
    for dirpath, _, files in os.walk(os.path.join(ROOT, "deploy", "k8s")):
        for f in files:
            for d in load_all(os.path.join(dirpath, f)) if f.endswith(".yaml") else []:
                spec = ((d.get("spec") or {}).get("template") or {}).get("spec") or {}
                for c in spec.get("containers") or []:
                    where = f"{rel(os.path.join(dirpath, f))} {c.get('name')}"
                    scan(["reportq"] + list(c.get("args") or []), where)
                    for probe in ("livenessProbe", "readinessProbe"):
                        scan(((c.get(probe) or {}).get("exec") or {}).get("command") or [], where + " " + probe)
    for unit in sorted(os.listdir(os.path.join(ROOT, "deploy", "systemd"))):
        if unit.endswith(".service"):
            s = parse_unit(os.path.join(ROOT, "deploy", "systemd", unit))
            scan(((s.get("Service") or {}).get("ExecStart") or [""])[-1].split(), unit)
    return uses


def check_flags_against(binary):
    """Every flag the files pass to reportq exists in this binary's help (missing subcommands are
    reported separately: they come from another branch)."""
    import subprocess
    helps, missing_roles, missing = {}, set(), []
    for role, flag, where in used_flags():
        if role not in helps:
            r = subprocess.run([binary, role, "--help"], capture_output=True, text=True)
            top = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
            helps[role] = r.stdout if f"\n  {role} " in top else None
        if helps[role] is None:
            missing_roles.add(role)
        elif not re.search(re.escape(flag) + r"\b", helps[role]):
            missing.append(f"{where}: reportq {role} has no {flag}")
    for role in sorted(missing_roles):
        print(f"check-deploy: flags: this binary has no `{role}` subcommand (yet); its flags unchecked")
    for m in sorted(set(missing)):
        print(f"check-deploy: flags: {m}")
    print(f"check-deploy: flags: {len(set(missing))} missing, {len(missing_roles)} subcommands absent")


def check_dockerfile():
    """deploy/Dockerfile: multi-stage, runs as non-root with reportq as entrypoint, installs runtime
    packages that exist in Debian, and declares the volumes and ports docker-compose.yml uses."""
    path = os.path.join(ROOT, "deploy", "Dockerfile")
    where = rel(path)
    # Join continuation lines, drop comments.
    text = re.sub(r"\\\n", " ", open(path, encoding="utf-8").read())
    lines = [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]
    stages = [l.split()[1:] for l in lines if l.upper().startswith("FROM ")]
    if len(stages) < 2:
        problem(where, "must be multi-stage (a build stage and a slim run stage)")
        return 0
    build = stages[0]
    if not (len(build) == 3 and build[1].upper() == "AS" and build[0].startswith("swift:")):
        problem(where, f"the first stage must build on the official Swift image as a named stage, not {' '.join(build)}")
    if not stages[-1][0].startswith("debian:") or "slim" not in stages[-1][0]:
        problem(where, f"the run stage must be slim Debian, not {stages[-1][0]}")
    run_start = max(i for i, l in enumerate(lines) if l.upper().startswith("FROM "))
    run = lines[run_start:]
    if not any(re.search(r"swift build -c release", l) for l in lines[:run_start]):
        problem(where, "the build stage does not run `swift build -c release`")
    if not any(l.startswith("COPY --from=" + build[2]) and "reportq" in l for l in run):
        problem(where, "the run stage does not copy reportq from the build stage")
    users = [l.split()[1] for l in run if l.upper().startswith("USER ")]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problem(where, "the run stage must end as a non-root USER")
    entry = [l for l in run if l.upper().startswith("ENTRYPOINT ")]
    if not entry or "reportq" not in entry[-1]:
        problem(where, "ENTRYPOINT must be the reportq binary")
    # Runtime packages: each must be a real Debian package (apt-cache knows it).
    pkgs = []
    for l in run:
        m = re.search(r"apt-get install ([^&;]*)", l)
        if m:
            pkgs += [t for t in m.group(1).split() if not t.startswith("-")]
    for needed in ("libzmq5", "python3-jieba"):
        if needed not in pkgs:
            problem(where, f"the run stage does not install {needed}")
    if not any(p.startswith("libopencc") for p in pkgs):
        problem(where, "the run stage does not install libopencc")
    if shutil.which("apt-cache"):
        for pkg in pkgs:
            out = subprocess.run(["apt-cache", "show", "--no-all-versions", pkg], capture_output=True, text=True)
            if out.returncode != 0 or not out.stdout.strip():
                problem(where, f"{pkg} is not a Debian package apt knows")
    # Volumes and ports that compose mounts and publishes must be declared.
    declared = " ".join(l for l in run if l.upper().startswith(("VOLUME", "EXPOSE")))
    compose = yaml.safe_load(open(os.path.join(ROOT, "docker-compose.yml"), encoding="utf-8"))
    for name, svc in (compose.get("services") or {}).items():
        for v in svc.get("volumes") or []:
            target = v.split(":")[1] if isinstance(v, str) else v.get("target")
            if target and target.startswith("/var/lib/reportq") and target not in declared:
                problem(where, f"does not declare the volume {target} that compose service {name} mounts")
    for port in ("5555", "5556"):
        if port not in declared:
            problem(where, f"does not EXPOSE {port}")
    return len(pkgs)


def main():
    if len(sys.argv) > 3 and sys.argv[2] == "--flags":
        check_flags_against(sys.argv[3])
        return
    n_services = check_compose()
    summary = check_k8s()
    n_units = check_systemd()
    n_pkgs = check_dockerfile()
    check_deploy_dir()
    if not METRICS:
        problem("Sources/Telemetry", "no exported metric names found")
    if problems:
        for p in problems:
            print("check-deploy: " + p)
        sys.exit(1)
    print(f"check-deploy: compose ok ({n_services} services); systemd ok ({n_units} units); "
          f"Dockerfile ok ({n_pkgs} runtime packages known to apt)")
    for d, kinds in summary.items():
        print(f"check-deploy: {d} ok: {', '.join(kinds)}")


if __name__ == "__main__":
    main()
