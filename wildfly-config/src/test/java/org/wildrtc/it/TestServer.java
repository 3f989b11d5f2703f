package org.wildrtc.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Where the test server listens (ports reserved free by the build) and clients for it. */
final class TestServer {
    static final String CONTAINER = "wildfly";
    static final String DEPLOYMENT = "wildrtc.ear";

    private TestServer() {
    }

    static void ensureStarted(ContainerController controller) {
        if (!controller.isStarted(CONTAINER)) {
            controller.start(CONTAINER);
        }
    }

    /** Reloads the server through its management interface and waits until it serves the room API again. */
    static void reload(ModelControllerClient management) throws Exception {
        try {
            ModelNode reload = management.execute(Operations.createOperation("reload"));
            if (!Operations.isSuccessfulOutcome(reload)) {
                throw new AssertionError("reload: " + reload);
            }
        } catch (IOException answerLost) {
            // The server closes its management connections as the reload begins, and the answer to
            // the reload itself can be lost on the way (the client logs WFLYPRT0018, "No such request",
            // and the call ends cancelled). The reload is under way then: wait for it as below.
            if (!(answerLost.getCause() instanceof CancellationException)) {
                throw answerLost;
            }
        }
        for (int attempt = 0; attempt < 120; attempt++) {
            Thread.sleep(500);
            try {
                ModelNode state = management.execute(Operations.createReadAttributeOperation(new ModelNode()
                        .setEmptyList(), "server-state"));
                if (Operations.isSuccessfulOutcome(state) && "running".equals(Operations.readResult(state).asString())
                        && get("/params").statusCode() == 200) {
                    return;
                }
            } catch (Exception restarting) {
                // the management interface is coming back
            }
        }
        throw new AssertionError("the server did not come back within 60 s of the reload");
    }

    static int port(String name) {
        String value = System.getProperty("it.port." + name);
        if (value == null) {
            throw new IllegalStateException("it.port." + name + " is not set: run the integration tests with Maven (mvn verify)");
        }
        return Integer.parseInt(value);
    }

    static InetSocketAddress turn() {
        return new InetSocketAddress("127.0.0.1", port("turn"));
    }

    static URI https(String path) {
        return URI.create("https://localhost:" + port("https") + path);
    }

    /** The server's certificate is self-signed, generated on first use: trust it blindly, in tests only. */
    static HttpClient httpsClient() {
        return SharedClient.CLIENT;
    }

    /** One client, so its connections are reused across requests. */
    private static final class SharedClient {
        static final SSLContext TLS = trustingContext();
        static final HttpClient CLIENT = HttpClient.newBuilder().sslContext(TLS).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static SSLContext trustingContext() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return ssl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A status code and a body, read from a raw connection. */
    record RawResponse(int statusCode, String body) {
    }

    /**
     * An empty POST from another loopback address ({@code 127.0.0.2} and up reach the server bound to
     * 127.0.0.1), for limits kept per source address. One HTTP/1.0 request per connection: the answer
     * has no chunks and ends where the connection does. java.net.http picks its own source address.
     *
     * @param headers more header lines, {@code Name: value}
     */
    static RawResponse postFrom(String sourceAddress, String path, String... headers) throws Exception {
        try (Socket socket = SharedClient.TLS.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"),
                port("https"), InetAddress.getByName(sourceAddress), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.0\r\nHost: localhost:" + port("https") + "\r\n"
                    + String.join("", Arrays.stream(headers).map(header -> header + "\r\n").toList())
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // "HTTP/1.x 200 OK"
            return new RawResponse(Integer.parseInt(answer.substring(9, 12)), answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return httpsClient().send(HttpRequest.newBuilder(https(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path) throws Exception {
        return httpsClient().send(HttpRequest.newBuilder(https(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(https(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return httpsClient().send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not used by a client
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the test server's self-signed certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
