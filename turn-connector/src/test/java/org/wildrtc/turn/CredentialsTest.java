package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void restCredentialsAreTheHmacSha1OfTheUsernameInBase64() {
        // Computed independently: printf '1700000060:carol' | openssl dgst -sha1 -hmac shared -binary | base64
        RestCredentials.EphemeralCredential credential = new RestCredentials("shared").mint("carol", 60, 1_700_000_000L);
        assertEquals("1700000060:carol", credential.username());
        assertEquals("RWPymzXZ4IVbjtWeJ6w1aLNhI+4=", credential.password());
        assertFalse(credential.toString().contains(credential.password()));
    }

    @Test
    void restCredentialsExpire() {
        RestCredentials rest = new RestCredentials("shared");
        assertTrue(rest.password("1700000060:carol", 1_700_000_060L).isPresent());
        assertEquals(Optional.empty(), rest.password("1700000060:carol", 1_700_000_061L));
        assertEquals(Optional.empty(), rest.password("carol", 0));
    }

    @Test
    void staticUsersParseAndNeverEchoAPassword() {
        StaticUsers users = StaticUsers.parse("alice:one:two, bob:pw");
        assertEquals(Optional.of("one:two"), users.password("alice", 0));
        assertEquals(Optional.of("pw"), users.password("bob", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StaticUsers.parse("carol-secret"));
        assertFalse(e.getMessage().contains("carol-secret"));
    }

    @Test
    void noncesAreBoundToTheClientAddressAndExpire() throws Exception {
        Nonces nonces = new Nonces(600);
        InetAddress client = InetAddress.getByName("203.0.113.5");
        String nonce = nonces.issue(client, 1000);
        assertTrue(nonce.startsWith("obMatJos2"));
        assertEquals(Nonces.Check.VALID, nonces.check(nonce, client, 1600));
        assertEquals(Nonces.Check.STALE, nonces.check(nonce, client, 1601));
        assertEquals(Nonces.Check.INVALID, nonces.check(nonce, InetAddress.getByName("203.0.113.6"), 1000));
        assertEquals(Nonces.Check.INVALID, nonces.check(nonce.substring(0, nonce.length() - 2) + "AA", client, 1000));
        assertEquals(Nonces.Check.INVALID, nonces.check("not a nonce", client, 1000));
        assertEquals(Nonces.Check.INVALID, new Nonces(600).check(nonce, client, 1000));
    }
}
