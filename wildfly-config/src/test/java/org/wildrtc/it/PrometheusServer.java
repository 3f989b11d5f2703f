package org.wildrtc.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}) scraping the test server's {@code /prometheus}
 * every second, on a free loopback port, with its storage under {@code target/}; stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param rules a rules file Prometheus evaluates every second */
    static PrometheusServer start(Path directory, Path rules) throws Exception {
        String binary = Commands.path("prometheus", "prometheus");
        // A fresh storage: series of an earlier run would count, and their last samples answer queries
        // for another 5 minutes.
        TestFiles.fresh(directory);
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - '%s'
                scrape_configs:
                  - job_name: wildrtc
                    metrics_path: /prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(rules.toAbsolutePath(), TestServer.port("management")));
        int port = FreePorts.tcp();
        Process process = new ProcessBuilder(binary, "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port);
        try {
            server.awaitTargetUp();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }


    /** Until Prometheus has scraped the test server successfully. */
    private void awaitTargetUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (scalar("max(up{job=\"wildrtc\"})") == 1) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not scrape " + Scrape.endpoint() + " within 60 s"
                        + (process.isAlive() ? "" : " (it ended)"));
            }
            Thread.sleep(250);
        }
    }

    /** Until Prometheus has scraped again, twice, after now: what the server counts now is stored. */
    void awaitScrapesAfterNow() throws Exception {
        double now = System.currentTimeMillis() / 1000.0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scalar("min(timestamp(up{job=\"wildrtc\"}))") < now + 1.5 || scalar("max(up{job=\"wildrtc\"})") != 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not scrape the test server again within 60 s");
            }
            Thread.sleep(250);
        }
    }

    /** How many series Prometheus holds whose name matches {@code nameRegex}, over all its storage. */
    int seriesCount(String nameRegex) throws Exception {
        JsonObject answer = api("/api/v1/series?match[]=" + encode("{__name__=~\"" + nameRegex + "\"}")
                + "&start=0");
        return answer.getJsonArray("data").size();
    }

    /** Every rule of every group Prometheus loaded, with its {@code health} ("ok", "err", "unknown"). */
    List<JsonObject> rules() throws Exception {
        return api("/api/v1/rules").getJsonObject("data").getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                .flatMap(group -> group.getJsonArray("rules").getValuesAs(JsonObject.class).stream()).toList();
    }

    /** An instant query's one value, NaN when it has none. */
    double scalar(String query) throws Exception {
        List<JsonObject> results = api("/api/v1/query?query=" + encode(query)).getJsonObject("data").getJsonArray("result")
                .getValuesAs(JsonObject.class);
        return results.isEmpty() ? Double.NaN : Double.parseDouble(results.get(0).getJsonArray("value").getString(1));
    }

    private JsonObject api(String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("Prometheus " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return Json.object(answer.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
