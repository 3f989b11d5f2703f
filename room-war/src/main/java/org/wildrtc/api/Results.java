package org.wildrtc.api;

import jakarta.json.JsonObject;
import org.wildrtc.json.JsonBuilders;

/** AppRTC's answer shape: a result code in the body, with HTTP 200 (docs/protocols.md §1). */
final class Results {
    private Results() {
    }

    static JsonObject of(String result) {
        return JsonBuilders.object().add("result", result).build();
    }

    /** {@code ERROR} with the reason, which AppRTC's clients ignore and people read. */
    static JsonObject error(String reason) {
        return JsonBuilders.object().add("result", "ERROR").add("error", reason).build();
    }

    static JsonObject of(String result, JsonObject params) {
        return JsonBuilders.object().add("result", result).add("params", params).build();
    }
}
