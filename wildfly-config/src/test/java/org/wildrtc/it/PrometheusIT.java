package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.TurnTestClient;

/**
 * WildRTC's meters as Prometheus scrapes them from the management interface ({@code /prometheus},
 * cli/monitoring.cli): every name with its fixed label values, values that follow real traffic (joins,
 * signaling, a TURN allocation relaying both ways, refusals), and a real Prometheus server whose
 * series count does not grow with thousands of distinct users and rooms.
 */
class PrometheusIT extends RunningServerTest {
    private static final String SECRET = "it-secret";
    private static final Path WORK = Path.of(System.getProperty("it.prometheus.dir", "target/prometheus"));

    @Test
    void everyMetricIsScrapedWithoutCredentialsWithItsFixedLabelValues() throws Exception {
        Scrape scrape = Scrape.now();

        assertEquals(List.of("tcp", "tls", "udp"), scrape.labelValues("wildrtc_turn_allocations", "transport"));
        for (String gauge : List.of("wildrtc_turn_permissions", "wildrtc_turn_channels", "wildrtc_turn_tcp_connections",
                "wildrtc_room_members", "wildrtc_signaling_sockets", "wildrtc_turn_binding_requests_total",
                "wildrtc_turn_peers_denied_total", "wildrtc_database_errors_total", "wildrtc_join_seconds_count",
                "wildrtc_join_seconds_sum")) {
            assertFalse(Double.isNaN(scrape.value(gauge)), gauge);
        }
        List<String> directions = List.of("to_client", "to_peer");
        assertEquals(directions, scrape.labelValues("wildrtc_turn_relayed_packets_total", "direction"));
        assertEquals(directions, scrape.labelValues("wildrtc_turn_relayed_bytes_total", "direction"));
        assertEquals(List.of("300", "400", "401", "403", "420", "437", "438", "440", "441", "442", "443", "446", "447",
                "486", "500", "508"), scrape.labelValues("wildrtc_turn_errors_total", "code"));
        assertEquals(List.of("bad_integrity", "expired_credential", "rate_limited", "revoked", "stale_nonce",
                "unknown_user"), scrape.labelValues("wildrtc_turn_auth_failures_total", "reason"));
        assertEquals(List.of("mesh", "pair"), scrape.labelValues("wildrtc_rooms", "mode"));
        assertEquals(List.of("delivered", "queued", "rate_limited"),
                scrape.labelValues("wildrtc_signaling_messages_total", "outcome"));
        assertTrue(scrape.text.contains("# TYPE wildrtc_join_seconds summary"), scrape.wildrtc());
    }

    /**
     * promtool parses the whole scrape. It finds lint problems in WildFly's own families (gauges named
     * {@code *_count}) and one in each of ours: no help text, which WildFly 39's per-deployment registry
     * cannot carry (it passes meters on by name and tags only). Nothing else.
     */
    @Test
    void promtoolParsesTheScrapeAndFindsNothingInOursButTheMissingHelp() throws Exception {
        Scrape scrape = Scrape.now();
        String promtool = Commands.path("promtool", "prometheus");

        Commands.Result whole = Commands.run(60, List.of(promtool, "check", "metrics"), scrape.text);
        assertNotEquals(1, whole.exitCode(), whole.output());
        assertFalse(whole.output().contains("error while linting"), whole.output());

        Commands.Result ours = Commands.run(60, List.of(promtool, "check", "metrics"), scrape.wildrtc());
        List<String> problems = ours.output().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(17, problems.size(), ours.output());
        for (String problem : problems) {
            assertTrue(problem.matches("wildrtc_[a-z_]+ no help text"), problem);
        }
    }

    @Test
    void theValuesFollowJoinsSignalingAndRelaying() throws Exception {
        Scrape before = Scrape.now();
        String room = Rooms.fresh("metrics");
        Rooms.Joined first = Rooms.join(room, "?mode=mesh");
        Rooms.Joined second = Rooms.join(room, "?mode=mesh");
        Rooms.join(room, "?mode=mesh");
        awaitValue("wildrtc_join_seconds_count", v -> v >= before.value("wildrtc_join_seconds_count") + 3);
        awaitValue("wildrtc_rooms", v -> v >= 1, "mode", "mesh");
        awaitValue("wildrtc_room_members", v -> v >= 3);

        try (WebSocketClient firstSocket = Rooms.connect(first, false)) {
            // to the two others, who have no socket yet: queued for them
            firstSocket.send(Rooms.send("offer"));
            awaitValue("wildrtc_signaling_messages_total",
                    v -> v >= before.value("wildrtc_signaling_messages_total", "outcome", "queued") + 2, "outcome", "queued");
            try (WebSocketClient secondSocket = Rooms.connect(second, false)) {
                awaitValue("wildrtc_signaling_sockets", v -> v >= 2);
                assertEquals(Rooms.delivered("offer", first), secondSocket.nextFrame());
                secondSocket.send(Rooms.sendTo(first.peerId(), "answer"));
                assertEquals(Rooms.delivered("answer", second), firstSocket.nextFrame());
                awaitValue("wildrtc_signaling_messages_total",
                        v -> v >= before.value("wildrtc_signaling_messages_total", "outcome", "delivered") + 1,
                        "outcome", "delivered");
            }
        }

        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             TurnTestClient client = new TurnTestClient(TestServer.turn(), "alice", "alice-password")) {
            peer.setSoTimeout(5000);
            client.timeout(5000);
            InetSocketAddress relayed = client.allocateWithChannel(0x4000,
                    new InetSocketAddress("127.0.0.1", peer.getLocalPort()));
            client.assertRelaysBothWays(0x4000, relayed, peer, "twelve bytes");
            // the private peer is refused by the default policy: 403
            assertEquals(403, client.createPermission(new InetSocketAddress("10.1.2.3", 5000)));

            awaitValue("wildrtc_turn_allocations", v -> v >= 1, "transport", "udp");
            awaitValue("wildrtc_turn_permissions", v -> v >= 1);
            awaitValue("wildrtc_turn_channels", v -> v >= 1);
            for (String direction : List.of("to_peer", "to_client")) {
                awaitValue("wildrtc_turn_relayed_packets_total",
                        v -> v >= before.value("wildrtc_turn_relayed_packets_total", "direction", direction) + 1,
                        "direction", direction);
                awaitValue("wildrtc_turn_relayed_bytes_total",
                        v -> v >= before.value("wildrtc_turn_relayed_bytes_total", "direction", direction) + 12,
                        "direction", direction);
            }
            awaitValue("wildrtc_turn_peers_denied_total", v -> v >= before.value("wildrtc_turn_peers_denied_total") + 1);
            awaitValue("wildrtc_turn_errors_total",
                    v -> v >= before.value("wildrtc_turn_errors_total", "code", "403") + 1, "code", "403");
        }

        try (TurnTestClient wrong = new TurnTestClient(TestServer.turn(), "alice", "not-the-password")) {
            wrong.timeout(5000);
            assertTrue(assertThrows(IOException.class, wrong::allocate).getMessage().contains("401"));
        }
        awaitValue("wildrtc_turn_auth_failures_total",
                v -> v >= before.value("wildrtc_turn_auth_failures_total", "reason", "bad_integrity") + 1,
                "reason", "bad_integrity");
        awaitValue("wildrtc_turn_errors_total",
                v -> v >= before.value("wildrtc_turn_errors_total", "code", "401") + 1, "code", "401");

        String binding = CoturnTools.run(30, "turnutils_stunclient", "-p", String.valueOf(TestServer.port("turn")),
                "127.0.0.1");
        assertTrue(binding.contains("UDP reflexive addr"), binding);
        awaitValue("wildrtc_turn_binding_requests_total",
                v -> v >= before.value("wildrtc_turn_binding_requests_total") + 1);
    }

    /**
     * Labels come from fixed sets only: a Prometheus server scraping every second holds as many
     * WildRTC series after 2000 joins of distinct rooms by distinct clients, 500 allocations and 500
     * failed authentications, each with a username of its own, as before them.
     */
    @Test
    void thousandsOfDistinctUsersAndRoomsAddNoSeries() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(WORK.resolve("cardinality"), alertRules())) {
            prometheus.awaitScrapesAfterNow();
            int seriesBefore = prometheus.seriesCount("wildrtc_.*");
            // 34 TURN series (3 transports, 2 × 2 directions, 16 codes, 6 reasons, 5 without labels), 2 room
            // modes, 3 message outcomes, the join summary's count, sum and max, and 3 without labels
            assertEquals(45, seriesBefore);
            double joinsBefore = prometheus.scalar("sum(wildrtc_join_seconds_count)");

            joinDistinctRooms(2000);
            allocateWithDistinctUsernames(500);
            failAuthenticationWithDistinctUsernames(500);

            prometheus.awaitScrapesAfterNow();
            assertTrue(prometheus.scalar("sum(wildrtc_join_seconds_count)") >= joinsBefore + 2000);
            assertEquals(seriesBefore, prometheus.seriesCount("wildrtc_.*"));
            // the alert rules evaluate against these series without errors
            for (JsonObject rule : prometheus.rules()) {
                assertEquals("ok", rule.getString("health"), rule.toString());
            }
        }
    }

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        Commands.check(60, List.of(Commands.path("promtool", "prometheus"), "check", "rules", alertRules().toString()), null);
    }

    private static Path alertRules() {
        return Path.of(System.getProperty("it.alert.rules", "../docs/prometheus/wildrtc-alerts.yml"));
    }

    /** 100 joins from each of 20 loopback sources, within each one's joins-per-minute. */
    private static void joinDistinctRooms(int joins) throws Exception {
        for (int i = 0; i < joins; i++) {
            String source = "127.0.3." + (1 + i / 100);
            TestServer.RawResponse answer = TestServer.postFrom(source, "/join/" + Rooms.fresh("many"));
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"SUCCESS\""), answer.body());
        }
    }

    /**
     * Each an ephemeral (TURN REST) username of its own, released at once. Over TCP, from 50 loopback
     * sources: over UDP one source gets at most 50 challenges a second (wildrtc.turn.max-challenges-per-second).
     */
    private static void allocateWithDistinctUsernames(int allocations) throws Exception {
        long expiry = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()) + 3600;
        for (int i = 0; i < allocations; i++) {
            String username = expiry + ":many-" + i;
            InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("127.0.5." + (1 + i / 10)), 0);
            try (TurnTestClient client = TurnTestClient.overTcpFrom(source, TestServer.turn(), username,
                    restPassword(username))) {
                client.timeout(5000);
                client.allocate();
                assertEquals(0, client.refresh(0));
            }
        }
    }

    /** Wrong passwords for usernames of their own, 10 from each loopback source (under its failure limit). */
    private static void failAuthenticationWithDistinctUsernames(int failures) throws Exception {
        long expiry = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()) + 3600;
        for (int i = 0; i < failures; i++) {
            InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("127.0.4." + (1 + i / 10)), 0);
            try (TurnTestClient client = TurnTestClient.overTcpFrom(source, TestServer.turn(), expiry + ":stranger-" + i,
                    "not-the-password")) {
                client.timeout(5000);
                assertTrue(assertThrows(IOException.class, client::allocate).getMessage().contains("401"));
            }
        }
    }

    /** RFC 8489 §9.2 via coturn's TURN REST scheme: base64(HMAC-SHA1(secret, username)). */
    private static String restPassword(String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    /** Scrapes until the series' value satisfies {@code expected} (TURN values are a second old at most). */
    private static void awaitValue(String name, DoublePredicate expected, String... labels) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double value;
        while (!expected.test(value = Scrape.now().value(name, labels))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + List.of(labels) + " is still " + value + " after 30 s");
            }
            Thread.sleep(200);
        }
    }
}
