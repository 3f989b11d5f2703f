package org.wildrtc.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Carries WebDriver BiDi messages between standard input and output (one JSON message a line) and
 * a browser's BiDi WebSocket on the loopback of the network namespace it runs in, which the tests'
 * JVM outside cannot reach: {@link Firefox} starts it there with {@code ip netns exec}, as Chromium
 * is reached over a pipe. Ends when its input ends or the socket closes.
 *
 * Usage: {@code java -cp <test classpath> org.wildrtc.it.BidiBridge PORT}
 */
public final class BidiBridge {
    private BidiBridge() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + Integer.parseInt(args[0]) + "/session"), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            out.println(message);
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(15, TimeUnit.SECONDS);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !closed.isDone(); line = in.readLine()) {
            socket.sendText(line, true).get(15, TimeUnit.SECONDS);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        System.exit(0);
    }
}
