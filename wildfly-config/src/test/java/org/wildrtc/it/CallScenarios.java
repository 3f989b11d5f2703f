package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;

/**
 * What a person does in a call and checks on the other side, written once for any two {@link CallPage}s
 * (Chromium or Firefox), and the readings of the page's call state the scenarios share.
 */
final class CallScenarios {
    private CallScenarios() {
    }

    /** The one remote peer of a pair call; fails when there are more or none. */
    static JsonObject onlyPeer(JsonObject calls) {
        assertEquals(1, calls.getJsonObject("peers").size(), calls.toString());
        return calls.getJsonObject("peers").values().iterator().next().asJsonObject();
    }

    /** The fewest inbound video bytes of any remote peer: grows only when every tile gets video. */
    static long videoBytes(JsonObject calls) {
        return calls.getJsonObject("peers").values().stream()
                .mapToLong(p -> p.asJsonObject().getJsonNumber("videoBytes").longValue()).min().orElse(0);
    }

    /**
     * A chat line with markup in it goes from {@code from} to {@code to}: counted unread while the
     * panel is closed, then shown as text under the sender's name, with no element made of it.
     */
    static void chatReachesTheOtherAsText(CallPage from, CallPage to) throws Exception {
        String hostile = "<img src=x onerror=\"document.title='owned'\"> hi from " + from.name();
        chatOpen(to, false);
        chatOpen(from, true);
        from.type("#chat-input", hostile);
        from.click("#chat-send");
        to.await("the unread count", CallPage.CONNECT,
                calls -> to.script("document.querySelector('#chat-unread').textContent").equals("1"));
        chatOpen(to, true);
        assertEquals(from.name(), to.script("document.querySelector('#chat-log li:last-child .who').textContent"));
        assertEquals(hostile, to.script("document.querySelector('#chat-log li:last-child .text').textContent"),
                "shown as text");
        assertEquals("0", to.script("document.querySelectorAll('#chat-log img').length"));
        assertEquals("true", to.script("document.querySelector('#chat-unread').hidden"), "read once the panel is open");
        assertEquals("WildRTC", to.script("document.title"));
    }

    private static void chatOpen(CallPage page, boolean open) {
        if (page.script("document.querySelector('#chat').hidden").equals(String.valueOf(open))) {
            page.click("#chat-toggle");
        }
    }

    /**
     * {@code presenter} shares its screen: it sees that it presents, {@code viewer} sees that tile
     * large with video still arriving (now the screen's), and both return to the grid on stop.
     */
    static void theSharedScreenReachesTheOther(CallPage presenter, CallPage viewer, String scenario) throws Exception {
        presenter.click("#present");
        presenter.await("the presenting state", CallPage.CONNECT,
                calls -> presenter.script("document.querySelector('#presenting-banner').hidden").equals("false"));
        assertEquals("true", presenter.script("document.querySelector('#present').getAttribute('aria-pressed')"));
        viewer.await(presenter.name() + "'s tile shown large", CallPage.CONNECT,
                calls -> viewer.script("document.querySelector('.tile.remote').classList.contains('presenting')").equals("true"));
        long before = videoBytes(viewer.calls());
        viewer.await("video still flowing from the screen", CallPage.CONNECT, calls -> videoBytes(calls) > before + 10_000);
        viewer.screenshot(scenario);
        presenter.click("#stop-presenting");
        viewer.await("the tile back in the grid", CallPage.CONNECT,
                calls -> viewer.script("document.querySelector('.tile.remote').classList.contains('presenting')").equals("false"));
        assertEquals("true", presenter.script("document.querySelector('#presenting-banner').hidden"));
    }
}
