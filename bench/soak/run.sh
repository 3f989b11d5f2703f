#!/usr/bin/env bash
# Soak run: mixed churn against WildRTC in the provisioned WildFly for a bounded time (Churn.java:
# UDP/TCP/TLS allocations with permissions, channels and data, EVEN-PORT reservations, RFC 6062
# connections, joins and WebSockets that register, send and go, malformed packets), then idle. The
# server's heap after a full GC, native memory (Netty's direct buffers are in NMT's "Other"), file
# descriptors, threads, relay ports and live counters must come back to the baseline taken after a
# warm-up of the same churn and the same idle, and nothing may be logged at ERROR.
# Prints the churn's own tally and a before/after table; exits 1 when a figure did not come back.
# Needs: the build (mvn -DskipTests install) and the Debian package coturn (turnutils_peer is the
# UDP echo peer). Loopback only; stops what it started, by PID.
# Settings: SOAK_SECONDS (default 1200), WARMUP_SECONDS (60), IDLE_SECONDS (150: longer than every
# server timer a client leaves behind — the 120 s register window of a member that never opened
# its socket, 30 s reservations and RFC 6062 binds, the 10 s signaling grace), WORKERS (8),
# SOAK_KEEP_LOG (a file to copy the server log to when the run fails).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOAK_SECONDS=${SOAK_SECONDS:-1200}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
IDLE_SECONDS=${IDLE_SECONDS:-150}
WORKERS=${WORKERS:-8}
SECRET=soak-secret
command -v turnutils_peer >/dev/null || { echo "install the Debian package coturn" >&2; exit 1; }

source "$ROOT/bench/lib.sh"
require_build
javac -d "$WORK/classes" -cp "$CLASSES" "$ROOT/bench/soak/Churn.java"
TURN_PORT=$(free_port)
TLS_PORT=$(free_port)
PEER_PORT=$(free_port)
OFFSET=$(free_offset)
HTTPS_PORT=$((8443 + OFFSET))
MIN_RELAY=40000
MAX_RELAY=44999

# Native memory tracking rides on WildFly's sizing variable, so standalone.conf keeps its other options.
# The churn's clients all come from 127.0.0.1, which the per-source limits on challenges and joins
# would throttle: they are off here (the soak looks for leaks; the limits have tests of their own).
JBOSS_JAVA_SIZING="-Xms64m -Xmx512m -XX:NativeMemoryTracking=summary" start_wildfly "$SERVER" "$OFFSET" \
  -Dwildrtc.turn.port="$TURN_PORT" -Dwildrtc.turn.tls-port="$TLS_PORT" -Dwildrtc.turn.auth-secret="$SECRET" \
  -Dwildrtc.turn.allowed-peers=127.0.0.1/32 -Dwildrtc.turn.min-port=$MIN_RELAY -Dwildrtc.turn.max-port=$MAX_RELAY \
  -Dwildrtc.turn.max-challenges-per-second=0 -Dwildrtc.rooms.joins-per-minute=0
turnutils_peer -L 127.0.0.1 -p "$PEER_PORT" > /dev/null 2>&1 &
PIDS+=($!)
wait_for_stun "$TURN_PORT"
PID=$(cat "$WORK/wildfly.pid")
LOG="$WORK/base/log/server.log"

churn() {
  java -Djdk.internal.httpclient.disableHostnameVerification=true -cp "$WORK/classes:$CLASSES" Churn \
    "$TURN_PORT" "$TLS_PORT" "$HTTPS_PORT" "$SECRET" "$PEER_PORT" "$WORKERS" "$1"
}
status() { curl -sk --max-time 10 "https://127.0.0.1:$HTTPS_PORT/signaling/status"; }
# json_number NAME: the first number under that name in the status JSON.
json_number() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" | head -1; }
native_other_kb() {
  jcmd "$PID" VM.native_memory summary 2>/dev/null | awk '/^-  *Other \(/ {sub(/.*committed=/, ""); print $0 + 0; exit}'
}
# The server's own sockets in the relay range (TCP connections in TIME_WAIT belong to nobody).
relay_ports() {
  { ss -Hanup "( sport >= :$MIN_RELAY and sport <= :$MAX_RELAY )"; ss -Hantp "( sport >= :$MIN_RELAY and sport <= :$MAX_RELAY )"; } \
    | grep -c "pid=$PID," || true
}
# snapshot FILE: one "name value" line per figure.
snapshot() {
  local s
  s=$(status)
  {
    echo "heap_kb $(heap_kb "$PID")"
    echo "native_other_kb $(native_other_kb)"
    echo "file_descriptors $(ls "/proc/$PID/fd" | wc -l)"
    echo "threads $(awk '/^Threads/ {print $2}' "/proc/$PID/status")"
    echo "relay_ports $(relay_ports)"
    echo "allocations $(echo "$s" | json_number allocations)"
    echo "permissions $(echo "$s" | json_number permissions)"
    echo "channels $(echo "$s" | json_number channels)"
    echo "open_websockets $(echo "$s" | json_number openws)"
  } > "$1"
}

echo "warm-up: $WARMUP_SECONDS s of churn with $WORKERS workers, then $IDLE_SECONDS s idle"
churn "$WARMUP_SECONDS" > "$WORK/warmup.out"
sleep "$IDLE_SECONDS"
snapshot "$WORK/before"
ERRORS_BEFORE=$(grep -c " ERROR " "$LOG" || true)

echo "soak: $SOAK_SECONDS s of churn, then $IDLE_SECONDS s idle"
churn "$SOAK_SECONDS" | tee "$WORK/soak.out"
sleep "$IDLE_SECONDS"
snapshot "$WORK/after"
ERRORS_AFTER=$(grep -c " ERROR " "$LOG" || true)

# Allowed growth per figure: the heap and Netty's pools settle within a few MB, counts within a few.
allowed() {
  case $1 in
    heap_kb) echo $(( $2 / 10 > 8192 ? $2 / 10 : 8192 )) ;;
    native_other_kb) echo 16384 ;;
    file_descriptors|threads) echo 5 ;;
    *) echo 0 ;;
  esac
}
failed=0
printf "%-18s %12s %12s %10s  %s\n" figure baseline after allowed verdict
while read -r name before; do
  after=$(awk -v n="$name" '$1 == n {print $2}' "$WORK/after")
  limit=$(allowed "$name" "${before:-0}")
  verdict=ok
  if [ -z "$before" ] || [ -z "$after" ]; then verdict="not read"; failed=1
  elif [ $((after - before)) -gt "$limit" ]; then verdict=GREW; failed=1; fi
  printf "%-18s %12s %12s %10s  %s\n" "$name" "$before" "$after" "+$limit" "$verdict"
done < "$WORK/before"
new_errors=$((ERRORS_AFTER - ERRORS_BEFORE))
printf "%-18s %12s %12s %10s  %s\n" "ERROR log lines" "$ERRORS_BEFORE" "$ERRORS_AFTER" "+0" \
  "$([ "$new_errors" = 0 ] && echo ok || echo LOGGED)"
if [ "$new_errors" != 0 ]; then
  grep " ERROR " "$LOG" | tail -n "$new_errors" | head -5 >&2
  failed=1
fi
# Warnings are allowed (a client that misbehaves may earn one) but shown, the most frequent first.
echo "WARN lines by logger: $(grep -c " WARN " "$LOG" || true)"
grep " WARN " "$LOG" | sed 's/^.* WARN  *\[\([^]]*\)\].*$/\1/' | sort | uniq -c | sort -rn | head -5
if [ "$failed" != 0 ] && [ -n "${SOAK_KEEP_LOG:-}" ]; then
  cp "$LOG" "$SOAK_KEEP_LOG" && echo "server log kept in $SOAK_KEEP_LOG"
fi
exit $failed
