# Shared by the benchmark scripts (sourced, not run): a scratch folder, cleanup on exit, free ports
# and a private copy of the provisioned WildFly.

# SERVER: the provisioned WildFly; CLASSES: the connector's classes and test classes (its Java TURN
# client); ROOT is set by the script that sources this.
SERVER="$ROOT/wildfly-config/target/server"
CLASSES="$ROOT/turn-connector/target/classes:$ROOT/turn-connector/target/test-classes"
# require_build: exits, saying what to run, when the build (with the test classes) is missing.
require_build() {
  [ -x "$SERVER/bin/standalone.sh" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
  [ -d "$ROOT/turn-connector/target/test-classes" ] || { echo "build the tests first: mvn -DskipTests install" >&2; exit 1; }
}

# WORK: the scratch folder. On any exit, the processes in PIDS and in $WORK/*.pid are stopped (by
# PID only) and the folder removed.
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local pid pidfile
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pidfile in "$WORK"/*.pid; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nobody listens on, over UDP or TCP (coturn binds with SO_REUSEPORT and would share one;
# Collider listens on all addresses, which ss lists too).
taken=" "
free_port() {
  local port
  while true; do
    port=$(( (RANDOM % 12000) + 20000 ))
    case "$taken" in *" $port "*) continue ;; esac
    if [ -z "$(ss -Hlnu "sport = :$port")" ] && [ -z "$(ss -Hlnt "sport = :$port")" ]; then
      taken="$taken$port "
      echo "$port"
      return
    fi
  done
}

# WildFly's own ports (HTTP, HTTPS, management) move by one offset; one where all are free.
free_offset() {
  local offset base ok
  while true; do
    offset=$(( (RANDOM % 4000) + 1000 ))
    ok=1
    for base in 8080 8443 9990; do
      [ -n "$(ss -Hlnt "sport = :$((base + offset))")" ] && ok=0
    done
    [ $ok = 1 ] && { echo "$offset"; return; }
  done
}

# start_wildfly SERVER OFFSET -Dname=value...: the provisioned server with its own base folder under
# $WORK (so the build's copy is left alone), its ports moved by OFFSET, log in $WORK/wildfly.log and
# PID in $WORK/wildfly.pid.
start_wildfly() {
  local server=$1 offset=$2
  shift 2
  mkdir -p "$WORK/base/data"
  cp -r "$server/standalone/configuration" "$server/standalone/deployments" "$WORK/base/"
  cp -r "$server/standalone/data/content" "$WORK/base/data/"
  JBOSS_PIDFILE="$WORK/wildfly.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/standalone.sh" \
    -Djboss.server.base.dir="$WORK/base" -Djboss.socket.binding.port-offset="$offset" \
    -Dio.netty.leakDetection.level=disabled "$@" > "$WORK/wildfly.log" 2>&1 &
  PIDS+=($!)
}

# wait_for_stun PORT: until turnutils_stunclient gets a Binding answer on 127.0.0.1:PORT (90 s at most).
wait_for_stun() {
  for _ in $(seq 1 90); do
    if timeout 2 turnutils_stunclient -p "$1" 127.0.0.1 2>/dev/null | grep -q "reflexive addr"; then return 0; fi
    sleep 1
  done
  echo "no STUN answer on port $1" >&2; exit 1
}

# heap_kb PID: the Java heap in use right after a full GC, in KB.
heap_kb() {
  jcmd "$1" GC.run > /dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i = 1; i < NF; i++) if ($i == "used") {print $(i + 1) + 0; exit}}'
}

# Repeated loads: the rows of one server are kept as lines of space-separated numbers, "FAIL ..."
# for a load that failed.
# median FILE COLUMN [DECIMALS]: the median of that column (DECIMALS default 2); FAIL if any load failed.
median() {
  grep -q '^FAIL' "$1" && { echo FAIL; return; }
  cut -d' ' -f"$2" "$1" | sort -g | awk -v d="${3:-2}" '{v[NR] = $1} END {
    if (NR == 0) {print "-"; exit}
    printf "%.*f\n", d, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# total FILE COLUMN / largest FILE COLUMN: the sum / the largest value of that column.
total() { awk -v k="$2" '{t += $k} END {print t + 0}' "$1"; }
largest() { awk -v k="$2" 'NR == 1 || $k + 0 > m {m = $k + 0} END {print m + 0}' "$1"; }
# ratio A B: A / B with two decimals, "-" when either is missing or zero.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-"}'; }
