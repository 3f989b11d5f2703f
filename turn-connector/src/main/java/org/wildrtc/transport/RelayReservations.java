package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Relay ports held for a RESERVATION-TOKEN (RFC 8656 §7.2, EVEN-PORT with the R bit). Shared by
 * all event loops: the allocation that claims a port comes from another client socket, which the
 * kernel may steer to another loop. A reserved socket is bound but joins no loop until claimed. How
 * many may be held is the TURN logic's to decide (its quota ledger), told when each one ends.
 */
final class RelayReservations {
    /** RFC 8656 §7.2: a reserved port is held for about 30 seconds. */
    private static final long RESERVATION_SECONDS = 30;

    private final ConcurrentHashMap<ByteBuffer, Reservation> reservations = new ConcurrentHashMap<>();
    /** A token is a capability: whoever presents it gets the port, so it must not be guessable. */
    private final SecureRandom random = new SecureRandom();

    /** A bound socket, the address it holds, and what to tell when the reservation ends. */
    record Reservation(Channel channel, InetSocketAddress address, ScheduledFuture<?> expiry, Runnable ended) {
    }

    /**
     * Holds {@code channel} and returns the 8-byte token that claims it; it closes unclaimed after 30 s.
     * {@code ended} runs once, when it is claimed or closed.
     */
    byte[] hold(Channel channel, InetSocketAddress address, EventLoop timer, Runnable ended) {
        byte[] token = new byte[8];
        random.nextBytes(token);
        ByteBuffer key = ByteBuffer.wrap(token.clone());
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            Reservation expired = reservations.remove(key);
            if (expired != null) {
                closeUnclaimed(expired);
            }
        }, RESERVATION_SECONDS, TimeUnit.SECONDS);
        reservations.put(key, new Reservation(channel, address, expiry, ended));
        return token;
    }

    /** The reservation of {@code token}, removed; null when unknown or expired. */
    Reservation claim(byte[] token) {
        Reservation reservation = reservations.remove(ByteBuffer.wrap(token));
        if (reservation != null) {
            reservation.expiry().cancel(false);
            reservation.ended().run();
        }
        return reservation;
    }

    /** Closes every reserved socket (shutdown). */
    void closeAll() {
        for (ByteBuffer key : List.copyOf(reservations.keySet())) {
            Reservation reservation = reservations.remove(key);
            if (reservation != null) {
                closeUnclaimed(reservation);
            }
        }
    }

    /** A reserved socket has joined no event loop yet. */
    private static void closeUnclaimed(Reservation reservation) {
        RelaySockets.close(reservation.channel());
        reservation.ended().run();
    }
}
