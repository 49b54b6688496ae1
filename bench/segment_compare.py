#!/usr/bin/env python3
"""Compare `reportq segment` with Python jieba 0.42.1 on text files, line by line.

Tokens: `reportq segment FILES` vs `" ".join(jieba.lcut(line))` for every line (split on \\n,
a trailing \\r dropped). Token-level F1 counts a token as matched when the same span
(start, end in characters) is a token on both sides.
Keywords: `reportq segment --keywords K FILE` vs jieba.analyse.extract_tags(text, topK=K,
withWeight=True) on the whole file; overlap = |ours ∩ jieba's| / |jieba's|.

Both sides use the same data: jieba is pointed at the dictionary reportq uses
($REPORTQ_JIEBA_DIR or Debian's python3-jieba). With --policy, the built-in policy-term user
dictionary is loaded on both sides.

Usage: segment_compare.py [--reportq PATH] [--policy] [--min-f1 X] [--min-overlap X]
                          [--max-lines N] [--show N] FILES...
Exits 1 if F1 or keyword overlap is below the bar, 2 if jieba is missing.
"""
import argparse
import filecmp
import logging
import os
import subprocess
import sys
import tempfile


def lines_of(data: bytes):
    text = data.decode("utf-8", errors="replace")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [p[:-1] if p.endswith("\r") else p for p in parts]


def spans(tokens):
    out, pos = set(), 0
    for t in tokens:
        out.add((pos, pos + len(t)))
        pos += len(t)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--reportq", default=".build/release/reportq")
    ap.add_argument("--policy", action="store_true")
    ap.add_argument("--min-f1", type=float, default=0.999)
    ap.add_argument("--min-overlap", type=float, default=0.95)
    ap.add_argument("--max-lines", type=int, default=0, help="only the first N lines of each file")
    ap.add_argument("--top-k", type=int, default=20)
    ap.add_argument("--show", type=int, default=5, help="print up to N differing lines")
    args = ap.parse_args()

    try:
        import jieba
        import jieba.analyse
    except ImportError:
        print("segment_compare: Python jieba is not installed (pip install jieba==0.42.1)", file=sys.stderr)
        return 2
    jieba.setLogLevel(logging.WARNING)
    jdir = os.environ.get("REPORTQ_JIEBA_DIR", "/usr/lib/python3/dist-packages/jieba")
    ours_dict = os.path.join(jdir, "dict.txt")
    jieba.set_dictionary(ours_dict)
    # jieba's HMM and idf tables come from its own package: check they equal reportq's.
    pkg = os.path.dirname(jieba.__file__)
    for rel in ("finalseg/prob_emit.py", "finalseg/prob_start.py", "finalseg/prob_trans.py", "analyse/idf.txt"):
        a, b = os.path.join(pkg, rel), os.path.join(jdir, rel)
        if os.path.abspath(a) != os.path.abspath(b) and not filecmp.cmp(a, b, shallow=False):
            print(f"segment_compare: warning: {a} differs from {b}", file=sys.stderr)
    print(f"jieba {jieba.__version__} from {pkg}; dictionary {ours_dict}")

    extra = []
    if args.policy:
        text = subprocess.run([args.reportq, "segment", "--print-policy-dict"], check=True,
                              capture_output=True).stdout
        tmp = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
        tmp.write(text)
        tmp.close()
        jieba.load_userdict(tmp.name)
        extra = ["--policy"]

    inputs = []
    for f in args.files:
        with open(f, "rb") as fh:
            data = fh.read()
        if args.max_lines:
            data = b"\n".join(data.split(b"\n")[: args.max_lines])
        inputs.append((f, data))

    tp = n_ours = n_ref = 0
    lines_total = lines_same = 0
    shown = 0
    overlaps = []
    for f, data in inputs:
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as tmp:
            tmp.write(data)
            path = tmp.name
        ours = subprocess.run([args.reportq, "segment", *extra, path], check=True,
                              capture_output=True).stdout.decode("utf-8", errors="replace")
        ours_lines = ours.split("\n")
        if ours_lines and ours_lines[-1] == "":
            ours_lines.pop()
        ref_lines = lines_of(data)
        if len(ours_lines) != len(ref_lines):
            print(f"{f}: line count differs: ours {len(ours_lines)}, jieba {len(ref_lines)}")
        for i, line in enumerate(ref_lines):
            ref = jieba.lcut(line)
            ours_line = ours_lines[i] if i < len(ours_lines) else ""
            lines_total += 1
            if ours_line == " ".join(ref):
                lines_same += 1
                tp += len(ref); n_ours += len(ref); n_ref += len(ref)
                continue
            # Tokens may contain spaces (whitespace tokens), so rebuild ours by spans of the line.
            ours_tokens = reconstruct(ours_line, line)
            so, sr = spans(ours_tokens), spans(ref)
            tp += len(so & sr); n_ours += len(so); n_ref += len(sr)
            if shown < args.show:
                shown += 1
                print(f"--- {os.path.basename(f)}:{i + 1}\n  ours : {ours_line[:300]}\n  jieba: {' '.join(ref)[:300]}")

        # Keywords on the whole file text.
        ref_kw = jieba.analyse.extract_tags(data.decode("utf-8", errors="replace"), topK=args.top_k, withWeight=True)
        out = subprocess.run([args.reportq, "segment", *extra, "--keywords", str(args.top_k), path],
                             check=True, capture_output=True).stdout.decode("utf-8")
        ours_kw = [(l.split("\t")[0], float(l.split("\t")[1])) for l in out.splitlines() if "\t" in l]
        ref_terms = [t for t, _ in ref_kw]
        ours_terms = [t for t, _ in ours_kw]
        overlap = len(set(ref_terms) & set(ours_terms)) / max(1, len(ref_terms))
        overlaps.append(overlap)
        same_order = ref_terms == ours_terms
        max_dw = max([abs(a[1] - b[1]) for a, b in zip(ref_kw, ours_kw)] or [0.0])
        print(f"{os.path.basename(f)}: keywords overlap {overlap:.3f}, same order {same_order}, max |Δweight| {max_dw:.3g}")
        os.unlink(path)

    precision = tp / max(1, n_ours)
    recall = tp / max(1, n_ref)
    f1 = 2 * precision * recall / max(1e-12, precision + recall)
    mean_overlap = sum(overlaps) / max(1, len(overlaps))
    print(f"lines {lines_total}, identical {lines_same} ({lines_same / max(1, lines_total):.4%})")
    print(f"tokens: jieba {n_ref}, ours {n_ours}, matched {tp}; precision {precision:.6f} recall {recall:.6f} F1 {f1:.6f}")
    print(f"keywords: mean top-{args.top_k} overlap {mean_overlap:.4f} over {len(overlaps)} files")
    ok = f1 >= args.min_f1 and mean_overlap >= args.min_overlap
    print("PASS" if ok else f"FAIL (need F1 >= {args.min_f1}, overlap >= {args.min_overlap})")
    return 0 if ok else 1


def reconstruct(ours_line, line):
    """Split our space-joined output back into tokens using the original line: a space in the
    output is a separator unless the original has a space at that point of the token stream."""
    tokens, pos, cur, i = [], 0, "", 0
    while i < len(ours_line):
        ch = ours_line[i]
        if ch == " " and cur:
            tokens.append(cur); pos += len(cur); cur = ""
            i += 1
            continue
        if ch == " " and not cur and pos < len(line) and line[pos] == " ":
            # a whitespace token " " followed by its separator
            tokens.append(" "); pos += 1
            i += 2 if i + 1 < len(ours_line) else 1
            continue
        cur += ch
        i += 1
    if cur:
        tokens.append(cur)
    return tokens


if __name__ == "__main__":
    sys.exit(main())
