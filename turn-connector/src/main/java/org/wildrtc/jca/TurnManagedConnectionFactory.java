package org.wildrtc.jca;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;

/** Makes the handles through which applications reach the running STUN/TURN server. */
@ConnectionDefinition(
        connectionFactory = TurnConnectionFactory.class,
        connectionFactoryImpl = TurnConnectionFactoryImpl.class,
        connection = TurnConnection.class,
        connectionImpl = TurnConnectionImpl.class)
public class TurnManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;

    private transient TurnResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new TurnConnectionFactoryImpl(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new ResourceException("the WildRTC STUN/TURN connector runs only inside the application server");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new TurnManagedConnection(resourceAdapter);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        // Every connection reaches the same server, so any pooled one will do.
        for (Object candidate : connections) {
            if (candidate instanceof TurnManagedConnection connection) {
                return connection;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = (TurnResourceAdapter) resourceAdapter;
    }

    // JCA 1.7 §6.5.3.2: equal factories have equal configuration; this one has none of its own.
    @Override
    public boolean equals(Object other) {
        return other instanceof TurnManagedConnectionFactory;
    }

    @Override
    public int hashCode() {
        return TurnManagedConnectionFactory.class.hashCode();
    }
}
