package org.wildrtc.turn;

import java.util.Locale;

/** The transport of a client's connection to the server (RFC 8656 §3.1). */
public enum ClientTransport {
    UDP, TCP, TLS;

    /** Whether it is a stream (TCP or TLS), over which RFC 6062 TCP allocations are possible. */
    public boolean isStream() {
        return this != UDP;
    }

    /** Its name in the statistics and the allocation list: {@code udp}, {@code tcp} or {@code tls}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
