package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our call client in real headless Chromium browsers with fake camera and microphone, against the
 * provisioned server and its TURN relay. Each scenario waits a bounded time and says what it last
 * saw when a call does not come up; screenshots land in target/e2e-screenshots.
 */
class BrowserCallIT extends RunningServerTest {
    private static final Duration CONNECT = Browser.CONNECT;
    private static final List<Browser> BROWSERS = new ArrayList<>();

    /** The i-th browser, started on first use and kept for the next scenarios (a start costs seconds). */
    private static Browser browser(int i) throws Exception {
        while (BROWSERS.size() <= i) {
            BROWSERS.add(Browser.start("browser-" + (char) ('a' + BROWSERS.size())));
        }
        return BROWSERS.get(i);
    }

    @AfterEach
    void leaveTheCalls() {
        BROWSERS.forEach(Browser::leavePage);
    }

    @AfterAll
    static void closeBrowsers() {
        BROWSERS.forEach(Browser::close);
        BROWSERS.clear();
    }

    @Test
    void twoBrowsersInAPairRoomConnectAndVideoFlowsBothWays() throws Exception {
        String room = Rooms.fresh("pair");
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room, 1, a, b);
        for (Browser browser : List.of(a, b)) {
            long before = videoBytes(browser.calls());
            browser.await("inbound video bytes growing past " + before, CONNECT, calls -> videoBytes(calls) > before + 10_000);
            browser.screenshot("pair");
        }
    }

    @Test
    void relayOnlyCallsGoThroughOurTurnServer() throws Exception {
        String room = Rooms.fresh("relay");
        long relayedBefore = turn().getJsonNumber("bytes_relayed").longValue();
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room + "?it=relay", 1, a, b);
        for (Browser browser : List.of(a, b)) {
            JsonObject peer = onlyPeer(browser.calls());
            assertEquals("relay", peer.getString("local"), browser.name() + " " + peer);
            assertEquals("relay", peer.getString("remote"), browser.name() + " " + peer);
            browser.screenshot("relay");
        }
        JsonObject turn = turn();
        assertTrue(turn.getInt("allocations") >= 2, "the connector counts the browsers' allocations: " + turn);
        assertTrue(turn.getJsonNumber("bytes_relayed").longValue() > relayedBefore + 10_000, "media went through: " + turn);
    }

    @Test
    void threeBrowsersInAMeshRoomAllConnectPairwise() throws Exception {
        String room = Rooms.fresh("mesh");
        Browser a = browser(0);
        Browser b = browser(1);
        Browser c = browser(2);
        connectAll("/r/" + room + "?mode=mesh", 2, a, b, c);
        for (Browser browser : List.of(a, b, c)) {
            browser.screenshot("mesh");
        }
    }

    @Test
    void aThirdBrowserInAFullPairRoomIsToldTheRoomIsFull() throws Exception {
        String room = Rooms.fresh("full");
        connectAll("/r/" + room, 1, browser(0), browser(1));
        Browser c = browser(2);
        c.open("/r/" + room);
        c.await("the room-full state", CONNECT, calls -> calls.getString("state").equals("full"));
        assertEquals("room-full", c.attribute("#notice", "data-kind"));
        c.screenshot("full");
    }

    @Test
    void whenOneHangsUpTheOtherSeesItAndTheRoomEmpties() throws Exception {
        String room = Rooms.fresh("hangup");
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room, 1, a, b);
        a.click("#hangup");
        a.await("the left state", CONNECT, calls -> calls.getString("state").equals("left"));
        b.await("the peer's connection removed", CONNECT, calls -> calls.getJsonObject("peers").isEmpty());
        assertEquals("0", b.script("document.querySelectorAll('.tile.remote').length"));
        a.screenshot("hangup");
        b.screenshot("hangup");
        b.click("#hangup");
        b.await("the left state", CONNECT, calls -> calls.getString("state").equals("left"));
        assertEquals("true", Rooms.join(room).params().getString("is_initiator"), "the room was emptied and deleted");
    }

    /** Opens the room at {@code path} of the test server in each browser in turn, as {@link Browser#connectAll}. */
    private static void connectAll(String path, int peers, Browser... browsers) throws Exception {
        Browser.connectAll(Browser.onTestServer(path), peers, browsers);
    }

    private static JsonObject onlyPeer(JsonObject calls) {
        assertEquals(1, calls.getJsonObject("peers").size(), calls.toString());
        return calls.getJsonObject("peers").values().iterator().next().asJsonObject();
    }

    private static long videoBytes(JsonObject calls) {
        return calls.getJsonObject("peers").values().stream()
                .mapToLong(p -> p.asJsonObject().getJsonNumber("videoBytes").longValue()).min().orElse(0);
    }

    private static JsonObject turn() throws Exception {
        return Json.object(TestServer.get("/signaling/status").body()).getJsonObject("turn");
    }
}
