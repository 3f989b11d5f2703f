package org.wildrtc.jca;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;

/** The factory applications look up; handles come through the container's connection manager. */
public class TurnConnectionFactoryImpl implements TurnConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final transient TurnManagedConnectionFactory managedFactory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    TurnConnectionFactoryImpl(TurnManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public TurnConnection getConnection() throws ResourceException {
        return (TurnConnection) connectionManager.allocateConnection(managedFactory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
