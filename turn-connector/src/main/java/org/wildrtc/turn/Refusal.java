package org.wildrtc.turn;

import java.util.Locale;

/**
 * Why the server refused or dropped something to protect itself: each limit that turns work away
 * counts here, under a fixed name, so an admin sees in the status counters which one is hit.
 */
public enum Refusal {
    /** Requests dropped unanswered from a source that failed authentication too often this minute. */
    AUTH_BLOCKED,
    /** 401/438 challenges not sent over UDP: their source address had its share this second. */
    CHALLENGE_RATE,
    /** CreatePermission and ChannelBind refused (508): the allocation holds its most permissions. */
    PERMISSION_LIMIT,
    /** Allocates that asked to reserve the next port refused (508): the server holds its most reservations. */
    RESERVATION_LIMIT,
    /** TCP/TLS connections closed at once: their source address already had as many as it may. */
    CONNECTIONS_PER_SOURCE,
    /** TCP/TLS connections closed at once: the server already had as many as it may. */
    CONNECTIONS_TOTAL,
    /** TCP/TLS connections closed for holding no allocation and sending nothing for the idle timeout. */
    IDLE_CONNECTION,
    /**
     * Peer datagrams dropped because the client's TCP/TLS connection had no room for them: the client
     * stopped reading (they count in the dropped packets too).
     */
    CLIENT_NOT_READING,
    /** RFC 6062 Connect requests refused (508): the allocation already had as many attempts under way as it may. */
    CONNECT_ATTEMPTS,
    /**
     * RFC 6062 peer connections refused: the allocation already held as many connections waiting for a
     * ConnectionBind as it may (a Connect is answered 508, a peer connecting to the relay is closed).
     */
    PENDING_PEER_CONNECTIONS;

    /** The counter's name in the status output, e.g. {@code auth_blocked}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
