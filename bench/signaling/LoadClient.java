import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signaling load client for Collider's WebSocket protocol (Collider and WildRTC's {@code /ws}).
 * JDK only: {@code java LoadClient.java --mode pingpong|flood|joins --ws ws://127.0.0.1:P/ws
 * [--http http://127.0.0.1:P] [--ws2 ws://127.0.0.1:Q/ws --http2 http://127.0.0.1:Q] [--rooms R] [--count N]
 * [--warmup W] [--threads T] [--timeout S] [--settle-ms M] [--lean true] [--cpu-pids P,Q --clk-tck HZ]}.
 *
 * <ul>
 * <li>{@code pingpong}: R rooms x 2 clients; each room bounces one message back and forth N times
 * (2N deliveries per room).</li>
 * <li>{@code flood}: R rooms x 2 clients; each client sends N messages as fast as it can while
 * receiving the other's N. With {@code --window W} a client keeps at most W messages in flight
 * (sent, not yet received by the other client), so latency is not just the depth of the socket
 * buffers.</li>
 * <li>{@code joins}: T threads do N {@code POST /join} in total (two per pair room), then N
 * {@code POST /leave}. Needs {@code --http}.</li>
 * </ul>
 * With {@code --http} the client ids come from {@code POST /join/{room}} (WildRTC); without it the
 * ids are made up (Collider accepts any). With {@code --ws2}/{@code --http2} the second client of
 * every room joins and registers there instead (each defaults to {@code --ws}/{@code --http}): with
 * two nodes of a WildRTC cluster, every room then spans both and each message crosses from one node to
 * the other. With {@code --warmup W} the same sockets first run the same
 * load with W instead of N, untimed; then the client waits {@code --settle-ms} and until its own JIT
 * compiler is idle before the clock starts. Every message carries a sequence number and a
 * {@code System.nanoTime()} stamp; latency is one-way, sender and receiver being in this JVM.
 * With {@code --lean true} the sockets run on one NIO thread with this file's own WebSocket framing
 * ({@link LeanLoop}) instead of the JDK's client. The RESULT line gives the client's own CPU time
 * over the timed part ({@code client_cpu_s}) and, with {@code --cpu-pids}, that of the server
 * processes named ({@code server_cpu_s}, from /proc at {@code --clk-tck} ticks per second). Prints
 * one line starting with {@code RESULT}, and with {@code --cpu-pids} one starting with
 * {@code SERVER_CPU}, which splits the servers' CPU into user and system time and names their six
 * busiest threads over the timed part; exits 1 on any error frame, failed request or timeout.
 */
public class LoadClient {
    static final String ORIGIN = "http://127.0.0.1";
    /** A trickled ICE candidate as AppRTC's client sends it, about 200 characters with the stamp. */
    static final String PAYLOAD_HEAD = "{\"type\":\"candidate\",\"label\":0,\"id\":\"0\",\"candidate\":"
            + "\"candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag EsAw "
            + "network-id 1 network-cost 10\",\"bench\":\"";
    static final String MARK = "bench\\\":\\\"";   // as it appears in the server frame: bench\":\"
    static final Pattern CLIENT_ID = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]+)\"");

    static final Map<String, String> opts = new HashMap<>();
    static final AtomicReference<String> failure = new AtomicReference<>();
    static CountDownLatch failed = new CountDownLatch(1);
    static List<HttpClient> clients = new ArrayList<>();
    /** With --lean true: the one thread all sockets run on. */
    static LeanLoop lean;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String mode = opt("mode", "pingpong");
        int timeout = Integer.parseInt(opt("timeout", "120"));
        // The listeners run on each HttpClient's own selector thread: they never block, and with a
        // thread pool as the executor every frame received went through a hand-off to a pool thread
        // and a wake-up. That took ~40 % of the client's CPU in the 100-room ping-pong, CPU the server
        // under test did not get on 2 cores (bench/README.md).
        Executor sameThread = Runnable::run;
        int httpClients = Integer.parseInt(opt("http-clients", "4"));
        for (int i = 0; i < httpClients; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(sameThread)
                    .connectTimeout(Duration.ofSeconds(10)).build());
        }
        if (Boolean.parseBoolean(opt("lean", "false"))) {
            lean = new LeanLoop();
        }
        int code;
        try {
            code = switch (mode) {
                case "pingpong", "flood" -> signaling(mode, timeout);
                case "joins" -> joins(timeout);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
        } catch (Exception e) {
            System.err.println("FAIL " + mode + ": " + e);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static String opt(String name, String dflt) {
        return opts.getOrDefault(name, dflt);
    }

    static void fail(String why) {
        if (failure.compareAndSet(null, why)) {
            failed.countDown();
        }
    }

    // ---------------------------------------------------------------- signaling

    /** One pass of the load over all rooms: N messages per room (pingpong) or per client (flood). */
    static final class Phase {
        final int count;
        final boolean timed;
        /** pingpong: each room finishes once; flood: each client finishes once it has the other's N. */
        final CountDownLatch done;

        Phase(String mode, int rooms, int count, boolean timed) {
            this.count = count;
            this.timed = timed;
            this.done = new CountDownLatch(mode.equals("pingpong") ? rooms : 2 * rooms);
        }
    }

    static final class Peer implements WebSocket.Listener {
        final int room;
        final boolean first;
        final String roomId;
        final String clientId;
        /** Where this client registers its socket, and joins and leaves (null: made-up ids). */
        final URI wsUri;
        final String http;
        final long[] latencies;
        volatile Phase phase;
        // The counters of countedPhase, only touched from this socket's (serial) listener callbacks.
        Phase countedPhase;
        int received;
        long lastSeq = -1;
        long outOfOrder;
        Peer other;
        WebSocket ws;
        /** With --lean: this client's socket on the lean loop, instead of {@link #ws}. */
        LeanSocket lean;
        CompletableFuture<WebSocket> lastSend;
        final StringBuilder partial = new StringBuilder();
        final CountDownLatch hello = new CountDownLatch(1);
        final String mode;
        /** flood with --window W: at most W of this client's messages sent and not yet received. */
        final java.util.concurrent.Semaphore window;

        Peer(String mode, int room, boolean first, String roomId, String clientId, URI wsUri, String http, int count,
                int window) {
            this.window = window > 0 ? new java.util.concurrent.Semaphore(window) : null;
            this.mode = mode;
            this.room = room;
            this.first = first;
            this.roomId = roomId;
            this.clientId = clientId;
            this.wsUri = wsUri;
            this.http = http;
            // pingpong: the initiator receives the odd sequence numbers, the other the even ones.
            this.latencies = new long[count + 1];
        }

        /** Messages this client received in the phase (0 if none arrived in it yet). */
        int receivedIn(Phase ph) {
            return countedPhase == ph ? received : 0;
        }

        /** Messages that arrived after a higher sequence number in the phase. */
        long outOfOrderIn(Phase ph) {
            return countedPhase == ph ? outOfOrder : 0;
        }

        /** Sends in order; the JDK WebSocket allows one outstanding send at a time. */
        synchronized CompletableFuture<WebSocket> send(String frame) {
            if (lean != null) {
                lean.loop.execute(() -> lean.sendText(frame));
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<WebSocket> prev = lastSend;
            lastSend = prev == null ? ws.sendText(frame, true) : prev.thenCompose(w -> w.sendText(frame, true));
            lastSend.whenComplete((w, e) -> {
                if (e != null) {
                    fail("send failed in room " + roomId + ": " + e);
                }
            });
            return lastSend;
        }

        CompletableFuture<WebSocket> sendSeq(long seq) {
            if (lean != null) {
                if (lean.loop.inLoop()) {
                    lean.sendSeq(seq);
                } else {
                    lean.loop.execute(() -> lean.sendSeq(seq));
                }
                return CompletableFuture.completedFuture(null);
            }
            String payload = PAYLOAD_HEAD + seq + ":" + System.nanoTime() + "\"}";
            return send("{\"cmd\":\"send\",\"msg\":\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        frame(line);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        void frame(String line) {
            long now = System.nanoTime();
            if (!line.contains("\"error\":\"\"")) {
                fail("error frame in room " + roomId + ": " + line.trim());
                return;
            }
            int at = line.indexOf(MARK);
            if (at < 0) {
                fail("unexpected frame in room " + roomId + ": " + line.trim());
                return;
            }
            at += MARK.length();
            int colon = line.indexOf(':', at);
            int end = line.indexOf('\\', colon);
            received(Long.parseLong(line, at, colon, 10), Long.parseLong(line, colon + 1, end, 10), now);
        }

        /** A message with sequence number {@code seq}, sent at {@code stamp} and received {@code now}. */
        void received(long seq, long stamp, long now) {
            if (seq < 0) {
                hello.countDown();
                return;
            }
            Phase ph = phase;
            if (ph != countedPhase) {
                countedPhase = ph;
                received = 0;
                lastSeq = -1;
                outOfOrder = 0;
            }
            if (seq <= lastSeq) {
                outOfOrder++;
            }
            lastSeq = seq;
            if (ph.timed && received < latencies.length) {
                latencies[received] = now - stamp;
            }
            received++;
            if (mode.equals("pingpong")) {
                if (seq + 1 < 2L * ph.count) {
                    sendSeq(seq + 1);
                } else {
                    ph.done.countDown();
                }
            } else {
                if (other.window != null) {
                    other.window.release();
                }
                if (received == ph.count) {
                    ph.done.countDown();
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode, reason);
            return null;
        }

        void closed(int statusCode, String reason) {
            if (phase == null || phase.done.getCount() > 0) {
                fail("socket closed in room " + roomId + ": " + statusCode + " " + reason);
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail("socket error in room " + roomId + ": " + error);
        }
    }

    static int signaling(String mode, int timeout) throws Exception {
        URI ws = URI.create(opts.get("ws"));
        String http = opts.get("http");
        // The second client of each room: on another node of a cluster with --ws2/--http2.
        URI ws2 = URI.create(opt("ws2", ws.toString()));
        String http2 = opts.getOrDefault("http2", http);
        if (http == null && http2 != null) {
            throw new IllegalArgumentException("--http2 needs --http");
        }
        int rooms = Integer.parseInt(opt("rooms", "10"));
        int count = Integer.parseInt(opt("count", "1000"));
        int window = Integer.parseInt(opt("window", "0"));
        int warmup = Integer.parseInt(opt("warmup", "0"));
        String nonce = Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + Long.toString(ProcessHandle.current().pid(), 36);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        List<Peer> peers = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            String roomId = "sig-" + nonce + "-" + r;
            String a, b;
            if (http != null) {
                a = join(http, roomId);
                b = join(http2, roomId);
            } else {
                a = "c" + r + "a" + nonce;
                b = "c" + r + "b" + nonce;
            }
            // pingpong: each side receives N of the 2N messages; flood: N from the other side.
            Peer pa = new Peer(mode, r, true, roomId, a, ws, http, count, window);
            Peer pb = new Peer(mode, r, false, roomId, b, ws2, http2, count, window);
            pa.other = pb;
            pb.other = pa;
            peers.add(pa);
            peers.add(pb);
        }
        // Open all sockets, register, then exchange one hello per direction so both sides are
        // registered and the path works before the clock starts.
        if (lean != null) {
            for (Peer p : peers) {
                p.lean = new LeanSocket(lean, p);
            }
        } else {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (Peer p : peers) {
                HttpClient client = clients.get(p.room % clients.size());
                opening.add(client.newWebSocketBuilder().header("Origin", ORIGIN).connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(p.wsUri, p).thenApply(w -> p.ws = w));
            }
            CompletableFuture.allOf(opening.toArray(new CompletableFuture[0])).get(remaining(deadline), TimeUnit.NANOSECONDS);
        }
        for (Peer p : peers) {
            p.send("{\"cmd\":\"register\",\"roomid\":\"" + p.roomId + "\",\"clientid\":\"" + p.clientId + "\"}");
        }
        Thread.sleep(200);
        for (Peer p : peers) {
            p.sendSeq(-1);
        }
        for (Peer p : peers) {
            while (!p.hello.await(100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw new IllegalStateException(failure.get());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("timeout: no hello in room " + p.roomId);
                }
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        if (warmup > 0) {
            Phase warm = new Phase(mode, rooms, warmup, false);
            runPhase(mode, peers, warm, deadline);
            if (warm.done.getCount() > 0) {
                throw new IllegalStateException("warm-up: " + delivered(peers, warm) + " of " + (2L * rooms * warmup)
                        + " messages delivered");
            }
        }
        // The setup (joins, upgrades, registers) leaves work behind on the server: JIT compilation of
        // those paths, database writes. --settle-ms lets it finish before the clock starts, so the
        // timed part measures the message path only. This JVM's own compiler must be done too: on 2
        // cores a C2 queue still full when the clock starts left the JDK's UTF-8 coder interpreted
        // for 10 s of a 10-room flood in some runs, and the client then took 2-3x the CPU.
        Thread.sleep(Long.parseLong(opt("settle-ms", "0")));
        long jitWaitMs = awaitJitIdle(deadline);

        Phase timed = new Phase(mode, rooms, count, true);
        Map<String, Long> threadsBefore = serverThreadTicks();
        long[] serverBefore = serverTicks();
        long clientBefore = clientCpuNanos();
        long start = System.nanoTime();
        long end = runPhase(mode, peers, timed, deadline);
        long clientCpu = clientCpuNanos() - clientBefore;
        long[] serverAfter = serverTicks();
        Map<String, Long> threads = serverThreadTicks();
        threadsBefore.forEach((name, ticks) -> threads.merge(name, -ticks, Long::sum));
        double serverUser = ticksToSeconds(serverAfter[0] - serverBefore[0]);
        double serverSystem = ticksToSeconds(serverAfter[1] - serverBefore[1]);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        long delivered = 0;
        long ooo = 0;
        int n = 0;
        for (Peer p : peers) {
            delivered += p.receivedIn(timed);
            ooo += p.outOfOrderIn(timed);
            n += Math.min(p.receivedIn(timed), p.latencies.length);
        }
        long[] all = new long[n];
        int k = 0;
        for (Peer p : peers) {
            int m = Math.min(p.receivedIn(timed), p.latencies.length);
            System.arraycopy(p.latencies, 0, all, k, m);
            k += m;
        }
        Arrays.sort(all);
        long expected = 2L * rooms * count;
        double secs = (end - start) / 1e9;
        System.out.printf("RESULT mode=%s rooms=%d count=%d window=%d delivered=%d expected=%d lost=%d outoforder=%d secs=%.3f rate=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f warmup=%d jit_wait_ms=%d client=%s client_cpu_s=%.2f server_cpu_s=%s%n",
                mode, rooms, count, window, delivered, expected, expected - delivered, ooo, secs, delivered / secs,
                pct(all, 0.50) / 1e3, pct(all, 0.99) / 1e3, all.length == 0 ? 0 : all[all.length - 1] / 1e3, warmup,
                jitWaitMs, lean != null ? "lean" : "jdk", clientCpu / 1e9,
                opts.containsKey("cpu-pids") ? String.format("%.2f", serverUser + serverSystem) : "-");
        if (opts.containsKey("cpu-pids")) {
            StringBuilder line = new StringBuilder(String.format("SERVER_CPU user_s=%.2f system_s=%.2f threads",
                    serverUser, serverSystem));
            threads.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .forEach(e -> line.append(String.format(" %s=%.2f", e.getKey(), ticksToSeconds(e.getValue()))));
            System.out.println(line);
        }
        // Close politely (bounded), then leave the rooms on WildRTC.
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Peer p : peers) {
            if (p.lean != null) {
                p.lean.close();
                continue;
            }
            CompletableFuture<WebSocket> sent;
            synchronized (p) {
                sent = p.lastSend;
            }
            closing.add(sent.handle((w, e) -> null)
                    .thenCompose(x -> p.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")).handle((w, e) -> null));
        }
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the process exits anyway
        }
        if (http != null) {
            for (Peer p : peers) {
                try {
                    post(p.http + "/leave/" + p.roomId + "/" + p.clientId, Duration.ofSeconds(5));
                } catch (Exception ignored) {
                    // best effort: the members leave after the grace period anyway
                }
            }
        }
        return 0;
    }

    /**
     * Runs one phase on all rooms and returns when it ended: all delivered, or (flood) nothing arrived
     * for 10 s after the last send, or the deadline; the rest counts as lost. Throws on a failure, and
     * on a pingpong timeout.
     */
    static long runPhase(String mode, List<Peer> peers, Phase phase, long deadline) throws Exception {
        for (Peer p : peers) {
            p.phase = phase;
        }
        List<Thread> senders = new ArrayList<>();
        if (mode.equals("pingpong")) {
            for (Peer p : peers) {
                if (p.first) {
                    p.sendSeq(0);
                }
            }
        } else if (lean != null) {
            for (Peer p : peers) {
                lean.execute(() -> p.lean.flood(phase.count));
            }
        } else {
            for (Peer p : peers) {
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < phase.count && failure.get() == null; i++) {
                            if (p.window != null && !p.window.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                                fail("flood window never opened in room " + p.roomId);
                            }
                            p.sendSeq(i).get(remaining(deadline), TimeUnit.NANOSECONDS);
                        }
                    } catch (Exception e) {
                        fail("flood send in room " + p.roomId + ": " + e);
                    }
                });
                t.setDaemon(true);
                t.start();
                senders.add(t);
            }
        }
        long lastTotal = -1;
        long lastProgress = System.nanoTime();
        while (!phase.done.await(200, TimeUnit.MILLISECONDS)) {
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            long total = delivered(peers, phase);
            if (total != lastTotal) {
                lastTotal = total;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - deadline > 0) {
                if (mode.equals("flood")) {
                    break;
                }
                throw new IllegalStateException("timeout: " + total + " of " + (peers.size() * (long) phase.count)
                        + " messages delivered");
            }
            if (mode.equals("flood") && System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
                boolean sending = lean != null ? lean.floodLeft > 0 : senders.stream().anyMatch(Thread::isAlive);
                if (!sending) {
                    break;   // everything sent, nothing arriving: count the rest as lost
                }
            }
        }
        return System.nanoTime();
    }

    static long delivered(List<Peer> peers, Phase phase) {
        return peers.stream().mapToLong(p -> p.receivedIn(phase)).sum();
    }

    /**
     * Waits until this JVM's JIT compiler has spent no time for 500 ms (at most 20 s), and returns
     * how long that took.
     */
    static long awaitJitIdle(long deadline) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long begin = System.nanoTime();
        long limit = Math.min(deadline, begin + TimeUnit.SECONDS.toNanos(20));
        long last = jit.getTotalCompilationTime();
        while (System.nanoTime() - limit < 0) {
            Thread.sleep(500);
            long now = jit.getTotalCompilationTime();
            if (now == last) {
                break;
            }
            last = now;
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    }

    /** This process's CPU time (user + system) so far. */
    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The user and the system CPU ticks of the processes --cpu-pids names (comma-separated) together,
     * from /proc/PID/stat, or zeros without them: the servers' CPU over exactly the timed part, and
     * how much of it the kernel took (on loopback, its sends include the receiver's delivery).
     */
    static long[] serverTicks() throws java.io.IOException {
        long[] ticks = new long[2];
        for (String pid : serverPids()) {
            String[] fields = statFields(java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat")));
            ticks[0] += Long.parseLong(fields[11]);
            ticks[1] += Long.parseLong(fields[12]);
        }
        return ticks;
    }

    /**
     * User + system ticks of the --cpu-pids processes' threads by name (spaces become "_"): which
     * threads the timed part's CPU went to. Threads that ended in between are not counted.
     */
    static Map<String, Long> serverThreadTicks() throws java.io.IOException {
        Map<String, Long> ticks = new HashMap<>();
        for (String pid : serverPids()) {
            try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc", pid, "task"))) {
                for (var task : tasks) {
                    String stat;
                    try {
                        stat = java.nio.file.Files.readString(task.resolve("stat"));
                    } catch (java.nio.file.NoSuchFileException ended) {
                        continue;
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(' ', '_');
                    String[] fields = statFields(stat);
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                }
            }
        }
        return ticks;
    }

    static List<String> serverPids() {
        String pids = opts.get("cpu-pids");
        return pids == null ? List.of() : Arrays.stream(pids.split(",")).map(String::trim).toList();
    }

    /**
     * The fields of a stat file after the command name, which is in parentheses and may hold spaces:
     * utime and stime, fields 14 and 15 of the whole line (proc(5)), are the 12th and 13th of these.
     */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    static double ticksToSeconds(long ticks) {
        return ticks / Double.parseDouble(opt("clk-tck", "100"));
    }

    static long remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("timeout" + (failure.get() != null ? ": " + failure.get() : ""));
        }
        return left;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    // ---------------------------------------------------------------- HTTP

    static final AtomicInteger rr = new AtomicInteger();

    static HttpResponse<String> post(String url, Duration timeout) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpClient client = clients.get(Math.floorMod(rr.getAndIncrement(), clients.size()));
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static String join(String http, String roomId) throws Exception {
        HttpResponse<String> res = post(http + "/join/" + roomId, Duration.ofSeconds(10));
        Matcher m = CLIENT_ID.matcher(res.body());
        if (res.statusCode() != 200 || !res.body().contains("\"SUCCESS\"") || !m.find()) {
            throw new IllegalStateException("join " + roomId + ": HTTP " + res.statusCode() + " " + res.body());
        }
        return m.group(1);
    }

    static int joins(int timeout) throws Exception {
        String http = opts.get("http");
        if (http == null) {
            throw new IllegalArgumentException("joins needs --http");
        }
        int threads = Integer.parseInt(opt("threads", "50"));
        int total = Integer.parseInt(opt("count", "2000"));
        String nonce = Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + Long.toString(ProcessHandle.current().pid(), 36);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        String[] rooms = new String[total];
        String[] ids = new String[total];
        long[] joinNs = new long[total];
        long[] leaveNs = new long[total];
        AtomicLong leaveFailures = new AtomicLong();
        AtomicReference<String> leaveError = new AtomicReference<>();
        for (int phase = 0; phase < 2; phase++) {
            AtomicInteger next = new AtomicInteger();
            boolean leaving = phase == 1;
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total && failure.get() == null) {
                        try {
                            long t0 = System.nanoTime();
                            if (!leaving) {
                                rooms[i] = "join-" + nonce + "-" + (i / 2);   // two joins per pair room
                                ids[i] = join(http, rooms[i]);
                                joinNs[i] = System.nanoTime() - t0;
                            } else {
                                HttpResponse<String> res = post(http + "/leave/" + rooms[i] + "/" + ids[i], Duration.ofSeconds(10));
                                leaveNs[i] = System.nanoTime() - t0;
                                if (res.statusCode() != 200) {
                                    leaveFailures.incrementAndGet();
                                    leaveError.compareAndSet(null, "HTTP " + res.statusCode());
                                }
                            }
                            if (System.nanoTime() - deadline > 0) {
                                fail("timeout after " + timeout + " s");
                            }
                        } catch (Exception e) {
                            fail((leaving ? "leave: " : "join: ") + e);
                        }
                    }
                });
                th.setDaemon(true);
                th.start();
                workers.add(th);
            }
            for (Thread th : workers) {
                th.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
                if (th.isAlive()) {
                    throw new IllegalStateException("timeout after " + timeout + " s");
                }
            }
            long end = System.nanoTime();
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            long[] sorted = (leaving ? leaveNs : joinNs).clone();
            Arrays.sort(sorted);
            double secs = (end - start) / 1e9;
            System.out.printf("RESULT mode=%s threads=%d count=%d failed=%d secs=%.3f rate=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f%s%n",
                    leaving ? "leaves" : "joins", threads, total, leaving ? leaveFailures.get() : 0, secs, total / secs,
                    pct(sorted, 0.50) / 1e3, pct(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3,
                    leaveError.get() == null ? "" : " first_error=" + leaveError.get().replace(' ', '_'));
        }
        return 0;
    }
}

/**
 * --lean: every socket on one NIO selector thread, with the WebSocket framing (RFC 6455) done here
 * on bytes: a message is built into the socket's output buffer from a prefix made once, its sequence
 * number and its stamp, and a received frame is scanned for the mark without becoming a String.
 * The JDK's WebSocket client costs more per message than either server under test, and on 2 cores
 * what the client spends the server does not get (bench/README.md). Flood senders are pumped by this
 * thread too, as far as each socket's output buffer and the window allow.
 */
final class LeanLoop implements Runnable {
    final Selector selector;
    final Thread thread;
    final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Sockets with flood messages left to send: written to only by this thread. */
    final List<LeanSocket> flooding = new ArrayList<>();
    volatile int floodLeft;

    LeanLoop() throws java.io.IOException {
        selector = Selector.open();
        thread = new Thread(this, "lean-loop");
        thread.setDaemon(true);
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (true) { // a daemon thread: it ends with the process
                if (flooding.isEmpty()) {
                    selector.select(100);
                } else {
                    selector.selectNow();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    LeanSocket socket = (LeanSocket) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        socket.flush();
                    }
                    if (key.isValid() && key.isReadable()) {
                        socket.read();
                    }
                }
                selector.selectedKeys().clear();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                pump();
            }
        } catch (Exception e) {
            LoadClient.fail("lean loop: " + e);
        }
    }

    private void pump() throws java.io.IOException {
        int left = 0;
        for (int i = flooding.size() - 1; i >= 0; i--) {
            LeanSocket socket = flooding.get(i);
            socket.pumpFlood();
            if (socket.floodLeft == 0) {
                flooding.remove(i);
            } else {
                left += socket.floodLeft;
            }
        }
        floodLeft = left;
    }
}

/** One client's socket on a {@link LeanLoop}: the upgrade, masked text frames out, frames in. */
final class LeanSocket {
    private static final byte[] MARK = LoadClient.MARK.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NO_ERROR = "\"error\":\"\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The send command up to the sequence number, as LoadClient.Peer#sendSeq escapes it. */
    private static final byte[] SEND_HEAD = ("{\"cmd\":\"send\",\"msg\":\""
            + LoadClient.PAYLOAD_HEAD.replace("\\", "\\\\").replace("\"", "\\\"")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SEND_TAIL = "\\\"}\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final LeanLoop loop;
    final LoadClient.Peer peer;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
    private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
    /** A fragmented message's payload so far (rare: the servers send whole frames). */
    private final java.io.ByteArrayOutputStream fragments = new java.io.ByteArrayOutputStream();
    private final byte[] mask = new byte[4];
    private final byte[] scratch = new byte[64 * 1024 + 64];
    int floodLeft;
    private int floodNext;

    /** Connects and upgrades (blocking, on the caller's thread), then hands the socket to the loop. */
    LeanSocket(LeanLoop loop, LoadClient.Peer peer) throws Exception {
        this.loop = loop;
        this.peer = peer;
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(mask);
        URI uri = peer.wsUri;
        channel = SocketChannel.open(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
        String key64 = java.util.Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key64
                + "\r\nSec-WebSocket-Version: 13\r\nOrigin: " + LoadClient.ORIGIN + "\r\n\r\n";
        ByteBuffer req = ByteBuffer.wrap(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        while (req.hasRemaining()) {
            channel.write(req);
        }
        String head = readHead();
        String accept = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                .digest((key64 + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        if (!head.startsWith("HTTP/1.1 101") || !head.toLowerCase(java.util.Locale.ROOT).contains(accept.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalStateException("upgrade refused in room " + peer.roomId + ": " + head.lines().findFirst().orElse(""));
        }
        channel.configureBlocking(false);
        java.util.concurrent.CompletableFuture<SelectionKey> registered = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            try {
                registered.complete(channel.register(loop.selector, SelectionKey.OP_READ, this));
            } catch (Exception e) {
                registered.completeExceptionally(e);
            }
        });
        key = registered.get(10, java.util.concurrent.TimeUnit.SECONDS);
        out.flip(); // empty, ready to be drained
        if (in.position() > 0) {
            loop.execute(this::parse); // frames that came with the upgrade's answer
        }
    }

    /**
     * Reads the upgrade's answer up to its blank line, waiting 10 s at most for each read (the socket
     * adaptor's stream honours SO_TIMEOUT, a channel's own read does not); what follows stays in
     * {@link #in}.
     */
    private String readHead() throws java.io.IOException {
        channel.socket().setSoTimeout(10_000);
        java.io.InputStream stream = channel.socket().getInputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = stream.read(chunk)) > 0) {
            in.put(chunk, 0, n);
            for (int i = 3; i < in.position(); i++) {
                if (in.get(i - 3) == '\r' && in.get(i - 2) == '\n' && in.get(i - 1) == '\r' && in.get(i) == '\n') {
                    byte[] head = new byte[i + 1];
                    in.flip();
                    in.get(head);
                    in.compact();
                    return new String(head, java.nio.charset.StandardCharsets.US_ASCII);
                }
            }
        }
        throw new java.io.IOException("closed during the upgrade");
    }

    void sendText(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        frame(bytes, 0, bytes.length);
        flush();
    }

    void sendSeq(long seq) {
        sendSeqUnflushed(seq);
        flush();
    }

    void flood(int count) {
        floodNext = 0;
        floodLeft = count;
        loop.flooding.add(this);
    }

    /** Flood messages into the output buffer while it has room and the window allows, then a write. */
    void pumpFlood() {
        int burst = 0;
        while (floodLeft > 0 && burst < 32 && out.capacity() - out.remaining() > scratch.length) {
            if (peer.window != null && !peer.window.tryAcquire()) {
                break;
            }
            sendSeqUnflushed(floodNext++);
            floodLeft--;
            burst++;
        }
        if (burst > 0) {
            flush();
        }
    }

    private void sendSeqUnflushed(long seq) {
        int n = put(scratch, 0, SEND_HEAD);
        n = putLong(scratch, n, seq);
        scratch[n++] = ':';
        n = putLong(scratch, n, System.nanoTime());
        n = put(scratch, n, SEND_TAIL);
        frame(scratch, 0, n);
    }

    /** Appends one masked text frame (a client's frames are masked, RFC 6455 section 5.3). */
    private void frame(byte[] payload, int from, int length) {
        frame(0x81, payload, from, length);
    }

    /** Appends one masked frame; {@code first} is its first byte, FIN and the opcode. */
    private void frame(int first, byte[] payload, int from, int length) {
        if (out.capacity() - out.limit() < length + 14) {
            out.compact().flip();
            if (out.capacity() - out.limit() < length + 14) {
                LoadClient.fail("output buffer full in room " + peer.roomId);
                return;
            }
        }
        int position = out.position();
        out.position(out.limit()).limit(out.capacity());
        out.put((byte) first);
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        out.put(mask);
        for (int i = 0; i < length; i++) {
            out.put((byte) (payload[from + i] ^ mask[i & 3]));
        }
        out.limit(out.position()).position(position);
    }

    void flush() {
        try {
            if (out.hasRemaining()) {
                channel.write(out);
            }
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                out.clear().flip();
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (java.io.IOException e) {
            LoadClient.fail("write in room " + peer.roomId + ": " + e);
        }
    }

    void read() {
        try {
            int n = channel.read(in);
            if (n < 0) {
                key.cancel();
                peer.closed(1006, "connection closed");
                return;
            }
        } catch (java.io.IOException e) {
            LoadClient.fail("read in room " + peer.roomId + ": " + e);
            return;
        }
        parse();
    }

    /** Every whole frame in {@link #in}; a partial one stays for the next read. */
    private void parse() {
        long now = System.nanoTime();
        in.flip();
        while (in.remaining() >= 2) {
            int start = in.position();
            int b0 = in.get(start) & 0xff;
            int b1 = in.get(start + 1) & 0x7f;
            int header = 2;
            long length = b1;
            if (b1 == 126) {
                header = 4;
                if (in.remaining() < header) {
                    break;
                }
                length = in.getShort(start + 2) & 0xffff;
            } else if (b1 == 127) {
                header = 10;
                if (in.remaining() < header) {
                    break;
                }
                length = in.getLong(start + 2);
            }
            if (length > in.capacity() - header) {
                LoadClient.fail("frame of " + length + " bytes in room " + peer.roomId);
                return;
            }
            if (in.remaining() < header + length) {
                break;
            }
            int from = start + header;
            int to = from + (int) length;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            if (opcode == 8) {
                peer.closed(length >= 2 ? in.getShort(from) & 0xffff : 1005, "close frame");
            } else if (opcode == 9) {
                pong(from, to);
            } else if (opcode == 1 || opcode == 0) {
                if (fin && fragments.size() == 0) {
                    messages(in, from, to, now);
                } else {
                    for (int i = from; i < to; i++) {
                        fragments.write(in.get(i));
                    }
                    if (fin) {
                        messages(ByteBuffer.wrap(fragments.toByteArray()), 0, fragments.size(), now);
                        fragments.reset();
                    }
                }
            }
            in.position(to);
        }
        in.compact();
    }

    private void pong(int from, int to) {
        byte[] payload = new byte[to - from];
        for (int i = from; i < to; i++) {
            payload[i - from] = in.get(i);
        }
        frame(0x8a, payload, 0, payload.length);
        flush();
    }

    /** A text message: one or more server frames (lines); each carries one stamped message. */
    private void messages(ByteBuffer buf, int from, int to, long now) {
        int line = from;
        while (line < to) {
            int end = line;
            while (end < to && buf.get(end) != '\n') {
                end++;
            }
            if (end > line) {
                message(buf, line, end, now);
            }
            line = end + 1;
        }
    }

    private void message(ByteBuffer buf, int from, int to, long now) {
        if (indexOf(buf, from, to, NO_ERROR) < 0) {
            LoadClient.fail("error frame in room " + peer.roomId + ": " + text(buf, from, to));
            return;
        }
        int at = indexOf(buf, from, to, MARK);
        if (at < 0) {
            LoadClient.fail("unexpected frame in room " + peer.roomId + ": " + text(buf, from, to));
            return;
        }
        at += MARK.length;
        boolean negative = buf.get(at) == '-';
        if (negative) {
            at++;
        }
        long seq = 0;
        while (buf.get(at) != ':') {
            seq = seq * 10 + (buf.get(at++) - '0');
        }
        at++;
        long stamp = 0;
        while (buf.get(at) != '\\') {
            stamp = stamp * 10 + (buf.get(at++) - '0');
        }
        peer.received(negative ? -seq : seq, stamp, now);
    }

    void close() {
        loop.execute(() -> {
            byte[] normalClosure = {0x03, (byte) 0xe8}; // 1000
            frame(0x88, normalClosure, 0, normalClosure.length);
            flush();
        });
    }

    private static int indexOf(ByteBuffer buf, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (buf.get(i + j) != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String text(ByteBuffer buf, int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            bytes[i - from] = buf.get(i);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    /** The decimal digits of {@code value} (which may be -1, the hello). */
    private static int putLong(byte[] into, int at, long value) {
        if (value < 0) {
            into[at++] = '-';
            value = -value;
        }
        int start = at;
        do {
            into[at++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte t = into[i];
            into[i] = into[j];
            into[j] = t;
        }
        return at;
    }
}
