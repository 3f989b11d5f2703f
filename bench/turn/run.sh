#!/usr/bin/env bash
# Side-by-side STUN/TURN benchmark: coturn's turnserver and WildRTC's connector (in the provisioned
# WildFly) on loopback, with the same listening address, relay range size, REST secret and loads.
# Prints one row per load: coturn, WildRTC, ratio (WildRTC / coturn; CPU for the paced row), loss,
# server CPU seconds; then memory per allocation.
# Needs: the build (mvn -DskipTests install), the Debian package coturn and a C compiler (cc, for
# binding_flood.c, the Binding load, and udp_echo.c, the Binding row's floor). Stops what it started,
# by PID.
#
# bench/turn/run.sh metrics: the relay rows against WildRTC alone, unscraped and scraped: each
# repetition runs the load once with nobody reading /prometheus and once while it is read every
# SCRAPE_SECONDS (default 1: 15 times as often as Prometheus' default), the ratio being scraped /
# unscraped.
#
# bench/turn/run.sh scale: how coturn and WildRTC grow with the number of allocations, taking turns
# as in the default mode (REPS default 3). Paced rows: PacedRelay.java, one thread sending a 100 B
# ChannelData every 20 ms per allocation (RTP-like, 50 packets/s each) for 10, 100 and 1000
# allocations, counted for SECONDS_PER_LOAD after 2 s, after one unreported repetition of the same
# count; each server's CPU over the counted window and per 1000 relayed packets, the ratio WildRTC /
# coturn of that, the same for the threads that relay alone (coturn's turnserver threads, the
# connector's event loops on the resource adapter's "default-threads"), the worst loss and the generator's
# late% (a row whose sends came more than 2 ms late over 1 % of the time is flagged: the generator,
# not the server, set its pace). Hold rows: 1000, 5000 and 10000 allocations, each with a permission
# and a channel, held while RSS (and WildRTC's heap after a full GC) per allocation, Allocate p50/p99
# and the idle CPU over IDLE_SECONDS (default 20) are read. coturn relays from 127.0.0.1, WildRTC from
# 127.0.0.2, each on ports 2000-19999: clear of each other, of free_port's 20000-32000 and of the
# ephemeral range the clients' sockets come from. Every allocation takes a descriptor in the server
# and one in the generator; the per-process limit here is 20000, so 50000 cannot be held. About 12
# minutes.
set -euo pipefail
MODE=${1:-coturn}
case "$MODE" in coturn|metrics|scale) ;; *) echo "usage: $0 [metrics|scale]" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_LOAD=${SECONDS_PER_LOAD:-6}
SECRET=bench-secret
command -v turnserver >/dev/null || { echo "install the Debian package coturn" >&2; exit 1; }

source "$ROOT/bench/lib.sh"
require_build
# The load generators, compiled once (not by the source launcher at every start).
BENCH_CLASSES="$WORK/classes:$CLASSES"
javac -d "$WORK/classes" -cp "$CLASSES" "$ROOT"/bench/turn/*.java
COTURN_PORT=$(free_port)
OURS_PORT=$(free_port)
PEER_PORT=$(free_port)
OFFSET=$(free_offset)

# Relay ranges: 5000 ports each by default; in scale mode 18000 each, on two loopback addresses.
if [ "$MODE" = scale ]; then
  ulimit -n 20000 || { echo "scale mode holds 10000 allocations: it needs ulimit -n 20000" >&2; exit 1; }
  COTURN_RELAY=(--relay-ip=127.0.0.1 --min-port=2000 --max-port=19999)
  # The connector's default cap is 10000 allocations, the largest hold: raised, so that the cap is
  # not what that row meets.
  OURS_RELAY=(-Dwildrtc.turn.relay-address=127.0.0.2 -Dwildrtc.turn.min-port=2000 -Dwildrtc.turn.max-port=19999
    -Dwildrtc.turn.max-allocations=20000)
else
  COTURN_RELAY=(--relay-ip=127.0.0.1 --min-port=10000 --max-port=14999)
  OURS_RELAY=(-Dwildrtc.turn.min-port=15000 -Dwildrtc.turn.max-port=19999)
fi
if [ "$MODE" != metrics ]; then
  turnserver -n --listening-ip=127.0.0.1 --listening-port="$COTURN_PORT" "${COTURN_RELAY[@]}" \
    --use-auth-secret --static-auth-secret="$SECRET" --realm=bench \
    --allow-loopback-peers --no-tls --no-dtls --no-cli --no-tcp-relay --pidfile="$WORK/coturn.pid" \
    --log-file=stdout --simple-log > "$WORK/coturn.log" 2>&1 &
  PIDS+=($!)
fi

# Every load comes from 127.0.0.1: the per-source limit on 401 challenges (coturn has none) is off.
start_wildfly "$SERVER" "$OFFSET" \
  -Dwildrtc.turn.port="$OURS_PORT" -Dwildrtc.turn.auth-secret="$SECRET" -Dwildrtc.turn.realm=bench \
  -Dwildrtc.turn.allowed-peers=127.0.0.1/32 "${OURS_RELAY[@]}" -Dwildrtc.turn.user-quota=5000 \
  -Dwildrtc.turn.max-challenges-per-second=0

turnutils_peer -L 127.0.0.1 -p "$PEER_PORT" > /dev/null 2>&1 &
PIDS+=($!)

wait_for_stun "$OURS_PORT"
OURS_PID=$(cat "$WORK/wildfly.pid")
SCRAPE_URL="http://127.0.0.1:$((9990 + OFFSET))/prometheus"
SCRAPE_SECONDS=${SCRAPE_SECONDS:-1}
# scraped COMMAND...: runs the load while a scraper reads /prometheus every SCRAPE_SECONDS.
scraped() {
  ( while :; do curl -s -o /dev/null "$SCRAPE_URL"; sleep "$SCRAPE_SECONDS"; done ) > /dev/null 2>&1 &
  local scraper=$! status=0
  "$@" || status=$?
  kill "$scraper"; wait "$scraper" 2>/dev/null || true
  return "$status"
}
# The two sides of every row, A (first column) and B: a PID, a port, what the load runs in, a letter.
if [ "$MODE" != metrics ]; then
  wait_for_stun "$COTURN_PORT"
  A_NAME=coturn; A_PID=$(cat "$WORK/coturn.pid"); A_PORT=$COTURN_PORT; A_WRAP=""; A=c
  B_NAME=WildRTC; B_PID=$OURS_PID; B_PORT=$OURS_PORT; B_WRAP=""; B=W
else
  # The connector answers STUN before the WAR, which registers the meters, has started.
  for _ in $(seq 1 60); do
    curl -sf "$SCRAPE_URL" | grep -q '^wildrtc_turn_allocations' && break
    sleep 1
  done
  curl -sf "$SCRAPE_URL" | grep -q '^wildrtc_turn_allocations' \
    || { echo "no wildrtc_turn_allocations at $SCRAPE_URL after 60 s" >&2; exit 1; }
  A_NAME=unscraped; A_PID=$OURS_PID; A_PORT=$OURS_PORT; A_WRAP=""; A=u
  B_NAME=scraped; B_PID=$OURS_PID; B_PORT=$OURS_PORT; B_WRAP=scraped; B=s
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# user_system_ticks PID: "user system" CPU ticks of the process (stat(5) fields 14 and 15).
user_system_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }
# thread_ticks PID: "name ticks" per thread (user + system; spaces in a name become "_"). The name
# is between the first "(" and the ") X " that precedes the state letter.
thread_ticks() {
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk '{s = index($0, "("); match($0, /\) [A-Za-z] /)
    name = substr($0, s + 1, RSTART - s - 1); gsub(/ /, "_", name); split(substr($0, RSTART + 2), f, " ")
    t[name] += f[12] + f[13]} END {for (n in t) print n, t[n]}'
}
# threads_cpu BEFORE AFTER: "name=seconds ..." of the threads that used CPU between two thread_ticks,
# most first.
threads_cpu() {
  awk -v hz="$TICKS" 'NR == FNR {b[$1] = $2; next} {d = $2 - b[$1]; if (d > 0) printf "%d %s=%.2f\n", d, $1, d / hz}' \
    "$1" "$2" | sort -rn | head -6 | cut -d' ' -f2 | tr '\n' ' '
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
TICKS=$(getconf CLK_TCK)

# measure PID COMMAND...: prints "rate loss cpu-seconds user-seconds system-seconds load-seconds"
# parsed from the command's output and the server's /proc, the last being the load generator's own
# CPU (the command's, from the shell's times); the server's CPU by thread goes to $WORK/threads.PID.
measure() {
  local pid=$1; shift
  local out rate loss split_before split_after load
  thread_ticks "$pid" > "$WORK/threads.before"
  split_before=$(user_system_ticks "$pid")
  # times' second line is the user and system time of the subshell's children: the load command.
  out=$("$@" 2>&1; times)
  split_after=$(user_system_ticks "$pid")
  load=$(echo "$out" | tail -1 | awk '{t = 0; for (i = 1; i <= 2; i++) {split($i, m, "m"); t += m[1] * 60 + m[2]}
    printf "%.2f", t}')
  thread_ticks "$pid" > "$WORK/threads.after"
  threads_cpu "$WORK/threads.before" "$WORK/threads.after" > "$WORK/threads.$pid"
  rate=$(echo "$out" | awk '/responses\/s|relayed\/s/ {print $2}')
  loss=$(echo "$out" | awk '/lost%/ {print $4}')
  if [ -z "$rate" ]; then
    # turnutils_uclient prints its received count once a second, each line led by its clock in
    # seconds. The rate is the rise between two of those snapshots taken while messages flowed: from
    # the first non-zero count to the count before the last rise (the last rise covers only the part
    # of a second in which the run ended; with fewer than three rising counts it is used anyway).
    # After a loss uclient waits about 10 s for the missing messages; no count rises then, and the
    # loss has its own column.
    rate=$(echo "$out" | awk -F'tot_recv_msgs=' '/start_mclient: msz/ {split($2, a, ","); n = a[1] + 0; t = $1 + 0
      if (n > 0 && (k == 0 || n > c[k])) {k++; c[k] = n; s[k] = t}}
      END {e = (k >= 3) ? k - 1 : k; print (e > 1) ? int((c[e] - c[1]) / (s[e] - s[1])) : 0}')
    loss=$(echo "$out" | sed -n 's/.*Total lost packets [0-9]* (\([0-9.]*\)%.*/\1/p' | awk '{printf "%.3f", $1}')
    # No totals: uclient gave up (it stops at the first failed Allocate, e.g. a 437 when a retry of
    # a lost Allocate meets the allocation the first attempt made).
    [ -n "$loss" ] || { echo "$out" | grep -m1 -iE "error|cannot" | sed 's/^/uclient: /' >&2; echo FAIL; return; }
  fi
  echo "$rate ${loss:-0} $(awk -v a="$split_before" -v b="$split_after" -v hz="$TICKS" 'BEGIN {split(a, x, " ")
    split(b, y, " "); u = y[1] - x[1]; s = y[2] - x[2]; printf "%.2f %.2f %.2f", (u + s) / hz, u / hz, s / hz}') $load"
}

# The Binding generator is C (binding_flood.c): one thread, 64 requests in flight, batched sends and
# receives. A Java generator on blocking sockets took more CPU than the servers it measured.
cc -O2 -pthread -o "$WORK/binding_flood" "$ROOT/bench/turn/binding_flood.c"
binding() { "$WORK/binding_flood" 127.0.0.1 "$1" 1 64 "$SECONDS_PER_LOAD"; }
relay() { java -cp "$BENCH_CLASSES" RelayFlood 127.0.0.1 "$1" "$SECRET" "$PEER_PORT" "$2" "$3" "$4" "$SECONDS_PER_LOAD"; }
# uclient PORT ALLOCATIONS MESSAGES BYTES PACING_MS. Each allocation starts 1-6 s into the run (uclient's
# own spread); with pacing 0 it sends up to 50 messages per allocation every millisecond.
uclient() { timeout 180 turnutils_uclient -c -W "$SECRET" -u bench -m "$2" -n "$3" -l "$4" -z "$5" -e 127.0.0.1 -r "$PEER_PORT" -p "$1" 127.0.0.1; }

# Each row runs REPS times, coturn and WildRTC taking turns, and prints the median rate and CPU, the
# worst loss, and each repetition's ratio: on 2 shared cores one repetition can move by 20 %.
REPS=${REPS:-3}
[ "$MODE" = scale ] || printf "%-44s %12s %12s %7s %14s %14s  %s\n" "load (loopback, 2 cores), median of $REPS" \
  "$A_NAME" "$B_NAME" "ratio" "worst loss% $A / $B" "CPU s $A / $B" "ratio per repetition"
# row NAME LOAD: the rate is the server's. paced_row NAME LOAD: the rate is the client's schedule, the
# same for both servers, so the ratio columns compare CPU (WildRTC / coturn) instead.
row() { compare rate 1 "$@"; }
paced_row() { compare "CPU" 3 "$@"; }
compare() {
  local what=$1 column=$2 name=$3; shift 3
  local rep c w ratios=""
  : > "$WORK/c.rows"; : > "$WORK/w.rows"
  for rep in $(seq 1 "$REPS"); do
    c=$(measure "$A_PID" $A_WRAP "$@" "$A_PORT")
    w=$(measure "$B_PID" $B_WRAP "$@" "$B_PORT")
    # A failed load is shown in the ratios (fail-c, fail-W) and left out of the medians.
    if [ "$c" = FAIL ] || [ "$w" = FAIL ]; then
      local failed=""
      if [ "$c" = FAIL ]; then failed=fail-$A; else echo "$c" >> "$WORK/c.rows"; fi
      if [ "$w" = FAIL ]; then failed=${failed}fail-$B; else echo "$w" >> "$WORK/w.rows"; fi
      ratios="$ratios $failed"
      continue
    fi
    echo "$c" >> "$WORK/c.rows"; echo "$w" >> "$WORK/w.rows"
    ratios="$ratios $(ratio "$(echo "$w" | cut -d' ' -f"$column")" "$(echo "$c" | cut -d' ' -f"$column")")"
  done
  local cr wr label=""
  cr=$(median "$WORK/c.rows" 1 0); wr=$(median "$WORK/w.rows" 1 0)
  [ "$what" = rate ] || label="$what "
  printf "%-44s %12s %12s %7s %14s %14s  %s\n" "$name" "$cr" "$wr" \
    "$label$(ratio "$(median "$WORK/w.rows" "$column" 2)" "$(median "$WORK/c.rows" "$column" 2)")" \
    "$(largest "$WORK/c.rows" 2) / $(largest "$WORK/w.rows" 2)" \
    "$(median "$WORK/c.rows" 3) / $(median "$WORK/w.rows" 3)" "$label${ratios# }"
  # Where the CPU went: in the kernel (system: the sockets' sends and receives, and on loopback the
  # receiving side's delivery too) or in the server's own code (user); and WildRTC's by thread.
  # And what the load generator itself took against each: on 2 cores, CPU the servers did not get.
  echo "  CPU s user / system, median: $A_NAME $(median "$WORK/c.rows" 4) / $(median "$WORK/c.rows" 5), \
$B_NAME $(median "$WORK/w.rows" 4) / $(median "$WORK/w.rows" 5); load generator CPU s against them \
$(median "$WORK/c.rows" 6) / $(median "$WORK/w.rows" 6); $B_NAME's by thread, last repetition: \
$(cat "$WORK/threads.$B_PID")"
}
# Argument order for the helpers: the server port comes last, appended by row().
binding_load() { binding "$1"; }
relay_10_100() { relay "$1" 10 16 100; }
relay_100_1000() { relay "$1" 100 4 1000; }
# Paced at uclient's default 20 ms (an RTP-like 50 packets/s per allocation): the rate is uclient's
# schedule, so this row compares loss and server CPU. The unpaced rows run long enough for uclient's
# send loop (one thread, a whole core), not its 1-6 s start spread, to set the pace.
uclient_paced() { uclient "$1" 100 500 1000 20; }
uclient_10_100() { uclient "$1" 10 100000 100 0; }
uclient_100_1000() { uclient "$1" 100 3000 1000 0; }

# Warm-up, not reported, the same for both: WildFly's JIT compiles the Binding and relay paths here
# rather than during the first rows.
for port in $(printf '%s\n' "$A_PORT" "$B_PORT" | sort -u); do
  SECONDS_PER_LOAD=5 binding_load "$port" > /dev/null 2>&1 || true
  SECONDS_PER_LOAD=5 relay_10_100 "$port" > /dev/null 2>&1 || true
done

# Memory per allocation: while 500 allocations (each with a channel) are held, minus before, per
# allocation. Measured before the other loads: turnutils_uclient leaves its allocations to expire,
# and their expiry would fall into the measurement. Resident memory for both; for WildRTC also the
# Java heap in use after a full GC, since a JVM's resident memory barely moves once its heap has grown.
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# held_kb PID PORT [heap]: "RSS" or "RSS / heap" KB per allocation, "?" when the allocations failed.
held_kb() {
  local pid=$1 port=$2 heap=${3:-} before during heap_before heap_during
  before=$(rss_kb "$pid"); [ -z "$heap" ] || heap_before=$(heap_kb "$pid")
  java -cp "$BENCH_CLASSES" HoldAllocations 127.0.0.1 "$port" "$SECRET" "$PEER_PORT" 500 8 \
    > "$WORK/hold.out" 2>&1 &
  local holder=$!
  for _ in $(seq 1 120); do grep -q held "$WORK/hold.out" && break; sleep 0.5; done
  sleep 2
  during=$(rss_kb "$pid"); [ -z "$heap" ] || heap_during=$(heap_kb "$pid")
  wait "$holder" || true
  grep -q held "$WORK/hold.out" || { grep -m1 -E "Exception|failed" "$WORK/hold.out" >&2; echo "?"; return; }
  awk -v a="$during" -v b="$before" 'BEGIN {printf "%.1f", (a - b) / 500}'
  [ -z "$heap" ] || awk -v a="$heap_during" -v b="$heap_before" 'BEGIN {printf " / %.1f", (a - b) / 500}'
  echo
}
if [ "$MODE" = metrics ]; then
  row "relayed pkts/s, 10 allocations, 100 B" relay_10_100
  row "relayed pkts/s, 100 allocations, 1000 B" relay_100_1000
  paced_row "uclient paced 20 ms, 100 alloc x 500, 1000 B" uclient_paced
  echo "one scrape: $(curl -s -o /dev/null -w '%{size_download} bytes in %{time_total} s' "$SCRAPE_URL"), \
$(curl -s "$SCRAPE_URL" | grep -c '^wildrtc_') wildrtc_ series"
  exit 0
fi
if [ "$MODE" = scale ]; then
  IDLE_SECONDS=${IDLE_SECONDS:-20}
  # paced PID PORT COUNT LOOP-THREADS: "rate loss% late% server-CPU-s client-CPU-s busy% relayed
  # CPU-ms-per-1000 loop-CPU-s loop-CPU-ms-per-1000" over the counted window, or FAIL. Busy: how much of
  # all cores' time was taken, by this load or by anything else on the machine (near 100 at a small
  # load: the row shared its cores). Loop CPU: the server's threads named LOOP-THREADS only, the ones
  # that relay; the server's whole CPU by thread name goes to $WORK/threads.PID.
  paced() {
    local out
    if ! out=$(timeout 120 java -cp "$BENCH_CLASSES" PacedRelay 127.0.0.1 "$2" "$SECRET" "$PEER_PORT" "$3" 20 100 \
        "$SECONDS_PER_LOAD" 2 "$1" 2>&1); then
      echo "$out" | grep -m1 -E "Exception|failed" | sed 's/^/PacedRelay: /' >&2; echo FAIL; return
    fi
    echo "$out" | sed -n 's/^server_threads_cpu_s //p' > "$WORK/threads.$1"
    echo "$out" | awk -v loop="$4" '/^relayed\/s/ {r = $2; l = $4} /^late%/ {t = $2} /^server_cpu_s/ {s = $2}
      /^client_cpu_s/ {c = $2} /^machine_busy%/ {m = $2} /^relayed / {n = $2}
      /^server_threads_cpu_s/ {for (i = 2; i <= NF; i++) {split($i, kv, "="); if (kv[1] == loop) p += kv[2]}}
      END {printf "%s %s %s %s %s %s %s %.3f %.2f %.3f\n", r, l, t, s, c, m, n, (n > 0) ? s * 1e6 / n : 0, p,
        (n > 0) ? p * 1e6 / n : 0}'
  }
  # RSS per allocation is counted from each server's RSS before the scale rows: an allocator keeps
  # what freed allocations used, so RSS just before a hold would count only its growth past earlier
  # loads. The hold rows grow (1000, 5000, 10000), so none comes after a larger one.
  declare -A RSS_BEFORE=(["$A_PID"]=$(rss_kb "$A_PID") ["$B_PID"]=$(rss_kb "$B_PID"))
  # hold PID PORT COUNT [heap]: holds COUNT allocations (PacedRelay with no sending, until its standard
  # input closes) and prints "RSS-KB heap-KB Allocate-p50 p99 idle-CPU-s": the memory per allocation
  # (heap "-" unless asked: in use after a full GC, held minus just before), Allocate p50/p99 ms, the
  # idle CPU over IDLE_SECONDS while held; or FAIL.
  hold() {
    local pid=$1 port=$2 count=$3 heap=${4:-} rss_before heap_before=0 rss_held heap_held=0 idle holder
    rss_before=${RSS_BEFORE[$pid]}; [ -z "$heap" ] || heap_before=$(heap_kb "$pid")
    rm -f "$WORK/release"; mkfifo "$WORK/release"
    timeout 300 java -cp "$BENCH_CLASSES" PacedRelay 127.0.0.1 "$port" "$SECRET" "$PEER_PORT" "$count" 0 0 200 \
      < "$WORK/release" > "$WORK/hold.out" 2>&1 &
    holder=$!
    exec 3> "$WORK/release"
    for _ in $(seq 1 360); do
      grep -q '^held' "$WORK/hold.out" && break
      kill -0 "$holder" 2>/dev/null || break
      sleep 0.5
    done
    if ! grep -q '^held' "$WORK/hold.out"; then
      exec 3>&-; wait "$holder" || true
      grep -m1 -E "Exception|failed" "$WORK/hold.out" | sed 's/^/PacedRelay: /' >&2; echo FAIL; return
    fi
    # The server's last answers and the generator's own start-up settle first.
    sleep 2
    rss_held=$(rss_kb "$pid")
    idle=$(cpu_ticks "$pid"); sleep "$IDLE_SECONDS"; idle=$(( $(cpu_ticks "$pid") - idle ))
    # After the idle window: a full GC is CPU of its own.
    [ -z "$heap" ] || heap_held=$(heap_kb "$pid")
    exec 3>&-
    wait "$holder" || true
    awk -v n="$count" -v r0="$rss_before" -v r1="$rss_held" -v h0="$heap_before" -v h1="$heap_held" \
      -v heap="$heap" -v t="$idle" -v hz="$TICKS" -v p="$(awk '/^allocate_ms/ {print $3, $5}' "$WORK/hold.out")" \
      'BEGIN {split(p, a, " "); printf "%.1f %s %s %s %.2f\n", (r1 - r0) / n, heap ? sprintf("%.1f", (h1 - h0) / n) : "-",
        a[1], a[2], t / hz}'
  }

  printf "%-36s %13s %16s %5s %16s %5s %16s %11s %12s %12s  %s\n" "paced 20 ms, 100 B, median of $REPS" "CPU s c / W" \
    "ms/1k pkts c / W" "W/c" "loops ms/1k c / W" "W/c" "worst loss% c/W" "worst late%" "machine busy%" \
    "client CPU s" "W/c per repetition"
  for count in 10 100 1000; do
    : > "$WORK/c.rows"; : > "$WORK/w.rows"; ratios=""
    # One repetition unreported first: the server compiles the paths this many allocations take
    # (their set-up included) before it is measured, as a server that has run for a while has.
    paced "$A_PID" "$A_PORT" "$count" turnserver > /dev/null; paced "$B_PID" "$B_PORT" "$count" default-threads > /dev/null
    for rep in $(seq 1 "$REPS"); do
      c=$(paced "$A_PID" "$A_PORT" "$count" turnserver); w=$(paced "$B_PID" "$B_PORT" "$count" default-threads)
      [ "$c" = FAIL ] || echo "$c" >> "$WORK/c.rows"; [ "$w" = FAIL ] || echo "$w" >> "$WORK/w.rows"
      if [ "$c" = FAIL ] || [ "$w" = FAIL ]; then ratios="$ratios fail"; continue; fi
      ratios="$ratios $(ratio "$(echo "$w" | cut -d' ' -f8)" "$(echo "$c" | cut -d' ' -f8)")"
    done
    cat "$WORK/c.rows" "$WORK/w.rows" > "$WORK/both.rows"
    late=$(largest "$WORK/both.rows" 3)
    flag=""; awk -v l="$late" 'BEGIN {exit !(l > 1)}' && flag="  LATE: the generator fell behind, not valid"
    printf "%-36s %13s %16s %5s %16s %5s %16s %11s %12s %12s  %s%s\n" "$count allocations ($((count * 100)) relayed/s)" \
      "$(median "$WORK/c.rows" 4) / $(median "$WORK/w.rows" 4)" \
      "$(median "$WORK/c.rows" 8 3) / $(median "$WORK/w.rows" 8 3)" \
      "$(ratio "$(median "$WORK/w.rows" 8 3)" "$(median "$WORK/c.rows" 8 3)")" \
      "$(median "$WORK/c.rows" 10 3) / $(median "$WORK/w.rows" 10 3)" \
      "$(ratio "$(median "$WORK/w.rows" 10 3)" "$(median "$WORK/c.rows" 10 3)")" \
      "$(largest "$WORK/c.rows" 2) / $(largest "$WORK/w.rows" 2)" "$late" \
      "$(median "$WORK/both.rows" 6 0)" "$(median "$WORK/both.rows" 5)" "${ratios# }" "$flag"
    echo "  WildRTC's CPU s by thread, last repetition: $(tr ' ' '\n' < "$WORK/threads.$B_PID" | head -6 | tr '\n' ' ')"
  done

  echo
  printf "%-36s %18s %9s %18s %18s %16s %16s\n" "held, median of $REPS" "RSS KB/alloc c / W" "heap KB W" \
    "Allocate p50 c / W" "Allocate p99 c / W" "idle CPU s c / W" "per 1000 c / W"
  for count in 1000 5000 10000; do
    : > "$WORK/c.rows"; : > "$WORK/w.rows"
    for rep in $(seq 1 "$REPS"); do
      c=$(hold "$A_PID" "$A_PORT" "$count"); w=$(hold "$B_PID" "$B_PORT" "$count" heap)
      [ "$c" = FAIL ] || echo "$c" >> "$WORK/c.rows"; [ "$w" = FAIL ] || echo "$w" >> "$WORK/w.rows"
    done
    printf "%-36s %18s %9s %18s %18s %16s %16s\n" "$count allocations" \
      "$(median "$WORK/c.rows" 1 1) / $(median "$WORK/w.rows" 1 1)" "$(median "$WORK/w.rows" 2 1)" \
      "$(median "$WORK/c.rows" 3) / $(median "$WORK/w.rows" 3)" "$(median "$WORK/c.rows" 4) / $(median "$WORK/w.rows" 4)" \
      "$(median "$WORK/c.rows" 5) / $(median "$WORK/w.rows" 5)" \
      "$(awk -v t="$(median "$WORK/c.rows" 5)" -v n="$count" 'BEGIN {printf "%.3f", t * 1000 / n}') / \
$(awk -v t="$(median "$WORK/w.rows" 5)" -v n="$count" 'BEGIN {printf "%.3f", t * 1000 / n}')"
  done
  echo "50000 allocations: not measured, every allocation holds a descriptor in the server and one in the \
generator, and the per-process limit here is 20000 (hard)"
  echo "server RSS MB after the run: coturn $(rss_mb "$A_PID"), WildRTC (whole WildFly JVM) $(rss_mb "$B_PID")"
  exit 0
fi
MEMORY_COTURN=$(held_kb "$A_PID" "$A_PORT")
MEMORY_OURS=$(held_kb "$B_PID" "$B_PORT" heap)

row "STUN Binding responses/s" binding_load
# The same generator against udp_echo.c: two threads that turn every datagram into a Binding success
# with one recvfrom and one sendto and parse nothing. Its rate is the floor the kernel and the
# generator set on this machine; WildRTC's Binding rate against it, taking turns again, says how much
# the connector's own work costs above that floor.
cc -O2 -pthread -o "$WORK/udp_echo" "$ROOT/bench/turn/udp_echo.c"
ECHO_PORT=$(free_port)
"$WORK/udp_echo" "$ECHO_PORT" 2 $((REPS * 2 * (SECONDS_PER_LOAD + 10) + 60)) &
ECHO_PID=$!
PIDS+=("$ECHO_PID")
( A_NAME="C UDP echo"; A_PID=$ECHO_PID; A_PORT=$ECHO_PORT; A=e
  row "STUN Binding, raw C UDP echo (2 threads)" binding_load )
kill "$ECHO_PID"; wait "$ECHO_PID" 2>/dev/null || true
row "relayed pkts/s, 10 allocations, 100 B" relay_10_100
row "relayed pkts/s, 100 allocations, 1000 B" relay_100_1000
paced_row "uclient paced 20 ms, 100 alloc x 500, 1000 B" uclient_paced
row "uclient unpaced, 10 alloc x 100000, 100 B" uclient_10_100
row "uclient unpaced, 100 alloc x 3000, 1000 B" uclient_100_1000
printf "%-44s %12s %12s\n" "KB per allocation (500): RSS, W: RSS / heap" "$MEMORY_COTURN" "$MEMORY_OURS"
echo "server RSS MB after the run: coturn $(rss_mb "$A_PID"), WildRTC (whole WildFly JVM) $(rss_mb "$B_PID")"
