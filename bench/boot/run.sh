#!/usr/bin/env bash
# Boot of the provisioned server with the app deployed, to WildFly's "started" (WFLYSRV0025): the
# time WildFly reports and the JVM's CPU seconds by then, REPS times (default 3), each from a fresh
# private copy of the configuration and deployment (lib.sh start_wildfly), then the median. The
# machine's 2 cores bound it: WildFly boots in parallel and the JIT compiles at the same time.
# Needs the build (mvn -DskipTests install). Stops what it started, by PID.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/bench/lib.sh"
require_build
REPS=${REPS:-3}
TICKS=$(getconf CLK_TCK)
: > "$WORK/boots"
for rep in $(seq 1 "$REPS"); do
  rm -rf "$WORK/base"
  start_wildfly "$SERVER" "$(free_offset)" -Dwildrtc.turn.port="$(free_port)" -Dwildrtc.turn.tls-port="$(free_port)"
  for _ in $(seq 1 120); do grep -q WFLYSRV0025 "$WORK/wildfly.log" 2>/dev/null && break; sleep 0.5; done
  line=$(grep -m1 WFLYSRV0025 "$WORK/wildfly.log") || { echo "no WFLYSRV0025 within 60 s" >&2; exit 1; }
  pid=$(cat "$WORK/wildfly.pid")
  cpu=$(awk -v hz="$TICKS" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
  ms=$(echo "$line" | sed -n 's/.* started in \([0-9]*\)ms.*/\1/p')
  echo "boot $rep: $(awk -v m="$ms" 'BEGIN {printf "%.2f", m / 1000}') s to started, $cpu CPU s"
  echo "$ms $cpu" >> "$WORK/boots"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
done
echo "median of $REPS: $(awk '{print $1 / 1000}' "$WORK/boots" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}') s to started, \
$(median "$WORK/boots" 2 1) CPU s"
