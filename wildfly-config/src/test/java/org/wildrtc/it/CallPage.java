package org.wildrtc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Our call page in a real browser, read as a person sees it: the call's state and each remote
 * tile, whose network indicator the client fills from getStats. {@link Browser} drives Chromium,
 * {@link Firefox} drives Firefox; the scenarios are written once against this. A browser that
 * stops answering fails the test with an unchecked exception.
 */
abstract class CallPage implements AutoCloseable {
    /** How long a call may take to come up. */
    static final Duration CONNECT = Duration.ofSeconds(40);
    /**
     * {@code {"state": the call's, "peers": {peerId: {state, videoBytes, local, remote, localAddress,
     * remoteAddress, route, name, speaking}}}}, as JSON text.
     */
    private static final String PAGE_STATE = """
            (() => {
              const peers = {};
              for (const tile of document.querySelectorAll('.tile.remote')) {
                const d = tile.dataset;
                peers[d.peer] = {state: d.state || '', videoBytes: Number(d.videoBytes || 0),
                                 local: d.localCandidate || '', remote: d.remoteCandidate || '',
                                 localAddress: d.localAddress || '', remoteAddress: d.remoteAddress || '',
                                 route: d.route || '', name: tile.querySelector('.name').textContent,
                                 speaking: tile.classList.contains('speaking')};
              }
              return JSON.stringify({state: document.body.dataset.state || '', peers});
            })()""";

    private final String name;

    CallPage(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    abstract void openUrl(String url);

    /** The value of a JavaScript expression that yields a string. */
    abstract String evaluate(String expression);

    /** Clicks the element at {@code css} as a person would (a trusted click). */
    abstract void click(String css);

    /** Replaces the text of the input at {@code css} by typing {@code text}. */
    abstract void type(String css, String text);

    /** The page as a PNG. */
    abstract byte[] screenshotPng() throws Exception;

    /** Leaves the page, so the client's pagehide hang-up runs. */
    abstract void leavePage();

    @Override
    public abstract void close();

    /** The value of {@code expression}, as a string. */
    String script(String expression) {
        return evaluate("String(" + expression + ")");
    }

    JsonObject calls() {
        return Json.object(evaluate(PAGE_STATE));
    }

    /**
     * Waits for the condition on {@link #calls()}, failing with what the page showed last, so a
     * call that never connects fails in bounded time with a reason instead of hanging.
     */
    JsonObject await(String what, Duration timeout, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = calls();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                screenshot("timeout");
                throw new AssertionError(name + ": " + what + " did not happen within " + timeout.toSeconds()
                        + " s; last seen: " + last + ", status: " + script("document.querySelector('#status')?.textContent")
                        + ", notice: " + script("document.querySelector('#notice')?.dataset.kind"));
            }
            Thread.sleep(250);
            last = calls();
        }
        return last;
    }

    /** Opens the room at {@code url} and joins from its lobby as {@code displayName}. */
    void join(String url, String displayName) throws Exception {
        openUrl(url);
        await("the lobby", CONNECT, calls -> calls.getString("state").equals("lobby"));
        type("#display-name", displayName);
        click("#lobby-join");
        await("joining the call", CONNECT, calls -> calls.getString("state").equals("in-call"));
    }

    /**
     * Opens {@code url} in each page in turn and joins under the page's name; then every one has
     * {@code peers} connected peers, each with its route on the tile (the client read its statistics).
     */
    static void connectAll(String url, int peers, CallPage... pages) throws Exception {
        for (CallPage page : pages) {
            page.join(url, page.name());
        }
        for (CallPage page : pages) {
            page.await(peers + " connected peer(s)", CONNECT, calls -> {
                Map<String, JsonValue> connections = calls.getJsonObject("peers");
                return connections.size() == peers && connections.values().stream().map(JsonValue::asJsonObject)
                        .allMatch(p -> p.getString("state").equals("connected") && !p.getString("route").isEmpty());
            });
        }
    }

    /** Saved under target/e2e-screenshots as a test artifact. */
    void screenshot(String scenario) throws Exception {
        Path dir = Path.of(System.getProperty("it.screenshots", "target/e2e-screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(scenario + "-" + name + ".png"), screenshotPng());
    }
}
