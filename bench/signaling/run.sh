#!/usr/bin/env bash
# Side-by-side signaling benchmark: Collider (AppRTC's Go signaling server) and WildRTC's /ws (in the
# provisioned WildFly) on loopback, driven by the same load client (LoadClient.java) in the same run.
# Prints one row per load: Collider, WildRTC, ratio (WildRTC / Collider), one-way latency p50/p99,
# loss, server CPU seconds; then WildRTC's POST /join and /leave rates (Collider has no rooms API).
# WildRTC runs with its per-client rate limit off (Collider has none) and is reached over plain
# ws:// on its HTTP port, so TLS is not part of the comparison (Collider runs with -tls=false).
# Env: ONLY=collider|ours (default: both), COLLIDER=<path of the collider binary>, SETTLE_MS (default
# 1000: the pause between a load's setup and its clock, same for both servers).
# Needs: the build (mvn -DskipTests install) unless ONLY=collider. Stops what it started, by PID.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVER="$ROOT/wildfly-config/target/server"
COLLIDER=${COLLIDER:-$ROOT/../shared/peers/collider}
ONLY=${ONLY:-}
case "$ONLY" in "" | collider | ours) ;; *) echo "ONLY must be collider or ours" >&2; exit 1 ;; esac
RUN_COLLIDER=1; RUN_OURS=1
[ "$ONLY" = ours ] && RUN_COLLIDER=0
[ "$ONLY" = collider ] && RUN_OURS=0
if [ $RUN_OURS = 1 ]; then
  [ -x "$SERVER/bin/standalone.sh" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
fi
if [ $RUN_COLLIDER = 1 ]; then
  [ -x "$COLLIDER" ] || { echo "no Collider binary at $COLLIDER (set COLLIDER=...)" >&2; exit 1; }
fi

source "$ROOT/bench/lib.sh"

javac -d "$WORK/classes" "$ROOT/bench/signaling/LoadClient.java"

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

if [ $RUN_OURS = 1 ]; then
  OFFSET=$(free_offset)
  OURS_HTTP=$((8080 + OFFSET))
  TURN_PORT=$(free_port)
  TURN_TLS_PORT=$(free_port)
  start_wildfly "$SERVER" "$OFFSET" -Dwildrtc.signaling.rate-per-second=0 -Dwildrtc.rooms.joins-per-minute=0 \
    -Dwildrtc.turn.port="$TURN_PORT" -Dwildrtc.turn.tls-port="$TURN_TLS_PORT" \
    -Dwildrtc.turn.min-port=42000 -Dwildrtc.turn.max-port=42099
fi

if [ $RUN_COLLIDER = 1 ]; then
  for _ in $(seq 1 50); do
    [ -n "$(ss -Hlnt "sport = :$COLLIDER_PORT")" ] && break
    kill -0 "$COLLIDER_PID" 2>/dev/null || { cat "$WORK/collider.log" >&2; echo "Collider exited" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$(ss -Hlnt "sport = :$COLLIDER_PORT")" ] || { echo "Collider does not listen on $COLLIDER_PORT" >&2; exit 1; }
fi
if [ $RUN_OURS = 1 ]; then
  up=0
  started=0
  for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$OURS_HTTP/params" || true)" = 200 ]; then
      up=1; break
    fi
    # WildFly says WFLYSRV0025 once booted; without the deployment by then, waiting is pointless.
    grep -q WFLYSRV0025 "$WORK/wildfly.log" && started=$((started + 1))
    [ $started -gt 5 ] && { grep -E "ERROR|WFLYSRV0010|WFLYSRV0025" "$WORK/wildfly.log" | tail -5 >&2;
      echo "WildFly is up but the WildRTC deployment does not answer (is the build being rebuilt? see above)" >&2; exit 1; }
    sleep 1
  done
  [ $up = 1 ] || { tail -20 "$WORK/wildfly.log" >&2; echo "WildRTC did not answer GET /params on $OURS_HTTP within 120 s" >&2; exit 1; }
  OURS_PID=$(cat "$WORK/wildfly.pid")
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

# run_load ARGS...: the load client, bounded to 300 s; output in $WORK/load.out, PID in $WORK/load.pid (for cleanup).
run_load() {
  timeout 300 java -cp "$WORK/classes" LoadClient "$@" > "$WORK/load.out" 2>&1 &
  echo $! > "$WORK/load.pid"
  wait $!
}

# measure PID ARGS...: runs the load client, prints "rate p50_ms p99_ms lost cpu_s", or "FAIL ..." if it failed.
measure() {
  local pid=$1; shift
  local before after out res
  before=$(cpu_ticks "$pid")
  local rc=0
  run_load "$@" || rc=$?
  out=$(cat "$WORK/load.out")
  if [ $rc != 0 ]; then
    echo "$out" | grep -m1 -E "FAIL|Exception" >&2 || true
    echo "FAIL - - - -"
    return
  fi
  after=$(cpu_ticks "$pid")
  res=$(echo "$out" | grep -m1 '^RESULT')
  printf "%s %s %s %s %s\n" "$(field "$res" rate)" \
    "$(awk -v u="$(field "$res" p50_us)" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$(awk -v u="$(field "$res" p99_us)" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$(field "$res" lost)" "$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN {printf "%.2f", t / hz}')"
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

if [ $RUN_COLLIDER = 1 ]; then
  echo "Collider: ws://127.0.0.1:$COLLIDER_PORT/ws (-tls=false; ids made up, Collider accepts any)"
else
  echo "Collider: not run (ONLY=$ONLY)"
fi
if [ $RUN_OURS = 1 ]; then
  echo "WildRTC:  ws://127.0.0.1:$OURS_HTTP/ws, plain HTTP (no TLS), ids from POST /join;" \
    "per-client rate limit OFF (-Dwildrtc.signaling.rate-per-second=0; Collider has none)," \
    "per-address join limit OFF (-Dwildrtc.rooms.joins-per-minute=0: every join comes from 127.0.0.1)"
else
  echo "WildRTC:  not run (ONLY=$ONLY)"
fi
echo "Payload: an ICE candidate message of ~200 characters with a sequence number and a nanoTime stamp."

# Warm-up, not reported: JIT for WildFly (and the same work for Collider, for fairness). About 80 000
# messages each way, one run of each row's shape: with less, C2 was still compiling WildFly's paths
# during the first reported row.
warm_up() {
  measure "$1" --mode pingpong --rooms 100 --count 300 "${@:2}" >/dev/null
  measure "$1" --mode flood --rooms 10 --count 2000 "${@:2}" >/dev/null
  measure "$1" --mode pingpong --rooms 10 --count 1000 "${@:2}" >/dev/null
}
[ $RUN_COLLIDER = 1 ] && warm_up "$COLLIDER_PID" $(collider_args)
[ $RUN_OURS = 1 ] && warm_up "$OURS_PID" $(ours_args)

# Each row runs REPS times, Collider and WildRTC taking turns, and prints the median of each column
# (losses summed) plus each repetition's ratio: on 2 shared cores one repetition can move by 20 %.
REPS=${REPS:-3}
printf "\n%-40s %10s %10s %6s %17s %17s %9s %13s  %s\n" "load (loopback, 2 cores), median of $REPS" "Collider" "WildRTC" \
  "ratio" "C p50/p99 ms" "W p50/p99 ms" "lost C/W" "CPU s C/W" "ratio per repetition"
row() {
  local name=$1; shift
  local rep ratios="" cr=- c50=- c99=- cl=- cc=- wr=- w50=- w99=- wl=- wc=- c w
  : > "$WORK/c.rows"; : > "$WORK/w.rows"
  for rep in $(seq 1 "$REPS"); do
    c="- - - - -"; w="- - - - -"
    # Not inside $(...): bash runs the INT/TERM trap only between commands, and wait is interruptible.
    if [ $RUN_COLLIDER = 1 ]; then measure "$COLLIDER_PID" "$@" $(collider_args) > "$WORK/row"; c=$(cat "$WORK/row"); echo "$c" >> "$WORK/c.rows"; fi
    if [ $RUN_OURS = 1 ]; then measure "$OURS_PID" "$@" $(ours_args) > "$WORK/row"; w=$(cat "$WORK/row"); echo "$w" >> "$WORK/w.rows"; fi
    ratios="$ratios $(ratio "${w%% *}" "${c%% *}")"
  done
  if [ $RUN_COLLIDER = 1 ]; then
    cr=$(median "$WORK/c.rows" 1 0); c50=$(median "$WORK/c.rows" 2); c99=$(median "$WORK/c.rows" 3)
    cl=$(total "$WORK/c.rows" 4); cc=$(median "$WORK/c.rows" 5)
  fi
  if [ $RUN_OURS = 1 ]; then
    wr=$(median "$WORK/w.rows" 1 0); w50=$(median "$WORK/w.rows" 2); w99=$(median "$WORK/w.rows" 3)
    wl=$(total "$WORK/w.rows" 4); wc=$(median "$WORK/w.rows" 5)
  fi
  printf "%-40s %10s %10s %6s %17s %17s %9s %13s  %s\n" "$name" "$cr" "$wr" "$(ratio "$wr" "$cr")" \
    "$c50 / $c99" "$w50 / $w99" "$cl/$wl" "$cc / $wc" "${ratios# }"
}
# Counts make each timed part last several seconds: the 10-room rows used to last 1.5-3 s, and one
# hiccup of either server or of the load client moved their rate by half and their p99 by milliseconds.
row "ping-pong msgs/s, 10 rooms x 5000 rt" --mode pingpong --rooms 10 --count 5000 --warmup 1000
row "ping-pong msgs/s, 100 rooms x 1000 rt" --mode pingpong --rooms 100 --count 1000 --warmup 200
row "flood msgs/s, 10 rooms x 2 x 30000" --mode flood --rooms 10 --count 30000 --warmup 2000
row "flood msgs/s, 100 rooms x 2 x 2000" --mode flood --rooms 100 --count 2000 --warmup 500

if [ $RUN_OURS = 1 ]; then
  run_load --mode joins --threads 50 --count 200 $(ours_args) || true   # warm-up
  before=$(cpu_ticks "$OURS_PID")
  if run_load --mode joins --threads 50 --count 2000 $(ours_args); then
    out=$(cat "$WORK/load.out")
    after=$(cpu_ticks "$OURS_PID")
    echo
    printf "%-40s %10s %17s %s\n" "WildRTC rooms API, 50 threads" "per s" "p50/p99 ms" "failed"
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
echo "server RSS MB after the run: Collider ${COLLIDER_PID:+$(rss_mb "$COLLIDER_PID")}, WildRTC (whole WildFly JVM) ${OURS_PID:+$(rss_mb "$OURS_PID")}"
