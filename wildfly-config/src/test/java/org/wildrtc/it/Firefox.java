package org.wildrtc.it;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Debian Firefox ESR with fake camera and microphone, inside a network namespace,
 * driven over WebDriver BiDi (Firefox's own remote protocol: no geckodriver, nothing downloaded)
 * through a {@link BidiBridge} in the same namespace. Firefox needs an address other than loopback
 * to gather ICE candidates, so it runs only in the tests' namespaces with veth links
 * ({@link CloudTopology}); the server's test certificates are accepted for the session.
 */
final class Firefox extends CallPage {
    private static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    private static final int ANSWER_SECONDS = 30;
    private static final int START_SECONDS = 60;
    /** Fake media without asking, sound allowed to play, nothing fetched at start. */
    private static final String PREFERENCES = """
            user_pref("media.navigator.streams.fake", true);
            user_pref("media.navigator.permission.disabled", true);
            user_pref("media.autoplay.default", 0);
            user_pref("browser.shell.checkDefaultBrowser", false);
            user_pref("app.update.disabledForTesting", true);
            user_pref("network.captive-portal-service.enabled", false);
            user_pref("network.connectivity-service.enabled", false);
            """;

    private final Process firefox;
    private final Process bridge;
    private final Writer commands;
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private String context;

    private Firefox(String name, Process firefox, Process bridge) {
        super(name);
        this.firefox = firefox;
        this.bridge = bridge;
        this.commands = new OutputStreamWriter(bridge.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "bidi-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Firefox in {@code namespace}, its profile and log under {@code directory}; BiDi on {@code port} there. */
    static Firefox startIn(NetworkNamespace namespace, Path directory, String name, int port) throws Exception {
        if (!Files.isExecutable(FIREFOX)) {
            throw new IllegalStateException(FIREFOX + " is missing: install the Debian package firefox-esr (.ci/run does)");
        }
        Path profile = TestFiles.fresh(directory.resolve("firefox-" + name));
        Files.writeString(profile.resolve("user.js"), PREFERENCES);
        Path log = directory.resolve("firefox-" + name + ".log");
        List<String> command = namespace.exec(FIREFOX.toString(), "--headless", "--no-remote", "--profile",
                profile.toAbsolutePath().toString(), "--remote-debugging-port", String.valueOf(port), "about:blank");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", profile.toAbsolutePath().toString());
        Process firefox = builder.start();
        try {
            awaitListening(firefox, log);
            String java = ProcessHandle.current().info().command().orElse("java");
            Process bridge = new ProcessBuilder(namespace.exec(java, "-cp", System.getProperty("java.class.path"),
                    BidiBridge.class.getName(), String.valueOf(port)))
                    .redirectError(directory.resolve("bidi-" + name + ".log").toFile()).start();
            Firefox browser = new Firefox(name, firefox, bridge);
            browser.command("session.new", jakarta.json.Json.createObjectBuilder().add("capabilities",
                    jakarta.json.Json.createObjectBuilder().add("alwaysMatch",
                            jakarta.json.Json.createObjectBuilder().add("acceptInsecureCerts", true))));
            browser.context = browser.command("browsingContext.getTree", jakarta.json.Json.createObjectBuilder())
                    .getJsonArray("contexts").getJsonObject(0).getString("context");
            return browser;
        } catch (Exception | Error e) {
            stop(firefox);
            throw e;
        }
    }

    private static void awaitListening(Process firefox, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("WebDriver BiDi listening")) {
                return;
            }
            if (!firefox.isAlive()) {
                throw new IllegalStateException("Firefox ended with " + firefox.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new TimeoutException("Firefox did not open WebDriver BiDi within " + START_SECONDS + " s: "
                + Files.readString(log));
    }

    @Override
    void openUrl(String url) {
        command("browsingContext.navigate", inContext().add("url", url).add("wait", "complete"));
    }

    @Override
    String evaluate(String expression) {
        JsonObject result = command("script.evaluate", jakarta.json.Json.createObjectBuilder()
                .add("expression", expression).add("awaitPromise", false)
                .add("target", jakarta.json.Json.createObjectBuilder().add("context", context)));
        if (!result.getString("type").equals("success")) {
            throw new IllegalStateException(name() + ": " + expression + " threw " + result);
        }
        // A remote value: {"type": "string", "value": …}; undefined and null have no value.
        JsonObject value = result.getJsonObject("result");
        return value.get("value") instanceof JsonString text ? text.getString() : value.getString("type");
    }

    /** A real pointer click on the middle of the element, which counts as the person's gesture. */
    @Override
    void click(String css) {
        JsonObject node = command("script.evaluate", jakarta.json.Json.createObjectBuilder()
                .add("expression", "document.querySelector(" + jsString(css) + ")").add("awaitPromise", false)
                .add("target", jakarta.json.Json.createObjectBuilder().add("context", context))).getJsonObject("result");
        if (!node.getString("type").equals("node")) {
            throw new IllegalStateException(name() + ": no element " + css + " to click");
        }
        JsonArrayBuilder steps = jakarta.json.Json.createArrayBuilder()
                .add(jakarta.json.Json.createObjectBuilder().add("type", "pointerMove").add("x", 0).add("y", 0)
                        .add("origin", jakarta.json.Json.createObjectBuilder().add("type", "element")
                                .add("element", jakarta.json.Json.createObjectBuilder().add("sharedId", node.getString("sharedId")))))
                .add(jakarta.json.Json.createObjectBuilder().add("type", "pointerDown").add("button", 0))
                .add(jakarta.json.Json.createObjectBuilder().add("type", "pointerUp").add("button", 0));
        perform(jakarta.json.Json.createObjectBuilder().add("type", "pointer").add("id", "mouse")
                .add("parameters", jakarta.json.Json.createObjectBuilder().add("pointerType", "mouse")).add("actions", steps));
    }

    /** Clicks into the input, empties it, and types the text key by key. */
    @Override
    void type(String css, String text) {
        click(css);
        evaluate("(() => { const input = document.querySelector(" + jsString(css) + "); input.value = ''; return ''; })()");
        JsonArrayBuilder keys = jakarta.json.Json.createArrayBuilder();
        text.codePoints().mapToObj(Character::toString).forEach(key -> keys
                .add(jakarta.json.Json.createObjectBuilder().add("type", "keyDown").add("value", key))
                .add(jakarta.json.Json.createObjectBuilder().add("type", "keyUp").add("value", key)));
        perform(jakarta.json.Json.createObjectBuilder().add("type", "key").add("id", "keyboard").add("actions", keys));
    }

    private void perform(JsonObjectBuilder source) {
        command("input.performActions", inContext().add("actions", jakarta.json.Json.createArrayBuilder().add(source)));
    }

    @Override
    byte[] screenshotPng() {
        return Base64.getDecoder().decode(command("browsingContext.captureScreenshot", inContext()).getString("data"));
    }

    @Override
    void leavePage() {
        openUrl("about:blank");
    }

    @Override
    public void close() {
        bridge.destroy();
        stop(firefox);
    }

    private static void stop(Process firefox) {
        List<ProcessHandle> children = new ArrayList<>(firefox.descendants().toList());
        firefox.destroy();
        try {
            if (!firefox.waitFor(10, TimeUnit.SECONDS)) {
                firefox.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            firefox.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private JsonObjectBuilder inContext() {
        return jakarta.json.Json.createObjectBuilder().add("context", context);
    }

    /** Sends one BiDi command and waits for its answer's result; an error answer fails the test. */
    private JsonObject command(String method, JsonObjectBuilder parameters) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        String message = jakarta.json.Json.createObjectBuilder().add("id", id).add("method", method)
                .add("params", parameters).build().toString();
        try {
            synchronized (commands) {
                commands.write(message + "\n");
                commands.flush();
            }
            JsonObject reply = answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (reply.getString("type", "").equals("error")) {
                throw new IllegalStateException(name() + ": " + method + " failed: " + reply);
            }
            return reply.getJsonObject("result");
        } catch (IOException e) {
            throw new UncheckedIOException(name() + ": the BiDi bridge is gone", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name() + ": interrupted waiting for " + method, e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name() + ": no answer to " + method + " within " + ANSWER_SECONDS + " s", e);
        } finally {
            waiting.remove(id);
        }
    }

    /** Hands each answer to its command; events (no id) are not needed. */
    private void readAnswers() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonObject message = Json.object(line);
                if (message.containsKey("id") && !message.isNull("id")) {
                    CompletableFuture<JsonObject> answer = waiting.get(message.getInt("id"));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
        } catch (IOException e) {
            // the bridge ended: commands waiting time out with their own message
        }
    }

    private static String jsString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }
}
