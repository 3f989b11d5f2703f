package org.wildrtc.stun;

/**
 * The bytes are not a well-formed STUN message. Transports drop such datagrams (RFC 8489 §6.3:
 * a message that fails the basic checks is discarded); the message says why, for debug logs.
 */
public final class StunParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public StunParseException(String reason) {
        // No stack trace: malformed input is routine traffic, not a programming error.
        super(reason, null, false, false);
    }
}
