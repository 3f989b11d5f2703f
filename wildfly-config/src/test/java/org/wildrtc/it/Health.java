package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** One answer of MicroProfile Health on the management interface, asked without credentials as a load balancer asks. */
record Health(int statusCode, JsonObject body) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code /health/ready}, {@code /health/live} or {@code /health}. */
    static Health get(String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestServer.port("management") + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Health(answer.statusCode(), Json.object(answer.body()));
    }

    /** The check of that name; exactly one must be there. */
    JsonObject check(String name) {
        List<JsonObject> checks = body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name)).toList();
        assertEquals(1, checks.size(), name + " in " + body);
        return checks.get(0);
    }
}
