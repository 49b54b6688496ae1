#!/usr/bin/env bash
# Samples the CPU time (utime+stime) of a `reportq run` process and of its children (broker,
# aggregator, workers) until it exits; prints milliseconds per job for each role.
#   bench/cpu_sample.sh PID JOBS
pid=$1; jobs=$2
hz=$(getconf CLK_TCK)
declare -A cpu role
while kill -0 "$pid" 2>/dev/null; do
  for p in "$pid" $(pgrep -P "$pid"); do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    rest=${stat##*) }                         # fields from 3 on (the name may hold spaces)
    set -- $rest
    cpu[$p]=$(( ${12} + ${13} ))              # utime + stime (fields 14, 15)
    if [ -z "${role[$p]:-}" ]; then
      r=$(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | awk '{print $2}')
      role[$p]=${r:-?}
    fi
  done
  sleep 0.1
done
declare -A sum count
for p in "${!cpu[@]}"; do
  r=${role[$p]}
  sum[$r]=$(( ${sum[$r]:-0} + ${cpu[$p]} )); count[$r]=$(( ${count[$r]:-0} + 1 ))
done
out=""
for r in extract run broker aggregator worker; do
  [ -n "${sum[$r]:-}" ] || continue
  out+=$(awk -v t="${sum[$r]}" -v hz="$hz" -v n="$jobs" -v r="$r" -v c="${count[$r]}" \
    'BEGIN { printf "%s%s %.2f ms  ", r, (c > 1 ? "×" c : ""), t * 1000 / hz / n }')
done
echo "cpu per job: $out"
