package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.PasswordAlgorithm;

class CredentialsTest {

    @Test
    void restCredentialsAreTheHmacSha1OfTheUsernameInBase64() {
        // Computed independently: printf '1700000060:carol' | openssl dgst -sha1 -hmac shared -binary | base64
        RestCredentials.EphemeralCredential credential = new RestCredentials(List.of("shared")).mint("carol", 60, 1_700_000_000L);
        assertEquals("1700000060:carol", credential.username());
        assertEquals("RWPymzXZ4IVbjtWeJ6w1aLNhI+4=", credential.password());
        assertFalse(credential.toString().contains(credential.password()));
    }

    @Test
    void restCredentialsExpire() {
        RestCredentials rest = new RestCredentials(List.of("shared"));
        assertFalse(rest.expired("1700000060:carol", 1_700_000_060L));
        assertTrue(rest.expired("1700000060:carol", 1_700_000_061L));
        assertEquals(1, rest.keys("1700000060:carol", "wildrtc", PasswordAlgorithm.MD5).size(),
                "an expired one still has its key: whether it may be used is the request's matter");
        assertEquals(List.of(), rest.keys("carol", "wildrtc", PasswordAlgorithm.MD5), "not a REST username");
    }

    @Test
    void everyListedSecretGivesAKeyAndTheFirstMints() {
        RestCredentials rest = RestCredentials.parse(" new , old ");
        assertEquals(2, rest.secretCount());
        RestCredentials.EphemeralCredential minted = rest.mint("carol", 60, 1_700_000_000L);
        assertEquals(new RestCredentials(List.of("new")).mint("carol", 60, 1_700_000_000L).password(),
                minted.password());
        List<byte[]> keys = rest.keys(minted.username(), "wildrtc", PasswordAlgorithm.MD5);
        assertArrayEquals(PasswordAlgorithm.MD5.key(minted.username(), "wildrtc", minted.password()), keys.get(0));
        String oldPassword = new RestCredentials(List.of("old")).mint("carol", 60, 1_700_000_000L).password();
        assertArrayEquals(PasswordAlgorithm.MD5.key(minted.username(), "wildrtc", oldPassword), keys.get(1));
    }

    @Test
    void anEmptySecretListOrSecretIsRefusedWithoutEchoingTheOthers() {
        RestCredentials rest = new RestCredentials(List.of("s3cret"));
        for (List<String> bad : List.of(List.<String>of(), List.of("kept-secret", ""))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rest.secrets(bad));
            assertFalse(e.getMessage().contains("kept-secret"));
        }
        assertThrows(IllegalArgumentException.class, () -> RestCredentials.parse("a,,b"));
        assertEquals(1, rest.secretCount(), "a refused list leaves the secrets as they were");
    }

    @Test
    void staticUsersParseAndNeverEchoAPassword() {
        StaticUsers users = StaticUsers.parse("alice:one:two, bob:pw");
        assertArrayEquals(PasswordAlgorithm.MD5.key("alice", "wildrtc", "one:two"),
                users.keys("alice", "wildrtc", PasswordAlgorithm.MD5).get(0));
        assertArrayEquals(PasswordAlgorithm.MD5.key("bob", "wildrtc", "pw"),
                users.keys("bob", "wildrtc", PasswordAlgorithm.MD5).get(0));
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
                users.keys("alice", "wildrtc", PasswordAlgorithm.MD5).get(0));
        assertArrayEquals(HexFormat.of().parseHex("41cbe41a795efd415c385401a0cfb146"),
                users.keys("alice", "another realm", PasswordAlgorithm.MD5).get(0));
        // RFC 8489 §9.2.4: the SHA-256 key cannot be made from an MD5 one.
        assertEquals(List.of(), users.keys("alice", "wildrtc", PasswordAlgorithm.SHA256));
        assertArrayEquals(PasswordAlgorithm.SHA256.key("bob", "wildrtc", "pw"),
                users.keys("bob", "wildrtc", PasswordAlgorithm.SHA256).get(0));
        // Not 0x and 32 hex digits: a password.
        assertArrayEquals(PasswordAlgorithm.MD5.key("carol", "wildrtc", "0x41cb"),
                StaticUsers.parse("carol:0x41cb").keys("carol", "wildrtc", PasswordAlgorithm.MD5).get(0));
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

    @Test
    void nodesSharingATurnRestSecretAcceptEachOthersNoncesAndNoOtherNodeDoes() throws Exception {
        InetAddress client = InetAddress.getByName("203.0.113.5");
        String nonce = new RestCredentials(List.of("shared")).nonces(600).issue(client, 1000);
        assertEquals(Nonces.Check.VALID, new RestCredentials(List.of("shared", "older")).nonces(600).check(nonce, client, 1000));
        assertEquals(Nonces.Check.INVALID, new RestCredentials(List.of("other")).nonces(600).check(nonce, client, 1000));
        assertEquals(Nonces.Check.INVALID, new Nonces(600).check(nonce, client, 1000));
    }
}
