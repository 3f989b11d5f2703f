package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wildrtc.it.Rooms.delivered;
import static org.wildrtc.it.Rooms.error;
import static org.wildrtc.it.Rooms.event;
import static org.wildrtc.it.Rooms.send;
import static org.wildrtc.it.Rooms.sendTo;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The Collider-compatible signaling WebSocket over wss, and Collider's HTTP side. */
class SignalingIT extends RunningServerTest {
    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    void twoMembersTalkBothWays() throws Exception {
        String room = Rooms.fresh("talk");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        try (WebSocketClient sa = Rooms.connect(a, false); WebSocketClient sb = Rooms.connect(b, false)) {
            sb.expectSilence(QUIET);
            String offer = "{\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\",\"type\":\"offer\"}";
            sa.send(send(offer));
            assertEquals(delivered(offer, a), sb.nextFrame());
            sb.send(send("{\"type\":\"answer\"}"));
            assertEquals(delivered("{\"type\":\"answer\"}", b), sa.nextFrame());
            // AppRTC's initiator posts over HTTP; the callee's socket gets it
            TestServer.post("/message/" + room + "/" + a.clientId(), "{\"type\":\"candidate\"}");
            assertEquals(delivered("{\"type\":\"candidate\"}", a), sb.nextFrame());
            sa.expectSilence(QUIET);
        }
    }

    @Test
    void messagesSentBeforeTheOtherRegistersAreDeliveredInOrderWhenItDoes() throws Exception {
        String room = Rooms.fresh("queued");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        try (WebSocketClient sa = Rooms.connect(a, false)) {
            for (int i = 1; i <= 3; i++) {
                sa.send(send("m" + i));
            }
            sa.expectSilence(QUIET);
            try (WebSocketClient sb = Rooms.connect(b, false)) {
                for (int i = 1; i <= 3; i++) {
                    assertEquals(delivered("m" + i, a), sb.nextFrame());
                }
                sb.expectSilence(QUIET);
            }
        }
    }

    @Test
    void aThirdClientInAFullRoomIsTurnedAway() throws Exception {
        String room = Rooms.fresh("third");
        Rooms.join(room);
        Rooms.join(room);
        try (WebSocketClient third = new WebSocketClient(Rooms.webSocket())) {
            third.send("{\"cmd\":\"register\",\"roomid\":\"" + room + "\",\"clientid\":\"AAAAAAAAAAAAAAAAAAAAAA\"}");
            assertEquals(error("room-full", "Max room capacity reached"), third.nextFrame());
            assertEquals(1008, third.closeCode());
        }
        try (WebSocketClient stranger = new WebSocketClient(Rooms.webSocket())) {
            stranger.send("{\"cmd\":\"register\",\"roomid\":\"" + Rooms.fresh("empty") + "\",\"clientid\":\"x\"}");
            assertEquals(error("unknown-client", "Invalid register request: unknown client, join the room first"), stranger.nextFrame());
            assertEquals(1008, stranger.closeCode());
        }
    }

    @Test
    void registeringTwiceIsRefusedWithCollidersErrors() throws Exception {
        Rooms.Joined a = Rooms.join(Rooms.fresh("twice"));
        try (WebSocketClient first = Rooms.connect(a, false)) {
            first.send(a.register(false));
            assertEquals(error("duplicate-register", "Duplicated register request"), first.nextFrame());
            assertEquals(1008, first.closeCode());
        }
        Rooms.Joined b = Rooms.join(Rooms.fresh("twice"));
        try (WebSocketClient first = Rooms.connect(b, false); WebSocketClient second = Rooms.connect(b, false)) {
            assertEquals(error("already-registered", "Duplicated registration"), second.nextFrame());
            assertEquals(1008, second.closeCode());
            assertTrue(first.isOpen());
        }
    }

    @Test
    void badRequestsGetCollidersErrorsAndTheRightCloseBehaviour() throws Exception {
        try (WebSocketClient client = new WebSocketClient(Rooms.webSocket())) {
            client.send(send("too early"));
            assertEquals(error("not-registered", "Client not registered"), client.nextFrame());
            assertEquals(1008, client.closeCode());
        }
        try (WebSocketClient client = new WebSocketClient(Rooms.webSocket())) {
            client.send("{\"cmd\":\"register\",\"roomid\":\"r\"}");
            assertEquals(error("missing-ids", "Invalid register request: missing 'clientid' or 'roomid'"), client.nextFrame());
            assertEquals(1008, client.closeCode());
        }
        Rooms.Joined a = Rooms.join(Rooms.fresh("bad"));
        try (WebSocketClient client = Rooms.connect(a, false)) {
            client.send("{\"cmd\":\"dance\"}");
            assertEquals(error("unknown-cmd", "Invalid message: unexpected 'cmd'"), client.nextFrame());
            client.send(sendTo("nobody", "hi"));
            assertEquals(error("unknown-peer", "Invalid send request: unknown peer"), client.nextFrame());
            assertTrue(client.isOpen());
            client.send("{\"cmd\":\"send\",\"msg\":\"\"}");
            assertEquals(error("missing-msg", "Invalid send request: missing 'msg'"), client.nextFrame());
            assertEquals(1008, client.closeCode());
        }
        try (WebSocketClient client = new WebSocketClient(Rooms.webSocket())) {
            client.send("{not json");
            assertEquals(error("not-json", "Invalid message: not JSON"), client.nextFrame());
            assertEquals(1003, client.closeCode());
        }
    }

    @Test
    void anOversizeFrameClosesTheSocketAndTheServerKeepsServing() throws Exception {
        Rooms.Joined a = Rooms.join(Rooms.fresh("big"));
        try (WebSocketClient client = Rooms.connect(a, false)) {
            client.send(send("x".repeat(100_000)));
            assertEquals(error("too-big", "Invalid message: longer than 65536 characters"), client.nextFrame());
            assertEquals(1009, client.closeCode());
        }
        // the member keeps its place through the grace period and may come back
        try (WebSocketClient client = Rooms.connect(a, false)) {
            client.send("{\"cmd\":\"dance\"}");
            assertEquals(error("unknown-cmd", "Invalid message: unexpected 'cmd'"), client.nextFrame());
        }
    }

    @Test
    void aSocketThatNeverRegistersIsClosed() throws Exception {
        try (WebSocketClient idle = new WebSocketClient(Rooms.webSocket())) {
            // the tests run with a 2 s register timeout
            String frame = idle.nextFrame();
            assertEquals(error("register-timeout", "Register timeout"), frame);
            assertEquals(1008, idle.closeCode());
        }
    }

    @Test
    void aDroppedMemberMayComeBackWithinTheGracePeriodAndLeavesAfterIt() throws Exception {
        String room = Rooms.fresh("grace");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        try (WebSocketClient sb = Rooms.connect(b, true)) {
            awaitOpenSockets(1); // sb's alone, once earlier tests' sockets are gone
            WebSocketClient sa = Rooms.connect(a, true);
            assertEquals(event("joined", a), sb.nextFrame());
            sa.close();
            // Until the server has seen the drop, a message would go to the dead socket, as with Collider.
            awaitOpenSockets(1);
            sb.send(send("while you were away"));
            try (WebSocketClient back = Rooms.connect(a, true)) {
                assertEquals(delivered("while you were away", b), back.nextFrame());
            }
            // gone for longer than the grace period (3 s in the tests): a has left the room
            JsonObject left = Json.object(sb.nextFrame(Duration.ofSeconds(10)));
            assertEquals("left", left.getString("event"));
            assertEquals(a.peerId(), left.getString("peer"));
        }
        assertEquals("false", Rooms.join(room).params().getString("is_initiator"),
                "b is still in the room, so the next joiner is not the initiator");
    }

    @Test
    void meshMembersAddressOneOrAllAndHearWhoComesAndGoes() throws Exception {
        String room = Rooms.fresh("mesh");
        Rooms.Joined a = Rooms.join(room, "?mode=mesh");
        Rooms.Joined b = Rooms.join(room);
        Rooms.Joined c = Rooms.join(room);
        try (WebSocketClient sa = Rooms.connect(a, true); WebSocketClient sb = Rooms.connect(b, true)) {
            assertEquals(event("joined", b), sa.nextFrame());
            try (WebSocketClient sc = Rooms.connect(c, true)) {
                assertEquals(event("joined", c), sa.nextFrame());
                assertEquals(event("joined", c), sb.nextFrame());

                sc.send(sendTo(a.peerId(), "offer for a"));
                assertEquals(delivered("offer for a", c), sa.nextFrame());
                sb.expectSilence(QUIET);

                sa.send(send("to everyone"));
                assertEquals(delivered("to everyone", a), sb.nextFrame());
                assertEquals(delivered("to everyone", a), sc.nextFrame());

                assertEquals(200, TestServer.post("/leave/" + room + "/" + c.clientId()).statusCode());
                assertEquals(1000, sc.closeCode());
                assertEquals(event("left", c), sa.nextFrame());
                assertEquals(event("left", c), sb.nextFrame());
            }
        }
    }

    @Test
    void collidersHttpSideDeliversAndRemoves() throws Exception {
        String room = Rooms.fresh("collider");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        try (WebSocketClient sb = Rooms.connect(b, false)) {
            sb.expectSilence(QUIET);
            HttpResponse<String> posted = TestServer.post("/signaling/" + room + "/" + a.clientId(), "{\"type\":\"bye\"}");
            assertEquals(200, posted.statusCode());
            assertEquals("OK\n", posted.body());
            assertEquals("*", posted.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals(delivered("{\"type\":\"bye\"}", a), sb.nextFrame());

            HttpResponse<String> unknown = TestServer.post("/signaling/" + room + "/nobody", "x");
            assertEquals(500, unknown.statusCode());
            assertEquals("Unknown client\n", unknown.body());

            HttpResponse<String> preflight = TestServer.send(HttpRequest.newBuilder(TestServer.https("/signaling/" + room + "/x"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, preflight.statusCode());
            assertEquals("POST, DELETE", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""));

            assertEquals(200, TestServer.send(HttpRequest.newBuilder(TestServer.https("/signaling/" + room + "/" + b.clientId()))
                    .DELETE()).statusCode());
            assertEquals(1000, sb.closeCode());
            assertEquals(200, TestServer.send(HttpRequest.newBuilder(TestServer.https("/signaling/" + room + "/nobody"))
                    .DELETE()).statusCode());
        }
        JsonObject status = Json.object(TestServer.get("/signaling/status").body());
        assertTrue(status.getJsonNumber("totalws").longValue() > 0, status.toString());
        assertTrue(status.containsKey("upsec") && status.containsKey("openws") && status.containsKey("wserrors")
                && status.getJsonNumber("httperrors").longValue() > 0, status.toString());
    }

    @Test
    void aFloodingClientIsToldToSlowDownAndKeepsItsSocket() throws Exception {
        String room = Rooms.fresh("flood");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        try (WebSocketClient sa = Rooms.connect(a, false); WebSocketClient sb = Rooms.connect(b, false)) {
            sb.expectSilence(QUIET);
            // the default limit: 100 a second, bursts of 500; 1200 sends outrun the refill even on a slow machine
            for (int i = 0; i < 1200; i++) {
                sa.send(send("m" + i));
            }
            assertEquals(error("too-many-messages", "Too many messages: the limit is 100 per second"), sa.nextFrame());
            assertTrue(sa.isOpen());
            for (int i = 0; i < 500; i++) {
                assertEquals(delivered("m" + i, a), sb.nextFrame());
            }
        }
    }

    @Test
    void oneRatePerMemberOverEveryWayInAndNoAcceptedMessageIsLost() throws Exception {
        String room = Rooms.fresh("http-flood");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        ExecutorService posters = Executors.newFixedThreadPool(8);
        try (WebSocketClient sa = Rooms.connect(a, false); WebSocketClient sb = Rooms.connect(b, false)) {
            // 600 over HTTP (/message and Collider's POST) while 600 go over the socket, all from a
            List<Callable<String>> posts = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String path = (i % 2 == 0 ? "/message/" : "/signaling/") + room + "/" + a.clientId();
                String message = "h" + i;
                posts.add(() -> {
                    HttpResponse<String> posted = TestServer.post(path, message);
                    if (posted.statusCode() == 429) {
                        assertEquals("Too many messages: the limit is 100 per second\n", posted.body());
                        assertEquals("1", posted.headers().firstValue("Retry-After").orElse(""));
                        return null;
                    }
                    assertEquals(200, posted.statusCode(), posted.body());
                    return message;
                });
            }
            long refusedBefore = refused("message_rate");
            long start = System.nanoTime();
            List<Future<String>> posted = new ArrayList<>();
            for (Callable<String> post : posts) {
                posted.add(posters.submit(post));
            }
            for (int i = 0; i < 600; i++) {
                sa.send(send("w" + i));
            }
            Set<String> accepted = new HashSet<>();
            for (Future<String> post : posted) {
                String message = post.get(60, TimeUnit.SECONDS);
                if (message != null) {
                    accepted.add(message);
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
            int refusedOverSocket = 0;
            for (String frame = sa.nextFrameOrNull(QUIET); frame != null; frame = sa.nextFrameOrNull(QUIET)) {
                assertEquals(error("too-many-messages", "Too many messages: the limit is 100 per second"), frame);
                refusedOverSocket++;
            }
            int acceptedOverSocket = 600 - refusedOverSocket;
            int acceptedInAll = accepted.size() + acceptedOverSocket;
            // one bucket of 500 filling at 100 a second for both ways in, not one each
            assertTrue(acceptedInAll >= 500 && acceptedInAll <= 500 + 100 * seconds,
                    acceptedInAll + " accepted in " + seconds + " s");
            assertEquals(refusedBefore + 1200 - acceptedInAll, refused("message_rate"));
            Set<String> received = new HashSet<>();
            for (int i = 0; i < acceptedInAll; i++) {
                received.add(Json.object(sb.nextFrame()).getString("msg"));
            }
            sb.expectSilence(QUIET);
            assertTrue(received.containsAll(accepted), "every message accepted over HTTP arrives");
            assertEquals(acceptedOverSocket, received.stream().filter(m -> m.startsWith("w")).count());
        } finally {
            posters.shutdownNow();
        }
    }

    @Test
    void aMemberThatStopsReadingStopsTheServerReadingItsSenderAndLosesNothing() throws Exception {
        String room = Rooms.fresh("stalled");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        // 450 x 60 KB (within the rate limit's burst): more than the kernel buffers of a connection
        // whose reader never read hold, and more than the 256 KiB backlog beyond them
        String big = "x".repeat(60_000);
        int count = 450;
        try (WebSocketClient sa = Rooms.connect(a, false); WebSocketClient sb = Rooms.connect(b, false)) {
            sb.pauseReading();
            long before = pushBacks();
            FutureTask<Void> sending = new FutureTask<>(() -> {
                for (int i = 0; i < count; i++) {
                    sa.send(send(i + big));
                }
                return null;
            });
            new Thread(sending, "stalled-room sender").start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (pushBacks() == before) {
                assertTrue(System.nanoTime() < deadline, "the server never stopped reading the sender");
                Thread.sleep(50);
            }
            sb.resumeReading();
            for (int i = 0; i < count; i++) {
                assertEquals(delivered(i + big, a), sb.nextFrame(Duration.ofSeconds(20)), "message " + i);
            }
            sending.get(20, TimeUnit.SECONDS);   // every send went through, none failed
            // the sender is read again: a message after the flood still arrives
            sa.send(send("after"));
            assertEquals(delivered("after", a), sb.nextFrame());
        }
    }

    @Test
    void aMemberThatStopsReadingIsDisconnectedAfterTheStallTimeAndItsSenderIsReadAgain() throws Exception {
        String room = Rooms.fresh("stopped");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        String big = "x".repeat(60_000);
        try (WebSocketClient sa = Rooms.connect(a, false); WebSocketClient sb = Rooms.connect(b, false)) {
            awaitOpenSockets(2);
            sb.pauseReading();
            long stalledBefore = refused("stalled");
            long backedUpBefore = refused("backed_up");
            AtomicBoolean stop = new AtomicBoolean();
            FutureTask<Void> sending = new FutureTask<>(() -> {
                for (int i = 0; i < 400 && !stop.get(); i++) {
                    sa.send(send(i + big));
                }
                return null;
            });
            new Thread(sending, "stopped-reader sender").start();
            // An HTTP sender cannot be paused: once b is backed up it is told to retry. What is
            // accepted before that goes to b like the rest of the flood (within a's rate).
            String backedUp = "A recipient is not reading its messages fast enough; try again later\n";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            HttpResponse<String> posted = TestServer.post("/message/" + room + "/" + a.clientId(), "over http");
            while (posted.statusCode() == 200) {
                assertTrue(System.nanoTime() < deadline, "b never backed up");
                Thread.sleep(50);
                posted = TestServer.post("/message/" + room + "/" + a.clientId(), "over http");
            }
            assertEquals(429, posted.statusCode(), posted.body());
            assertEquals(backedUp, posted.body());
            HttpResponse<String> collider = TestServer.post("/signaling/" + room + "/" + a.clientId(), "over http");
            assertEquals(429, collider.statusCode());
            assertEquals(backedUp, collider.body());
            assertEquals(backedUpBefore + 2, refused("backed_up"));
            stop.set(true);

            // the tests run with a 3 s stall time
            deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (refused("stalled") == stalledBefore) {
                assertTrue(System.nanoTime() < deadline, "the member that stopped reading is still connected");
                Thread.sleep(50);
            }
            awaitOpenSockets(1);
            sending.get(20, TimeUnit.SECONDS); // the sender is read again: its sends went through
            // The rest of its flood is queued for the gone member until the room's queue is full.
            sa.send("{\"cmd\":\"dance\"}");
            for (String frame = sa.nextFrame(); !frame.equals(error("unknown-cmd", "Invalid message: unexpected 'cmd'")); frame = sa.nextFrame()) {
                assertEquals(error("room-queue-full", "Too many messages queued in the room"), frame);
            }
            assertTrue(sa.isOpen());
        }
    }

    @Test
    void aRoomQueuesAtMostItsBytesAndARegisterGetsThemAllInOrder() throws Exception {
        String room = Rooms.fresh("room-bound");
        Rooms.Joined a = Rooms.join(room);
        Rooms.Joined b = Rooms.join(room);
        // 1 MiB a room by default: 17 messages of 60 000 characters; the 18th is refused every way
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            String message = String.format("%05d", i) + "y".repeat(59_995);
            assertEquals("{\"result\":\"SUCCESS\"}", TestServer.post("/message/" + room + "/" + a.clientId(), message).body());
            kept.add(message);
        }
        long refusedBefore = refused("room_queue");
        String oneMore = "z".repeat(60_000);
        assertEquals("{\"result\":\"ERROR\",\"error\":\"Too many messages queued in the room\"}",
                TestServer.post("/message/" + room + "/" + a.clientId(), oneMore).body());
        HttpResponse<String> collider = TestServer.post("/signaling/" + room + "/" + a.clientId(), oneMore);
        assertEquals(500, collider.statusCode());
        assertEquals("Too many messages queued in the room\n", collider.body());
        try (WebSocketClient sa = Rooms.connect(a, false)) {
            sa.send(send(oneMore));
            assertEquals(error("room-queue-full", "Too many messages queued in the room"), sa.nextFrame());
            assertEquals(refusedBefore + 3, refused("room_queue"));

            // More than a socket's backlog (256 KiB by default): handed over as b reads, in order.
            try (WebSocketClient sb = Rooms.connect(b, false)) {
                sa.send(send("after"));
                for (String message : kept) {
                    assertEquals(delivered(message, a), sb.nextFrame());
                }
                assertEquals(delivered("after", a), sb.nextFrame());
                sb.expectSilence(QUIET);
            }
        }
    }

    @Test
    void atMost1024MessagesWaitForAMember() throws Exception {
        String room = Rooms.fresh("bound");
        Rooms.Joined a = Rooms.join(room);
        Rooms.join(room);
        // more than the rate limit's burst: the sender waits as 429's Retry-After says
        for (int i = 0; i < 1024; i++) {
            assertEquals("{\"result\":\"SUCCESS\"}", postRetrying("/message/" + room + "/" + a.clientId(), "h" + i).body());
        }
        assertEquals("{\"result\":\"ERROR\",\"error\":\"Too many messages queued for the client\"}",
                postRetrying("/message/" + room + "/" + a.clientId(), "one more").body());
        HttpResponse<String> collider = postRetrying("/signaling/" + room + "/" + a.clientId(), "one more");
        assertEquals(500, collider.statusCode());
        assertEquals("Too many messages queued for the client\n", collider.body());
    }

    /** Posts until the answer is not 429, waiting as Retry-After says in between. */
    private static HttpResponse<String> postRetrying(String path, String body) throws Exception {
        while (true) {
            HttpResponse<String> posted = TestServer.post(path, body);
            if (posted.statusCode() != 429) {
                return posted;
            }
            Thread.sleep(1000L * Integer.parseInt(posted.headers().firstValue("Retry-After").orElseThrow()));
        }
    }

    /** A count under {@code refused} in {@code /signaling/status}. */
    private static long refused(String limit) throws Exception {
        return Json.object(TestServer.get("/signaling/status").body()).getJsonObject("refused").getJsonNumber(limit)
                .longValue();
    }

    private static long pushBacks() throws Exception {
        return Json.object(TestServer.get("/signaling/status").body()).getJsonNumber("wspushback").longValue();
    }

    private static long openSockets() throws Exception {
        return Json.object(TestServer.get("/signaling/status").body()).getJsonNumber("openws").longValue();
    }

    /** Until the server counts exactly {@code count} open signaling sockets (this class runs alone on it). */
    private static void awaitOpenSockets(long count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (openSockets() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server still counts " + openSockets() + " open sockets, expected " + count);
            }
            Thread.sleep(20);
        }
    }
}
