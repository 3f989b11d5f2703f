package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.TurnTestClient;

/**
 * The admin API against the provisioned server: an admin and a user without the role, made with
 * add-user.sh as docs/api.md says; HTTPS and credentials checked in that order; allocations made with
 * a /join credential listed and revoked; the REST secret rotated; a drain that lets running calls go on.
 */
class AdminApiIT extends RunningServerTest {
    private static final Path SERVER = Path.of(System.getProperty("it.server.dir", "it-server"));
    private static final String ADMIN = "ops";
    private static final String ADMIN_PASSWORD = "Ops-admin-it-7!";
    private static final String GUEST = "guest";
    private static final String GUEST_PASSWORD = "Guest-user-it-3!";
    private static final String CONFIGURED_SECRET = "it-secret";
    private static boolean usersAdded;

    @BeforeEach
    void addUsers() throws Exception {
        if (usersAdded) {
            return;
        }
        addUser(ADMIN, ADMIN_PASSWORD, "wildrtc-admin");
        addUser(GUEST, GUEST_PASSWORD, "guests");
        // The realm reads its files when asked; a running server is told to.
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"))) {
            ModelNode load = management.execute(Operations.createOperation("load",
                    Operations.createAddress("subsystem", "elytron", "properties-realm", "ApplicationRealm")));
            assertTrue(Operations.isSuccessfulOutcome(load), load.toString());
        }
        usersAdded = true;
    }

    @Test
    void onlyAnAdminOverHttpsGetsInAndTheRestOfTheApplicationIsNeverChallenged() throws Exception {
        HttpResponse<String> plain = plainHttp("/admin/drain", adminAuthorization(), null);
        assertEquals(403, plain.statusCode());
        assertEquals("The admin API answers over HTTPS only", Json.object(plain.body()).getString("error"));
        assertTrue(plain.headers().firstValue("Location").isEmpty(), "no redirect");
        assertTrue(plain.headers().firstValue("WWW-Authenticate").isEmpty(), "no credentials asked for in the clear");
        // the test server's trusted proxy, 127.0.0.1, ended TLS
        assertEquals(200, plainHttp("/admin/drain", adminAuthorization(), "https").statusCode());

        HttpResponse<String> anonymous = TestServer.send(HttpRequest.newBuilder(TestServer.https("/admin/drain")));
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                anonymous.headers().toString());
        assertEquals(401, admin("GET", "/admin/drain", basic(ADMIN, "wrong-password"), null, null).statusCode());
        HttpResponse<String> guest = admin("GET", "/admin/drain", basic(GUEST, GUEST_PASSWORD), null, null);
        assertEquals(403, guest.statusCode());
        assertEquals("The user lacks the role wildrtc-admin", Json.object(guest.body()).getString("error"));
        assertEquals(200, adminGet("/admin/drain").statusCode());

        assertEquals(415, adminPost("/admin/turn/revoke", "text/plain", "{\"username\":\"x\"}").statusCode());
        assertEquals(415, adminPost("/admin/turn/secrets", null, "{\"secrets\":[\"x\"]}").statusCode());
        HttpResponse<String> malformed = adminPost("/admin/turn/revoke", "application/json", "{\"username\":");
        assertEquals(400, malformed.statusCode());
        assertEquals("The body is not one JSON object", Json.object(malformed.body()).getString("error"));
        HttpResponse<String> missing = adminPost("/admin/turn/secrets", "application/json", "{\"secret\":\"x\"}");
        assertEquals(400, missing.statusCode());
        assertEquals("'secrets' must be an array of 1 to 16 strings", Json.object(missing.body()).getString("error"));
        for (String page : new String[] {"?limit=1001", "?limit=0", "?offset=-1", "?offset=x"}) {
            HttpResponse<String> bad = adminGet("/admin/allocations" + page);
            assertEquals(400, bad.statusCode(), page);
            assertTrue(Json.object(bad.body()).containsKey("error"), bad.body());
            assertEquals(400, adminGet("/admin/rooms" + page).statusCode(), page);
        }

        // pages, /join and /params answer as before, credentials or not
        HttpResponse<String> page = TestServer.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("WWW-Authenticate").isEmpty());
        Rooms.join(Rooms.fresh("unchallenged"));
        assertEquals(200, TestServer.send(HttpRequest.newBuilder(TestServer.https("/params"))
                .header("Authorization", basic(GUEST, GUEST_PASSWORD))).statusCode());
    }

    @Test
    void anAllocationMadeWithAJoinCredentialIsListedAndARevokeClosesItAndRefusesTheUsername() throws Exception {
        String roomId = Rooms.fresh("admin-revoke");
        Rooms.Joined member = Rooms.join(roomId);
        JsonObject turn = turnServer(member);
        String username = turn.getString("username");
        try (TurnTestClient client = new TurnTestClient(TestServer.turn(), username, turn.getString("credential"))) {
            int relayPort = client.allocate().getPort();
            JsonObject listed = allocation(username);
            assertEquals("udp", listed.getString("transport"));
            assertTrue(listed.getString("client_address").startsWith("127.0.0.1:"), listed.toString());
            assertTrue(listed.getString("relay_address").endsWith(":" + relayPort), listed.toString());
            assertTrue(listed.getJsonNumber("age_seconds").longValue() >= 0);
            assertTrue(listed.containsKey("bytes_to_peer") && listed.containsKey("bytes_to_client"));

            JsonObject rooms = Json.object(adminGet("/admin/rooms?limit=1000").body());
            assertTrue(rooms.getJsonArray("rooms").stream().map(JsonValue::asJsonObject)
                    .anyMatch(r -> r.getString("id").equals(roomId) && r.getInt("members") == 1
                            && r.getString("mode").equals("pair")), rooms.toString());
            assertTrue(rooms.getJsonNumber("total").longValue() >= 1);

            HttpResponse<String> revoked = adminPost("/admin/turn/revoke", "application/json",
                    "{\"username\":\"" + username + "\"}");
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertEquals(1, Json.object(revoked.body()).getInt("allocations_closed"));
            assertEquals(null, allocationOrNull(username));
            assertEquals(403, client.refresh(600));
        }
        try (TurnTestClient again = new TurnTestClient(TestServer.turn(), username, turn.getString("credential"))) {
            assertEquals("Allocate failed with 403", refusal(again));
        }
        assertLogged("Admin " + ADMIN + " revoked TURN user " + username + ": 1 allocation(s) closed");
    }

    @Test
    void aRotationKeepsTheOldSecretsCredentialsWhileListedAndNewJoinsGetTheNewOne() throws Exception {
        String newSecret = "rotated-" + System.nanoTime();
        RestCredentials.EphemeralCredential old = new RestCredentials(List.of(CONFIGURED_SECRET))
                .mint("rotation", 600, System.currentTimeMillis() / 1000);
        try {
            assertEquals(2, Json.object(setSecrets(newSecret, CONFIGURED_SECRET).body()).getInt("secrets"));
            try (TurnTestClient client = new TurnTestClient(TestServer.turn(), old.username(), old.password())) {
                client.allocate();
                assertEquals(0, client.refresh(0));
            }
            JsonObject minted = turnServer(Rooms.join(Rooms.fresh("admin-rotation")));

            HttpResponse<String> newOnly = setSecrets(newSecret);
            assertEquals("{\"secrets\":1}", newOnly.body());
            try (TurnTestClient client = new TurnTestClient(TestServer.turn(), old.username(), old.password())) {
                assertEquals("Allocate failed with 401", refusal(client));
            }
            // minted while both were listed, with the first: it verifies with the new one alone
            try (TurnTestClient client = new TurnTestClient(TestServer.turn(), minted.getString("username"),
                    minted.getString("credential"))) {
                client.allocate();
                assertEquals(0, client.refresh(0));
            }
            assertLogged("Admin " + ADMIN + " replaced the TURN REST secrets: 1 now verify");
            assertFalse(Files.readString(serverLog()).contains(newSecret), "a secret in the server's log");
        } finally {
            assertEquals(200, setSecrets(CONFIGURED_SECRET).statusCode());
        }
    }

    @Test
    void aDrainingNodeMakesNoNewRoomsNorAllocationsButItsCallsGoOn() throws Exception {
        String runningRoom = Rooms.fresh("admin-running");
        Rooms.Joined caller = Rooms.join(runningRoom);
        JsonObject turn = turnServer(caller);
        try (WebSocketClient signaling = Rooms.connect(caller, false);
             TurnTestClient inCall = new TurnTestClient(TestServer.turn(), turn.getString("username"),
                     turn.getString("credential"))) {
            inCall.allocate();

            HttpResponse<String> drained = adminPost("/admin/drain", null, null);
            assertEquals(200, drained.statusCode(), drained.body());
            assertTrue(Json.object(drained.body()).getBoolean("draining"));
            Health notReady = Health.get("/health/ready");
            assertEquals(503, notReady.statusCode(), "a draining node leaves the load balancer's pool");
            assertEquals("DOWN", notReady.check("wildrtc-turn").getString("status"), notReady.body().toString());
            assertEquals(200, Health.get("/health/live").statusCode(), "draining is not a reason to restart");

            assertEquals("{\"result\":\"MAINTENANCE\"}", TestServer.post("/join/" + Rooms.fresh("admin-new")).body());
            Rooms.Joined callee = Rooms.join(runningRoom);
            assertEquals(0, inCall.refresh(600), "the allocation of a running call refreshes");
            JsonObject calleeTurn = turnServer(callee);
            try (TurnTestClient newcomer = new TurnTestClient(TestServer.turn(), calleeTurn.getString("username"),
                    calleeTurn.getString("credential"))) {
                // no alternate server configured in the tests
                assertEquals("Allocate failed with 508", refusal(newcomer));
            }

            JsonObject left = Json.object(adminGet("/admin/drain").body());
            assertTrue(left.getBoolean("draining"));
            assertTrue(left.getInt("allocations") >= 1, left.toString());
            assertTrue(left.getInt("signaling_sockets") >= 1, left.toString());
            assertTrue(left.getInt("rooms") >= 1, left.toString());
            assertEquals(List.of("allocations", "draining", "rooms", "signaling_sockets"),
                    left.keySet().stream().sorted().toList());
        } finally {
            HttpResponse<String> undrained = adminPost("/admin/undrain", null, null);
            assertEquals(200, undrained.statusCode(), undrained.body());
            assertFalse(Json.object(undrained.body()).getBoolean("draining"));
        }
        Health ready = Health.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body().toString());
        JsonObject fresh = turnServer(Rooms.join(Rooms.fresh("admin-after")));
        try (TurnTestClient client = new TurnTestClient(TestServer.turn(), fresh.getString("username"),
                fresh.getString("credential"))) {
            client.allocate();
            assertEquals(0, client.refresh(0));
        }
        assertLogged("Admin " + ADMIN + " started draining this node");
        assertLogged("Admin " + ADMIN + " stopped draining this node");
    }

    private static void addUser(String user, String password, String group) throws Exception {
        Commands.check(120, List.of(SERVER.resolve("bin/add-user.sh").toString(), "-a", "-u", user, "-p", password,
                "-g", group), null);
    }

    /** The TURN entry of a join answer: its URIs, REST username and credential. */
    private static JsonObject turnServer(Rooms.Joined member) {
        return member.params().getJsonArray("ice_servers").stream().map(JsonValue::asJsonObject)
                .filter(server -> server.containsKey("username")).findFirst().orElseThrow();
    }

    private static JsonObject allocation(String username) throws Exception {
        JsonObject found = allocationOrNull(username);
        assertTrue(found != null, "no allocation of " + username);
        return found;
    }

    private static JsonObject allocationOrNull(String username) throws Exception {
        HttpResponse<String> page = adminGet("/admin/allocations?limit=1000");
        assertEquals(200, page.statusCode(), page.body());
        JsonObject body = Json.object(page.body());
        assertTrue(body.getInt("total") >= body.getJsonArray("allocations").size());
        return body.getJsonArray("allocations").stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("username").equals(username)).findFirst().orElse(null);
    }

    private static String refusal(TurnTestClient client) throws Exception {
        try {
            client.allocate();
            return "allocated";
        } catch (IOException refused) {
            return refused.getMessage();
        }
    }

    private static HttpResponse<String> setSecrets(String... secrets) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String secret : secrets) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(secret).append('"');
        }
        return adminPost("/admin/turn/secrets", "application/json", "{\"secrets\":[" + list + "]}");
    }

    private static HttpResponse<String> adminGet(String path) throws Exception {
        return admin("GET", path, adminAuthorization(), null, null);
    }

    private static HttpResponse<String> adminPost(String path, String contentType, String body) throws Exception {
        return admin("POST", path, adminAuthorization(), contentType, body);
    }

    private static HttpResponse<String> admin(String method, String path, String authorization, String contentType,
                                              String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.https(path)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return TestServer.send(request);
    }

    /** A GET over the plain HTTP listener from 127.0.0.1, which the tests trust as a proxy. */
    private static HttpResponse<String> plainHttp(String path, String authorization, String forwardedProto)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port("http") + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization);
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String adminAuthorization() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Path serverLog() {
        return SERVER.resolve("standalone/log/server.log");
    }

    /** The log line is written before the answer is sent; the file handler may flush a moment later. */
    private static void assertLogged(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(serverLog()).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not in server.log: " + text);
            }
            Thread.sleep(100);
        }
    }
}
