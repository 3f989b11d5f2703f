package org.wildrtc.it;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket test client that queues the text frames it receives and records the close. */
final class WebSocketClient implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    WebSocketClient(URI uri) throws Exception {
        socket = TestServer.httpsClient().newWebSocketBuilder()
                .header("Origin", "https://localhost:" + TestServer.port("https"))
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
        String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the server within " + wait.toSeconds() + " s");
        }
        return frame;
    }

    /** The next frame, parsed. */
    jakarta.json.JsonObject nextJson() throws InterruptedException {
        return Json.object(nextFrame());
    }

    /** Fails if a frame arrives within the time: for messages that must not reach this client. */
    void expectSilence(Duration time) throws InterruptedException {
        String frame = frames.poll(time.toMillis(), TimeUnit.MILLISECONDS);
        if (frame != null) {
            throw new AssertionError("expected no frame, got " + frame);
        }
    }

    /** The close status code the server sent, waiting up to 5 s. */
    int closeCode() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
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
        webSocket.request(1);
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
