package org.wildrtc.signaling;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Reads client frames ({@code {"cmd": ..., ...}}) and decides the reply. No I/O here. */
public final class SignalingProtocol {
    /** SDP offers are a few KiB; Collider accepted 32 MiB frames, which invites abuse. */
    public static final int MAX_FRAME_CHARS = 64 * 1024;

    private SignalingProtocol() {
    }

    public static Reply handle(String text) {
        if (text.length() > MAX_FRAME_CHARS) {
            return Reply.tooBig("Invalid message: longer than " + MAX_FRAME_CHARS + " characters");
        }
        JsonObject frame;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Reply.fatal("Invalid message: expected a JSON object");
            }
            frame = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            return Reply.fatal("Invalid message: not JSON");
        }
        String cmd = string(frame, "cmd");
        if ("echo".equals(cmd)) {
            return Reply.message(string(frame, "msg"));
        }
        // Collider answers an unknown command and keeps the socket open.
        return Reply.error("Invalid message: unexpected 'cmd'");
    }

    private static String string(JsonObject frame, String name) {
        JsonValue value = frame.get(name);
        return value instanceof JsonString string ? string.getString() : "";
    }
}
