package org.wildrtc.turn;

/**
 * A TURN attribute that a request needs is missing, or its value has the wrong size or an
 * impossible value: the request is answered 400 (RFC 8656 §7.2, §11.2).
 */
final class MalformedAttribute extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedAttribute(String reason) {
        // No stack trace: a malformed request is routine traffic, not a programming error.
        super(reason, null, false, false);
    }
}
