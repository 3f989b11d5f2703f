#!/usr/bin/env bash
# Side-by-side signaling benchmark: Collider (AppRTC's Go signaling server) and WildRTC's /ws (in the
# provisioned WildFly) on loopback, driven by the same load client (LoadClient.java) in the same run.
# Prints one row per load: Collider, WildRTC, ratio (WildRTC / Collider), one-way latency p50/p99,
# loss, server and load-client CPU seconds; then WildRTC's POST /join and /leave rates (Collider has no rooms API).
# WildRTC runs with its per-client rate limit off (Collider has none) and is reached over plain
# ws:// on its HTTP port, so TLS is not part of the comparison (Collider runs with -tls=false).
# Env: ONLY=collider|ours (default: both), COLLIDER=<path of the collider binary>, SETTLE_MS (default
# 1000: the pause between a load's setup and its clock, same for both servers), CLIENT=lean|jdk
# (default lean: the load client's sockets on one NIO thread with its own WebSocket framing; jdk:
# the JDK's WebSocket client, which costs the client more per message than either server),
# IO_THREADS=N (the default run's WildFly with -Dwildrtc.io-threads=N instead of cli/io-threads.cli's 1).
# CPU columns: the servers' and the load client's, over each load's timed part only.
# Needs: the build (mvn -DskipTests install) unless ONLY=collider. Stops what it started, by PID.
#
# bench/signaling/run.sh cluster: WildRTC alone, what a room spread over two nodes costs. Two nodes
# of the provisioned server with standalone-ha.xml on loopback, started as the cluster integration
# test starts them (ClusterNode: JGroups TCP with the member list, TURN ports and a relay range of
# their own), sharing a throwaway PostgreSQL (initdb into the scratch folder, fsync off), which a
# cluster needs: H2 is one node's file. The same rows with two columns, taking turns per repetition:
# "one node" has both members of every room joined and registered on node1; "cross-node" has the
# first member on node1 and the second on node2, so every message goes from one node to the other
# through WildFly's command dispatcher. Both columns run on the same two-node cluster, so the ratio
# (cross-node / one node) is the hop alone, not clustering as such. CPU is both nodes' JVMs together
# in both columns (a node tells the other of every change to a room). In the cross-node flood the
# senders are held by what waits for the other node (ClusterSignaling.OUTBOX_EVENTS), as on one node
# by the recipient's socket. The rooms API rows run against node1 (with PostgreSQL rather
# than the default run's H2). The table starts once both nodes see a JGroups view of two. Needs the
# Debian package postgresql besides the build; ONLY and COLLIDER do not apply.
set -euo pipefail
MODE=${1:-collider}
case "$MODE" in collider | cluster) ;; *) echo "usage: $0 [cluster]" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVER="$ROOT/wildfly-config/target/server"
COLLIDER=${COLLIDER:-$ROOT/../shared/peers/collider}
ONLY=${ONLY:-}
case "$ONLY" in "" | collider | ours) ;; *) echo "ONLY must be collider or ours" >&2; exit 1 ;; esac
[ "$MODE" = cluster ] && [ -n "$ONLY" ] && { echo "ONLY is for the default run (Collider vs WildRTC), not cluster" >&2; exit 1; }
CLIENT=${CLIENT:-lean}
case "$CLIENT" in lean) LEAN=true ;; jdk) LEAN=false ;; *) echo "CLIENT must be lean or jdk" >&2; exit 1 ;; esac
RUN_COLLIDER=1; RUN_OURS=1
[ "$ONLY" = ours ] && RUN_COLLIDER=0
[ "$ONLY" = collider ] && RUN_OURS=0
[ "$MODE" = cluster ] && RUN_COLLIDER=0
if [ $RUN_OURS = 1 ]; then
  [ -x "$SERVER/bin/standalone.sh" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
fi
if [ $RUN_COLLIDER = 1 ]; then
  [ -x "$COLLIDER" ] || { echo "no Collider binary at $COLLIDER (set COLLIDER=...)" >&2; exit 1; }
fi
if [ "$MODE" = cluster ]; then
  # Debian keeps the server's programs off the PATH, one folder per major version: the newest.
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL under /usr/lib/postgresql: install the Debian package postgresql" >&2; exit 1; }
fi

source "$ROOT/bench/lib.sh"

javac -d "$WORK/classes" "$ROOT/bench/signaling/LoadClient.java"

if [ "$MODE" = cluster ]; then
  # stop_cluster: the nodes' JVMs and the postmaster, by the PIDs in their files, and waits (30 s at
  # most, then SIGKILL) until they are gone, before cleanup removes the folders they write in. The
  # postmaster gets SIGINT, its fast shutdown: SIGTERM would wait for the nodes' pooled connections.
  stop_cluster() {
    local pidfile pid pids="" alive=""
    for pidfile in "$WORK"/node*/wildfly.pid; do
      [ -s "$pidfile" ] || continue
      pid=$(cat "$pidfile" 2>/dev/null || true)
      [ -n "$pid" ] && kill "$pid" 2>/dev/null && pids="$pids $pid"
    done
    if [ -s "$WORK/pg/postmaster.pid" ]; then
      pid=$(head -1 "$WORK/pg/postmaster.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null && pids="$pids $pid"
    fi
    for _ in $(seq 1 60); do
      alive=""
      for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
      [ -z "$alive" ] && return 0
      sleep 0.5
    done
    for pid in $alive; do kill -9 "$pid" 2>/dev/null || true; done
  }
  trap 'stop_cluster || true; cleanup' EXIT
fi

if [ $RUN_COLLIDER = 1 ]; then
  COLLIDER_PORT=$(free_port)
  # Collider posts /bye to its room server synchronously under its global lock: point it at a port
  # nobody listens on, so the post is refused at once.
  ROOM_SERVER_PORT=$(free_port)
  "$COLLIDER" -tls=false -port="$COLLIDER_PORT" -room-server="http://127.0.0.1:$ROOM_SERVER_PORT" \
    > "$WORK/collider.log" 2>&1 &
  COLLIDER_PID=$!
  PIDS+=($COLLIDER_PID)
fi

if [ $RUN_OURS = 1 ] && [ "$MODE" = collider ]; then
  OFFSET=$(free_offset)
  OURS_HTTP=$((8080 + OFFSET))
  TURN_PORT=$(free_port)
  TURN_TLS_PORT=$(free_port)
  start_wildfly "$SERVER" "$OFFSET" -Dwildrtc.signaling.rate-per-second=0 -Dwildrtc.rooms.joins-per-minute=0 \
    -Dwildrtc.turn.port="$TURN_PORT" -Dwildrtc.turn.tls-port="$TURN_TLS_PORT" \
    -Dwildrtc.turn.min-port=42000 -Dwildrtc.turn.max-port=42099 ${IO_THREADS:+-Dwildrtc.io-threads=$IO_THREADS}
fi

if [ $RUN_COLLIDER = 1 ]; then
  for _ in $(seq 1 50); do
    [ -n "$(ss -Hlnt "sport = :$COLLIDER_PORT")" ] && break
    kill -0 "$COLLIDER_PID" 2>/dev/null || { cat "$WORK/collider.log" >&2; echo "Collider exited" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$(ss -Hlnt "sport = :$COLLIDER_PORT")" ] || { echo "Collider does not listen on $COLLIDER_PORT" >&2; exit 1; }
fi
if [ "$MODE" = cluster ]; then
  # PostgreSQL refuses to run as root: then its programs run as the package's user postgres, which
  # must own the data folder and get through the scratch folder (mktemp makes it 700). From $WORK:
  # initdb and postgres look up their own path from the current folder, which postgres must read.
  AS_PG=()
  mkdir "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then
    AS_PG=(runuser -u postgres --)
    chmod 755 "$WORK"
    chown postgres: "$WORK/pg"
  fi
  (cd "$WORK" && "${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U wildrtc --auth=trust --encoding=UTF8 --no-sync) \
    > "$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; echo "initdb failed" >&2; exit 1; }
  PG_PORT=$(free_port)
  # Loopback only, trust authentication, its socket in its own folder; fsync off: a benchmark's rooms
  # need not survive a crash. Stopped by the PID in postmaster.pid (stop_cluster).
  (cd "$WORK" && exec "${AS_PG[@]}" "$PG_BIN/postgres" -D "$WORK/pg" -p "$PG_PORT" -k "$WORK/pg" \
    -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100) > "$WORK/postgres.log" 2>&1 &
  PG_LAUNCHER=$!
  PIDS+=($PG_LAUNCHER)
  for _ in $(seq 1 300); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U wildrtc && break
    kill -0 "$PG_LAUNCHER" 2>/dev/null || { cat "$WORK/postgres.log" >&2; echo "PostgreSQL exited" >&2; exit 1; }
    sleep 0.2
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U wildrtc \
    || { tail -20 "$WORK/postgres.log" >&2; echo "PostgreSQL did not accept connections within 60 s" >&2; exit 1; }
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U wildrtc -d postgres -c "create database rooms"

  # A node takes every port of standalone-ha.xml moved by its offset (ClusterNode's list: http,
  # https, management, ajp, the transaction manager's two, JGroups TCP and its failure detection),
  # and STUN/TURN and TURN over TLS at 3478 and 5349 plus the offset. Offsets of 1000-4999 keep
  # 57600 + offset below 65536. The second node's offset is at least 210 from the first's, so their
  # relay ranges (200 ports from 20000 + offset) are disjoint, and none of its ports is one of the
  # first's.
  NODE_TCP_PORTS="8080 8443 9990 8009 4712 4713 7600 57600"
  NODE_BOTH_PORTS="3478 5349"
  # node_offset [OTHER_OFFSET]: an offset at which all of a node's ports are free.
  node_offset() {
    local other=${1:-} offset base port b ok
    while true; do
      offset=$(( (RANDOM % 4000) + 1000 ))
      if [ -n "$other" ] && [ $(( offset > other ? offset - other : other - offset )) -lt 210 ]; then continue; fi
      ok=1
      for base in $NODE_TCP_PORTS $NODE_BOTH_PORTS; do
        port=$((base + offset))
        [ -n "$(ss -Hlnt "sport = :$port")" ] && ok=0
        if [ -n "$other" ]; then
          for b in $NODE_TCP_PORTS $NODE_BOTH_PORTS; do [ $((b + other)) = $port ] && ok=0; done
        fi
      done
      for base in $NODE_BOTH_PORTS; do
        [ -n "$(ss -Hlnu "sport = :$((base + offset))")" ] && ok=0
      done
      [ $ok = 1 ] && { echo "$offset"; return; }
    done
  }
  OFFSET1=$(node_offset)
  OFFSET2=$(node_offset "$OFFSET1")
  NODE1_HTTP=$((8080 + OFFSET1))
  NODE2_HTTP=$((8080 + OFFSET2))
  MEMBERS="127.0.0.1[$((7600 + OFFSET1))],127.0.0.1[$((7600 + OFFSET2))]"
  # start_wildfly keeps a server's base folder, log and PID file under $WORK: each node gets its own
  # $WORK/nodeN. The TURN secret is shared, as a cluster's nodes need (a nonce from one node is
  # checked by the other); nothing here allocates relays.
  for n in 1 2; do
    offset=$OFFSET1; [ $n = 2 ] && offset=$OFFSET2
    WORK="$WORK/node$n" start_wildfly "$SERVER" "$offset" -c standalone-ha.xml -Djboss.node.name="node$n" \
      -Dwildrtc.cluster.members="$MEMBERS" \
      -Dwildrtc.turn.port=$((3478 + offset)) -Dwildrtc.turn.tls-port=$((5349 + offset)) \
      -Dwildrtc.turn.min-port=$((20000 + offset)) -Dwildrtc.turn.max-port=$((20200 + offset)) \
      -Dwildrtc.turn.auth-secret=bench-secret \
      -Dwildrtc.db.driver=postgresql -Dwildrtc.db.url="jdbc:postgresql://127.0.0.1:$PG_PORT/rooms" \
      -Dwildrtc.db.user=wildrtc -Dwildrtc.db.password=not-checked-on-loopback \
      -Dwildrtc.signaling.rate-per-second=0 -Dwildrtc.rooms.joins-per-minute=0
  done
fi

# await_wildrtc LOG HTTP_PORT: until WildRTC answers GET /params there (120 s at most); exits if not.
await_wildrtc() {
  local log=$1 http=$2 up=0 started=0
  for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$http/params" || true)" = 200 ]; then
      up=1; break
    fi
    # WildFly says WFLYSRV0025 once booted; without the deployment by then, waiting is pointless.
    grep -q WFLYSRV0025 "$log" && started=$((started + 1))
    [ $started -gt 5 ] && { grep -E "ERROR|WFLYSRV0010|WFLYSRV0025" "$log" | tail -5 >&2;
      echo "WildFly is up but the WildRTC deployment does not answer (is the build being rebuilt? see above)" >&2; exit 1; }
    sleep 1
  done
  [ $up = 1 ] || { tail -20 "$log" >&2; echo "WildRTC did not answer GET /params on $http within 120 s" >&2; exit 1; }
}
if [ $RUN_OURS = 1 ] && [ "$MODE" = collider ]; then
  await_wildrtc "$WORK/wildfly.log" "$OURS_HTTP"
  OURS_PID=$(cat "$WORK/wildfly.pid")
fi
if [ "$MODE" = cluster ]; then
  await_wildrtc "$WORK/node1/wildfly.log" "$NODE1_HTTP"
  await_wildrtc "$WORK/node2/wildfly.log" "$NODE2_HTTP"
  NODE1_PID=$(cat "$WORK/node1/wildfly.pid")
  NODE2_PID=$(cat "$WORK/node2/wildfly.pid")
  # Both nodes answering is not yet a cluster: until each node's JGroups channel "ee" (the one
  # signaling crosses) has a view of both, as WildFly's management interface reports it
  # ("[node1|1] (2) [node1, node2]"): until then a node may not know the other, and the cross-node
  # column would measure the cluster forming.
  for n in 1 2; do
    offset=$OFFSET1; [ $n = 2 ] && offset=$OFFSET2
    view=""
    for _ in $(seq 1 60); do
      view=$("$SERVER/bin/jboss-cli.sh" --controller="127.0.0.1:$((9990 + offset))" -c \
        "/subsystem=jgroups/channel=ee:read-attribute(name=view)" 2>&1 || true)
      case "$view" in *"(2)"*) break ;; esac
      sleep 1
    done
    case "$view" in *"(2)"*) ;; *) echo "$view" >&2; echo "node$n did not see a cluster of 2 within 60 tries" >&2; exit 1 ;; esac
  done
  OURS_PID=$NODE1_PID,$NODE2_PID
fi

# cpu_ticks PID[,PID...]: user+system CPU ticks of the process, or of the processes together.
cpu_ticks() {
  local pid t=0
  for pid in ${1//,/ }; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$t"
}
TICKS=$(getconf CLK_TCK)
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

# run_load ARGS...: the load client, bounded to 300 s; output in $WORK/load.out, PID in $WORK/load.pid (for cleanup).
run_load() {
  timeout 300 java -cp "$WORK/classes" LoadClient "$@" > "$WORK/load.out" 2>&1 &
  echo $! > "$WORK/load.pid"
  wait $!
}

# measure PID[,PID...] ARGS...: runs the load client, prints "rate p50_ms p99_ms lost server_cpu_s
# client_cpu_s server_user_s server_system_s", or "FAIL ..." if it failed; the servers' busiest
# threads go to $WORK/threads.PID. Both CPU figures cover the timed part only: the load
# client reads the servers' /proc/PID/stat and its own CPU time when its clock starts and stops, so
# setup, warm-up and the client's JVM start are left out of both.
measure() {
  local pid=$1; shift
  local out res split
  local rc=0
  run_load "$@" --cpu-pids "$pid" --clk-tck "$TICKS" --lean "$LEAN" || rc=$?
  out=$(cat "$WORK/load.out")
  if [ $rc != 0 ]; then
    echo "$out" | grep -m1 -E "FAIL|Exception" >&2 || true
    echo "FAIL - - - - - - -"
    return
  fi
  res=$(echo "$out" | grep -m1 '^RESULT')
  split=$(echo "$out" | grep -m1 '^SERVER_CPU')
  echo "${split#*threads }" > "$WORK/threads.$pid"
  printf "%s %s %s %s %s %s %s %s\n" "$(field "$res" rate)" \
    "$(awk -v u="$(field "$res" p50_us)" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$(awk -v u="$(field "$res" p99_us)" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$(field "$res" lost)" "$(field "$res" server_cpu_s)" "$(field "$res" client_cpu_s)" \
    "$(field "$split" user_s)" "$(field "$split" system_s)"
}
# Every signaling load runs in three parts on the same sockets: its setup (sockets open, registered, one
# hello each way) and an untimed warm-up of the same shape (--warmup, below), then a pause of SETTLE_MS
# and until the load client's own JIT compiler is idle, then the timed part. WildFly compiles and
# writes behind the setup's joins and registers, Collider does not; and a load client whose compiler
# was still busy when its clock started ran its UTF-8 coding interpreted, took 2-3x the CPU of the
# next run on these 2 cores, and halved the rate of either server (a 10-room flood swung 13-50 k msgs/s).
SETTLE_MS=${SETTLE_MS:-1000}
collider_args() { echo "--ws ws://127.0.0.1:$COLLIDER_PORT/ws --settle-ms $SETTLE_MS"; }
ours_args() { echo "--ws ws://127.0.0.1:$OURS_HTTP/ws --http http://127.0.0.1:$OURS_HTTP --settle-ms $SETTLE_MS"; }
# cluster: both members of a room on node1, or the second one on node2.
one_node_args() { echo "--ws ws://127.0.0.1:$NODE1_HTTP/ws --http http://127.0.0.1:$NODE1_HTTP --settle-ms $SETTLE_MS"; }
cross_node_args() { echo "$(one_node_args) --ws2 ws://127.0.0.1:$NODE2_HTTP/ws --http2 http://127.0.0.1:$NODE2_HTTP"; }

# The two columns of every row, A and B: whether it runs, the PID(s) whose CPU it counts, the
# function giving the load client's arguments, its name and its letter.
if [ "$MODE" = collider ]; then
  RUN_A=$RUN_COLLIDER; A_PID=${COLLIDER_PID:-}; A_ARGS=collider_args; A_NAME=Collider; A=C
  RUN_B=$RUN_OURS; B_PID=${OURS_PID:-}; B_ARGS=ours_args; B_NAME=WildRTC; B=W
  JOINS_ARGS=ours_args; JOINS_NAME="WildRTC rooms API, 50 threads"
else
  RUN_A=1; A_PID=$NODE1_PID,$NODE2_PID; A_ARGS=one_node_args; A_NAME="one node"; A=1
  RUN_B=1; B_PID=$NODE1_PID,$NODE2_PID; B_ARGS=cross_node_args; B_NAME=cross-node; B=X
  JOINS_ARGS=one_node_args; JOINS_NAME="node1 rooms API, PostgreSQL, 50 threads"
fi

if [ "$MODE" = cluster ]; then
  echo "Cluster:  node1 ws://127.0.0.1:$NODE1_HTTP/ws, node2 ws://127.0.0.1:$NODE2_HTTP/ws (standalone-ha.xml," \
    "JGroups TCP on loopback, both views of 2), one PostgreSQL $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PG_PORT (fsync off)"
  echo "Columns:  one node (1) = both members of every room join and register on node1;" \
    "cross-node (X) = the first on node1, the second on node2. CPU s: both nodes' JVMs."
  echo "WildRTC:  plain HTTP (no TLS), ids from POST /join on the member's node;" \
    "per-client rate limit OFF (-Dwildrtc.signaling.rate-per-second=0)," \
    "per-address join limit OFF (-Dwildrtc.rooms.joins-per-minute=0: every join comes from 127.0.0.1)"
elif [ $RUN_COLLIDER = 1 ]; then
  echo "Collider: ws://127.0.0.1:$COLLIDER_PORT/ws (-tls=false; ids made up, Collider accepts any)"
else
  echo "Collider: not run (ONLY=$ONLY)"
fi
if [ "$MODE" = collider ] && [ $RUN_OURS = 1 ]; then
  echo "WildRTC:  ws://127.0.0.1:$OURS_HTTP/ws, plain HTTP (no TLS), ids from POST /join, ${IO_THREADS:-1} Undertow IO thread(s);" \
    "per-client rate limit OFF (-Dwildrtc.signaling.rate-per-second=0; Collider has none)," \
    "per-address join limit OFF (-Dwildrtc.rooms.joins-per-minute=0: every join comes from 127.0.0.1)"
elif [ "$MODE" = collider ]; then
  echo "WildRTC:  not run (ONLY=$ONLY)"
fi
echo "Payload: an ICE candidate message of ~200 characters with a sequence number and a nanoTime stamp."
echo "Load client: $CLIENT (CLIENT=lean|jdk); CPU s = the servers' (and, last column, the client's) over the timed part only."

# Warm-up, not reported: JIT for WildFly (and the same work for Collider, for fairness). About 80 000
# messages each way, one run of each row's shape: with less, C2 was still compiling WildFly's paths
# during the first reported row.
warm_up() {
  measure "$1" --mode pingpong --rooms 100 --count 300 "${@:2}" >/dev/null
  measure "$1" --mode flood --rooms 10 --count 2000 "${@:2}" >/dev/null
  measure "$1" --mode pingpong --rooms 10 --count 1000 "${@:2}" >/dev/null
}
[ $RUN_A = 1 ] && warm_up "$A_PID" $($A_ARGS)
[ $RUN_B = 1 ] && warm_up "$B_PID" $($B_ARGS)

# Each row runs REPS times, the two columns (Collider and WildRTC; one node and cross-node) taking
# turns, and prints the median of each column (losses summed) plus each repetition's ratio (B / A):
# on 2 shared cores one repetition can move by 20 %.
REPS=${REPS:-3}
printf "\n%-40s %10s %10s %6s %17s %17s %9s %13s %13s  %s\n" "load (loopback, 2 cores), median of $REPS" "$A_NAME" "$B_NAME" \
  "ratio" "$A p50/p99 ms" "$B p50/p99 ms" "lost $A/$B" "CPU s $A/$B" "client CPU s" "ratio per repetition"
row() {
  local name=$1; shift
  local rep ratios="" cr=- c50=- c99=- cl=- cc=- ck=- wr=- w50=- w99=- wl=- wc=- wk=- c w
  : > "$WORK/c.rows"; : > "$WORK/w.rows"
  for rep in $(seq 1 "$REPS"); do
    c="- - - - - - - -"; w="- - - - - - - -"
    # Not inside $(...): bash runs the INT/TERM trap only between commands, and wait is interruptible.
    if [ $RUN_A = 1 ]; then measure "$A_PID" "$@" $($A_ARGS) > "$WORK/row"; c=$(cat "$WORK/row"); echo "$c" >> "$WORK/c.rows"; fi
    if [ $RUN_B = 1 ]; then measure "$B_PID" "$@" $($B_ARGS) > "$WORK/row"; w=$(cat "$WORK/row"); echo "$w" >> "$WORK/w.rows"; fi
    ratios="$ratios $(ratio "${w%% *}" "${c%% *}")"
  done
  if [ $RUN_A = 1 ]; then
    cr=$(median "$WORK/c.rows" 1 0); c50=$(median "$WORK/c.rows" 2); c99=$(median "$WORK/c.rows" 3)
    cl=$(total "$WORK/c.rows" 4); cc=$(median "$WORK/c.rows" 5); ck=$(median "$WORK/c.rows" 6)
  fi
  if [ $RUN_B = 1 ]; then
    wr=$(median "$WORK/w.rows" 1 0); w50=$(median "$WORK/w.rows" 2); w99=$(median "$WORK/w.rows" 3)
    wl=$(total "$WORK/w.rows" 4); wc=$(median "$WORK/w.rows" 5); wk=$(median "$WORK/w.rows" 6)
  fi
  printf "%-40s %10s %10s %6s %17s %17s %9s %13s %13s  %s\n" "$name" "$cr" "$wr" "$(ratio "$wr" "$cr")" \
    "$c50 / $c99" "$w50 / $w99" "$cl/$wl" "$cc / $wc" "$ck / $wk" "${ratios# }"
  # Where the servers' CPU went: the kernel (system: socket reads and writes, and on loopback the
  # receiver's delivery) or their own code (user), and by thread.
  local side
  for side in A B; do
    local run=RUN_$side pid=${side}_PID name=${side}_NAME rows=$WORK/c.rows
    [ "$side" = A ] || rows=$WORK/w.rows
    [ "${!run}" = 1 ] || continue
    echo "  ${!name}: CPU s user / system $(median "$rows" 7) / $(median "$rows" 8); by thread, last repetition: \
$(cat "$WORK/threads.${!pid}")"
  done
}
# Counts make each timed part last several seconds: the 10-room rows used to last 1.5-3 s, and one
# hiccup of either server or of the load client moved their rate by half and their p99 by milliseconds.
row "ping-pong msgs/s, 10 rooms x 5000 rt" --mode pingpong --rooms 10 --count 5000 --warmup 1000
row "ping-pong msgs/s, 100 rooms x 1000 rt" --mode pingpong --rooms 100 --count 1000 --warmup 200
row "flood msgs/s, 10 rooms x 2 x 30000" --mode flood --rooms 10 --count 30000 --warmup 2000
row "flood msgs/s, 100 rooms x 2 x 2000" --mode flood --rooms 100 --count 2000 --warmup 500

if [ $RUN_OURS = 1 ]; then
  run_load --mode joins --threads 50 --count 200 $($JOINS_ARGS) || true   # warm-up
  before=$(cpu_ticks "$OURS_PID")
  if run_load --mode joins --threads 50 --count 2000 $($JOINS_ARGS); then
    out=$(cat "$WORK/load.out")
    after=$(cpu_ticks "$OURS_PID")
    echo
    printf "%-40s %10s %17s %s\n" "$JOINS_NAME" "per s" "p50/p99 ms" "failed"
    while read -r res; do
      printf "%-40s %10s %17s %s\n" "POST /$(field "$res" mode | sed 's/s$//') x $(field "$res" count)" "$(field "$res" rate)" \
        "$(awk -v a="$(field "$res" p50_us)" -v b="$(field "$res" p99_us)" 'BEGIN {printf "%.2f / %.2f", a / 1000, b / 1000}')" \
        "$(field "$res" failed) $(field "$res" first_error)"
    done < <(echo "$out" | grep '^RESULT')
    echo "server CPU s for joins + leaves: $(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN {printf "%.2f", t / hz}')"
  else
    echo; echo "joins: FAIL"; grep -m1 -E "FAIL|Exception" "$WORK/load.out" >&2 || true
  fi
fi
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
echo
if [ "$MODE" = cluster ]; then
  echo "server RSS MB after the run (whole WildFly JVMs): node1 $(rss_mb "$NODE1_PID"), node2 $(rss_mb "$NODE2_PID")"
else
  echo "server RSS MB after the run: Collider ${COLLIDER_PID:+$(rss_mb "$COLLIDER_PID")}, WildRTC (whole WildFly JVM) ${OURS_PID:+$(rss_mb "$OURS_PID")}"
fi
