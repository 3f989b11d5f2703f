package org.wildrtc.transport;

import java.net.InetSocketAddress;

/** A listener could not bind; the message names the protocol, the address and the reason. */
public final class TransportBindException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransportBindException(String protocol, InetSocketAddress address, Throwable cause) {
        super("cannot listen on " + protocol + " " + address.getHostString() + ":" + address.getPort() + ": "
                + (cause == null ? "unknown reason" : cause.getMessage())
                + " (is another STUN/TURN server, such as coturn, using that port?)", cause);
    }
}
