package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wildrtc.it.CallScenarios.videoBytes;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildrtc.turn.TurnTestClient;

/**
 * Two nodes of the provisioned server formed into a cluster over loopback (standalone-ha.xml,
 * cli/cluster.cli), sharing a real PostgreSQL: members of one room joined through different nodes
 * signal each other over their real WebSockets, joins race across nodes, and a node killed mid-call
 * leaves its rooms usable from the survivor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Path WORK = Path.of("target", "cluster-it").toAbsolutePath();
    private static final Duration QUIET = Duration.ofMillis(500);
    private static PostgresServer database;
    private static List<ClusterNode> nodes = List.of();
    private static ClusterNode node1;
    private static ClusterNode node2;
    private static final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        database = PostgresServer.start(WORK.resolve("postgresql"));
        nodes = ClusterNode.startAll(WORK, 2, database, "cluster-it-" + Rooms.fresh("secret"));
        node1 = nodes.get(0);
        node2 = nodes.get(1);
        for (ClusterNode node : nodes) {
            node.awaitView(2, Duration.ofSeconds(60));
        }
    }

    @AfterEach
    void leaveTheCalls() {
        browsers.forEach(Browser::leavePage);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        browsers.forEach(Browser::close);
        for (ClusterNode node : nodes) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void membersJoinedThroughDifferentNodesGetWhatWasQueuedAndSignalBothWays() throws Exception {
        String room = Rooms.fresh("pair");
        Rooms.Joined alice = node1.join(room, "");
        Rooms.Joined bob = node2.join(room, "");
        assertEquals("true", alice.params().getString("is_initiator"));
        assertEquals("false", bob.params().getString("is_initiator"));
        try (WebSocketClient aliceSocket = node1.connect(alice, true)) {
            aliceSocket.send(Rooms.send("offer"));
            aliceSocket.send(Rooms.send("candidate 1"));
            try (WebSocketClient bobSocket = node2.connect(bob, true)) {
                assertEquals(Rooms.delivered("offer", alice), bobSocket.nextFrame(), "queued before Bob registered");
                assertEquals(Rooms.delivered("candidate 1", alice), bobSocket.nextFrame());
                assertEquals(Rooms.event("joined", bob), aliceSocket.nextFrame(), "node1 announces Bob's register on node2");

                bobSocket.send(Rooms.send("answer"));
                assertEquals(Rooms.delivered("answer", bob), aliceSocket.nextFrame());
                for (int i = 0; i < 50; i++) {
                    aliceSocket.send(Rooms.send("alice " + i));
                    bobSocket.send(Rooms.send("bob " + i));
                }
                for (int i = 0; i < 50; i++) {
                    assertEquals(Rooms.delivered("alice " + i, alice), bobSocket.nextFrame(), "in order across nodes");
                    assertEquals(Rooms.delivered("bob " + i, bob), aliceSocket.nextFrame(), "in order across nodes");
                }
            }
            assertEquals(200, node2.post("/leave/" + room + "/" + bob.clientId()).statusCode());
            assertEquals(Rooms.event("left", bob), aliceSocket.nextFrame());
        }
        assertEquals("1", database.query("select count(*) from room_member m where m.room_id = '" + room + "'"),
                "the database has only Alice left");
    }

    @Test
    @Order(2)
    void inAMeshRoomSpreadOverBothNodesAMessageToOnePeerReachesOnlyThatPeer() throws Exception {
        String room = Rooms.fresh("mesh");
        Rooms.Joined a = node1.join(room, "?mode=mesh");
        Rooms.Joined b = node2.join(room, "?mode=mesh");
        Rooms.Joined c = node1.join(room, "?mode=mesh");
        try (WebSocketClient aSocket = node1.connect(a, false);
             WebSocketClient bSocket = node2.connect(b, false);
             WebSocketClient cSocket = node1.connect(c, false)) {
            cSocket.send(Rooms.sendTo(b.peerId(), "c to b"));
            assertEquals(Rooms.delivered("c to b", c), bSocket.nextFrame());
            bSocket.send(Rooms.sendTo(a.peerId(), "b to a"));
            assertEquals(Rooms.delivered("b to a", b), aSocket.nextFrame());
            aSocket.send(Rooms.sendTo(c.peerId(), "a to c"));
            assertEquals(Rooms.delivered("a to c", a), cSocket.nextFrame());
            aSocket.expectSilence(QUIET);
            bSocket.expectSilence(QUIET);
            cSocket.expectSilence(QUIET);

            bSocket.send(Rooms.send("b to all"));
            assertEquals(Rooms.delivered("b to all", b), aSocket.nextFrame());
            assertEquals(Rooms.delivered("b to all", b), cSocket.nextFrame());
        }
    }

    @Test
    @Order(3)
    void fiftyConcurrentJoinsToOnePairRoomOverBothNodesGiveTwoMembersOneInitiator() throws Exception {
        String room = Rooms.fresh("race");
        List<JsonObject> answers = concurrently(50, i -> (i % 2 == 0 ? node1 : node2).post("/join/" + room).body());
        assertEquals(2, answers.stream().filter(a -> a.getString("result").equals("SUCCESS")).count(), answers.toString());
        assertEquals(48, answers.stream().filter(a -> a.getString("result").equals("FULL")).count(), answers.toString());
        assertEquals(1, answers.stream().filter(a -> a.getString("result").equals("SUCCESS")
                && a.getJsonObject("params").getString("is_initiator").equals("true")).count());
        assertEquals("2", database.query("select count(*) from room_member m where m.room_id = '" + room + "'"));
    }

    @Test
    @Order(4)
    void theSameNewRoomCreatedOnBothNodesAtOnceIsOneRoomWithBoth() throws Exception {
        for (int round = 0; round < 20; round++) {
            String room = Rooms.fresh("both");
            List<JsonObject> answers = concurrently(2, i -> (i == 0 ? node1 : node2).post("/join/" + room).body());
            for (JsonObject answer : answers) {
                assertEquals("SUCCESS", answer.getString("result"), "round " + round + ": " + answers);
            }
            assertEquals(1, answers.stream().filter(a -> a.getJsonObject("params").getString("is_initiator")
                    .equals("true")).count(), "round " + round + ": " + answers);
            assertEquals("1|2", database.query("select count(distinct r.id), count(m.clientid) from room r "
                    + "join room_member m on m.room_id = r.id where r.id = '" + room + "'"), "round " + round);
        }
    }

    @Test
    @Order(5)
    void browsersThatJoinedThroughDifferentNodesCallEachOtherDirectly() throws Exception {
        String room = Rooms.fresh("browsers");
        callAcrossNodes("/r/" + room);
    }

    @Test
    @Order(6)
    void relayOnlyBrowsersOnDifferentNodesRelayThroughEachNodesOwnTurnServer() throws Exception {
        String room = Rooms.fresh("relay");
        long relayed1 = turn(node1).getJsonNumber("bytes_relayed").longValue();
        long relayed2 = turn(node2).getJsonNumber("bytes_relayed").longValue();
        callAcrossNodes("/r/" + room + "?it=relay");
        for (Browser browser : browsers) {
            JsonObject peer = browser.calls().getJsonObject("peers").values().iterator().next().asJsonObject();
            assertEquals("relay", peer.getString("local"), browser.name() + " " + peer);
        }
        // Each browser was given its own node's TURN server by its /join: both relay.
        for (ClusterNode node : nodes) {
            JsonObject turn = turn(node);
            assertTrue(turn.getInt("allocations") >= 1, node.name + " holds a browser's allocation: " + turn);
        }
        assertTrue(turn(node1).getJsonNumber("bytes_relayed").longValue() > relayed1 + 10_000, "media through node1");
        assertTrue(turn(node2).getJsonNumber("bytes_relayed").longValue() > relayed2 + 10_000, "media through node2");
    }

    @Test
    @Order(7)
    void aTurnCredentialOneNodeMintedAllocatesOnTheOther() throws Exception {
        for (ClusterNode minter : nodes) {
            ClusterNode other = minter == node1 ? node2 : node1;
            JsonObject turn = Json.object(minter.join(Rooms.fresh("turn"), "").params().getString("pc_config"))
                    .getJsonArray("iceServers").getJsonObject(1);
            try (TurnTestClient client = new TurnTestClient(other.turn(), turn.getString("username"),
                    turn.getString("credential"))) {
                int relayed = client.allocate().getPort();
                assertTrue(other.relays(relayed), other.name + " relays from its own range: " + relayed);
            }
        }
    }

    /**
     * Last: it kills a node. Two browsers in a mesh room reach the cluster through nginx with the
     * project's docs/nginx/wildrtc-cluster.conf, and two WebSocket members hold sockets one on each
     * node. The node that holds a browser's socket is killed (SIGKILL): the member on it registers
     * again through the survivor and signaling goes on both ways, the browsers reconnect through nginx
     * and still get a third browser into their call, and the survivor serves new rooms.
     */
    @Test
    @Order(99)
    void whenANodeIsKilledMidCallItsMembersComeBackThroughTheSurvivor() throws Exception {
        int port = FreePorts.tcp();
        String block = Files.readString(Path.of(System.getProperty("it.nginx.cluster.conf")))
                .replace("server 10.0.0.5:8080", "server 127.0.0.1:" + node1.httpPort())
                .replace("server 10.0.0.6:8080", "server 127.0.0.1:" + node2.httpPort())
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;")
                .replace("listen [::]:443 ssl;", "");
        Nginx.Certificate certificate = Nginx.certificate(WORK.resolve("certificate"), "localhost");
        try (Nginx nginx = Nginx.here(WORK.resolve("nginx"), block, certificate, port)) {
            String page = "https://127.0.0.1:" + port + "/r/" + Rooms.fresh("failover") + "?mode=mesh";
            while (browsers.size() < 3) {
                browsers.add(Browser.start("cluster-" + (char) ('a' + browsers.size())));
            }
            Browser.connectAll(page, 1, browsers.get(0), browsers.get(1));
            ClusterNode victim = node2.openSockets() > 0 ? node2 : node1;
            ClusterNode survivor = victim == node2 ? node1 : node2;

            String room = Rooms.fresh("failover-sockets");
            Rooms.Joined alice = survivor.join(room, "");
            Rooms.Joined bob = victim.join(room, "");
            try (WebSocketClient aliceSocket = survivor.connect(alice, true);
                 WebSocketClient bobOnVictim = victim.connect(bob, false)) {
                assertEquals(Rooms.event("joined", bob), aliceSocket.nextFrame());
                bobOnVictim.send(Rooms.send("before"));
                assertEquals(Rooms.delivered("before", bob), aliceSocket.nextFrame());

                victim.kill();
                survivor.awaitLog("Node " + victim.name + " left the cluster; ", Duration.ofSeconds(30));
                aliceSocket.send(Rooms.send("while Bob is away"));
                // Bob's client registers again, through the load balancer: the survivor now.
                try (WebSocketClient bobBack = survivor.connect(bob, false)) {
                    assertEquals(Rooms.delivered("while Bob is away", alice), bobBack.nextFrame());
                    bobBack.send(Rooms.send("back"));
                    assertEquals(Rooms.delivered("back", bob), aliceSocket.nextFrame());
                    aliceSocket.send(Rooms.send("welcome back"));
                    assertEquals(Rooms.delivered("welcome back", alice), bobBack.nextFrame());
                }
            }

            for (Browser browser : browsers.subList(0, 2)) {
                browser.await("signaling back through nginx", Browser.CONNECT,
                        calls -> calls.getString("state").equals("in-call")
                                && !browser.script("document.querySelector('#notice')?.dataset.kind").equals("signaling-lost"));
            }
            Browser.connectAll(page, 2, browsers.get(2));
            for (Browser browser : browsers) {
                browser.await("2 connected peers", Browser.CONNECT, calls -> calls.getJsonObject("peers").size() == 2
                        && calls.getJsonObject("peers").values().stream()
                        .allMatch(p -> p.asJsonObject().getString("state").equals("connected")));
            }
            assertEquals("SUCCESS", Json.object(survivor.post("/join/" + Rooms.fresh("after")).body()).getString("result"),
                    "the survivor serves new rooms");
        }
    }

    /** Browser a opens the room page on node1, browser b on node2; both reach a connected call. */
    private static void callAcrossNodes(String path) throws Exception {
        while (browsers.size() < 2) {
            browsers.add(Browser.start("cluster-" + (char) ('a' + browsers.size())));
        }
        Browser a = browsers.get(0);
        Browser b = browsers.get(1);
        a.join(node1.page(path), a.name());
        b.join(node2.page(path), b.name());
        for (Browser browser : browsers) {
            browser.await("a connected peer", Browser.CONNECT, calls -> calls.getJsonObject("peers").size() == 1
                    && calls.getJsonObject("peers").values().iterator().next().asJsonObject().getString("state")
                    .equals("connected"));
            long before = videoBytes(browser.calls());
            browser.await("video from the other node's browser", Browser.CONNECT, calls -> videoBytes(calls) > before + 10_000);
        }
    }

    private static JsonObject turn(ClusterNode node) throws Exception {
        return Json.object(node.get("/signaling/status").body()).getJsonObject("turn");
    }

    private interface Join {
        String body(int i) throws Exception;
    }

    private static List<JsonObject> concurrently(int count, Join join) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> bodies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int client = i;
                bodies.add(clients.submit(() -> join.body(client)));
            }
            List<JsonObject> answers = new ArrayList<>();
            for (Future<String> body : bodies) {
                answers.add(Json.object(body.get()));
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }
}
