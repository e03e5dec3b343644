# Sourced by the benchmark scripts: wait for a shared machine to be quiet.

# CPU busy share (percent) over one second, from /proc/stat.
busy() {
  local a b
  a=($(head -n 1 /proc/stat))
  sleep 1
  b=($(head -n 1 /proc/stat))
  local idle=$(((b[4] + b[5]) - (a[4] + a[5])))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $((total > 0 ? 100 * (total - idle) / total : 0))
}

# wait_quiet DEFAULT: wait (bounded by $QUIET_WAIT, else DEFAULT seconds) for other jobs
# to finish, so timings are not contended.
wait_quiet() {
  local waited=0 limit=${QUIET_WAIT:-$1}
  while [ "$waited" -lt "$limit" ] && [ "$(busy)" -ge 10 ]; do
    waited=$((waited + 1))
  done
  if [ "$limit" -gt 0 ] && [ "$waited" -ge "$limit" ]; then
    echo "   (machine still busy after ${limit}s; timing anyway)" >&2
  fi
}
