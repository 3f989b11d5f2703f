package org.wildrtc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium with fake camera and microphone, driven by the Debian chromedriver:
 * nothing is downloaded. Flags from TESTING-NOTES: no background DNS, the server's self-signed
 * certificate accepted; on the tests' loopback-only network, loopback candidates allowed.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a call may take to come up. */
    static final Duration CONNECT = Duration.ofSeconds(40);
    /** Reads each peer connection's state, inbound video bytes and selected candidate pair's types and addresses. */
    private static final String PEER_STATS = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const peers = {};
              for (const [peer, pc] of window.wildrtc.connections) {
                const report = await pc.getStats();
                let videoBytes = 0, pairId = null;
                report.forEach((s) => {
                  if (s.type === 'inbound-rtp' && s.kind === 'video') videoBytes += s.bytesReceived || 0;
                  if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
                });
                const pair = pairId && report.get(pairId);
                const local = pair && report.get(pair.localCandidateId);
                const remote = pair && report.get(pair.remoteCandidateId);
                peers[peer] = {state: pc.connectionState, videoBytes,
                               local: (local && local.candidateType) || '', remote: (remote && remote.candidateType) || '',
                               localAddress: (local && (local.address || local.ip)) || '',
                               remoteAddress: (remote && (remote.address || remote.ip)) || ''};
              }
              done(JSON.stringify({state: window.wildrtc.state, peers}));
            })().catch((e) => done(JSON.stringify({state: 'script-error: ' + e, peers: {}})));
            """;

    private final String name;
    private final ChromeDriver driver;

    private Browser(String name, ChromeDriver driver) {
        this.name = name;
        this.driver = driver;
    }

    /** A browser on the tests' loopback-only network, for the test server there. */
    static Browser start(String name) throws Exception {
        return start(name, CHROMIUM, List.of("--allow-loopback-in-peer-connection",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"));
    }

    /**
     * A browser inside a network namespace: chromedriver runs here and starts Chromium through
     * {@code ip netns exec}, talking to it over the pipe Chromium inherits (--remote-debugging-pipe)
     * rather than over a TCP port on the namespace's loopback, which this JVM cannot reach.
     * {@code resolverRules} is Chromium's {@code --host-resolver-rules}: the names it may resolve.
     */
    static Browser startIn(NetworkNamespace namespace, Path directory, String name, String resolverRules) throws Exception {
        Files.createDirectories(directory);
        Path chromium = directory.resolve("chromium-in-" + namespace.name());
        Files.writeString(chromium, "#!/bin/sh\nexec " + String.join(" ", namespace.exec(CHROMIUM.toString())) + " \"$@\"\n");
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwxr-xr-x"));
        return start(name, chromium, List.of("--remote-debugging-pipe", "--host-resolver-rules=" + resolverRules));
    }

    private static Browser start(String name, Path binary, List<String> networkFlags) throws Exception {
        requireInstalled();
        Path profile = Path.of(System.getProperty("it.browser.profiles", "target/browser-profiles"), name);
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--disable-component-update", "--no-pings", "--dns-prefetch-disable", "--window-size=800,600",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(networkFlags);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(name, new ChromeDriver(service, options));
    }

    private static void requireInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install the Debian packages chromium and "
                        + "chromium-driver (.ci/run does)");
            }
        }
    }

    /** The URL of {@code path} on the test server on loopback. */
    static String onTestServer(String path) {
        return "https://127.0.0.1:" + TestServer.port("https") + path;
    }

    void open(String path) {
        openUrl(onTestServer(path));
    }

    void openUrl(String url) {
        driver.get(url);
    }

    String name() {
        return name;
    }

    /** {@code {"state": wildrtc.state, "peers": {peerId: {state, videoBytes, local, remote, localAddress, remoteAddress}}}} */
    JsonObject calls() {
        return Json.object((String) ((JavascriptExecutor) driver).executeAsyncScript(PEER_STATS));
    }

    String script(String expression) {
        Object value = ((JavascriptExecutor) driver).executeScript("return String(" + expression + ");");
        return String.valueOf(value);
    }

    String attribute(String css, String attribute) {
        return driver.findElement(By.cssSelector(css)).getAttribute(attribute);
    }

    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    /**
     * Waits for the condition on {@link #calls()}, failing with what the browser showed last, so a
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

    /** Opens {@code url} in each browser in turn; then every one has {@code peers} connected peers. */
    static void connectAll(String url, int peers, Browser... browsers) throws Exception {
        for (Browser browser : browsers) {
            browser.openUrl(url);
            browser.await("joining the call", CONNECT, calls -> calls.getString("state").equals("in-call"));
        }
        for (Browser browser : browsers) {
            browser.await(peers + " connected peer(s)", CONNECT, calls -> {
                Map<String, JsonValue> connections = calls.getJsonObject("peers");
                return connections.size() == peers && connections.values().stream()
                        .allMatch(p -> p.asJsonObject().getString("state").equals("connected"));
            });
        }
    }

    /** Saved under target/e2e-screenshots as a test artifact. */
    void screenshot(String scenario) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path dir = Path.of(System.getProperty("it.screenshots", "target/e2e-screenshots"));
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(scenario + "-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Leaves the page, so the client's pagehide hang-up runs. */
    void leavePage() {
        driver.get("about:blank");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
