package org.wildrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.jca.api.TurnCredential;

class IceServersTest {

    @Test
    void stunComesFirstAndTurnCarriesTheEphemeralCredential() {
        assertEquals("[{\"urls\":[\"stun:192.0.2.1:3478\"]},{\"urls\":[\"turn:192.0.2.1:3478?transport=udp\"],"
                        + "\"username\":\"1700000000:wildrtc\",\"credential\":\"c2VjcmV0\"}]",
                IceServers.describe(List.of("stun:192.0.2.1:3478"), List.of("turn:192.0.2.1:3478?transport=udp"),
                        new TurnCredential("1700000000:wildrtc", "c2VjcmV0", 1_700_000_000L)).toString());
    }

    @Test
    void noListenerMeansNoIceServers() {
        assertEquals("[]", IceServers.describe(List.of(), List.of(), new TurnCredential("u", "p", 0)).toString());
    }
}
