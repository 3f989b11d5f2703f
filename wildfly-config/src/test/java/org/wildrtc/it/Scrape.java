package org.wildrtc.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the management interface's {@code /prometheus}: each sample line's series and value. */
final class Scrape {
    /** {@code name{labels} value}, labels optional; WildFly writes no timestamps. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String text;
    /** Series name and labels as written, e.g. {@code wildrtc_rooms{WF_DEPLOYMENT="wildrtc.ear",mode="pair"}}. */
    private final Map<String, Double> samples = new LinkedHashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                        Double.parseDouble(sample.group(3)));
            }
        }
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + TestServer.port("management") + "/prometheus");
    }

    /** Without credentials, as Prometheus scrapes it. */
    static Scrape now() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + endpoint() + ": " + answer.statusCode() + " " + answer.body());
        }
        return new Scrape(answer.body());
    }

    /** The value of {@code name}'s one series whose labels include {@code labels} (name, value, ...). */
    double value(String name, String... labels) {
        List<Double> matching = samples.entrySet().stream()
                .filter(sample -> nameOf(sample.getKey()).equals(name) && hasLabels(sample.getKey(), labels))
                .map(Map.Entry::getValue).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " series of " + name + " with " + List.of(labels) + " in:\n"
                    + wildrtc());
        }
        return matching.get(0);
    }

    /** The values {@code label} takes in {@code name}'s series. */
    List<String> labelValues(String name, String label) {
        return samples.keySet().stream().filter(series -> nameOf(series).equals(name))
                .map(series -> labelsOf(series).get(label)).sorted().toList();
    }

    /** The lines of WildRTC's metric families only ({@code # HELP}, {@code # TYPE} and samples). */
    String wildrtc() {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("wildrtc_") || line.startsWith("# HELP wildrtc_") || line.startsWith("# TYPE wildrtc_")) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }

    private static String nameOf(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    private static Map<String, String> labelsOf(String series) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(series.substring(nameOf(series).length()));
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    private static boolean hasLabels(String series, String... labels) {
        Map<String, String> has = labelsOf(series);
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(has.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
