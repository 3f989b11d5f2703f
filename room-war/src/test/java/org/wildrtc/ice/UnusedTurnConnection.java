package org.wildrtc.ice;

import java.util.List;
import org.wildrtc.jca.api.AllocationPage;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnCredential;
import org.wildrtc.jca.api.TurnHealth;
import org.wildrtc.jca.api.TurnStatistics;

/** A connection handle whose every method fails: unit tests override the ones the code under test calls. */
public abstract class UnusedTurnConnection implements TurnConnection {
    @Override
    public List<String> stunUris(String host) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> turnUris(String host) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TurnCredential mintCredential(String user, long ttlSeconds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TurnStatistics statistics() {
        throw new UnsupportedOperationException();
    }

    @Override
    public TurnHealth health() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AllocationPage allocations(int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int revoke(String username) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void authSecrets(List<String> secrets) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int authSecretCount() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void drain(boolean draining) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean draining() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        // nothing held
    }
}
