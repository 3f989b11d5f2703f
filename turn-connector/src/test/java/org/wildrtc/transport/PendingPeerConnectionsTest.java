package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** RFC 6062 connection ids: random 32-bit values, never one a pending connection already has. */
class PendingPeerConnectionsTest {

    @Test
    void anIdThatIsPendingIsDrawnAgainAndIdsAreUnsigned() {
        PendingPeerConnections pending = new PendingPeerConnections(drawing(7, 7, 7, -1));
        // Holding stores the relay and does not look at it; the bind checks it.
        assertEquals(7, pending.hold(new EmbeddedChannel(), null));
        assertEquals(0xFFFFFFFFL, pending.hold(new EmbeddedChannel(), null));
    }

    /** A SecureRandom whose draws the test chooses. */
    private static SecureRandom drawing(int... values) {
        ArrayDeque<Integer> draws = new ArrayDeque<>();
        for (int value : values) {
            draws.add(value);
        }
        return new SecureRandom() {
            @Override
            public int nextInt() {
                return draws.remove();
            }
        };
    }
}
