package org.wildrtc.jca;

import jakarta.resource.ResourceException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import org.wildrtc.jca.api.TurnConnection;

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
    public List<String> stunUris() {
        try {
            return open().resourceAdapter().udpAddresses().stream().map(TurnConnectionImpl::stunUri).toList();
        } catch (ResourceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** RFC 7064 §3.1: an IPv6 literal host is written in brackets. */
    static String stunUri(InetSocketAddress address) {
        String host = address.getAddress() instanceof Inet6Address
                ? "[" + address.getAddress().getHostAddress() + "]" : address.getAddress().getHostAddress();
        return "stun:" + host + ":" + address.getPort();
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
