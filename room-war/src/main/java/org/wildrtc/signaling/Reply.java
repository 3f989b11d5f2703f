package org.wildrtc.signaling;

import jakarta.json.Json;

/**
 * A server frame in Collider's shape: always both fields, one of them empty, and a trailing
 * newline (PROTOCOLS.md §2).
 *
 * @param frame     the text to send
 * @param closeCode the WebSocket close code (RFC 6455 §7.4.1) to close with after sending, as Collider
 *                  closes on fatal errors; 0 keeps the socket open
 */
public record Reply(String frame, int closeCode) {
    static final int UNACCEPTABLE_DATA = 1003;
    static final int TOO_BIG = 1009;

    static Reply message(String msg) {
        return new Reply(frame(msg, ""), 0);
    }

    static Reply error(String error) {
        return new Reply(frame("", error), 0);
    }

    static Reply fatal(String error) {
        return new Reply(frame("", error), UNACCEPTABLE_DATA);
    }

    static Reply tooBig(String error) {
        return new Reply(frame("", error), TOO_BIG);
    }

    boolean closesSocket() {
        return closeCode != 0;
    }

    private static String frame(String msg, String error) {
        return Json.createObjectBuilder().add("msg", msg).add("error", error).build() + "\n";
    }
}
