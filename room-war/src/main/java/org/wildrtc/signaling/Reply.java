package org.wildrtc.signaling;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * A server frame in Collider's shape: always {@code msg} and {@code error}, one of them empty, and
 * a trailing newline (docs/protocols.md §2). WildRTC adds {@code from} to messages, a {@link SignalingError}
 * {@code code} to errors, and sends membership events to sockets that asked for them (docs/api.md);
 * Collider clients ignore all three.
 *
 * @param frame     the text to send
 * @param closeCode the WebSocket close code (RFC 6455 §7.4.1) to close with after sending, as Collider
 *                  closes on fatal errors; 0 keeps the socket open
 */
public record Reply(String frame, int closeCode) {
    /** Made once: {@code Json.create*} looks the provider up through the class loader on every call. */
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    static final int POLICY_VIOLATION = 1008;
    static final int UNACCEPTABLE_DATA = 1003;
    static final int TOO_BIG = 1009;

    static Reply message(String msg, String fromPeer) {
        return new Reply(text(msg, "", "from", fromPeer), 0);
    }

    static Reply event(String event, String peer) {
        return new Reply(text("", "", "event", event, "peer", peer), 0);
    }

    /** An error after which the socket stays usable. */
    static Reply error(SignalingError code, String error) {
        return new Reply(text("", error, "code", code.code()), 0);
    }

    /** A protocol violation: Collider answers and closes. */
    static Reply fatal(SignalingError code, String error) {
        return new Reply(text("", error, "code", code.code()), POLICY_VIOLATION);
    }

    /** A frame that is not a JSON object. */
    static Reply unreadable(String error) {
        return new Reply(text("", error, "code", SignalingError.NOT_JSON.code()), UNACCEPTABLE_DATA);
    }

    static Reply tooBig(String error) {
        return new Reply(text("", error, "code", SignalingError.TOO_BIG.code()), TOO_BIG);
    }

    boolean closesSocket() {
        return closeCode != 0;
    }

    /** {@code {"msg":…,"error":…[,name:value]…}} and a newline. */
    private static String text(String msg, String error, String... more) {
        // Room for the escaping: a message is JSON text itself, whose every quote gains a backslash.
        StringWriter out = new StringWriter(2 * (msg.length() + error.length()) + 64);
        try (JsonGenerator frame = GENERATORS.createGenerator(out)) {
            frame.writeStartObject().write("msg", msg).write("error", error);
            for (int i = 0; i < more.length; i += 2) {
                frame.write(more[i], more[i + 1]);
            }
            frame.writeEnd();
        }
        return out.append('\n').toString();
    }
}
