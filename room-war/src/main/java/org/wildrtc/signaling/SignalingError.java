package org.wildrtc.signaling;

import java.util.Locale;

/**
 * The machine-readable {@code code} an error frame carries next to Collider's {@code error} text
 * (docs/api.md, "Errors"). Collider's clients read only the text, and ignore the extra field as they
 * ignore {@code from}; WildRTC's client decides by the code, so the wording can change without
 * breaking it. The code is the constant's name in lower case with dashes: {@code ROOM_FULL} is
 * {@code room-full}.
 */
public enum SignalingError {
    /** A second {@code register} on one socket. */
    DUPLICATE_REGISTER,
    /** {@code register} without {@code roomid} or {@code clientid}. */
    MISSING_IDS,
    /** Open registration: ids outside {@link org.wildrtc.room.IdRule}. */
    INVALID_IDS,
    /** The member already has a live socket. */
    ALREADY_REGISTERED,
    /** Not a member, and the room is full. */
    ROOM_FULL,
    /** Not a member of the room (its place expired, or it never joined). */
    UNKNOWN_CLIENT,
    UNKNOWN_ROOM,
    /** {@code send} before {@code register}. */
    NOT_REGISTERED,
    /** {@code send} without a {@code msg}. */
    MISSING_MSG,
    /** {@code to} names no other member. */
    UNKNOWN_PEER,
    UNKNOWN_CMD,
    /** A text frame that is not a JSON object, or a binary frame. */
    NOT_JSON,
    /** A frame over {@link SignalingProtocol#MAX_FRAME_CHARS}. */
    TOO_BIG,
    /** No {@code register} within the register timeout. */
    REGISTER_TIMEOUT,
    QUEUE_FULL,
    ROOM_QUEUE_FULL,
    /** Over the sender's message rate; nothing was delivered. */
    TOO_MANY_MESSAGES,
    /** A recipient is not reading; nothing was delivered. */
    BACKED_UP,
    TOO_MANY_JOINS;

    private final String code = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String code() {
        return code;
    }

    /** The error for a refused message. */
    static SignalingError of(PostResult refused) {
        return switch (refused) {
            case ACCEPTED -> throw new IllegalArgumentException("an accepted message is no error");
            case UNKNOWN_ROOM -> UNKNOWN_ROOM;
            case UNKNOWN_CLIENT -> UNKNOWN_CLIENT;
            case QUEUE_FULL -> QUEUE_FULL;
            case ROOM_QUEUE_FULL -> ROOM_QUEUE_FULL;
            case TOO_MANY_MESSAGES -> TOO_MANY_MESSAGES;
            case BACKED_UP -> BACKED_UP;
            case ROOM_FULL -> ROOM_FULL;
            case TOO_MANY_JOINS -> TOO_MANY_JOINS;
        };
    }
}
