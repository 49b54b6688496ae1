#!/usr/bin/env bash
# Samples the CPU time (utime+stime) of a `reportq run` process and of its children (broker,
# aggregator, workers) until it exits; prints milliseconds per job for each role, and each role's
# peak resident memory (VmHWM, the largest of its processes).
#   bench/cpu_sample.sh PID JOBS
# Only bash builtins inside the loop: a sampler that forks `cat`/`pgrep` ten times a second
# costs ~11 % of a core, which on this 2-core machine is taken from the workers it measures.
pid=$1; jobs=$2
hz=$(getconf CLK_TCK)
declare -A cpu role hwm
exec {tick}<> <(:)                             # a pipe nobody writes: `read -t` on it is a sleep
while [ -d "/proc/$pid" ]; do
  children=""
  for t in /proc/"$pid"/task/*/children; do kids=(); read -r -a kids < "$t" 2>/dev/null; children+=" ${kids[*]}"; done
  for p in "$pid" $children; do
    read -r stat < "/proc/$p/stat" 2>/dev/null || continue
    rest=${stat##*) }                          # fields from 3 on (the name may hold spaces)
    set -- $rest
    cpu[$p]=$(( ${12} + ${13} ))               # utime + stime (fields 14, 15)
    # Read each time: between fork and exec a child still shows its parent's command line
    # (an exited child, not yet reaped, shows none: keep what it was).
    argv=(); mapfile -d '' -t argv < "/proc/$p/cmdline" 2>/dev/null || true
    [ ${#argv[@]} -gt 1 ] && role[$p]=${argv[1]}
    [ -n "${role[$p]:-}" ] || role[$p]="?"
    while read -r k v _; do [ "$k" = VmHWM: ] && { hwm[$p]=$v; break; }; done < "/proc/$p/status" 2>/dev/null
  done
  read -r -t 0.1 -u "$tick" _ || true
done
declare -A sum count peak
for p in "${!cpu[@]}"; do
  r=${role[$p]}
  sum[$r]=$(( ${sum[$r]:-0} + ${cpu[$p]} )); count[$r]=$(( ${count[$r]:-0} + 1 ))
  [ "${hwm[$p]:-0}" -gt "${peak[$r]:-0}" ] && peak[$r]=${hwm[$p]}
done
out=""
for r in extract run broker aggregator worker; do
  [ -n "${sum[$r]:-}" ] || continue
  out+=$(awk -v t="${sum[$r]}" -v hz="$hz" -v n="$jobs" -v r="$r" -v c="${count[$r]}" \
    'BEGIN { printf "%s%s %.2f ms  ", r, (c > 1 ? "×" c : ""), t * 1000 / hz / n }')
done
echo "cpu per job: $out"
mem=""
for r in extract run broker aggregator worker; do
  [ -n "${peak[$r]:-}" ] && mem+="$r $(( ${peak[$r]} / 1024 )) MB  "
done
echo "peak RSS: $mem"
