#!/usr/bin/env python3
"""Throughput of `reportq segment` vs rjieba (jieba-rs) and Python jieba on the same text.

The corpus files are concatenated and repeated to about --mb megabytes; every process is
pinned to one core (taskset -c CORE). Each side is timed in-process on the cut alone
(dictionary loaded beforehand): reportq via `segment --measure`, the Python ones with
time.perf_counter around cutting every line. Best of --runs. Also prints reportq's load
time, end-to-end CLI time (load + cut + output) and peak RSS (VmHWM).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

PEER = r"""
import sys, time, logging
which, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(path, 'rb').read()
lines = [l[:-1] if l.endswith('\r') else l for l in data.decode('utf-8').split('\n')]
if which == 'jieba':
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    cut = jieba.lcut
else:
    import rjieba
    rjieba.cut('预热')
    cut = rjieba.cut
best = 1e9
tokens = 0
for _ in range(runs):
    t0 = time.perf_counter()
    tokens = 0
    for l in lines:
        tokens += len(cut(l))
    best = min(best, time.perf_counter() - t0)
hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]
print(len(data) / 1e6 / best, tokens, hwm)
"""


def pinned(core, argv):
    return ["taskset", "-c", str(core), *argv]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reportq", default=".build/release/reportq")
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--core", type=int, default=1)
    ap.add_argument("--skip-jieba", action="store_true", help="skip Python jieba (slow)")
    args = ap.parse_args()

    files = sorted(glob.glob(os.path.join(args.corpus, "*.txt")))
    if not files:
        print(f"no corpus files in {args.corpus}", file=sys.stderr)
        return 2
    one = b"".join(open(f, "rb").read().rstrip(b"\n") + b"\n" for f in files)
    reps = max(1, int(args.mb * 1e6 / len(one) + 0.999))
    text = one * reps
    tmp = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
    tmp.write(text)
    tmp.close()
    print(f"uptime: {os.popen('uptime').read().strip()}")
    print(f"text: {len(files)} corpus files x {reps} = {len(text) / 1e6:.2f} MB, pinned to core {args.core}")

    # reportq, in-process cut (best of runs)
    best = 0.0
    load_ms = hwm = tokens = None
    for _ in range(args.runs):
        out = subprocess.run(pinned(args.core, [args.reportq, "segment", "--measure", tmp.name]),
                             check=True, capture_output=True, text=True).stdout
        kv = dict(l.split(" ", 1) for l in out.strip().splitlines())
        mbps = float(kv["mb_per_s"])
        if mbps > best:
            best, load_ms, hwm, tokens = mbps, float(kv["load_ms"]), int(kv["vm_hwm_kb"]), int(kv["tokens"])
    ours = best
    # reportq end to end: load + cut + write every token line
    e2e = 1e9
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run(pinned(args.core, [args.reportq, "segment", tmp.name]), check=True, stdout=subprocess.DEVNULL)
        e2e = min(e2e, time.perf_counter() - t0)

    def peer(which, runs):
        out = subprocess.run(pinned(args.core, [sys.executable, "-c", PEER, which, tmp.name, str(runs)]),
                             check=True, capture_output=True, text=True).stdout.split()
        return float(out[0]), int(out[1]), int(out[2])

    rj, rj_tokens, rj_hwm = peer("rjieba", args.runs)
    print(f"reportq segment : {ours:8.2f} MB/s  ({tokens} tokens; load {load_ms:.0f} ms; peak RSS {hwm / 1024:.1f} MB)")
    print(f"reportq end-to-end (load+cut+output): {e2e:.3f} s = {len(text) / 1e6 / e2e:.2f} MB/s")
    print(f"rjieba (jieba-rs): {rj:8.2f} MB/s  ({rj_tokens} tokens; peak RSS {rj_hwm / 1024:.1f} MB)")
    print(f"ratio reportq / rjieba = {ours / rj:.2f}x  (bar >= 1.2x)")
    ok = ours / rj >= 1.2
    if not args.skip_jieba:
        jb, jb_tokens, jb_hwm = peer("jieba", 1)
        print(f"python jieba     : {jb:8.2f} MB/s  ({jb_tokens} tokens; peak RSS {jb_hwm / 1024:.1f} MB)")
        print(f"ratio reportq / jieba = {ours / jb:.1f}x  (bar >= 20x)")
        ok = ok and ours / jb >= 20
        if jb_tokens != tokens:
            print(f"note: token counts differ (reportq {tokens}, jieba {jb_tokens})")
    print(f"peak RSS {hwm / 1024:.1f} MB (bar <= 200 MB)")
    ok = ok and hwm / 1024 <= 200
    print("PASS" if ok else "FAIL")
    os.unlink(tmp.name)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
