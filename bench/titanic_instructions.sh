#!/usr/bin/env bash
# Instructions of the broker's main thread per job on the durable path (callgrind): titanic.request
# → journal → `ingest` → result → `collect` → done, with real workers and an aggregator. The broker
# runs under valgrind (a --strip-debug copy: valgrind cannot read Swift 6.3 release DWARF); workers,
# aggregator and push run natively. Two runs of SHORT and LONG jobs; (Ir_long - Ir_short) /
# (LONG - SHORT) removes start-up and shutdown. The broker keeps results in memory and does not
# fsync (as `reportq run` does), so the figure is its own work, not the disk's.
#   bench/titanic_instructions.sh                              # this tree's release build
#   BROKER_BIN=/path/to/reportq bench/titanic_instructions.sh  # another build's broker, same peers
set -euo pipefail
cd "$(dirname "$0")/.."
PEER=${PEER:-.build/release/reportq}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then swift build -c release --product reportq >/dev/null; fi
CORPUS=${CORPUS:-../shared/corpus}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
BROKER=${BROKER_BIN:-$PEER}
strip --strip-debug -o "$WORK/broker" "$BROKER"
SHORT=${SHORT:-40}; LONG=${LONG:-240}
files=("$CORPUS"/*.txt)

# one_run JOBS → "instructions" (main thread of the broker)
one_run() {
  local n=$1 d ep vp wp ap i
  d=$(mktemp -d "$WORK/run.XXXX"); ep="ipc://$d/broker"
  mkdir "$d/in"
  for ((i = 0; i < n; i++)); do cp "${files[i % ${#files[@]}]}" "$d/in/j$i.txt"; done
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$d/cg" \
    "$WORK/broker" broker --bind "$ep" --journal "$d/journal" --results-in-memory --no-fsync 2>"$d/valgrind.log" & vp=$!
  $PEER worker --connect "$ep" --concurrency 2 >/dev/null 2>&1 & wp=$!
  $PEER aggregator --connect "$ep" --out "$d/out.jsonl" >/dev/null 2>&1 & ap=$!
  sleep 5
  # Copies of the corpus share content: --force (where the build has it) makes each its own job.
  $PEER push --broker "$ep" --timeout 60 $($PEER push --help 2>/dev/null | grep -q -- '--force' && echo --force) "$d/in" >/dev/null
  for _ in $(seq 1 600); do
    [[ -f "$d/out.jsonl" && $(wc -l < "$d/out.jsonl") -ge $n ]] && break
    sleep 0.2
  done
  [[ $(wc -l < "$d/out.jsonl") -eq $n ]] || { echo "run of $n jobs: $(wc -l < "$d/out.jsonl") lines" >&2; exit 1; }
  sleep 1                        # the broker writes the last JobDone
  kill "$wp" "$ap"; wait "$wp" "$ap" 2>/dev/null || true
  kill -INT "$vp"; wait "$vp" 2>/dev/null || true
  awk '/^summary:/{print $2}' "$d/cg-01"
}

echo "# $(date -u +%FT%TZ) broker: $BROKER  jobs: $SHORT and $LONG corpus files  load: $(cut -d' ' -f1-3 /proc/loadavg)"
i1=$(one_run "$SHORT")
i2=$(one_run "$LONG")
printf "%12s %12s %16s\n" Ir_short Ir_long Ir_per_job
printf "%12s %12s %16s\n" "$i1" "$i2" "$(( (i2 - i1) / (LONG - SHORT) ))"
