import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
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
 * [--warmup W] [--threads T] [--timeout S] [--settle-ms M]}.
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
 * Prints one line starting with {@code RESULT}; exits 1 on any error frame, failed request or
 * timeout.
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
            long seq = Long.parseLong(line, at, colon, 10);
            long stamp = Long.parseLong(line, colon + 1, end, 10);
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
            if (phase == null || phase.done.getCount() > 0) {
                fail("socket closed in room " + roomId + ": " + statusCode + " " + reason);
            }
            return null;
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
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (Peer p : peers) {
            HttpClient client = clients.get(p.room % clients.size());
            opening.add(client.newWebSocketBuilder().header("Origin", ORIGIN).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(p.wsUri, p).thenApply(w -> p.ws = w));
        }
        CompletableFuture.allOf(opening.toArray(new CompletableFuture[0])).get(remaining(deadline), TimeUnit.NANOSECONDS);
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
        long start = System.nanoTime();
        long end = runPhase(mode, peers, timed, deadline);
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
        System.out.printf("RESULT mode=%s rooms=%d count=%d window=%d delivered=%d expected=%d lost=%d outoforder=%d secs=%.3f rate=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f warmup=%d jit_wait_ms=%d%n",
                mode, rooms, count, window, delivered, expected, expected - delivered, ooo, secs, delivered / secs,
                pct(all, 0.50) / 1e3, pct(all, 0.99) / 1e3, all.length == 0 ? 0 : all[all.length - 1] / 1e3, warmup,
                jitWaitMs);
        // Close politely (bounded), then leave the rooms on WildRTC.
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Peer p : peers) {
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
                boolean sending = senders.stream().anyMatch(Thread::isAlive);
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
