package org.wildrtc.signaling;

/** A client frame, read. */
sealed interface Command {

    /** {@code {"cmd":"register","roomid":R,"clientid":C[,"events":true]}}. */
    record Register(String roomId, String clientId, boolean events) implements Command {
    }

    /** {@code {"cmd":"send","msg":M[,"to":P]}}; {@code to} is null for every other member. */
    record Send(String msg, String to) implements Command {
    }

    /** A frame the protocol refuses; the reply says why. */
    record Rejected(Reply reply) implements Command {
    }
}
