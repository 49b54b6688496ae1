#!/usr/bin/env bash
# Requests/s through reportq's broker vs Python majortomo's broker vs no broker at all,
# with the same Swift echo workers and Swift clients over tcp loopback (release build).
# Also the broker's CPU time per request (utime+stime from /proc/PID/stat).
#   bench/broker.sh               # 3 s per measurement
#   SECS=5 bench/broker.sh
# Pinning: broker (or, with no broker, the echo servers) on CPU 0, workers and clients on CPU 1.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${SECS:-3}
BIN=.build/release/reportq
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then swift build -c release --product reportq >/dev/null; fi
python3 -c 'import majortomo' || { echo "python3 with majortomo needed (pip install majortomo)"; exit 1; }
TICK=$(getconf CLK_TCK)
# PIN=0 lets the scheduler place everything; PIN=1 (default) pins broker to CPU 0, peers to CPU 1.
if [[ "${PIN:-1}" == 1 ]]; then ON0="taskset -c 0"; ON1="taskset -c 1"; else ON0=""; ON1=""; fi
SIZES=${SIZES:-"100 65536"}; SHAPES=${SHAPES:-"1x1 4x2"}
PORT=$((20000 + RANDOM % 20000))
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && wait "$p" 2>/dev/null || true; done
  PIDS=()
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

# run_case SYSTEM SIZE CLIENTS WORKERS → sets RPS CPU P50 P99 (no subshell: PIDS and PORT must persist)
run_case() {
  local system=$1 size=$2 clients=$3 workers=$4 ep bpid="" framing=rfc wframing=rfc endpoints
  PORT=$((PORT + 10)); ep="tcp://127.0.0.1:$PORT"; endpoints=$ep
  case $system in
    reportq)
      $ON0 $BIN broker --bind "$ep" & bpid=$!; PIDS+=($bpid) ;;
    majortomo)
      $ON0 python3 -m majortomo.broker -b "$ep" -c bench/majortomo-quiet.yaml & bpid=$!; PIDS+=($bpid)
      framing=majortomo; wframing=delimited ;;
    direct)
      endpoints=""
      for ((w = 0; w < workers; w++)); do
        $ON0 $BIN bench direct-echo --bind "tcp://127.0.0.1:$((PORT + w))" & PIDS+=($!)
        endpoints+="${endpoints:+,}tcp://127.0.0.1:$((PORT + w))"
      done ;;
  esac
  if [[ $system != direct ]]; then
    $ON1 $BIN worker --connect "$ep" --echo --concurrency "$workers" --framing $wframing & PIDS+=($!)
  fi
  sleep 1
  local t0=0 t1=0 out
  [[ -n $bpid ]] && t0=$(cpu_ticks $bpid)
  out=$($ON1 $BIN bench client --connect "$endpoints" --clients "$clients" --size "$size" --seconds "$SECS" --framing $framing)
  [[ -n $bpid ]] && t1=$(cpu_ticks $bpid)
  local all rps cpu
  all=$(field all "$out"); rps=$(field rps "$out")
  if [[ -n $bpid ]]; then cpu=$(awk -v d=$((t1 - t0)) -v t="$TICK" -v n="$all" 'BEGIN{printf "%.1f", d / t * 1e6 / n}'); else cpu="-"; fi
  RPS=$rps; CPU=$cpu; P50=$(field p50_us "$out"); P99=$(field p99_us "$out")
  cleanup
}

echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  ${SECS}s per case  PIN=${PIN:-1}"
printf "%-8s %-6s %-10s %10s %10s %9s %9s %12s %12s\n" size c×w system req/s cpu_us/req p50_us p99_us "vs majortomo" "vs direct"
for size in $SIZES; do
  for cw in $SHAPES; do
    clients=${cw%x*}; workers=${cw#*x}
    declare -A R=() C=() P5=() P9=()
    for system in ${SYSTEMS:-reportq majortomo direct}; do
      run_case $system $size $clients $workers
      R[$system]=$RPS; C[$system]=$CPU; P5[$system]=$P50; P9[$system]=$P99
    done
    for system in ${SYSTEMS:-reportq majortomo direct}; do
      vm=$(awk -v a="${R[$system]}" -v b="${R[majortomo]:-0}" 'BEGIN{if (b > 0) printf "%.2fx", a / b; else printf "-"}')
      vd=$(awk -v a="${R[$system]}" -v b="${R[direct]:-0}" 'BEGIN{if (b > 0) printf "%.2fx", a / b; else printf "-"}')
      printf "%-8s %-6s %-10s %10s %10s %9s %9s %12s %12s\n" "$size" "${clients}×${workers}" "$system" \
        "${R[$system]}" "${C[$system]}" "${P5[$system]}" "${P9[$system]}" "$vm" "$vd"
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
