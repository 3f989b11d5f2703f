package org.wildrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.util.List;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;
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

    @Test
    void everyClientGetsAUsernameOfItsOwnSoUserQuotasArePerClient() throws Exception {
        IceServers iceServers = new IceServers();
        iceServers.turn = new MintingFactory();
        String first = turnUsername(iceServers.forNewClient(null));
        String second = turnUsername(iceServers.forNewClient(null));
        // minted in the same second, yet distinct
        assertNotEquals(first, second);
        assertTrue(first.matches("1700086400:[A-Za-z0-9_-]{16}"), first);
    }

    private static String turnUsername(JsonArray iceServers) {
        return iceServers.getJsonObject(1).getString("username");
    }

    /** The connector's minting, as TURN REST names users ({@code <expiry>:<user>}), at a fixed second. */
    private static final class MintingFactory implements TurnConnectionFactory {
        @Override
        public TurnConnection getConnection() {
            return new UnusedTurnConnection() {
                @Override
                public List<String> stunUris(String host) {
                    return List.of("stun:192.0.2.1:3478");
                }

                @Override
                public List<String> turnUris(String host) {
                    return List.of("turn:192.0.2.1:3478?transport=udp");
                }

                @Override
                public TurnCredential mintCredential(String user, long ttlSeconds) {
                    long expiresAt = 1_700_000_000L + ttlSeconds;
                    return new TurnCredential(expiresAt + ":" + user, "c2VjcmV0", expiresAt);
                }
            };
        }

        @Override
        public void setReference(Reference reference) {
            // not bound in JNDI
        }

        @Override
        public Reference getReference() {
            return null;
        }
    }
}
