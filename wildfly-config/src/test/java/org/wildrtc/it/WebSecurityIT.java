package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Security headers on HTTPS, pages sent from plain HTTP to HTTPS, and the API still on plain HTTP. */
class WebSecurityIT extends RunningServerTest {
    private static final List<String> PAGES = List.of("/", "/r/some-room?mode=mesh",
            "/js/main.js", "/css/main.css", "/images/logo.svg");
    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyAnswerOverHttpsCarriesTheSecurityHeaders() throws Exception {
        for (String path : PAGES) {
            HttpResponse<String> page = get(TestServer.httpsClient(), "https://127.0.0.1:" + TestServer.port("https") + path);
            assertEquals(200, page.statusCode(), path);
            assertSecurityHeaders(page.headers(), path);
            assertEquals(Optional.of("max-age=31536000"), page.headers().firstValue("Strict-Transport-Security"), path);
        }
        assertTrue(get(TestServer.httpsClient(), "https://127.0.0.1:" + TestServer.port("https") + "/js/main.js")
                .headers().firstValue("Content-Type").orElse("").contains("javascript"), "nosniff needs the right type");
        HttpResponse<String> params = TestServer.get("/params");
        assertSecurityHeaders(params.headers(), "/params");
        // localhost: HSTS would pin every web server of the machine to HTTPS
        assertEquals(Optional.empty(), params.headers().firstValue("Strict-Transport-Security"));
    }

    @Test
    void pagesOverPlainHttpAreSentToHttps() throws Exception {
        for (String path : PAGES) {
            HttpResponse<String> answer = get(PLAIN, http(path));
            assertEquals(302, answer.statusCode(), path);
            assertEquals(Optional.of("https://127.0.0.1:" + TestServer.port("https") + path),
                    answer.headers().firstValue("Location"), path);
        }
    }

    @Test
    void behindATrustedProxyAPageTheBrowserGotOverHttpsIsServedAndAStrangersClaimIsNot() throws Exception {
        // the tests trust 127.0.0.1 only (arquillian.xml)
        assertEquals("200", plainGetFrom("127.0.0.1", "/r/proxied", "X-Forwarded-Proto: https").get("status"));
        Map<String, String> stranger = plainGetFrom("127.0.0.93", "/r/proxied", "X-Forwarded-Proto: https");
        assertEquals("302", stranger.get("status"));
        assertEquals("https://127.0.0.1:" + TestServer.port("https") + "/r/proxied", stranger.get("location"));
        // the proxy says the browser used plain HTTP: to HTTPS on the host it asked for, on the standard port
        Map<String, String> plain = plainGetFrom("127.0.0.1", "/r/proxied?mode=mesh", "X-Forwarded-Proto: http",
                "X-Forwarded-Host: meet.example.org");
        assertEquals("302", plain.get("status"));
        assertEquals("https://meet.example.org/r/proxied?mode=mesh", plain.get("location"));
    }

    /** A GET over plain HTTP from {@code source}: its status and Location. */
    private static Map<String, String> plainGetFrom(String source, String path, String... headers) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), TestServer.port("http"),
                InetAddress.getByName(source), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + TestServer.port("http")
                    + "\r\n" + String.join("", Arrays.stream(headers).map(header -> header + "\r\n").toList())
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            Map<String, String> result = new HashMap<>();
            result.put("status", head.substring(9, 12));
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                    result.put("location", line.substring(9).strip());
                }
            }
            return result;
        }
    }

    @Test
    void theApiAndTheSignalingSocketStillAnswerOverPlainHttp() throws Exception {
        HttpResponse<String> params = get(PLAIN, http("/params"));
        assertEquals(200, params.statusCode());
        assertSecurityHeaders(params.headers(), "/params");
        assertEquals(Optional.empty(), params.headers().firstValue("Strict-Transport-Security"),
                "RFC 6797 §7.2: no HSTS over plain HTTP");
        String url = Json.object(params.body()).getString("ice_server_url");
        assertEquals(200, post(url, "").statusCode());

        String room = Rooms.fresh("plain");
        Rooms.Joined member = Rooms.joined(room, Json.object(post(http("/join/" + room), "").body()));
        assertEquals("ws://127.0.0.1:" + TestServer.port("http") + "/ws", member.params().getString("wss_url"));
        try (WebSocketClient socket = new WebSocketClient(URI.create(member.params().getString("wss_url")))) {
            socket.register(member.register(false));
            socket.expectSilence(Duration.ofMillis(300));
            assertTrue(socket.isOpen(), "the member registered over plain HTTP");
        }
        assertEquals("{\"result\":\"SUCCESS\"}", post(http("/message/" + room + "/" + member.clientId()), "hi").body());
        assertEquals(200, get(PLAIN, http("/signaling/status")).statusCode());
        assertEquals(200, post(http("/leave/" + room + "/" + member.clientId()), "").statusCode());
    }

    private static void assertSecurityHeaders(HttpHeaders headers, String path) {
        assertEquals(Optional.of("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'"), headers.firstValue("Content-Security-Policy"), path);
        assertEquals(Optional.of("nosniff"), headers.firstValue("X-Content-Type-Options"), path);
        assertEquals(Optional.of("no-referrer"), headers.firstValue("Referrer-Policy"), path);
    }

    private static String http(String path) {
        return "http://127.0.0.1:" + TestServer.port("http") + path;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return PLAIN.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
