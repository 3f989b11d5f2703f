package org.wildrtc.it;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket test client that queues the text frames it receives and records the close. */
final class WebSocketClient implements WebSocket.Listener, AutoCloseable {
    private static final String UNKNOWN_COMMAND = Rooms.error("unknown-cmd", "Invalid message: unexpected 'cmd'");
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    /** Frames read while waiting for something else, handed out first. */
    private final Queue<String> early = new ArrayDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile boolean paused;

    WebSocketClient(URI uri) throws Exception {
        this(uri, "https://localhost:" + TestServer.port("https"));
    }

    /** @param origin the page's origin the browser would send: the server's own */
    WebSocketClient(URI uri, String origin) throws Exception {
        socket = TestServer.httpsClient().newWebSocketBuilder()
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, this)
                .get(10, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    String nextFrame() throws InterruptedException {
        return nextFrame(Duration.ofSeconds(5));
    }

    String nextFrame(Duration wait) throws InterruptedException {
        String frame = nextFrameOrNull(wait);
        if (frame == null) {
            throw new AssertionError("no frame from the server within " + wait.toSeconds() + " s");
        }
        return frame;
    }

    /** The next frame, or null when none arrives within the time. */
    String nextFrameOrNull(Duration wait) throws InterruptedException {
        return early.isEmpty() ? frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS) : early.poll();
    }

    /**
     * Sends {@code register} and returns once the server has handled it. Collider's protocol has no
     * acknowledgement, so a command the server does not know follows it: the socket's frames are
     * handled in order, and the answer to the second means the first is done. Frames that arrive
     * before that answer (queued messages, or the error refusing the registration) stay for
     * {@link #nextFrame()}.
     */
    void register(String register) throws Exception {
        send(register);
        try {
            send("{\"cmd\":\"sync\"}");
        } catch (ExecutionException e) {
            // The server refused the registration and closed first; its error is read below.
        }
        List<String> before = new ArrayList<>();
        for (String frame = nextFrame(); !frame.equals(UNKNOWN_COMMAND); frame = nextFrame()) {
            before.add(frame);
            if (!frame.contains("\"error\":\"\"")) {
                break; // the registration was refused and the socket closes: the test reads why
            }
        }
        early.addAll(before);
    }

    /** The next frame, parsed. */
    jakarta.json.JsonObject nextJson() throws InterruptedException {
        return Json.object(nextFrame());
    }

    /** Fails if a frame arrives within the time: for messages that must not reach this client. */
    void expectSilence(Duration time) throws InterruptedException {
        String frame = nextFrameOrNull(time);
        if (frame != null) {
            throw new AssertionError("expected no frame, got " + frame);
        }
    }

    /** The close status code the server sent, waiting up to 5 s. */
    int closeCode() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    /**
     * Stops asking for frames: the client then stops reading its TCP connection, as a member on a
     * stalled network would, and the server's writes to it back up.
     */
    void pauseReading() {
        paused = true;
    }

    void resumeReading() {
        paused = false;
        socket.request(1);
    }

    boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
