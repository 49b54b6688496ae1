#!/usr/bin/env bash
# Instructions per request of the broker's main thread (callgrind), echo requests of SIZE bytes (100):
# the broker runs under valgrind, echo workers and bench clients natively; two runs of different
# lengths, and (Ir_long - Ir_short) / (requests_long - requests_short) removes start-up and
# shutdown. valgrind cannot read Swift 6.3 release DWARF, so it runs a --strip-debug copy.
#   bench/broker_instructions.sh                  # 1x1 and 4x2, this tree's release build
#   BROKER_BIN=/path/to/reportq SHAPES=1x1 bench/broker_instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEER=${PEER:-.build/release/reportq}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then swift build -c release --product reportq >/dev/null; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BROKER=${BROKER_BIN:-$PEER}
strip --strip-debug -o "$WORK/broker" "$BROKER"
SHORT=${SHORT:-1}; LONG=${LONG:-6}; SHAPES=${SHAPES:-"1x1 4x2"}; SIZE=${SIZE:-100}

# one_run CLIENTS WORKERS SECONDS → "instructions requests" (main thread of the broker)
one_run() {
  local port=$((41000 + RANDOM % 9000)) d ep vp wp out
  d=$(mktemp -d "$WORK/run.XXXX"); ep=tcp://127.0.0.1:$port
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$d/cg" \
    "$WORK/broker" broker --bind "$ep" --journal "$d/journal" 2>"$d/valgrind.log" & vp=$!
  sleep 4
  $PEER worker --connect "$ep" --echo --concurrency "$2" >/dev/null 2>&1 & wp=$!
  sleep 2
  out=$($PEER bench client --connect "$ep" --clients "$1" --size "$SIZE" --seconds "$3")
  kill "$wp"; wait "$wp" 2>/dev/null || true
  sleep 1
  kill -INT "$vp"; wait "$vp" 2>/dev/null || true
  echo "$(awk '/^summary:/{print $2}' "$d/cg-01") $(sed -n 's/.*all=\([0-9]*\).*/\1/p' <<<"$out")"
}

echo "# $(date -u +%FT%TZ) size $SIZE B  broker: $BROKER  load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-6s %12s %10s %12s %10s %14s\n" c×w Ir_short req_short Ir_long req_long Ir_per_request
for cw in $SHAPES; do
  c=${cw%x*}; w=${cw#*x}
  read -r i1 n1 < <(one_run "$c" "$w" "$SHORT")
  read -r i2 n2 < <(one_run "$c" "$w" "$LONG")
  printf "%-6s %12s %10s %12s %10s %14s\n" "$c×$w" "$i1" "$n1" "$i2" "$n2" "$(( (i2 - i1) / (n2 - n1) ))"
done
