package org.wildrtc.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.ContainerController;

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
        static final HttpClient CLIENT = newHttpsClient();
    }

    private static HttpClient newHttpsClient() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
