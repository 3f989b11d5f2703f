package org.wildrtc.signaling;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * A server frame in Collider's shape: always {@code msg} and {@code error}, one of them empty, and
 * a trailing newline (PROTOCOLS.md §2). WildRTC adds {@code from} to messages and sends membership
 * events to sockets that asked for them (docs/api.md); Collider clients ignore both.
 *
 * @param frame     the text to send
 * @param closeCode the WebSocket close code (RFC 6455 §7.4.1) to close with after sending, as Collider
 *                  closes on fatal errors; 0 keeps the socket open
 */
public record Reply(String frame, int closeCode) {
    static final int POLICY_VIOLATION = 1008;
    static final int UNACCEPTABLE_DATA = 1003;
    static final int TOO_BIG = 1009;

    static Reply message(String msg, String fromPeer) {
        return open(base(msg, "").add("from", fromPeer));
    }

    static Reply event(String event, String peer) {
        return open(base("", "").add("event", event).add("peer", peer));
    }

    /** An error after which the socket stays usable. */
    static Reply error(String error) {
        return open(base("", error));
    }

    /** A protocol violation: Collider answers and closes. */
    static Reply fatal(String error) {
        return new Reply(text(base("", error)), POLICY_VIOLATION);
    }

    /** A frame that is not a JSON object. */
    static Reply unreadable(String error) {
        return new Reply(text(base("", error)), UNACCEPTABLE_DATA);
    }

    static Reply tooBig(String error) {
        return new Reply(text(base("", error)), TOO_BIG);
    }

    boolean closesSocket() {
        return closeCode != 0;
    }

    private static Reply open(JsonObjectBuilder frame) {
        return new Reply(text(frame), 0);
    }

    private static JsonObjectBuilder base(String msg, String error) {
        return Json.createObjectBuilder().add("msg", msg).add("error", error);
    }

    private static String text(JsonObjectBuilder frame) {
        return frame.build() + "\n";
    }
}
