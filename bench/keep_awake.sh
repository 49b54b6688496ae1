# Sourced by the benchmarks. On a VM, an idle vCPU is halted by the hypervisor and waking it
# takes milliseconds: on a quiet machine a latency-bound case (one request in flight) then
# measures the host's wake-ups, not the code (1×1 rates fell 3–30x for every system alike).
# AWAKE=1 (default) runs one SCHED_IDLE spinner per CPU: it only gets time no other process
# wants, so the measured processes are never delayed by it, and the vCPUs stay awake.
# AWAKE=0 measures without it. Stopped by stop_awake (call it from the benchmark's EXIT trap).
AWAKE_PIDS=()
if [[ "${AWAKE:-1}" == 1 ]]; then
  for cpu in $(seq 0 $(($(nproc) - 1))); do
    taskset -c "$cpu" chrt --idle 0 sh -c 'while :; do :; done' & AWAKE_PIDS+=($!)
  done
fi
stop_awake() { for p in "${AWAKE_PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done; }
