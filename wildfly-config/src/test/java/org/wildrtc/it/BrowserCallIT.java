package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wildrtc.it.CallScenarios.chatReachesTheOtherAsText;
import static org.wildrtc.it.CallScenarios.onlyPeer;
import static org.wildrtc.it.CallScenarios.theSharedScreenReachesTheOther;
import static org.wildrtc.it.CallScenarios.videoBytes;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    void twoBrowsersInAPairRoomConnectVideoFlowsBothWaysAndATileGoesFullScreen() throws Exception {
        String room = Rooms.fresh("pair");
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room, 1, a, b);
        for (Browser browser : List.of(a, b)) {
            long before = videoBytes(browser.calls());
            browser.await("inbound video bytes growing past " + before, CONNECT, calls -> videoBytes(calls) > before + 10_000);
            browser.await("the other's (fake) microphone heard as speaking", CONNECT,
                    calls -> onlyPeer(calls).getBoolean("speaking"));
            browser.screenshot("pair");
        }
        String fullScreen = "document.fullscreenElement?.classList.contains('remote') === true";
        a.click(".tile.remote .fullscreen");
        a.await("the other's tile full screen", CONNECT, calls -> a.script(fullScreen).equals("true"));
        a.screenshot("full-screen");
        assertEquals("Exit full screen", a.script("document.querySelector('.tile.remote .fullscreen').textContent"));
        a.click(".tile.remote .fullscreen");
        a.await("back from full screen", CONNECT, calls -> a.script("document.fullscreenElement === null").equals("true"));
        a.await("the button offering full screen again", CONNECT,
                calls -> a.script("document.querySelector('.tile.remote .fullscreen').textContent").equals("Full screen"));
    }

    @Test
    void joinedMutedWithTheCameraOffNobodyHearsUntilTheMicrophoneIsTurnedOn() throws Exception {
        String room = Rooms.fresh("muted");
        Browser a = browser(0);
        Browser b = browser(1);
        a.open("/r/" + room);
        a.await("the lobby", CONNECT, calls -> calls.getString("state").equals("lobby"));
        a.click("#join-muted");
        a.click("#join-camera-off");
        a.click("#lobby-join");
        a.await("joining the call", CONNECT, calls -> calls.getString("state").equals("in-call"));
        assertEquals("true", a.script("document.querySelector('#mute').getAttribute('aria-pressed')"));
        assertEquals("true", a.script("document.querySelector('#camera').getAttribute('aria-pressed')"));
        assertEquals("true", a.script("document.querySelector('.tile.local').classList.contains('no-video')"));
        b.join(Browser.onTestServer("/r/" + room), b.name());
        b.await("a connected peer", CONNECT, calls -> onlyPeer(calls).getString("state").equals("connected")
                && !onlyPeer(calls).getString("route").isEmpty());
        long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < quietUntil) {
            assertFalse(onlyPeer(b.calls()).getBoolean("speaking"), "b hears a, who joined muted");
            Thread.sleep(250);
        }
        a.click("#mute");
        b.await("a heard once unmuted", CONNECT, calls -> onlyPeer(calls).getBoolean("speaking"));
    }

    @Test
    void anotherCameraAndSpeakerChosenMidCallKeepTheCall() throws Exception {
        String room = Rooms.fresh("devices");
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room, 1, a, b);
        String track = "document.querySelector('#local-video').srcObject.getVideoTracks()[0].label";
        String first = a.script(track);
        String other = first.equals(Browser.OTHER_CAMERA) ? Browser.FIRST_CAMERA : Browser.OTHER_CAMERA;
        long flowing = videoBytes(b.calls());
        b.await("video from the first camera", CONNECT, calls -> videoBytes(calls) > flowing + 10_000);
        a.click("#settings-toggle");
        a.choose("#camera-select", other);
        a.await(other + " in the preview instead of " + first, CONNECT, calls -> a.script(track).equals(other));
        long before = videoBytes(b.calls());
        b.await("video still flowing from the new camera", CONNECT, calls -> videoBytes(calls) > before + 10_000);
        assertEquals("connected", onlyPeer(b.calls()).getString("state"));
        assertEquals("1", a.script("document.querySelectorAll('.tile.remote').length"));
        assertEquals("1", a.script("document.querySelector('#local-video').srcObject.getVideoTracks().length"),
                "the first camera is stopped and gone");
        a.screenshot("camera-switched");
        String sink = "document.querySelector('.tile.remote video').sinkId";
        assertEquals("", a.script(sink), "the default speaker until one is chosen");
        a.choose("#speaker-select", "Fake Audio Output 1");
        String chosen = a.script("document.querySelector('#speaker-select').value");
        a.await("the other's sound on the chosen speaker", CONNECT, calls -> a.script(sink).equals(chosen));
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
    void namesChatBothWaysAndTheNetworkIndicatorReachTheOthers() throws Exception {
        String room = Rooms.fresh("chat");
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room, 1, a, b);
        a.await("b's name on its tile", CONNECT, calls -> onlyPeer(calls).getString("name").equals(b.name()));
        b.await("a's name on its tile", CONNECT, calls -> onlyPeer(calls).getString("name").equals(a.name()));
        assertEquals(a.name() + " (you)", a.script("document.querySelector('#local-name').textContent"));

        chatReachesTheOtherAsText(a, b);
        chatReachesTheOtherAsText(b, a);

        // The tile's indicator says how the call goes, from getStats: direct here, with a round trip.
        b.await("a direct route with a round trip", CONNECT, calls -> onlyPeer(calls).getString("route").equals("direct")
                && !b.script("document.querySelector('.tile.remote').dataset.rtt").isEmpty());
        assertTrue(b.script("document.querySelector('.tile.remote .net').textContent").startsWith("direct · "),
                b.script("document.querySelector('.tile.remote .net').textContent"));
        b.screenshot("chat");
    }

    @Test
    void theSharedScreenReplacesTheCameraForTheOthersAndStops() throws Exception {
        String room = Rooms.fresh("present");
        Browser a = browser(0);
        Browser b = browser(1);
        connectAll("/r/" + room, 1, a, b);
        theSharedScreenReachesTheOther(a, b, "presenting");
    }

    @Test
    void atPhoneWidthItJoinsByKeyboardFitsTheScreenLabelsEveryControlAndLoadsNothingFromElsewhere() throws Exception {
        Browser a = browser(0);
        a.resize(390, 780);
        try {
            a.open("/r/" + Rooms.fresh("phone"));
            a.await("the lobby", CONNECT, calls -> calls.getString("state").equals("lobby"));
            assertEquals("display-name", a.script("document.activeElement.id"), "the lobby starts in the name field");
            a.type("#display-name", "Phone\n");  // Enter submits: joined without a pointer
            a.await("joining the call", CONNECT, calls -> calls.getString("state").equals("in-call"));
            assertEquals("true", a.script("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
            assertEquals("", a.script("[...document.querySelectorAll('button')].filter((b) => b.offsetParent)"
                    + ".filter((b) => !(b.getAttribute('aria-label') || b.textContent).trim()).map((b) => b.id).join()"),
                    "buttons without a name");
            assertEquals("", a.script("[...document.querySelectorAll('input, select')]"
                    + ".filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id).join()"),
                    "fields without a label");
            assertEquals("", a.script("performance.getEntriesByType('resource').map((r) => r.name)"
                    + ".filter((url) => !url.startsWith(location.origin) && !url.startsWith('wss://' + location.host)).join()"),
                    "nothing from a CDN or a font service");
            a.screenshot("phone");
        } finally {
            a.resize(800, 600);
        }
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
        c.await("the lobby", CONNECT, calls -> calls.getString("state").equals("lobby"));
        c.click("#lobby-join");
        c.await("the room-full state", CONNECT, calls -> calls.getString("state").equals("full"));
        assertEquals("This room is full", c.script("document.querySelector('#end-title').textContent"));
        // Said once, on the end view: no notice banner, no status line repeating it.
        assertEquals("true", c.script("document.querySelector('#notice').hidden"));
        assertEquals("", c.script("document.querySelector('#status').textContent"));
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

    /** Opens the room at {@code path} of the test server in each browser in turn, as {@link CallPage#connectAll}. */
    private static void connectAll(String path, int peers, Browser... browsers) throws Exception {
        Browser.connectAll(Browser.onTestServer(path), peers, browsers);
    }

    private static JsonObject turn() throws Exception {
        return Json.object(TestServer.get("/signaling/status").body()).getJsonObject("turn");
    }
}
