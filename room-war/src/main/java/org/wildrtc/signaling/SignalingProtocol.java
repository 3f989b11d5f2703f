package org.wildrtc.signaling;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import org.wildrtc.room.QueuedMessage;

/** Reads client frames ({@code {"cmd": ..., ...}}) into commands, with Collider's error texts. No I/O here. */
public final class SignalingProtocol {
    /**
     * SDP offers are a few KiB; Collider accepted 32 MiB frames, which invites abuse. As long as a
     * queued message may be, so whatever is accepted can be kept.
     */
    public static final int MAX_FRAME_CHARS = QueuedMessage.MAX_BODY_CHARS;
    /** Made once: {@code Json.createParser} looks the provider up through the class loader on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private SignalingProtocol() {
    }

    static Command read(String text) {
        if (text.length() > MAX_FRAME_CHARS) {
            return new Command.Rejected(Reply.tooBig("Invalid message: longer than " + MAX_FRAME_CHARS + " characters"));
        }
        JsonObject frame;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                return new Command.Rejected(Reply.unreadable("Invalid message: expected a JSON object"));
            }
            frame = parser.getObject();
            if (parser.hasNext()) {
                // One frame is one object; text after it is not ours to guess at.
                return new Command.Rejected(Reply.unreadable("Invalid message: not JSON"));
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException | NumberFormatException e) {
            // NumberFormatException: the parser reads every number as a BigDecimal, whose exponent is an int.
            return new Command.Rejected(Reply.unreadable("Invalid message: not JSON"));
        }
        return switch (string(frame, "cmd")) {
            case "register" -> register(frame);
            case "send" -> send(frame);
            // Collider answers an unknown command and keeps the socket open.
            default -> new Command.Rejected(Reply.error(SignalingError.UNKNOWN_CMD, "Invalid message: unexpected 'cmd'"));
        };
    }

    private static Command register(JsonObject frame) {
        String roomId = string(frame, "roomid");
        String clientId = string(frame, "clientid");
        if (roomId.isEmpty() || clientId.isEmpty()) {
            return new Command.Rejected(Reply.fatal(SignalingError.MISSING_IDS,
                    "Invalid register request: missing 'clientid' or 'roomid'"));
        }
        return new Command.Register(roomId, clientId, frame.get("events") == JsonValue.TRUE);
    }

    private static Command send(JsonObject frame) {
        String msg = string(frame, "msg");
        if (msg.isEmpty()) {
            return new Command.Rejected(Reply.fatal(SignalingError.MISSING_MSG, "Invalid send request: missing 'msg'"));
        }
        String to = string(frame, "to");
        return new Command.Send(msg, to.isEmpty() ? null : to);
    }

    private static String string(JsonObject frame, String name) {
        JsonValue value = frame.get(name);
        return value instanceof JsonString string ? string.getString() : "";
    }
}
