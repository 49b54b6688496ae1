#!/usr/bin/env bash
# Cluster throughput and memory (release build; ROUNDS=5 interleaved rounds; load printed).
#   1. documents/s: `reportq extract` in one process vs `reportq run` with 1 and 2 workers,
#      on the corpus repeated to ~1,000 files. CORPUS=dir PATTERN=glob picks the reports
#      (CORPUS=../shared/wild PATTERN='w*.md' for the wild reports); COPIES=k takes them k times
#      instead, copy i > 1 with a trailing line of its own so every file is a distinct job
#      (COPIES=1: the folder as it is). Each setup's records are checked against extract's.
#   2. resident memory of the broker with 1,000 vs 20,000 queued jobs (no workers), and of the
#      aggregator after 1,000 vs 20,000 lines written (echo workers drain the queue).
# PART=throughput or PART=memory runs one part only.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product reportq >/dev/null
BIN=${BIN:-$PWD/.build/release/reportq}   # BIN=/path/to/other/reportq measures another build
# BASE_BIN=/path/to/previous/reportq: that build runs the same three setups in the same rounds,
# next to this one (the order alternates by round), and a table compares the two.
BASE_BIN=${BASE_BIN:-}
CORPUS=${CORPUS:-../shared/corpus}
PATTERN=${PATTERN:-*.txt}
COPIES=${COPIES:-}
TMP=$(mktemp -d /tmp/rq-bench-XXXXXX)
source bench/keep_awake.sh
trap 'stop_awake; kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }
rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }

if [ "${PART:-all}" != memory ]; then
mkdir -p "$TMP/in"
n=0
if [ -z "$COPIES" ]; then
  while [ $n -lt 1000 ]; do
    for f in "$CORPUS"/$PATTERN; do cp "$f" "$TMP/in/r${n}_$(basename "$f")"; n=$((n + 1)); done
  done
else
  for c in $(seq 1 "$COPIES"); do
    for f in "$CORPUS"/$PATTERN; do
      if [ "$c" -eq 1 ]; then cp "$f" "$TMP/in/c${c}_$(basename "$f")"
      else { cat "$f"; printf '\n（副本 %d）\n' "$c"; } > "$TMP/in/c${c}_$(basename "$f")"; fi
      n=$((n + 1))
    done
  done
fi
echo "files: $n from $CORPUS/$PATTERN${COPIES:+ ×$COPIES} ($(du -sh "$TMP/in" | cut -f1))   load: $(uptime | sed 's/.*load average: //')   AWAKE=$AWAKE_MODE"
# Each build once on a small file first: a build that caches its tables (TableImage.swift) has
# them in the cache before the rounds, as every run after the first one does.
for b in "$BIN" $BASE_BIN; do "$b" extract "$(ls "$TMP/in"/* | head -1)" -o "$TMP/warm.jsonl" >/dev/null 2>&1 || true; done

# Pinned, as the machine has 2 cores, so that each worker owns a core: extract runs on CPU 1;
# with 1 worker the worker runs on CPU 1 and the broker, aggregator and `run` on CPU 0; with 2
# workers they run on CPU 0 and CPU 1 and the services go where there is room.
pin_workers() {   # RUN_PID CPU… : moves the run's k-th worker (all its threads) to the k-th CPU
  local run=$1; shift
  local cpus=("$@") ws=() kids a
  for _ in $(seq 1 400); do
    ws=()
    for t in /proc/"$run"/task/*/children; do
      kids=(); read -r -a kids < "$t" 2>/dev/null || true     # (no newline at the end: read says 1)
      for k in "${kids[@]}"; do mapfile -d '' -t a < "/proc/$k/cmdline" 2>/dev/null; [ "${a[1]:-}" = worker ] && ws+=("$k"); done
    done
    [ ${#ws[@]} -ge ${#cpus[@]} ] && break; sleep 0.005
  done
  for again in 1 2; do        # twice: threads born in between
    for i in "${!ws[@]}"; do taskset -a -p -c "${cpus[$i]}" "${ws[$i]}" >/dev/null 2>&1 || true; done
    sleep 0.05
  done
}

# measure NAME CMD… : runs CMD once, sampling its processes' CPU per job (bench/cpu_sample.sh);
# records the round's docs/s in rate_NAME[round]. Rounds are interleaved (extract, 1 worker,
# 2 workers, again…) so a burst of steal time or a neighbour's load does not fall on one setup.
declare -A rates
measure() {
  local name=$1; shift
  local t0 t1 r
  t0=$(now)
  case $name in
    extract|base_extract) taskset -c 1 "$@" & RUN=$! ;;
    run1|base_run1) taskset -c 0 "$@" & RUN=$!; pin_workers $RUN 1 ;;
    run2|base_run2) "$@" & RUN=$!; pin_workers $RUN 0 1 ;;
  esac
  bench/cpu_sample.sh $RUN "$n" > "$TMP/cpu_$name" & SAMPLER=$!; wait $RUN; t1=$(now); wait $SAMPLER
  r=$(rate "$n" "$t0" "$t1")
  rates[$name,$round]=$r
  printf '  round %d  %-8s %6.1f docs/s\n' "$round" "$name" "$r"
}
ROUNDS=${ROUNDS:-5}
# The corpus copies share their content: a build whose `run` skips content it has already
# written (and resumes an output) gets --force, so every copy is a job and every round starts over.
force_flag() { "$1" run --help 2>/dev/null | grep -q -- '--force' && echo --force || true; }
setup() {   # PREFIX BIN SETUP : one setup of one build
  local force; force=$(force_flag "$2")
  case $3 in
    extract) measure "$1extract" "$2" extract "$TMP/in" -o "$TMP/$1extract.jsonl" ;;
    run1) measure "$1run1" "$2" run "$TMP/in" -o "$TMP/$1run1.jsonl" --workers 1 $force ;;
    run2) measure "$1run2" "$2" run "$TMP/in" -o "$TMP/$1run2.jsonl" --workers 2 $force ;;
  esac
}
for round in $(seq 1 "$ROUNDS"); do
  for s in extract run1 run2; do
    if [ -z "$BASE_BIN" ]; then setup "" "$BIN" $s
    elif [ $((round % 2)) -eq 1 ]; then setup "" "$BIN" $s; setup base_ "$BASE_BIN" $s
    else setup base_ "$BASE_BIN" $s; setup "" "$BIN" $s; fi
  done
done 2>/dev/null
# Records, job ids aside, in line order: every setup's the same as this build's extract.
records() { sed -E 's/^\{"job_id":"[^"]*",//' "$1" | sort; }
records "$TMP/extract.jsonl" > "$TMP/extract.sorted"
for f in extract run1 run2 ${BASE_BIN:+base_extract base_run1 base_run2}; do
  [ "$(wc -l < "$TMP/$f.jsonl")" -eq "$n" ] || { echo "$f.jsonl: wrong line count" >&2; exit 1; }
  records "$TMP/$f.jsonl" | cmp -s - "$TMP/extract.sorted" || echo "note: $f.jsonl's records differ from extract's (job ids aside)"
done
# Two summaries of the same rounds: the best rate of each setup, and the median over rounds of
# the ratio within a round (neighbours in time, so a slow minute of the VM cancels out).
best() { for i in $(seq 1 "$ROUNDS"); do echo "${rates[$1,$i]}"; done | sort -g | tail -1; }
median_ratio() { for i in $(seq 1 "$ROUNDS"); do awk -v a="${rates[$1,$i]}" -v b="${rates[$2,$i]}" 'BEGIN{print a/b}'; done | sort -g | awk '{v[NR]=$1} END{printf "%.2f", (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
r0=$(best extract); r1=$(best run1); r2=$(best run2)
echo
echo "| setup                          | best docs/s | best/best | median of round ratios | bar |"
echo "|--------------------------------|-------------|-----------|------------------------|-----|"
echo "| reportq extract (in-process)   | $r0 | 1.00 | 1.00 | |"
echo "| reportq run --workers 1        | $r1 | $(awk -v a="$r1" -v b="$r0" 'BEGIN{printf "%.2f", a/b}') of in-process | $(median_ratio run1 extract) of in-process | 0.90 |"
echo "| reportq run --workers 2        | $r2 | $(awk -v a="$r2" -v b="$r1" 'BEGIN{printf "%.2f", a/b}') x 1 worker | $(median_ratio run2 run1) x 1 worker | 1.6 |"
echo "| run --workers 2 vs extract     | | $(awk -v a="$r2" -v b="$r0" 'BEGIN{printf "%.2f", a/b}') x in-process | $(median_ratio run2 extract) x in-process | 1.7 |"
if [ -n "$BASE_BIN" ]; then
  echo
  echo "this build ($BIN) against BASE_BIN ($BASE_BIN), same rounds:"
  echo "| setup   | best docs/s | base best docs/s | median of round ratios (this / base) |"
  echo "|---------|-------------|------------------|--------------------------------------|"
  for s in extract run1 run2; do
    echo "| $s | $(best $s) | $(best base_$s) | $(median_ratio $s base_$s) |"
  done
  echo "base: run --workers 2 vs extract $(median_ratio base_run2 base_extract)x (median of round ratios), 1 worker vs extract $(median_ratio base_run1 base_extract)x"
  echo "by round (this / base):"
  for s in extract run1 run2; do
    printf '  %-8s' "$s"
    for i in $(seq 1 "$ROUNDS"); do awk -v a="${rates[$s,$i]}" -v b="${rates[base_$s,$i]}" 'BEGIN{printf " %.2f", a/b}'; done
    echo
  done
fi
echo "$ROUNDS interleaved rounds; CPU per job from the last round:"
echo "extract:   $(cat "$TMP/cpu_extract")"
echo "workers 1: $(cat "$TMP/cpu_run1")"
echo "workers 2: $(cat "$TMP/cpu_run2")"
if [ -n "$BASE_BIN" ]; then
  echo "base extract:   $(cat "$TMP/cpu_base_extract")"
  echo "base workers 1: $(cat "$TMP/cpu_base_run1")"
  echo "base workers 2: $(cat "$TMP/cpu_base_run2")"
fi
echo "load after throughput runs: $(uptime | sed 's/.*load average: //')"
fi

[ "${PART:-all}" = throughput ] && exit 0

# Memory: 20,000 small jobs queued with no workers.
mkdir -p "$TMP/small"
for i in $(seq 1 20000); do printf '二〇二六年政府工作报告 %d\n各位代表：今年地区生产总值增长5%%左右。\n' "$i" > "$TMP/small/s$i.txt"; done
EP="ipc://$TMP/broker"
"$BIN" broker --bind "$EP" --journal "$TMP/journal" 2>/dev/null & BROKER=$!
sleep 0.5
find "$TMP/small" -name "s*.txt" | sort | sed -n "1,1000p" | "$BIN" push --broker "$EP" - >/dev/null
sleep 0.5; b1=$(rss $BROKER)
find "$TMP/small" -name "s*.txt" | sort | sed -n "1001,\$p" | "$BIN" push --broker "$EP" - >/dev/null
sleep 0.5; b2=$(rss $BROKER)
"$BIN" aggregator --connect "$EP" --out "$TMP/mem.jsonl" 2>/dev/null & AGG=$!
"$BIN" worker --connect "$EP" --echo --service ingest --concurrency 2 2>/dev/null & WORK=$!
a1=""; a2=""
for _ in $(seq 1 1200); do
  lines=$( (wc -l < "$TMP/mem.jsonl") 2>/dev/null || echo 0)
  if [ -z "$a1" ] && [ "$lines" -ge 1000 ]; then a1=$(rss $AGG); fi
  if [ "$lines" -ge 20000 ]; then a2=$(rss $AGG); break; fi
  sleep 0.1
done
kill $WORK $AGG $BROKER 2>/dev/null || true; wait $WORK $AGG $BROKER 2>/dev/null || true
echo
echo "| process    | RSS at 1,000 (KiB) | RSS at 20,000 (KiB) | change  |"
echo "|------------|--------------------|---------------------|---------|"
echo "| broker     | $b1 | $b2 | $(awk -v a="$b1" -v b="$b2" 'BEGIN{printf "%+.1f%%", (b-a)*100/a}') queued jobs |"
echo "| aggregator | $a1 | ${a2:-n/a} | $( [ -n "$a2" ] && awk -v a="$a1" -v b="$a2" 'BEGIN{printf "%+.1f%%", (b-a)*100/a}') lines written |"
