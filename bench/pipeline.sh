#!/usr/bin/env bash
# Throughput of `reportq extract` (decode → clean → t2s → structure → extract, in-process,
# release build, one core; WORDS=1 adds the jieba cut and keywords, i.e. the full record) on the corpus repeated to ≥ 20 MB, next to a Python peer
# (pip opencc t2s + regex sentence split and quantity scan) on the same files.
# Usage: bench/pipeline.sh [target-MB]   (default 20)
#   WORDS=1: the full record (the default profile), on the corpus repeated to target-MB and on
#   ../shared/wild as it is, each next to the segmenter alone (`reportq segment --clean`, same files)
#   and to the Python peer doing jieba (cut + extract_tags) + OpenCC + regexes; PROFILE=panel|meta
#   measures that record profile instead of full.
#   BASELINE=/path/to/old/reportq  also times that binary in the same loops and prints new/old ratios
#   (e.g. main's release build from a scratch clone), so before/after holds on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_MB=${1:-20}
CORPUS=../shared/corpus
CPU=${BENCH_CPU:-0}
# Without WORDS=1 the word segmentation stage is skipped (bench/segment.sh measures it on its own).
if [ "${WORDS:-0}" = 1 ]; then XFLAGS=(); STAGES="full record with words"; else XFLAGS=(--no-words); STAGES="no word segmentation"; fi

swift build -c release --product reportq >/dev/null
BIN=$(swift build -c release --show-bin-path)/reportq

WORK=$(mktemp -d /tmp/reportq-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
# Repeat the corpus until the set reaches the target size.
total=0; round=0
while [ "$total" -lt $((TARGET_MB * 1000000)) ]; do
  round=$((round + 1))
  for f in "$CORPUS"/*.txt; do
    cp "$f" "$WORK/in/r${round}_$(basename "$f")"
    total=$((total + $(stat -c %s "$f")))
  done
done
files=$(ls "$WORK/in" | wc -l)

if [ "${WORDS:-0}" = 1 ]; then
  PFLAGS=(--profile "${PROFILE:-full}")
  best_of3() {   # best_of3 CMD... → best user+sys seconds of three runs (output discarded)
    local best=999999 wall user sys c
    for i in 1 2 3; do
      read -r wall user sys < <( { /usr/bin/time -f "%e %U %S" taskset -c "$CPU" "$@" >/dev/null; } 2>&1 | tail -1)
      c=$(awk -v u=$user -v s=$sys 'BEGIN{print u+s}'); best=$(awk -v a=$best -v b=$c 'BEGIN{print (b<a)?b:a}')
    done
    echo "$best"
  }
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for set in corpus wild; do
    if [ $set = corpus ]; then dir="$WORK/in"; else dir=../shared/wild; fi
    bytes=$(cat "$dir"/* | wc -c)
    taskset -c "$CPU" "$BIN" extract "${PFLAGS[@]}" "$dir" -o "$WORK/warm.jsonl" 2>/dev/null || true
    full=$(best_of3 "$BIN" extract "${PFLAGS[@]}" "$dir" -o "$WORK/out.jsonl")
    seg=$(best_of3 "$BIN" segment --clean --policy "$dir"/*)
    read -r pbytes pwall pcpu < <(taskset -c "$CPU" python3 bench/pipeline_peer.py --words "$dir")
    echo "$set: $(ls "$dir" | wc -l) files, $(awk -v b=$bytes 'BEGIN{printf "%.1f", b/1e6}') MB, pinned to CPU $CPU (cpu = user+sys, best of 3, start-up and dictionary loading included)"
    awk -v b=$bytes -v f=$full -v s=$seg -v pb=$pbytes -v pc=$pcpu -v prof="${PROFILE:-full}" 'BEGIN{
      printf "  reportq extract --profile %s: %.2fs, %.1f MB/s cpu\n", prof, f, b/1e6/f
      printf "  reportq segment --clean (segmenter alone): %.2fs, %.1f MB/s cpu; record/segmenter %.2fx the time\n", s, b/1e6/s, f/s
      printf "  python peer (jieba cut + extract_tags + opencc + re, loop only): %.2fs, %.2f MB/s cpu; reportq/python %.1fx\n", pc, pb/1e6/pc, (b/1e6/f)/(pb/1e6/pc)
    }'
    if [ -n "${BASELINE:-}" ]; then
      base=$(best_of3 "$BASELINE" extract "$dir" -o "$WORK/base.jsonl")
      awk -v b=$bytes -v t=$base -v n=$full 'BEGIN{printf "  baseline %s (full record): %.2fs, %.1f MB/s cpu; new/baseline %.2fx\n", ENVIRON["BASELINE"], t, b/1e6/t, t/n}'
    fi
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $files files, $total bytes ($(awk -v b=$total 'BEGIN{printf "%.1f", b/1e6}') MB), pinned to CPU $CPU"

# Warm the page cache and OpenCC's dictionaries once.
taskset -c "$CPU" "$BIN" extract "${XFLAGS[@]}" "$WORK/in" -o "$WORK/warm.jsonl" >/dev/null

# The machine may be shared: report wall time and CPU time (user+sys of the whole
# process, start-up and dictionary loading included); MB/s uses the best CPU time.
cpu_of() {   # cpu_of BIN DIR → user+sys seconds of one extract run
  local wall user sys
  read -r wall user sys < <( { /usr/bin/time -f "%e %U %S" taskset -c "$CPU" "$1" extract "${XFLAGS[@]}" "$2" -o "$WORK/base.jsonl"; } 2>&1 | tail -1)
  awk -v u=$user -v s=$sys 'BEGIN{print u+s}'
}
best_cpu=999999; best_wall=999999; base_cpu=999999
for i in 1 2 3; do
  if [ -n "${BASELINE:-}" ]; then
    c=$(cpu_of "$BASELINE" "$WORK/in"); base_cpu=$(awk -v a=$base_cpu -v b=$c 'BEGIN{print (b<a)?b:a}')
  fi
  read -r wall user sys < <( { /usr/bin/time -f "%e %U %S" taskset -c "$CPU" "$BIN" extract "${XFLAGS[@]}" "$WORK/in" -o "$WORK/out.jsonl"; } 2>&1 | tail -1)
  cpu=$(awk -v u=$user -v s=$sys 'BEGIN{print u+s}')
  best_cpu=$(awk -v a=$best_cpu -v b=$cpu 'BEGIN{print (b<a)?b:a}')
  best_wall=$(awk -v a=$best_wall -v b=$wall 'BEGIN{print (b<a)?b:a}')
done
lines=$(wc -l < "$WORK/out.jsonl")
ok=$(grep -c '"status":"ok"' "$WORK/out.jsonl" || true)
swift_mbs=$(awk -v b=$total -v t=$best_cpu 'BEGIN{printf "%.1f", b/1e6/t}')
swift_wall=$(awk -v b=$total -v t=$best_wall 'BEGIN{printf "%.1f", b/1e6/t}')
echo "reportq extract ($STAGES): cpu ${best_cpu}s, wall ${best_wall}s (best of 3), $lines records ($ok ok): ${swift_mbs} MB/s cpu, ${swift_wall} MB/s wall"

read -r pbytes pwall pcpu < <(taskset -c "$CPU" python3 bench/pipeline_peer.py "$WORK/in")
py_mbs=$(awk -v b=$pbytes -v t=$pcpu 'BEGIN{printf "%.1f", b/1e6/t}')
py_wall=$(awk -v b=$pbytes -v t=$pwall 'BEGIN{printf "%.1f", b/1e6/t}')
echo "python peer (opencc t2s + re, loop only): cpu ${pcpu}s, wall ${pwall}s: ${py_mbs} MB/s cpu, ${py_wall} MB/s wall"
awk -v a=$swift_mbs -v b=$py_mbs 'BEGIN{printf "ratio reportq/python (cpu): %.2fx\n", a/b}'
if [ -n "${BASELINE:-}" ]; then
  awk -v b=$total -v t=$base_cpu -v n=$best_cpu 'BEGIN{printf "baseline %s: cpu %.2fs, %.1f MB/s cpu; ratio new/baseline %.2fx\n", ENVIRON["BASELINE"], t, b/1e6/t, t/n}'
fi

# Breakdown: the Traditional file (000_, converted by t2s) against the Simplified rest.
mkdir -p "$WORK/trad" "$WORK/simp"
mv "$WORK"/in/*_000_* "$WORK/trad/"
mv "$WORK"/in/* "$WORK/simp/"
for part in simp trad; do
  bytes=$(cat "$WORK/$part"/* | wc -c)
  read -r wall user sys < <( { /usr/bin/time -f "%e %U %S" taskset -c "$CPU" "$BIN" extract "${XFLAGS[@]}" "$WORK/$part" -o "$WORK/out.jsonl"; } 2>&1 | tail -1)
  awk -v b=$bytes -v u=$user -v s=$sys -v p=$part 'BEGIN{printf "  %s only: %.1f MB, cpu %.2fs, %.1f MB/s cpu\n", p, b/1e6, u+s, b/1e6/(u+s)}'
  if [ -n "${BASELINE:-}" ]; then
    c=$(cpu_of "$BASELINE" "$WORK/$part")
    awk -v b=$bytes -v c=$c -v u=$user -v s=$sys -v p=$part 'BEGIN{printf "  %s only, baseline: cpu %.2fs, %.1f MB/s cpu; ratio new/baseline %.2fx\n", p, c, b/1e6/c, c/(u+s)}'
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
