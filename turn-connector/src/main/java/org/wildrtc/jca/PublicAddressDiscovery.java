package org.wildrtc.jca;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.stun.XorAddress;

/**
 * {@code externalAddress=auto}: asks a STUN server (RFC 8489 Binding) from the relay address which
 * address it sees, which behind 1:1 NAT is the public one. Runs once, at start, before any listener.
 */
final class PublicAddressDiscovery {
    /** RFC 8489 §6.2.1: the first retransmission after RTO (500 ms), each next one after twice as long. */
    private static final int INITIAL_RTO_MILLIS = 500;
    /**
     * RFC 8489 §6.2.1 sends Rc = 7 requests and gives up 39.5 s in; a deployment should not hang that
     * long, so 4 requests (at 0, 0.5, 1.5 and 3.5 s) and, as Rm, 3 RTOs after the last: 5 s in all.
     */
    private static final int REQUESTS = 4;
    private static final int LAST_WAIT_RTOS = 3;
    private static final int DEFAULT_PORT = 3478;

    private PublicAddressDiscovery() {
    }

    /**
     * The address {@code server} (host:port, as the config-property discoveryServer) sees a Binding
     * request from {@code local} come from.
     *
     * @throws IllegalArgumentException naming the property, when the server cannot be found or does not answer
     */
    static InetAddress discover(InetAddress local, String server) {
        InetSocketAddress stun = resolve(server, local instanceof Inet4Address);
        byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        new SecureRandom().nextBytes(transactionId);
        ByteBuffer out = ByteBuffer.allocate(64);
        int size = new MessageWriter(out, MessageType.BINDING_REQUEST, transactionId).finishWithFingerprint();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
            // Connected: datagrams from anyone but the server are not ours to read.
            socket.connect(stun);
            DatagramPacket request = new DatagramPacket(out.array(), size);
            byte[] in = new byte[1500];
            int rto = INITIAL_RTO_MILLIS;
            for (int sent = 1; sent <= REQUESTS; sent++) {
                socket.send(request);
                long deadline = System.nanoTime() + (sent == REQUESTS ? LAST_WAIT_RTOS * INITIAL_RTO_MILLIS : rto)
                        * 1_000_000L;
                Optional<InetAddress> mapped = awaitAnswer(socket, in, transactionId, deadline);
                if (mapped.isPresent()) {
                    return mapped.get();
                }
                rto *= 2;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("externalAddress auto: asking discoveryServer " + server + " from "
                    + local.getHostAddress() + " failed: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("externalAddress auto: discoveryServer " + server + " (" + stun
                + ") did not answer a STUN Binding request from " + local.getHostAddress() + " within "
                + (INITIAL_RTO_MILLIS * ((1 << (REQUESTS - 1)) - 1) + LAST_WAIT_RTOS * INITIAL_RTO_MILLIS) / 1000
                + " s; set externalAddress to the public address instead");
    }

    /** The XOR-MAPPED-ADDRESS of the success response to our transaction, or empty at the deadline. */
    private static Optional<InetAddress> awaitAnswer(DatagramSocket socket, byte[] in, byte[] transactionId,
                                                     long deadline) throws IOException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            DatagramPacket answer = new DatagramPacket(in, in.length);
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException quiet) {
                return Optional.empty();
            }
            try {
                StunMessage message = StunDecoder.decode(ByteBuffer.wrap(in, 0, answer.getLength()));
                if (message.type().equals(MessageType.BINDING_SUCCESS)
                        && Arrays.equals(message.transactionId(), transactionId)) {
                    Optional<InetSocketAddress> mapped = XorAddress.read(message, AttributeType.XOR_MAPPED_ADDRESS);
                    if (mapped.isPresent()) {
                        return Optional.of(mapped.get().getAddress());
                    }
                }
            } catch (StunParseException notStun) {
                // RFC 8489 §6.3.4: a malformed response is discarded; keep waiting.
            }
        }
        return Optional.empty();
    }

    /** {@code host:port}, {@code [IPv6]:port} or a bare host (port 3478), at an address of the relay's family. */
    static InetSocketAddress resolve(String server, boolean ipv4) {
        String text = server.strip();
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed ? text.lastIndexOf(']') < colon : colon > 0 && colon == text.indexOf(':')) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (bracketed && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("discoveryServer (-Dwildrtc.turn.discovery-server) '" + server
                    + "' is not host:port");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if ((address instanceof Inet4Address) == ipv4) {
                    return new InetSocketAddress(address, port);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("discoveryServer (-Dwildrtc.turn.discovery-server) '" + server
                    + "': unknown host " + host, e);
        }
        throw new IllegalArgumentException("discoveryServer (-Dwildrtc.turn.discovery-server) '" + server
                + "' has no " + (ipv4 ? "IPv4" : "IPv6") + " address, as the relay address has");
    }
}
