package org.wildrtc.jca;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import javax.transaction.xa.XAResource;
import org.jboss.logging.Logger;
import org.wildrtc.transport.StunTransport;
import org.wildrtc.transport.TransportBindException;
import org.wildrtc.transport.TransportConfig;

/**
 * The STUN/TURN server's lifecycle in the container: {@code start} binds the listeners with the
 * configured properties, {@code stop} closes every socket so a redeploy can bind again.
 */
@Connector(
        displayName = "WildRTC STUN/TURN server",
        vendorName = "WildRTC",
        eisType = "STUN/TURN",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class TurnResourceAdapter implements ResourceAdapter {
    private static final Logger LOG = Logger.getLogger(TurnResourceAdapter.class);
    static final String SOFTWARE = "WildRTC";

    @ConfigProperty(description = "Address the STUN/TURN listeners bind to", defaultValue = "127.0.0.1")
    private String bindAddress = "127.0.0.1";

    @ConfigProperty(description = "STUN/TURN port for UDP (RFC 8656 default 3478)", defaultValue = "3478")
    private Integer port = 3478;

    private volatile StunTransport transport;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        // One event loop serves the one UDP socket.
        TransportConfig config = new TransportConfig(new InetSocketAddress(bindAddress, port), 1, SOFTWARE);
        try {
            transport = StunTransport.start(config, new WorkManagerExecutor(context.getWorkManager()));
        } catch (TransportBindException e) {
            LOG.errorf("WildRTC STUN/TURN server not started: %s. Change the resource adapter's "
                    + "bindAddress/port config-properties (or -Dwildrtc.turn.address / -Dwildrtc.turn.port).",
                    e.getMessage());
            throw new ResourceAdapterInternalException("WildRTC STUN/TURN server " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        StunTransport running = transport;
        transport = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running server's UDP addresses. */
    List<InetSocketAddress> udpAddresses() throws ResourceException {
        StunTransport running = transport;
        if (running == null) {
            throw new ResourceException("the WildRTC STUN/TURN server is not running");
        }
        return running.udpAddresses();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException("the WildRTC STUN/TURN connector has no inbound endpoints");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // No inbound endpoints are ever activated.
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    // JCA 1.7 §5.3.1: a ResourceAdapter JavaBean compares by its configuration.
    @Override
    public boolean equals(Object other) {
        return other instanceof TurnResourceAdapter that
                && Objects.equals(bindAddress, that.bindAddress) && Objects.equals(port, that.port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, port);
    }
}
