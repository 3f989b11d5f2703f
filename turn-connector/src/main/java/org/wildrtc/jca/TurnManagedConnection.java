package org.wildrtc.jca;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * A pooled link to the resource adapter. It holds no socket of its own: the server's sockets
 * belong to the adapter, so this only hands out {@link TurnConnectionImpl} handles.
 */
final class TurnManagedConnection implements ManagedConnection {
    private final TurnResourceAdapter resourceAdapter;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    TurnManagedConnection(TurnResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        return new TurnConnectionImpl(this);
    }

    TurnResourceAdapter resourceAdapter() {
        return resourceAdapter;
    }

    /** Tells the pool that a handle was closed, so this connection can be reused. */
    void handleClosed(TurnConnectionImpl handle) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    @Override
    public void associateConnection(Object handle) throws ResourceException {
        if (!(handle instanceof TurnConnectionImpl connection)) {
            throw new ResourceException("not a WildRTC TURN connection handle: " + handle);
        }
        connection.associate(this);
    }

    @Override
    public void cleanup() {
        // Handles carry no state to reset.
    }

    @Override
    public void destroy() {
        listeners.clear();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("the WildRTC STUN/TURN connector is not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("the WildRTC STUN/TURN connector is not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return RunningServer.SOFTWARE;
            }

            @Override
            public String getEISProductVersion() {
                return "0.1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
