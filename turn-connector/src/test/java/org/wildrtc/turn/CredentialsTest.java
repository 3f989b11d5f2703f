package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.PasswordAlgorithm;

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

    /**
     * coturn's stored form: {@code turnadmin -k -u alice -r wildrtc -p 'correct horse'} (coturn 4.6)
     * printed 0x41cbe41a795efd415c385401a0cfb146, MD5("alice:wildrtc:correct horse").
     */
    @Test
    void aStaticUserWithCoturnsHashedKeyHasThatMd5KeyAndNoOther() {
        StaticUsers users = StaticUsers.parse("alice:0x41cbe41a795efd415c385401a0cfb146,bob:pw");
        assertArrayEquals(PasswordAlgorithm.MD5.key("alice", "wildrtc", "correct horse"),
                users.key("alice", "wildrtc", PasswordAlgorithm.MD5, 0).orElseThrow());
        assertArrayEquals(HexFormat.of().parseHex("41cbe41a795efd415c385401a0cfb146"),
                users.key("alice", "another realm", PasswordAlgorithm.MD5, 0).orElseThrow());
        // RFC 8489 §9.2.4: the SHA-256 key cannot be made from an MD5 one.
        assertEquals(Optional.empty(), users.key("alice", "wildrtc", PasswordAlgorithm.SHA256, 0));
        assertEquals(Optional.empty(), users.password("alice", 0));
        assertArrayEquals(PasswordAlgorithm.SHA256.key("bob", "wildrtc", "pw"),
                users.key("bob", "wildrtc", PasswordAlgorithm.SHA256, 0).orElseThrow());
        // Not 0x and 32 hex digits: a password.
        assertEquals(Optional.of("0x41cb"), StaticUsers.parse("carol:0x41cb").password("carol", 0));
        assertFalse(users.isEmpty());
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
