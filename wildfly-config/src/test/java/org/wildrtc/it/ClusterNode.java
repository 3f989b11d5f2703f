package org.wildrtc.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * A node of a WildRTC cluster on this machine, started as docs/cluster.md says: the provisioned
 * server with {@code -c standalone-ha.xml}, a node name, a port offset, TURN ports and a relay range
 * of its own, the cluster's member list and the shared PostgreSQL.
 */
final class ClusterNode implements AutoCloseable {
    /** The TCP ports of standalone-ha.xml a node takes, before its offset: http, https, management, ajp,
     * the transaction manager's two, JGroups TCP and its failure detection. */
    private static final int[] TCP_PORTS = {8080, 8443, 9990, 8009, 4712, 4713, 7600, 57600};
    /** STUN/TURN and TURN over TLS, set to these plus the offset. */
    private static final int[] UDP_AND_TCP_PORTS = {3478, 5349};
    private static final int RELAY_PORTS = 200;

    final String name;
    private final int offset;
    private final ServerProcess server;

    private ClusterNode(String name, int offset, ServerProcess server) {
        this.name = name;
        this.offset = offset;
        this.server = server;
    }

    /**
     * Starts {@code count} nodes at once, each under {@code directory}/its name, and returns when all
     * have started (their cluster forms as they do).
     */
    static List<ClusterNode> startAll(Path directory, int count, PostgresServer database, String turnSecret)
            throws Exception {
        List<Integer> offsets = new ArrayList<>();
        while (offsets.size() < count) {
            int offset = FreePorts.offset(TCP_PORTS, UDP_AND_TCP_PORTS);
            if (offsets.stream().noneMatch(other -> Math.abs(other - offset) < RELAY_PORTS + 10)) {
                offsets.add(offset);
            }
        }
        String members = offsets.stream().map(offset -> "127.0.0.1[" + (7600 + offset) + "]")
                .collect(Collectors.joining(","));
        ExecutorService starting = Executors.newFixedThreadPool(count);
        try {
            List<Future<ClusterNode>> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "node" + (i + 1);
                int offset = offsets.get(i);
                List<String> arguments = new ArrayList<>(List.of("-c", "standalone-ha.xml", "-Djboss.node.name=" + name,
                        "-Djboss.socket.binding.port-offset=" + offset, "-Dwildrtc.cluster.members=" + members,
                        "-Dwildrtc.turn.port=" + (3478 + offset), "-Dwildrtc.turn.tls-port=" + (5349 + offset),
                        // relays from the offset up: clear of every port the node listens on
                        "-Dwildrtc.turn.min-port=" + (20_000 + offset), "-Dwildrtc.turn.max-port=" + (20_000 + offset + RELAY_PORTS),
                        "-Dwildrtc.turn.auth-secret=" + turnSecret,
                        // The nodes' relay addresses are peers of each other when two relay-only browsers
                        // on different nodes call; on one machine those are loopback (docs/cluster.md).
                        "-Dwildrtc.turn.allowed-peers=127.0.0.1/32"));
                arguments.addAll(database.nodeSettings());
                nodes.add(starting.submit(() -> new ClusterNode(name, offset, ServerProcess.here(directory.resolve(name),
                        arguments))));
            }
            List<ClusterNode> started = new ArrayList<>();
            for (Future<ClusterNode> node : nodes) {
                started.add(node.get());
            }
            return started;
        } finally {
            starting.shutdownNow();
        }
    }

    int httpsPort() {
        return 8443 + offset;
    }

    int httpPort() {
        return 8080 + offset;
    }

    /** The WebSockets open on this node now (Collider's status: openws). */
    int openSockets() throws Exception {
        return Json.object(get("/signaling/status").body()).getInt("openws");
    }

    InetSocketAddress turn() {
        return new InetSocketAddress("127.0.0.1", 3478 + offset);
    }

    /** Whether {@code port} is in this node's relay range. */
    boolean relays(int port) {
        return port >= 20_000 + offset && port <= 20_000 + offset + RELAY_PORTS;
    }

    String origin() {
        return "https://localhost:" + httpsPort();
    }

    URI https(String path) {
        return URI.create(origin() + path);
    }

    /** A page as a browser on this machine opens it. */
    String page(String path) {
        return "https://127.0.0.1:" + httpsPort() + path;
    }

    HttpResponse<String> get(String path) throws Exception {
        return TestServer.send(HttpRequest.newBuilder(https(path)));
    }

    HttpResponse<String> post(String path) throws Exception {
        return TestServer.send(HttpRequest.newBuilder(https(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Joins and requires SUCCESS. */
    Rooms.Joined join(String roomId, String query) throws Exception {
        return Rooms.joined(roomId, Json.object(post("/join/" + roomId + query).body()));
    }

    /** A socket to this node registered for the member. */
    WebSocketClient connect(Rooms.Joined member, boolean events) throws Exception {
        WebSocketClient socket = new WebSocketClient(URI.create("wss://localhost:" + httpsPort() + "/ws"), origin());
        socket.register(member.register(events));
        return socket;
    }

    /**
     * Waits until the node's JGroups channel "ee" has a view of {@code members} nodes, at most
     * {@code wait}: WildFly's own view of the cluster, through the management interface.
     */
    void awaitView(int members, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String view = "";
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1", 9990 + offset)) {
            while (System.nanoTime() < deadline) {
                ModelNode read = management.execute(Operations.createReadAttributeOperation(
                        Operations.createAddress("subsystem", "jgroups", "channel", "ee"), "view"));
                view = Operations.isSuccessfulOutcome(read) ? Operations.readResult(read).asString() : read.toString();
                // "[node1|1] (2) [node1, node2]"
                if (view.contains("(" + members + ")")) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError(name + " did not see a cluster of " + members + " within " + wait.toSeconds()
                + " s; its view: " + view);
    }

    /** Waits until the node's log has {@code text}, at most {@code wait}. */
    void awaitLog(String text, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!server.log().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not log \"" + text + "\" within " + wait.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Ends the node's JVM at once (SIGKILL), as a crash does. */
    void kill() throws Exception {
        server.kill();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
