package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RevocationsTest {
    private static final long NOW = 1_700_000_000L;

    private final Revocations revocations = new Revocations();

    @Test
    void aRestUsernameIsRevokedUntilItsExpiryAStaticOneForGood() {
        revocations.revoke((NOW + 60) + ":carol", NOW);
        revocations.revoke("alice", NOW);
        assertTrue(revocations.isRevoked((NOW + 60) + ":carol", NOW + 60));
        assertFalse(revocations.isRevoked((NOW + 60) + ":carol", NOW + 61), "its credential expired anyway");
        assertTrue(revocations.isRevoked("alice", Long.MAX_VALUE));
        assertFalse(revocations.isRevoked("bob", NOW));
    }

    @Test
    void aFullTableRefusesMoreUntilEntriesExpire() {
        for (int i = 0; i < Revocations.MAX_REVOCATIONS; i++) {
            revocations.revoke((NOW + 10) + ":user" + i, NOW);
        }
        assertThrows(IllegalStateException.class, () -> revocations.revoke("alice", NOW));
        revocations.revoke((NOW + 10) + ":user1", NOW);
        revocations.revoke("alice", NOW + 11);
        assertTrue(revocations.isRevoked("alice", NOW + 11), "the expired ones were pruned to make room");
    }
}
