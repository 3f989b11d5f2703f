package org.wildrtc.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A minimal STUN client over a loopback UDP socket, for tests that talk to a real listener. */
public final class StunTestClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 2000;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private int nextTransaction = 1;

    public StunTestClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends a Binding request with a FINGERPRINT and returns the decoded answer. */
    public StunMessage binding() throws IOException, StunParseException {
        send(bindingRequest(nextTransaction++));
        return receive();
    }

    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    public StunMessage receive() throws IOException, StunParseException {
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        socket.receive(reply);
        return StunDecoder.decode(ByteBuffer.wrap(reply.getData(), 0, reply.getLength()));
    }

    /** True when no datagram arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    public static byte[] bindingRequest(int id) {
        ByteBuffer out = ByteBuffer.allocate(64);
        byte[] transactionId = ByteBuffer.allocate(StunMessage.TRANSACTION_ID_LENGTH).putInt(8, id).array();
        int size = new MessageWriter(out, MessageType.BINDING_REQUEST, transactionId).finishWithFingerprint();
        return Arrays.copyOf(out.array(), size);
    }

    /** Datagrams a STUN listener must drop without an answer. */
    public static byte[][] garbage() {
        byte[] truncatedHeader = {0, 1, 0, 8, 0x21, 0x12, (byte) 0xa4, 0x42};
        byte[] lengthBeyondDatagram = Arrays.copyOf(bindingRequest(7), 20);
        lengthBeyondDatagram[3] = 100;
        return new byte[][] {new byte[0], truncatedHeader, lengthBeyondDatagram,
                "GET / HTTP/1.1\r\n\r\n".getBytes(), new byte[1400]};
    }

    @Override
    public void close() {
        socket.close();
    }
}
