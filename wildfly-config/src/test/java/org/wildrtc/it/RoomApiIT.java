package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The AppRTC-compatible room API over HTTPS, with the connector behind the ICE servers. */
class RoomApiIT extends RunningServerTest {
    /** A loopback address no other test joins from. */
    private static final String OTHER_SOURCE = "127.0.0.77";
    private static final AtomicInteger SOURCES = new AtomicInteger();

    @Test
    void paramsCarriesTheConnectorsStunAndTurnServersAndSecureSignalingUrls() throws Exception {
        HttpResponse<String> response = TestServer.get("/params");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonObject params = Json.object(response.body());
        JsonObject pcConfig = Json.object(params.getString("pc_config"));
        // reached by localhost, the ICE URIs name the listener's address rather than a name of two families
        assertEquals("stun:127.0.0.1:" + TestServer.port("turn"),
                pcConfig.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
        JsonObject turn = turnServer(params);
        assertEquals(turnUris("127.0.0.1"), turn.getJsonArray("urls").getValuesAs(JsonString::getString));
        assertTrue(turn.getString("username").matches("\\d+:[A-Za-z0-9_-]{16}"), turn.getString("username"));
        assertTrue(!turn.getString("credential").isEmpty());
        String origin = "localhost:" + TestServer.port("https");
        assertEquals("wss://" + origin + "/ws", params.getString("wss_url"));
        assertEquals("https://" + origin + "/signaling", params.getString("wss_post_url"));
        assertTrue(params.getString("ice_server_url").startsWith("https://" + origin + "/v1alpha/iceconfig?key="));
    }

    @Test
    void everyParamsAnswerCarriesATurnUsernameOfItsOwn() throws Exception {
        // Quotas are per TURN username: clients asking in the same second must not share one.
        Set<String> usernames = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            usernames.add(turnServer(Json.object(TestServer.get("/params").body())).getString("username"));
        }
        assertEquals(3, usernames.size(), usernames.toString());
    }

    private static List<String> turnUris(String host) {
        return List.of("turn:" + host + ":" + TestServer.port("turn") + "?transport=udp",
                "turn:" + host + ":" + TestServer.port("turn") + "?transport=tcp",
                "turns:" + host + ":" + TestServer.port("turns") + "?transport=tcp");
    }

    private static JsonObject turnServer(JsonObject params) {
        return Json.object(params.getString("pc_config")).getJsonArray("iceServers").getJsonObject(1);
    }

    @Test
    void theClientPageAndItsStylesAreServed() throws Exception {
        HttpResponse<String> home = TestServer.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("<title>"), home.body());
        assertEquals(home.body(), TestServer.get("/r/some-room").body());
        HttpResponse<String> css = TestServer.get("/css/main.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"));
    }

    @Test
    void aPairRoomTakesTwoClientsTheFirstOfThemInitiator() throws Exception {
        String room = Rooms.fresh("pair");
        Rooms.Joined first = Rooms.join(room, "?it=relay");
        Rooms.Joined second = Rooms.join(room);
        JsonObject third = Json.object(TestServer.post("/join/" + room).body());

        assertEquals("true", first.params().getString("is_initiator"));
        assertEquals(room, first.params().getString("room_id"));
        assertEquals("https://localhost:" + TestServer.port("https") + "/r/" + room + "?it=relay",
                first.params().getString("room_link"));
        assertEquals("relay", Json.object(first.params().getString("pc_config")).getString("iceTransports"));
        assertEquals("pair", first.params().getString("room_mode"));
        assertEquals(2, first.params().getInt("room_capacity"));
        assertEquals(0, first.params().getJsonArray("peers").size());
        assertEquals("false", second.params().getString("is_initiator"));
        assertEquals(List.of(first.peerId()), second.params().getJsonArray("peers").getValuesAs(JsonString::getString));
        assertNotEquals(first.clientId(), second.clientId());
        assertTrue(first.clientId().matches("[A-Za-z0-9_-]{22}"), first.clientId());
        assertTrue(!second.params().toString().contains(first.clientId()), "a member's secret id never leaks");
        assertEquals("{\"result\":\"FULL\",\"params\":{\"messages\":[]}}", third.toString());
    }

    @Test
    void fiftyConcurrentJoinsToANewPairRoomGiveTwoMembersAndOneInitiator() throws Exception {
        String room = Rooms.fresh("race");
        List<JsonObject> answers = joinAtOnce(50, i -> "/join/" + room);
        assertEquals(2, answers.stream().filter(a -> a.getString("result").equals("SUCCESS")).count());
        assertEquals(48, answers.stream().filter(a -> a.getString("result").equals("FULL")).count());
        assertEquals(1, answers.stream().filter(a -> a.getString("result").equals("SUCCESS")
                && a.getJsonObject("params").getString("is_initiator").equals("true")).count());
    }

    @Test
    void twoNodesCreatingOneNewRoomAtOnceGiveTwoMembersAndNoError() throws Exception {
        // Each node locks only its own rooms, so both may find the room missing and create it.
        try (SecondNode node2 = SecondNode.deploy()) {
            for (int round = 0; round < 20; round++) {
                String room = Rooms.fresh("nodes");
                List<String> results = joinAtOnce(50, i -> (i % 2 == 0 ? "" : SecondNode.PATH) + "/join/" + room)
                        .stream().map(answer -> answer.getString("result")).toList();
                assertEquals(2, results.stream().filter("SUCCESS"::equals).count(), results.toString());
                assertEquals(48, results.stream().filter("FULL"::equals).count(), results.toString());
            }
        }
    }

    /**
     * {@code count} joins released at the same moment; {@code path} names the i-th one's URL. Each comes
     * from a loopback address of its own, so the per-address join limit, which another test checks,
     * does not cut in (these tests join a thousand times).
     */
    private static List<JsonObject> joinAtOnce(int count, IntFunction<String> path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<JsonObject>> joins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String url = path.apply(i);
                int n = SOURCES.getAndIncrement();
                String source = "127.1." + (n / 250 % 250) + "." + (n % 250 + 1);
                joins.add(() -> {
                    start.await();
                    return Json.object(TestServer.postFrom(source, url).body());
                });
            }
            List<Future<JsonObject>> pending = joins.stream().map(pool::submit).toList();
            start.countDown();
            List<JsonObject> answers = new ArrayList<>();
            for (Future<JsonObject> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMeshRoomTakesSixAndEveryJoinerLearnsWhoIsThere() throws Exception {
        String room = Rooms.fresh("mesh");
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Only the first join chooses the mode; later ones get the room as it is.
            Rooms.Joined member = Rooms.join(room, i == 0 ? "?mode=mesh" : "");
            assertEquals("mesh", member.params().getString("room_mode"));
            assertEquals(6, member.params().getInt("room_capacity"));
            assertEquals(peers, member.params().getJsonArray("peers").getValuesAs(JsonString::getString));
            assertEquals(Boolean.toString(i == 0), member.params().getString("is_initiator"));
            peers.add(member.peerId());
        }
        assertEquals("FULL", Json.object(TestServer.post("/join/" + room + "?mode=mesh").body()).getString("result"));
    }

    @Test
    void messagesFromALoneMemberAreHandedToTheNextJoinerOnce() throws Exception {
        String room = Rooms.fresh("queue");
        Rooms.Joined initiator = Rooms.join(room);
        String offer = "{\"sdp\":\"v=0\\r\\n\",\"type\":\"offer\"}";
        String candidate = "{\"type\":\"candidate\",\"label\":0,\"id\":\"0\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\"}";
        for (String message : List.of(offer, candidate)) {
            HttpResponse<String> posted = TestServer.post("/message/" + room + "/" + initiator.clientId(), message);
            assertEquals(200, posted.statusCode());
            assertEquals("{\"result\":\"SUCCESS\"}", posted.body());
        }
        Rooms.Joined callee = Rooms.join(room);
        assertEquals(List.of(offer, candidate), callee.params().getJsonArray("messages").getValuesAs(JsonString::getString));

        TestServer.post("/leave/" + room + "/" + callee.clientId());
        assertEquals(0, Rooms.join(room).params().getJsonArray("messages").size());
    }

    @Test
    void messagesNeedAKnownRoomAndMemberAndSaneText() throws Exception {
        String room = Rooms.fresh("msg");
        Rooms.Joined member = Rooms.join(room);
        assertEquals("{\"result\":\"UNKNOWN_ROOM\"}", TestServer.post("/message/" + Rooms.fresh("none") + "/"
                + member.clientId(), "x").body());
        assertEquals("{\"result\":\"UNKNOWN_CLIENT\"}", TestServer.post("/message/" + room + "/guessed", "x").body());
        assertEquals(400, TestServer.post("/message/" + room + "/" + member.clientId(), "").statusCode());
        HttpResponse<String> oversize = TestServer.post("/message/" + room + "/" + member.clientId(), "x".repeat(70_000));
        assertEquals(413, oversize.statusCode());
        assertEquals("The message is longer than 65536 characters\n", oversize.body());
        assertEquals(404, TestServer.post("/message/" + room + "/bad.id", "x").statusCode());
    }

    @Test
    void leavingHandsTheInitiatorRoleOnAndAnEmptyRoomIsDeleted() throws Exception {
        String room = Rooms.fresh("leave");
        Rooms.Joined first = Rooms.join(room);
        Rooms.Joined second = Rooms.join(room);
        HttpResponse<String> left = TestServer.post("/leave/" + room + "/" + first.clientId());
        assertEquals(200, left.statusCode());
        assertEquals("", left.body());
        // the same again, and an unknown client: still 200, as AppRTC answers
        assertEquals(200, TestServer.post("/leave/" + room + "/" + first.clientId()).statusCode());
        assertEquals(200, TestServer.post("/leave/" + room + "/nobody").statusCode());

        // second is alone now: its messages wait for the next joiner, as the initiator's do
        TestServer.post("/message/" + room + "/" + second.clientId(), "hello");
        Rooms.Joined third = Rooms.join(room);
        assertEquals("false", third.params().getString("is_initiator"));
        assertEquals(List.of("hello"), third.params().getJsonArray("messages").getValuesAs(JsonString::getString));

        TestServer.post("/leave/" + room + "/" + second.clientId());
        TestServer.post("/leave/" + room + "/" + third.clientId());
        assertEquals("true", Rooms.join(room).params().getString("is_initiator"), "the emptied room was deleted");
    }

    @Test
    void joinsFromOneAddressAreLimitedToAMinutesWorthAndOtherAddressesStillJoin() throws Exception {
        String room = Rooms.fresh("joins");
        Rooms.join(room);
        Rooms.join(room);
        long refusedBefore = joinRateRefusals();
        // 120 a minute by default, bursts of 120: every attempt counts, a FULL one too
        long start = System.nanoTime();
        int attempts = 0;
        TestServer.RawResponse answer;
        do {
            answer = TestServer.postFrom(OTHER_SOURCE, "/join/" + room);
            assertEquals(200, answer.statusCode(), answer.body());
            attempts++;
        } while (answer.body().equals("{\"result\":\"FULL\",\"params\":{\"messages\":[]}}") && attempts <= 400);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
        assertEquals("{\"result\":\"TOO_MANY_JOINS\"}", answer.body());
        assertTrue(attempts > 120 && attempts <= 121 + 2 * seconds, attempts + " attempts in " + seconds + " s");
        // no new room either; two tries, as the bucket gains a join every half second
        List<String> newRooms = List.of(TestServer.postFrom(OTHER_SOURCE, "/join/" + Rooms.fresh("new")).body(),
                TestServer.postFrom(OTHER_SOURCE, "/join/" + Rooms.fresh("new")).body());
        assertTrue(newRooms.contains("{\"result\":\"TOO_MANY_JOINS\"}"), newRooms.toString());
        assertEquals("FULL", Json.object(TestServer.post("/join/" + room).body()).getString("result"),
                "127.0.0.1 is another source");
        assertEquals(refusedBefore + 1 + newRooms.stream().filter(body -> body.contains("TOO_MANY_JOINS")).count(),
                joinRateRefusals());
    }

    private static long joinRateRefusals() throws Exception {
        return Json.object(TestServer.get("/signaling/status").body()).getJsonObject("refused").getJsonNumber("join_rate")
                .longValue();
    }

    @Test
    void anInvalidRoomIdIsNotFound() throws Exception {
        assertEquals(404, TestServer.post("/join/bad%20room").statusCode());
        assertEquals(404, TestServer.get("/r/bad.room").statusCode());
        assertEquals(404, TestServer.post("/join/" + "x".repeat(65)).statusCode());
    }

    @Test
    void theIceConfigServiceWantsTheAdvertisedKey() throws Exception {
        String url = Json.object(TestServer.get("/params").body()).getString("ice_server_url");
        String path = url.substring(url.indexOf("/v1alpha"));
        HttpResponse<String> config = TestServer.post(path, "");
        assertEquals(200, config.statusCode());
        JsonObject turn = Json.object(config.body()).getJsonArray("iceServers").getJsonObject(1);
        assertNotEquals(turn.getString("username"), Json.object(TestServer.post(path, "").body())
                .getJsonArray("iceServers").getJsonObject(1).getString("username"));
        assertTrue(turn.getJsonArray("urls").getString(0).startsWith("turn:"), config.body());
        assertTrue(turn.containsKey("username") && turn.containsKey("credential"));

        HttpResponse<String> wrongKey = TestServer.post("/v1alpha/iceconfig?key=guess", "");
        assertEquals(403, wrongKey.statusCode());
        assertEquals("{\"error\":\"Invalid or missing API key\"}", wrongKey.body());
        assertEquals(403, TestServer.post("/v1alpha/iceconfig", "").statusCode());
    }

    @Test
    void forwardedHeadersFromASourceThatIsNoTrustedProxyAreIgnored() throws Exception {
        // the tests trust 127.0.0.1 only (arquillian.xml)
        TestServer.RawResponse answer = TestServer.postFrom("127.0.0.90", "/join/" + Rooms.fresh("spoof"),
                "X-Forwarded-Proto: http", "X-Forwarded-Host: evil.example");
        JsonObject params = Json.object(answer.body()).getJsonObject("params");
        String origin = "localhost:" + TestServer.port("https");
        assertEquals("wss://" + origin + "/ws", params.getString("wss_url"));
        assertEquals("https://" + origin + "/signaling", params.getString("wss_post_url"));
        assertTrue(params.getString("room_link").startsWith("https://" + origin + "/r/spoof-"), params.toString());
        assertTrue(params.getString("ice_server_url").startsWith("https://" + origin + "/v1alpha/iceconfig?key="));
        assertEquals(turnUris("127.0.0.1"), turnServer(params).getJsonArray("urls").getValuesAs(JsonString::getString));
    }

    @Test
    void behindATrustedProxyJoinsCountTheClientItForwardsNotTheProxy() throws Exception {
        String room = Rooms.fresh("forwarded");
        Rooms.join(room);
        Rooms.join(room);
        String full = "{\"result\":\"FULL\",\"params\":{\"messages\":[]}}";
        int attempts = 0;
        String answer;
        do {
            answer = joinForwardedFor(room, "198.51.100.7");
            attempts++;
        } while (answer.equals(full) && attempts <= 400);
        String tooMany = "{\"result\":\"TOO_MANY_JOINS\"}";
        assertEquals(tooMany, answer, "after " + attempts + " attempts");
        assertTrue(attempts > 120, attempts + " attempts");
        // what the client wrote itself, left of the address the proxy saw, does not count; two tries,
        // as the bucket gains a join every half second
        assertTrue(List.of(joinForwardedFor(room, "198.51.100.8, 198.51.100.7"),
                joinForwardedFor(room, "198.51.100.8, 198.51.100.7")).contains(tooMany));
        // another client behind the same proxy, and the proxy itself, have budgets of their own
        assertEquals(full, joinForwardedFor(room, "198.51.100.8"));
        assertEquals(full, joinForwardedFor(room, "192.0.2.1, 198.51.100.8"));
        assertEquals("FULL", Json.object(TestServer.post("/join/" + room).body()).getString("result"));
        // a stranger naming the same client is counted as itself
        assertEquals(full, TestServer.postFrom("127.0.0.91", "/join/" + room, "X-Forwarded-For: 198.51.100.7").body());
    }

    private static String joinForwardedFor(String room, String forwardedFor) throws Exception {
        return TestServer.send(HttpRequest.newBuilder(TestServer.https("/join/" + room))
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.noBody())).body();
    }

    @Test
    void behindAProxyTheForwardedSchemeAndHostAreWhatClientsGet() throws Exception {
        HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(TestServer.https("/join/" + Rooms.fresh("proxy")))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "rtc.example.org")
                .POST(HttpRequest.BodyPublishers.noBody()));
        JsonObject params = Json.object(answer.body()).getJsonObject("params");
        assertEquals("wss://rtc.example.org/ws", params.getString("wss_url"));
        assertEquals("https://rtc.example.org/signaling", params.getString("wss_post_url"));
        assertTrue(params.getString("room_link").startsWith("https://rtc.example.org/r/proxy-"));
        assertEquals(turnUris("rtc.example.org"), turnServer(params).getJsonArray("urls").getValuesAs(JsonString::getString));
    }
}
