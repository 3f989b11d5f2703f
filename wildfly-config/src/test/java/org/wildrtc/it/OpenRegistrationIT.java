package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * A site that keeps its own AppRTC room server points it at our {@code /ws} instead of Collider: its
 * clients never call our {@code /join}. An admin turns open registration on as a system property and
 * redeploys; the clients then register and post under the room server's ids, with Collider's rules.
 */
class OpenRegistrationIT extends RunningServerTest {
    private static final String PROPERTY = "wildrtc.signaling.open-registration";
    private static final ModelNode SYSTEM_PROPERTY = Operations.createAddress("system-property", PROPERTY);
    private static final ModelNode DEPLOYMENT = Operations.createAddress("deployment", TestServer.DEPLOYMENT);

    @Test
    void clientsWithTheIdsOfAnotherRoomServerRegisterAndTalkAsWithCollider() throws Exception {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"))) {
            try {
                ModelNode add = Operations.createAddOperation(SYSTEM_PROPERTY);
                add.get("value").set("true");
                execute(management, add);
                execute(management, Operations.createOperation("redeploy", DEPLOYMENT));
                assertTrue(Files.readString(Path.of(System.getProperty("it.server.dir"), "standalone", "log", "server.log"))
                        .contains("Open registration is on (" + PROPERTY + ")"), "the log says it is on");
                twoClientsTalkAndAThirdFindsTheRoomFull();
                aMessagePostedBeforeAnyoneRegisteredReachesTheClientThatRegisters();
                appRtcsClientsPostAndHangUpAtTheRootAsWithCollider();
            } finally {
                execute(management, Operations.createRemoveOperation(SYSTEM_PROPERTY));
                execute(management, Operations.createOperation("redeploy", DEPLOYMENT));
            }
        }
        try (WebSocketClient stranger = new WebSocketClient(Rooms.webSocket())) {
            stranger.register(register(Rooms.fresh("closed"), "12345678"));
            assertEquals(Rooms.error("unknown-client", "Invalid register request: unknown client, join the room first"), stranger.nextFrame());
        }
        assertEquals(404, TestServer.post("/" + Rooms.fresh("closed") + "/12345678", "offer").statusCode(),
                "Collider's root paths exist with open registration only");
    }

    /** AppRTC's room server hands out its Collider's bare origin as wss_post_url. */
    private static void appRtcsClientsPostAndHangUpAtTheRootAsWithCollider() throws Exception {
        String room = Rooms.fresh("root");
        HttpResponse<String> posted = TestServer.post("/" + room + "/77777777", "offer");
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("OK\n", posted.body());
        try (WebSocketClient callee = new WebSocketClient(Rooms.webSocket())) {
            callee.register(register(room, "88888888"));
            assertEquals("offer", callee.nextJson().getString("msg"));
            assertEquals(200, TestServer.send(HttpRequest.newBuilder(TestServer.https("/" + room + "/88888888"))
                    .DELETE()).statusCode());
            assertEquals(1000, callee.closeCode(), "hang-up closes the socket");
        }
    }

    private static void twoClientsTalkAndAThirdFindsTheRoomFull() throws Exception {
        String room = Rooms.fresh("open");
        try (WebSocketClient a = new WebSocketClient(Rooms.webSocket());
             WebSocketClient b = new WebSocketClient(Rooms.webSocket())) {
            a.register(register(room, "11111111"));
            a.send(Rooms.send("offer"));
            b.register(register(room, "22222222"));
            assertEquals("offer", b.nextJson().getString("msg"), "sent while alone, delivered when the other registers");

            // the room server forwards the initiator's message over Collider's HTTP side
            HttpResponse<String> posted = TestServer.post("/signaling/" + room + "/11111111", "candidate");
            assertEquals(200, posted.statusCode(), posted.body());
            assertEquals("OK\n", posted.body());
            assertEquals("candidate", b.nextJson().getString("msg"));
            b.send(Rooms.send("answer"));
            assertEquals("answer", a.nextJson().getString("msg"));

            try (WebSocketClient third = new WebSocketClient(Rooms.webSocket())) {
                third.register(register(room, "33333333"));
                assertEquals(Rooms.error("room-full", "Max room capacity reached"), third.nextFrame());
                assertEquals(1008, third.closeCode());
            }
            HttpResponse<String> full = TestServer.post("/signaling/" + room + "/33333333", "x");
            assertEquals(500, full.statusCode());
            assertEquals("Max room capacity reached\n", full.body());

            assertEquals(200, TestServer.send(HttpRequest.newBuilder(TestServer.https("/signaling/" + room + "/11111111"))
                    .DELETE()).statusCode());
            assertEquals(1000, a.closeCode());
            // its place is free: a client the room server has not registered yet posts, and takes it
            assertEquals(200, TestServer.post("/signaling/" + room + "/44444444", "hello").statusCode());
            assertEquals("hello", b.nextJson().getString("msg"));
        }
    }

    private static void aMessagePostedBeforeAnyoneRegisteredReachesTheClientThatRegisters() throws Exception {
        String room = Rooms.fresh("open");
        assertEquals(200, TestServer.post("/signaling/" + room + "/55555555", "offer").statusCode());
        try (WebSocketClient callee = new WebSocketClient(Rooms.webSocket())) {
            callee.register(register(room, "66666666"));
            assertEquals("offer", callee.nextJson().getString("msg"));
        }
        // the same client id in another room is another client
        try (WebSocketClient elsewhere = new WebSocketClient(Rooms.webSocket())) {
            elsewhere.register(register(Rooms.fresh("open"), "66666666"));
            elsewhere.expectSilence(java.time.Duration.ofMillis(300));
            assertTrue(elsewhere.isOpen());
        }
    }

    private static String register(String room, String client) {
        return "{\"cmd\":\"register\",\"roomid\":\"" + room + "\",\"clientid\":\"" + client + "\"}";
    }

    private static void execute(ModelControllerClient management, ModelNode operation) throws Exception {
        ModelNode result = management.execute(operation);
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
    }
}
