package org.wildrtc.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.stun.XorAddress;

/**
 * A small TURN client over loopback UDP or TCP for tests: long-term credentials, Allocate,
 * permissions, channels.
 */
public final class TurnTestClient implements AutoCloseable {
    private final Wire wire;
    private final String username;
    private final String password;
    private TurnRequests.Credentials credentials;

    /** A client over UDP. */
    public TurnTestClient(InetSocketAddress server, String username, String password) throws IOException {
        this(new DatagramWire(server), username, password);
    }

    /** A client over one TCP connection (RFC 8656 §3.1), which ChannelData crosses padded to 4 bytes. */
    public static TurnTestClient overTcp(InetSocketAddress server, String username, String password)
            throws IOException {
        return new TurnTestClient(new StreamWire(server, new Socket()), username, password);
    }

    /** A client over one TCP connection from {@code local}, e.g. another loopback address. */
    public static TurnTestClient overTcpFrom(InetSocketAddress local, InetSocketAddress server, String username,
                                             String password) throws IOException {
        Socket socket = new Socket();
        socket.bind(local);
        return new TurnTestClient(new StreamWire(server, socket), username, password);
    }

    /** A client over one TLS connection; it trusts any certificate (test servers are self-signed). */
    public static TurnTestClient overTls(InetSocketAddress server, String username, String password)
            throws IOException {
        Socket socket = trustingAnyCertificate().getSocketFactory().createSocket();
        return new TurnTestClient(new StreamWire(server, socket), username, password);
    }

    /**
     * A TLS client context that trusts any certificate, as test servers' are self-signed. Each is new,
     * so no session it resumes hides which certificate a server presents now.
     */
    public static javax.net.ssl.SSLContext trustingAnyCertificate() throws IOException {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
                    // any test certificate
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private TurnTestClient(Wire wire, String username, String password) {
        this.wire = wire;
        this.username = username;
        this.password = password;
    }

    /** Allocates a UDP relay and returns the relayed address; throws with the error code on failure. */
    public InetSocketAddress allocate() throws IOException, StunParseException {
        return allocateWith(w -> { });
    }

    /** Allocates a UDP relay and binds {@code channel} on it to {@code peer}; returns the relayed address. */
    public InetSocketAddress allocateWithChannel(int channel, InetSocketAddress peer)
            throws IOException, StunParseException {
        InetSocketAddress relayed = allocate();
        int code = channelBind(channel, peer);
        if (code != 0) {
            throw new IOException("ChannelBind failed with " + code);
        }
        return relayed;
    }

    /** Allocates an IPv6 UDP relay (RFC 6156) and returns the relayed address. */
    public InetSocketAddress allocateIpv6() throws IOException, StunParseException {
        return allocateWith(w -> w.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0}));
    }

    /**
     * A dual allocation (RFC 8656 §7.2, ADDITIONAL-ADDRESS-FAMILY IPv6): returns every relayed address
     * of the answer, the IPv4 one first.
     */
    public List<InetSocketAddress> allocateDual() throws IOException, StunParseException {
        StunMessage answer = request(StunMethod.ALLOCATE, w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP)
                .attribute(AttributeType.ADDITIONAL_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0}));
        if (answer.type().messageClass() != MessageClass.SUCCESS_RESPONSE) {
            throw new IOException("Allocate failed with " + ErrorCode.read(answer));
        }
        return XorAddress.readAll(answer, AttributeType.XOR_RELAYED_ADDRESS).stream().map(Optional::orElseThrow).toList();
    }

    /** Allocates an even relay port and has the server reserve the next one (EVEN-PORT with the R bit). */
    public InetSocketAddress allocateReservingNextPort() throws IOException, StunParseException {
        return allocateWith(w -> w.attribute(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80}));
    }

    /** Allocates a TCP relay (RFC 6062 §4.1); only over a TCP or TLS connection. */
    public InetSocketAddress allocateTcp() throws IOException, StunParseException {
        return allocateWith(TurnRequests.TCP, w -> { });
    }

    private InetSocketAddress allocateWith(Consumer<MessageWriter> extra) throws IOException, StunParseException {
        return allocateWith(TurnRequests.UDP, extra);
    }

    private InetSocketAddress allocateWith(int transport, Consumer<MessageWriter> extra)
            throws IOException, StunParseException {
        StunMessage answer = request(StunMethod.ALLOCATE,
                w -> extra.accept(w.int32(AttributeType.REQUESTED_TRANSPORT, transport)));
        if (answer.type().messageClass() != MessageClass.SUCCESS_RESPONSE) {
            throw new IOException("Allocate failed with " + ErrorCode.read(answer));
        }
        return XorAddress.read(answer, AttributeType.XOR_RELAYED_ADDRESS).orElseThrow();
    }

    /** 0 on success, else the error code. */
    public int createPermission(InetSocketAddress peer) throws IOException, StunParseException {
        return outcome(request(StunMethod.CREATE_PERMISSION, w -> XorAddress.write(w, AttributeType.XOR_PEER_ADDRESS,
                peer, lastTransactionId)));
    }

    public int channelBind(int number, InetSocketAddress peer) throws IOException, StunParseException {
        return outcome(request(StunMethod.CHANNEL_BIND, w -> {
            XorAddress.write(w, AttributeType.XOR_PEER_ADDRESS, peer, lastTransactionId);
            w.int32(AttributeType.CHANNEL_NUMBER, number << 16);
        }));
    }

    /** Connect (RFC 6062 §4.3): the CONNECTION-ID of the server's new connection to {@code peer}. */
    public long connect(InetSocketAddress peer) throws IOException, StunParseException {
        StunMessage answer = request(StunMethod.CONNECT, w -> XorAddress.write(w, AttributeType.XOR_PEER_ADDRESS,
                peer, lastTransactionId));
        if (answer.type().messageClass() != MessageClass.SUCCESS_RESPONSE) {
            throw new IOException("Connect failed with " + ErrorCode.read(answer));
        }
        return answer.int32(AttributeType.CONNECTION_ID).orElseThrow();
    }

    /**
     * Sends a Connect (RFC 6062 §4.3) without waiting for its answer, which comes once the server has
     * connected or given up; {@link #receive} reads it. Needs credentials (an earlier request).
     */
    public void connectLater(InetSocketAddress peer) throws IOException {
        byte[] transactionId = TurnRequests.transactionId();
        send(TurnRequests.request(StunMethod.CONNECT, transactionId, credentials, TurnRequests.peer(peer, transactionId)));
    }

    /**
     * A second TCP connection to {@code server} with this client's credentials and nonce, as a data
     * connection for ConnectionBind (RFC 6062 §4.3) is.
     */
    public TurnTestClient dataConnection(InetSocketAddress server) throws IOException {
        TurnTestClient data = overTcp(server, username, password);
        data.credentials = credentials;
        return data;
    }

    /**
     * ConnectionBind (RFC 6062 §4.3) for {@code connectionId}, with {@code behind} written in the
     * same write right after the request, as a client that does not wait for the answer sends its
     * first data; 0 on success, else the error code. Needs credentials (see {@link #dataConnection}).
     */
    public int connectionBind(long connectionId, byte[] behind) throws IOException, StunParseException {
        lastTransactionId = TurnRequests.transactionId();
        byte[] request = TurnRequests.request(StunMethod.CONNECTION_BIND, lastTransactionId, credentials,
                w -> w.int32(AttributeType.CONNECTION_ID, (int) connectionId));
        byte[] both = Arrays.copyOf(request, request.length + behind.length);
        System.arraycopy(behind, 0, both, request.length, behind.length);
        ((StreamWire) wire).socket.getOutputStream().write(both);
        return outcome(StunDecoder.decode(ByteBuffer.wrap(receive())));
    }

    /** The TCP socket under a client made by {@link #overTcp}, for raw bytes once it is a data connection. */
    public Socket socket() {
        return ((StreamWire) wire).socket;
    }

    public int refresh(int lifetime) throws IOException, StunParseException {
        return outcome(request(StunMethod.REFRESH, w -> w.int32(AttributeType.LIFETIME, lifetime)));
    }

    /**
     * Refresh naming one family of a dual allocation (REQUESTED-ADDRESS-FAMILY: 1 IPv4, 2 IPv6); a
     * lifetime of 0 drops that family's relay. 0 on success, else the error code.
     */
    public int refreshFamily(int family, int lifetime) throws IOException, StunParseException {
        return outcome(request(StunMethod.REFRESH, w -> w.int32(AttributeType.LIFETIME, lifetime)
                .attribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {(byte) family, 0, 0, 0})));
    }

    public void sendIndication(InetSocketAddress peer, byte[] data) throws IOException {
        send(TurnRequests.sendIndication(peer, data));
    }

    public void channelData(int number, byte[] data) throws IOException {
        send(TurnRequests.channelData(number, data));
    }

    /**
     * Sends {@code text} as ChannelData on {@code channel} to the UDP {@code peer} bound to it, and from
     * the peer to {@code relayed} back; fails unless both arrive intact.
     */
    public void assertRelaysBothWays(int channel, InetSocketAddress relayed, DatagramSocket peer, String text)
            throws IOException {
        byte[] message = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        channelData(channel, message);
        DatagramPacket atPeer = new DatagramPacket(new byte[2048], 2048);
        peer.receive(atPeer);
        if (!Arrays.equals(message, Arrays.copyOf(atPeer.getData(), atPeer.getLength()))) {
            throw new AssertionError("the peer got something else than \"" + text + "\"");
        }
        peer.send(new DatagramPacket(message, message.length, relayed));
        byte[] frame = receive();
        if (frame.length < 4 + message.length || !Arrays.equals(message, Arrays.copyOfRange(frame, 4, 4 + message.length))) {
            throw new AssertionError("the client got something else than \"" + text + "\" from the peer");
        }
    }

    /** How long {@link #receive} waits. */
    public void timeout(int millis) throws IOException {
        wire.timeout(millis);
    }

    /** The next message from the server, as received (over TCP: one frame, padding included). */
    public byte[] receive() throws IOException {
        return wire.receive();
    }

    private byte[] lastTransactionId;

    /**
     * Sends a signed request of {@code method} with {@code attributes} and returns its answer; a 401 or
     * 438 is answered with the realm and nonce it brings, as a client does.
     */
    public StunMessage request(int method, Consumer<MessageWriter> attributes) throws IOException, StunParseException {
        for (int attempt = 0; attempt < 3; attempt++) {
            lastTransactionId = TurnRequests.transactionId();
            send(TurnRequests.request(method, lastTransactionId, credentials, attributes));
            StunMessage answer = StunDecoder.decode(ByteBuffer.wrap(receive()));
            int code = ErrorCode.read(answer);
            if (code == 401 || code == 438) {
                if (code == 401 && credentials != null && attempt > 0) {
                    return answer;
                }
                credentials = new TurnRequests.Credentials(username, password,
                        answer.text(AttributeType.REALM).orElseThrow(), answer.text(AttributeType.NONCE).orElseThrow());
                continue;
            }
            return answer;
        }
        throw new IOException("the server kept challenging the credentials");
    }

    private static int outcome(StunMessage answer) {
        return answer.type().messageClass() == MessageClass.SUCCESS_RESPONSE ? 0 : ErrorCode.read(answer);
    }

    private void send(byte[] message) throws IOException {
        wire.send(message);
    }

    @Override
    public void close() {
        wire.close();
    }

    private interface Wire extends AutoCloseable {
        void send(byte[] message) throws IOException;

        byte[] receive() throws IOException;

        void timeout(int millis) throws IOException;

        @Override
        void close();
    }

    private static final class DatagramWire implements Wire {
        private final DatagramSocket socket;
        private final InetSocketAddress server;

        DatagramWire(InetSocketAddress server) throws IOException {
            this.server = server;
            this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setSoTimeout(3000);
        }

        @Override
        public void send(byte[] message) throws IOException {
            socket.send(new DatagramPacket(message, message.length, server));
        }

        @Override
        public byte[] receive() throws IOException {
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            socket.receive(packet);
            return Arrays.copyOf(packet.getData(), packet.getLength());
        }

        @Override
        public void timeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static final class StreamWire implements Wire {
        private final Socket socket;
        private final DataInputStream in;

        StreamWire(InetSocketAddress server, Socket socket) throws IOException {
            this.socket = socket;
            socket.connect(server, 3000);
            socket.setSoTimeout(3000);
            socket.setTcpNoDelay(true);
            this.in = new DataInputStream(socket.getInputStream());
        }

        @Override
        public void send(byte[] message) throws IOException {
            // ChannelData over a stream is padded to a multiple of 4 (RFC 8656 §12.5).
            int padded = (message.length + 3) & ~3;
            socket.getOutputStream().write(Arrays.copyOf(message, padded));
        }

        @Override
        public byte[] receive() throws IOException {
            byte[] header = new byte[4];
            in.readFully(header);
            int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            boolean channelData = (header[0] & 0xC0) == 0x40;
            int rest = channelData ? (length + 3) & ~3 : 16 + length;
            byte[] frame = Arrays.copyOf(header, 4 + rest);
            in.readFully(frame, 4, rest);
            return frame;
        }

        @Override
        public void timeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
    }
}
