import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.TurnTestClient;

/**
 * Mixed churn against a running WildRTC for the soak run: WORKERS threads pick scenarios at random
 * until SECONDS have passed — UDP, TCP and TLS allocations with a permission, a channel and data
 * through an echo peer; EVEN-PORT reservations; RFC 6062 TCP relays with a Connect and a data
 * connection; rooms whose two members join, register their WebSockets, exchange a message and then
 * leave, drop the socket or just go away; malformed datagrams and TCP garbage from varying loopback
 * source addresses. Each allocation and socket it opens it also ends (or drops, as a client that
 * vanishes does). Prints one line per scenario: runs, failures, the first failure. Loopback only;
 * stops by itself.
 *
 * Usage (classpath: turn-connector classes and test classes):
 *   java -cp ... Churn TURN_PORT TLS_PORT HTTPS_PORT SECRET UDP_ECHO_PEER_PORT WORKERS SECONDS
 */
public class Churn {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String ORIGIN = "https://127.0.0.1";

    private enum Wire { UDP, TCP, TLS }

    private final InetSocketAddress turn;
    private final InetSocketAddress turns;
    private final String https;
    private final String wss;
    private final RestCredentials secret;
    private final InetSocketAddress udpPeer;
    private final InetSocketAddress tcpPeer;
    private final HttpClient http;
    private final AtomicInteger users = new AtomicInteger();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    private static final class Outcome {
        final LongAdder runs = new LongAdder();
        final LongAdder failures = new LongAdder();
        volatile String firstFailure;
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    Churn(int turnPort, int tlsPort, int httpsPort, String secret, int udpPeerPort, InetSocketAddress tcpPeer)
            throws Exception {
        this.turn = new InetSocketAddress(LOOPBACK, turnPort);
        this.turns = new InetSocketAddress(LOOPBACK, tlsPort);
        this.https = "https://127.0.0.1:" + httpsPort;
        this.wss = "wss://127.0.0.1:" + httpsPort + "/ws";
        this.secret = new RestCredentials(List.of(secret));
        this.udpPeer = new InetSocketAddress(LOOPBACK, udpPeerPort);
        this.tcpPeer = tcpPeer;
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
                // not a server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
                // the build's self-signed certificate
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        this.http = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(args[5]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[6]));
        ExecutorService echoes = Executors.newCachedThreadPool();
        try (ServerSocket echo = new ServerSocket(0, 50, LOOPBACK)) {
            echoes.submit(() -> serveEcho(echo, echoes));
            Churn churn = new Churn(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args[3], Integer.parseInt(args[4]), (InetSocketAddress) echo.getLocalSocketAddress());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Thread worker = new Thread(() -> churn.work(deadline), "churn-" + i);
                worker.start();
                threads.add(worker);
            }
            for (Thread worker : threads) {
                worker.join();
            }
            churn.report();
        } finally {
            echoes.shutdownNow();
        }
        System.exit(0);
    }

    /** The TCP peer of RFC 6062 Connects: each connection echoes until it closes or idles 10 s. */
    private static void serveEcho(ServerSocket server, ExecutorService pool) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connection.setSoTimeout(10_000);
                pool.submit(() -> {
                    try (Socket c = connection; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException closed) {
                        // the relay side went away
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void work(long deadline) {
        while (System.nanoTime() - deadline < 0) {
            int pick = ThreadLocalRandom.current().nextInt(100);
            if (pick < 25) {
                attempt("udp allocation", () -> relayThroughUdpRelay(Wire.UDP));
            } else if (pick < 35) {
                attempt("tcp allocation", () -> relayThroughUdpRelay(Wire.TCP));
            } else if (pick < 45) {
                attempt("tls allocation", () -> relayThroughUdpRelay(Wire.TLS));
            } else if (pick < 50) {
                attempt("even-port reservation", this::reserveNextPort);
            } else if (pick < 60) {
                attempt("rfc6062 tcp relay", this::tcpRelay);
            } else if (pick < 80) {
                attempt("room and websockets", this::room);
            } else {
                attempt("malformed packets", this::malformed);
            }
        }
    }

    private void attempt(String name, Scenario scenario) {
        Outcome outcome = outcomes.computeIfAbsent(name, n -> new Outcome());
        outcome.runs.increment();
        try {
            scenario.run();
        } catch (Exception e) {
            outcome.failures.increment();
            if (outcome.firstFailure == null) {
                outcome.firstFailure = e.toString();
            }
        }
    }

    /** A client with a fresh ephemeral user, so no per-user quota is reached. */
    private TurnTestClient client(Wire wire) throws IOException {
        RestCredentials.EphemeralCredential c = secret.mint("soak" + users.incrementAndGet(), 600,
                System.currentTimeMillis() / 1000);
        TurnTestClient client = switch (wire) {
            case UDP -> new TurnTestClient(turn, c.username(), c.password());
            case TCP -> TurnTestClient.overTcp(turn, c.username(), c.password());
            case TLS -> TurnTestClient.overTls(turns, c.username(), c.password());
        };
        client.timeout(5000);
        return client;
    }

    private static void expect(int code, String what) throws IOException {
        if (code != 0) {
            throw new IOException(what + " answered " + code);
        }
    }

    /** Allocate, permission, channel; ChannelData and a Send indication to the echo peer, both echoed back; delete. */
    private void relayThroughUdpRelay(Wire wire) throws Exception {
        try (TurnTestClient client = client(wire)) {
            client.allocate();
            expect(client.createPermission(udpPeer), "CreatePermission");
            int channel = 0x4000 + ThreadLocalRandom.current().nextInt(0x3FFF);
            expect(client.channelBind(channel, udpPeer), "ChannelBind");
            byte[] data = new byte[160];
            client.channelData(channel, data);
            client.sendIndication(udpPeer, data);
            client.receive();
            client.receive();
            expect(client.refresh(0), "Refresh 0");
        }
    }

    /** EVEN-PORT with the R bit, then Refresh 0: the reserved port is held until it times out. */
    private void reserveNextPort() throws Exception {
        try (TurnTestClient client = client(Wire.UDP)) {
            client.allocateReservingNextPort();
            expect(client.refresh(0), "Refresh 0");
        }
    }

    /** RFC 6062: a TCP allocation, Connect to the echo peer, a data connection, bytes there and back. */
    private void tcpRelay() throws Exception {
        try (TurnTestClient control = client(Wire.TCP)) {
            control.allocateTcp();
            expect(control.createPermission(tcpPeer), "CreatePermission");
            long id = control.connect(tcpPeer);
            try (TurnTestClient data = control.dataConnection(turn)) {
                data.timeout(5000);
                byte[] hello = "hello through the relay".getBytes();
                expect(data.connectionBind(id, hello), "ConnectionBind");
                byte[] echoed = new byte[hello.length];
                new DataInputStream(data.socket().getInputStream()).readFully(echoed);
                if (!Arrays.equals(hello, echoed)) {
                    throw new IOException("the peer's echo came back changed");
                }
            }
        }
    }

    /**
     * Two members join a new room, register their sockets, one sends the other a message; then each
     * leaves by {@code /leave}, closes its socket, or drops it without a word.
     */
    private void room() throws Exception {
        String room = "soak" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String first = join(room);
        String second = join(room);
        CompletableFuture<String> received = new CompletableFuture<>();
        WebSocket a = open(room, first, new CompletableFuture<>());
        WebSocket b = open(room, second, received);
        a.sendText("{\"cmd\":\"send\",\"msg\":\"{\\\"type\\\":\\\"soak\\\"}\"}", true).get(5, TimeUnit.SECONDS);
        received.get(10, TimeUnit.SECONDS);
        for (WebSocket socket : List.of(a, b)) {
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                case 1 -> socket.abort();
                default -> {
                    post("/leave/" + room + "/" + (socket == a ? first : second));
                    socket.abort();
                }
            }
        }
    }

    private String join(String room) throws Exception {
        HttpResponse<String> joined = post("/join/" + room);
        Matcher id = CLIENT_ID.matcher(joined.body());
        if (joined.statusCode() != 200 || !joined.body().contains("SUCCESS") || !id.find()) {
            throw new IOException("join answered " + joined.statusCode() + " " + joined.body().substring(0,
                    Math.min(120, joined.body().length())));
        }
        return id.group(1);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(https + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket open(String room, String client, CompletableFuture<String> firstMessage) throws Exception {
        WebSocket socket = http.newWebSocketBuilder().header("Origin", ORIGIN).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wss), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        firstMessage.complete(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"cmd\":\"register\",\"roomid\":\"" + room + "\",\"clientid\":\"" + client + "\"}", true)
                .get(5, TimeUnit.SECONDS);
        return socket;
    }

    /**
     * What an attacker's scanner sends: random bytes, a STUN header whose length lies, a truncated
     * header, ChannelData for no channel — over UDP from a random 127.x.y.z source, and garbage down
     * a TCP connection. All must be dropped; the server answers nothing to them.
     */
    private void malformed() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        InetAddress source = InetAddress.getByAddress(new byte[] {127, (byte) (1 + random.nextInt(250)),
                (byte) random.nextInt(256), (byte) (1 + random.nextInt(250))});
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
            for (byte[] junk : junk(random)) {
                socket.send(new DatagramPacket(junk, junk.length, turn));
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(turn, 3000);
            for (byte[] junk : junk(random)) {
                socket.getOutputStream().write(junk);
            }
        } catch (IOException closedByServer) {
            // the server may close a connection that sends garbage; that is its right
        }
    }

    private static List<byte[]> junk(ThreadLocalRandom random) {
        byte[] noise = new byte[1 + random.nextInt(600)];
        random.nextBytes(noise);
        ByteBuffer lyingLength = ByteBuffer.allocate(40).putShort((short) 0x0003).putShort((short) 2000)
                .putInt(0x2112A442);
        byte[] truncated = Arrays.copyOf(lyingLength.array(), 11);
        ByteBuffer unboundChannel = ByteBuffer.allocate(104).putShort((short) 0x4ABC).putShort((short) 100);
        return List.of(noise, lyingLength.array(), truncated, unboundChannel.array());
    }

    private void report() {
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.printf(
                "churn %-22s %7d runs %5d failed%s%n", e.getKey(), e.getValue().runs.sum(), e.getValue().failures.sum(),
                e.getValue().firstFailure == null ? "" : "  first: " + e.getValue().firstFailure));
    }
}
