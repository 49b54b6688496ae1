# Sourced by the benchmarks. On this VM a wake-up across CPUs is slow: an idle vCPU is halted by
# the hypervisor and waking it takes a host round trip, and waking a thread on a busy vCPU takes
# an inter-processor interrupt, which the VM pays for too (bench/wake_pingpong.c, two threads on
# two CPUs passing a byte through pipes: ~60–120 µs per round trip with halting, ~45–60 µs with
# spinners, ~5 µs with halt polling, against ~4 µs on one CPU). A latency-bound case then
# measures the host's wake-ups, not the code.
#   AWAKE=poll  (default where the guest's cpuidle-haltpoll driver is loaded and its parameter
#               writable): an idle vCPU polls for up to 200 µs before it halts
#               (haltpoll.guest_halt_poll_ns, put back on exit), so a wake-up finds it polling:
#               no halt and no interrupt. Polling is idle time, charged to no process.
#   AWAKE=spin  one SCHED_IDLE spinner per CPU: it only gets time no other process wants, so the
#               measured processes are never delayed by it; vCPUs never halt, but every wake-up
#               takes an interrupt.
#   AWAKE=0     neither.
# Stopped by stop_awake (call it from the benchmark's EXIT trap). AWAKE_MODE says what is in force.
AWAKE_PIDS=()
HALT_POLL=/sys/module/haltpoll/parameters/guest_halt_poll_ns
HALT_POLL_SAVED=""
AWAKE_MODE=${AWAKE:-}
if [[ -z $AWAKE_MODE || $AWAKE_MODE == 1 ]]; then
  if [[ -z $AWAKE_MODE && -w $HALT_POLL ]]; then AWAKE_MODE=poll; else AWAKE_MODE=spin; fi
fi
case $AWAKE_MODE in
  poll)
    HALT_POLL_SAVED=$(cat "$HALT_POLL")
    echo 200000 > "$HALT_POLL" ;;
  spin)
    for cpu in $(seq 0 $(($(nproc) - 1))); do
      taskset -c "$cpu" chrt --idle 0 sh -c 'while :; do :; done' & AWAKE_PIDS+=($!)
    done ;;
  0) ;;
  *) echo "AWAKE must be poll, spin or 0" >&2; exit 1 ;;
esac
stop_awake() {
  for p in "${AWAKE_PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  if [[ -n $HALT_POLL_SAVED ]]; then echo "$HALT_POLL_SAVED" > "$HALT_POLL"; HALT_POLL_SAVED=""; fi
}
# Mean round trip (µs) of a byte between threads on CPU 0 and CPU 1, in the mode now in force.
wake_round_trip_us() {
  local bin=.build/wake_pingpong
  if [[ ! -x $bin || bench/wake_pingpong.c -nt $bin ]]; then mkdir -p .build; cc -O2 -pthread -o $bin bench/wake_pingpong.c; fi
  $bin 0 1 5000
}
