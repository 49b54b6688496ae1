#!/usr/bin/env bash
# Requests/s through reportq's broker vs Python majortomo's broker vs no broker at all,
# with the same Swift echo workers and Swift clients over tcp loopback (release build).
# Also the broker's CPU time per request: exact on-CPU nanoseconds from /proc/PID/task/*/schedstat
# (not the tick-sampled utime+stime), in total and split into the broker's own thread ("main":
# our loop and its system calls) and libzmq's I/O thread(s) ("io": TCP, framing, wake-ups).
# "c-floor" is bench/ref_broker.c, a minimal MDP broker in C on the same libzmq: the cost any
# libzmq broker pays (its I/O thread figure is libzmq's own per-message cost on this machine).
#   bench/broker.sh               # 3 s per measurement, 3 rounds
#   ROUNDS=5 bench/broker.sh      # medians over 5 rounds
#   SECS=5 SIZES=100 SHAPES=1x1 bench/broker.sh
#   BASE_BIN=/tmp/reportq-main bench/broker.sh     # adds "baseline": another reportq build, same run
# Instructions rather than time (callgrind, broker main thread): bench/broker_instructions.sh.
# AWAKE=poll|spin|0: how bench/keep_awake.sh keeps this VM's cross-CPU wake-ups from dominating a
# latency-bound case (default poll where the guest kernel allows it, else spin; see there). The
# header prints the mode and the machine's cross-CPU wake-up round trip in it.
# Pinning: broker (or, with no broker, the echo servers) on CPU 0, workers and clients on CPU 1.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${SECS:-3}
BIN=${BIN:-.build/release/reportq}   # BIN=/path/to/old/reportq compares another build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then swift build -c release --product reportq >/dev/null; fi
# The C floor: a minimal MDP broker in C over the same libzmq (what any libzmq broker pays per request).
REF=.build/ref_broker
if [[ ! -x $REF || bench/ref_broker.c -nt $REF ]]; then mkdir -p .build; cc -O2 -o $REF bench/ref_broker.c -lzmq; fi
python3 -c 'import majortomo' || { echo "python3 with majortomo needed (pip install majortomo)"; exit 1; }
# PIN=0 lets the scheduler place everything; PIN=1 (default) pins broker to CPU 0, peers to CPU 1.
if [[ "${PIN:-1}" == 1 ]]; then ON0="taskset -c 0"; ON1="taskset -c 1"; else ON0=""; ON1=""; fi
SIZES=${SIZES:-"100 65536"}; SHAPES=${SHAPES:-"1x1 4x2"}
# SYSTEMS: any of reportq baseline (needs BASE_BIN) majortomo c-floor direct
DEFAULT_SYSTEMS="reportq majortomo c-floor direct"; [[ -n ${BASE_BIN:-} ]] && DEFAULT_SYSTEMS="reportq baseline majortomo c-floor direct"
SYSTEMS=${SYSTEMS:-$DEFAULT_SYSTEMS}
PORT=$((20000 + RANDOM % 20000))
SCRATCH=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && wait "$p" 2>/dev/null || true; done
  PIDS=()
}
source bench/keep_awake.sh
trap 'cleanup; stop_awake; rm -rf "$SCRATCH"' EXIT

# On-CPU ns of a process's threads (schedstat field 1): "main io other runq", where runq is the
# time its threads spent runnable but waiting for a CPU (schedstat field 2: scheduling stalls).
cpu_ns() {
  local main=0 io=0 other=0 runq=0 t ns wait
  for t in /proc/$1/task/*; do
    read -r ns wait _ < "$t/schedstat" 2>/dev/null || continue
    runq=$((runq + wait))
    if [[ ${t##*/} == "$1" ]]; then main=$((main + ns))
    elif [[ $(cat "$t/comm" 2>/dev/null) == ZMQbg/IO* ]]; then io=$((io + ns))
    else other=$((other + ns)); fi
  done
  echo "$main $io $other $runq"
}
# Time the hypervisor gave this VM's vCPUs to others (/proc/stat "steal", in USER_HZ ticks of 10 ms):
# a thread is charged for it as if it ran, so CPU per request rises with it.
steal_ticks() { awk '/^cpu /{print $9; exit}' /proc/stat; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

# run_case SYSTEM SIZE CLIENTS WORKERS → sets RPS CPU P50 P99 (no subshell: PIDS and PORT must persist)
run_case() {
  local system=$1 size=$2 clients=$3 workers=$4 ep bpid="" framing=rfc wframing=rfc endpoints
  PORT=$((PORT + 10)); ep="tcp://127.0.0.1:$PORT"; endpoints=$ep
  case $system in
    reportq)
      $ON0 $BIN broker --bind "$ep" --journal "$SCRATCH/journal-$PORT" & bpid=$!; PIDS+=($bpid) ;;
    baseline)   # BASE_BIN: another build of reportq (e.g. main's), same peers
      $ON0 $BASE_BIN broker --bind "$ep" --journal "$SCRATCH/journal-$PORT" & bpid=$!; PIDS+=($bpid) ;;
    c-floor)
      $ON0 $REF "$ep" & bpid=$!; PIDS+=($bpid) ;;
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
  local t0="0 0 0 0" t1="0 0 0 0" out s0 s1
  [[ -n $bpid ]] && t0=$(cpu_ns $bpid)
  s0=$(steal_ticks)
  out=$($ON1 $BIN bench client --connect "$endpoints" --clients "$clients" --size "$size" --seconds "$SECS" --framing $framing)
  s1=$(steal_ticks)
  [[ -n $bpid ]] && t1=$(cpu_ns $bpid)
  STEAL=$(awk -v a="$s0" -v b="$s1" -v s="$SECS" -v n="$(nproc)" 'BEGIN{printf "%.1f", (b - a) / (s * n)}')   # % of the CPUs' time
  local all
  all=$(field all "$out")
  RPS=$(field rps "$out"); P50=$(field p50_us "$out"); P99=$(field p99_us "$out"); MAX=$(field max_us "$out")
  if [[ -n $bpid ]]; then
    read -r CPU MAIN IO RUNQ < <(awk -v a="$t0" -v b="$t1" -v n="$all" 'BEGIN{split(a, x); split(b, y)
      m = (y[1] - x[1]) / n / 1e3; i = (y[2] - x[2]) / n / 1e3; o = (y[3] - x[3]) / n / 1e3
      printf "%.1f %.1f %.1f %.1f\n", m + i + o, m, i, (y[4] - x[4]) / n / 1e3}')
  else CPU="-"; MAIN="-"; IO="-"; RUNQ="-"; fi
  cleanup
}

# median of the numbers on stdin ("-" when there are none)
median() { sort -g | awk '{v[NR]=$1} END{if (!NR) print "-"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
fmt() { if [[ $2 == - ]]; then echo -; else printf "$1" "$2"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0 && a != "-") printf "%.3f", a / b; else print "-"}'; }

ROUNDS=${ROUNDS:-3}
echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  ${SECS}s per case  ROUNDS=$ROUNDS  PIN=${PIN:-1}  AWAKE=$AWAKE_MODE"
echo "# cross-CPU wake-up round trip (bench/wake_pingpong.c, pipes between CPU 0 and 1): $(wake_round_trip_us) µs"
echo "# Each case runs every system once per round, in a rotated order; a row gives the median over rounds"
echo "# of each figure, and of the ratio to majortomo and to direct within each round (a slow spell of"
echo "# the machine then hits both sides of a ratio). ROUNDS=1 gives single measurements."
echo "# cpu_us/req: broker on-CPU time per request (schedstat, all threads); main: broker thread; io: libzmq I/O thread;"
echo "# runq: time per request the broker's threads waited for a CPU (other processes on its CPU);"
echo "# steal%: share of the VM's CPU time the hypervisor gave to others during the case (charged as CPU time)"
printf "%-8s %-6s %-10s %10s %10s %7s %7s %7s %6s %9s %9s %9s %12s %12s\n" size c×w system req/s cpu_us/req main io runq steal% p50_us p99_us max_us "vs majortomo" "vs direct"
read -r -a ORDER <<<"$SYSTEMS"
for size in $SIZES; do
  for cw in $SHAPES; do
    clients=${cw%x*}; workers=${cw#*x}
    declare -A R=() C=() M=() I=() Q=() ST=() P5=() P9=() MX=()
    for ((round = 1; round <= ROUNDS; round++)); do
      for ((k = 0; k < ${#ORDER[@]}; k++)); do
        system=${ORDER[(k + round - 1) % ${#ORDER[@]}]}
        run_case $system $size $clients $workers
        R[$system,$round]=$RPS; C[$system,$round]=$CPU; M[$system,$round]=$MAIN; I[$system,$round]=$IO; Q[$system,$round]=$RUNQ; ST[$system,$round]=$STEAL
        P5[$system,$round]=$P50; P9[$system,$round]=$P99; MX[$system,$round]=${MAX:--}
      done
    done
    # median over rounds of figure array $1 for system $2
    med() { local -n a=$1; for ((r = 1; r <= ROUNDS; r++)); do [[ ${a[$2,$r]} != - ]] && echo "${a[$2,$r]}"; done | median; }
    medratio() { for ((r = 1; r <= ROUNDS; r++)); do ratio "${R[$1,$r]}" "${R[$2,$r]:-0}"; echo; done | grep -v '^-\?$' | median; }
    for system in $SYSTEMS; do
      vm="-"; vd="-"
      [[ " $SYSTEMS " == *" majortomo "* ]] && vm=$(printf "%.2fx" "$(medratio $system majortomo)")
      [[ " $SYSTEMS " == *" direct "* ]] && vd=$(printf "%.2fx" "$(medratio $system direct)")
      printf "%-8s %-6s %-10s %10s %10s %7s %7s %7s %6s %9s %9s %9s %12s %12s\n" "$size" "${clients}×${workers}" "$system" \
        "$(fmt %.0f "$(med R $system)")" "$(fmt %.1f "$(med C $system)")" "$(fmt %.1f "$(med M $system)")" \
        "$(fmt %.1f "$(med I $system)")" "$(fmt %.1f "$(med Q $system)")" "$(fmt %.1f "$(med ST $system)")" "$(fmt %.0f "$(med P5 $system)")" \
        "$(fmt %.0f "$(med P9 $system)")" "$(fmt %.0f "$(med MX $system)")" "$vm" "$vd"
    done
    if [[ $ROUNDS -gt 1 && " $SYSTEMS " == *" majortomo "* ]]; then
      for system in $SYSTEMS; do
        [[ $system == majortomo ]] && continue
        line="#   $system vs majortomo by round:"
        for ((r = 1; r <= ROUNDS; r++)); do line+=" $(printf "%.2f" "$(ratio "${R[$system,$r]}" "${R[majortomo,$r]}")")"; done
        line+="   cpu_us/req:"
        for ((r = 1; r <= ROUNDS; r++)); do line+=" ${C[$system,$r]}"; done
        line+="   steal%:"
        for ((r = 1; r <= ROUNDS; r++)); do line+=" ${ST[$system,$r]}"; done
        echo "$line"
      done
    fi
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
