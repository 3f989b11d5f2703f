package org.wildrtc.jca;

import jakarta.resource.ResourceException;
import java.util.List;
import org.wildrtc.jca.api.AllocationPage;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnCredential;
import org.wildrtc.jca.api.TurnHealth;
import org.wildrtc.jca.api.TurnStatistics;

/** The handle applications hold; every call goes to the resource adapter's running server. */
public class TurnConnectionImpl implements TurnConnection {
    private volatile TurnManagedConnection managedConnection;

    TurnConnectionImpl(TurnManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    void associate(TurnManagedConnection connection) {
        this.managedConnection = connection;
    }

    @Override
    public List<String> stunUris(String host) {
        return server().stunUris(host);
    }

    @Override
    public List<String> turnUris(String host) {
        return server().turnUris(host);
    }

    @Override
    public TurnCredential mintCredential(String user, long ttlSeconds) {
        return server().mint(user, ttlSeconds);
    }

    @Override
    public TurnStatistics statistics() {
        return server().statistics();
    }

    @Override
    public TurnHealth health() {
        return server().health();
    }

    @Override
    public AllocationPage allocations(int offset, int limit) {
        return server().allocations(offset, limit);
    }

    @Override
    public int revoke(String username) {
        return server().revoke(username);
    }

    @Override
    public void authSecrets(List<String> secrets) {
        server().authSecrets(secrets);
    }

    @Override
    public int authSecretCount() {
        return server().authSecretCount();
    }

    @Override
    public void drain(boolean draining) {
        server().drain(draining);
    }

    @Override
    public boolean draining() {
        return server().draining();
    }

    private RunningServer server() {
        try {
            return open().resourceAdapter().running();
        } catch (ResourceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        TurnManagedConnection connection = managedConnection;
        managedConnection = null;
        if (connection != null) {
            connection.handleClosed(this);
        }
    }

    private TurnManagedConnection open() {
        TurnManagedConnection connection = managedConnection;
        if (connection == null) {
            throw new IllegalStateException("this TURN connection handle is closed");
        }
        return connection;
    }
}
