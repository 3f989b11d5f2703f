package org.wildrtc.turn;

import java.util.Optional;

/** Opens relay sockets for new allocations (pion's RelayAddressGenerator); the transport implements it. */
public interface RelayPorts {

    /** The port Allocate asks for (RFC 8656 §7.2, EVEN-PORT and its R bit). */
    enum Parity { ANY, EVEN, EVEN_RESERVING_NEXT }

    /**
     * A relay just opened.
     *
     * @param reservationToken with {@link Parity#EVEN_RESERVING_NEXT}, the token that claims the next
     *                         port (RFC 8656 §18.10: 8 bytes); otherwise null
     */
    record Opened(Relay relay, byte[] reservationToken) {
    }

    /** The address families a relay can have (RFC 8656 §7.2, REQUESTED-ADDRESS-FAMILY; RFC 6156). */
    enum Family { IPV4, IPV6 }

    /** Whether relays of that family can be opened; when not, Allocate answers 440. */
    boolean supports(Family family);

    /**
     * Whether relays can set DF on what they send (RFC 8656 §7.2, DONT-FRAGMENT); when not, an
     * Allocate asking for it is 420.
     */
    boolean supportsDontFragment();

    /**
     * Binds a relay socket for {@code allocation}, or empty when no fitting port is free (→ 508). With
     * {@link Parity#EVEN_RESERVING_NEXT} the next port is held too, and {@code reservationEnded} runs
     * once, on any thread, when that port is claimed or released (its quota place comes back then).
     */
    Optional<Opened> open(Allocation allocation, Parity parity, Family family, Runnable reservationEnded);

    /** The port reserved under {@code token}, now {@code allocation}'s relay; empty when unknown or expired. */
    Optional<Relay> claim(Allocation allocation, byte[] token);

    /** RFC 6062 §5.1: a TCP relay, listening for peers, for an allocation made over TCP or TLS. */
    Optional<Relay> openTcp(Allocation allocation);
}
