package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageIntegrity;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.PasswordAlgorithm;
import org.wildrtc.stun.XorAddress;

/** Builds client messages the way a TURN client does, for tests. */
public final class TurnRequests {
    /** RFC 8656 §14.7: REQUESTED-TRANSPORT UDP is protocol 17 in the first byte. */
    public static final int UDP = 17 << 24;
    /** RFC 6062 §4.1: REQUESTED-TRANSPORT TCP, protocol 6, asks for a TCP relay. */
    public static final int TCP = 6 << 24;

    private TurnRequests() {
    }

    /** Long-term credentials as a client holds them after a 401: user, password, realm and nonce. */
    public record Credentials(String username, String password, String realm, String nonce,
                              MessageIntegrity integrity, PasswordAlgorithm algorithm) {
        public Credentials(String username, String password, String realm, String nonce) {
            this(username, password, realm, nonce, MessageIntegrity.SHA1, PasswordAlgorithm.MD5);
        }

        public Credentials withNonce(String newNonce) {
            return new Credentials(username, password, realm, newNonce, integrity, algorithm);
        }
    }

    public static byte[] transactionId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }

    /** A request of {@code method} with {@code attributes}, signed when {@code credentials} is not null. */
    public static byte[] request(int method, byte[] transactionId, Credentials credentials,
                                 Consumer<MessageWriter> attributes) {
        return message(new MessageType(method, MessageClass.REQUEST), transactionId, credentials, attributes, true);
    }

    /** A message of any type, signed when {@code credentials} is not null, with a FINGERPRINT or without. */
    public static byte[] message(MessageType type, byte[] transactionId, Credentials credentials,
                                 Consumer<MessageWriter> attributes, boolean fingerprint) {
        // Room for the largest message, 20 + 65535 bytes (RFC 8489 §5), as over TCP.
        ByteBuffer out = ByteBuffer.allocate(20 + 65535);
        MessageWriter writer = new MessageWriter(out, type, transactionId);
        attributes.accept(writer);
        if (credentials != null) {
            writer.text(AttributeType.USERNAME, credentials.username())
                    .text(AttributeType.REALM, credentials.realm())
                    .text(AttributeType.NONCE, credentials.nonce());
            if (credentials.algorithm() != PasswordAlgorithm.MD5) {
                writer.attribute(AttributeType.PASSWORD_ALGORITHMS, PasswordAlgorithm.offered());
                writer.attribute(AttributeType.PASSWORD_ALGORITHM,
                        new byte[] {0, (byte) credentials.algorithm().number(), 0, 0});
            }
            credentials.integrity().append(writer, credentials.algorithm()
                    .key(credentials.username(), credentials.realm(), credentials.password()));
        }
        int size = fingerprint ? writer.finishWithFingerprint() : writer.size();
        return Arrays.copyOf(out.array(), size);
    }

    public static Consumer<MessageWriter> peer(InetSocketAddress peer, byte[] transactionId) {
        return writer -> XorAddress.write(writer, AttributeType.XOR_PEER_ADDRESS, peer, transactionId);
    }

    public static byte[] sendIndication(InetSocketAddress peer, byte[] data) {
        return sendIndication(peer, data, false);
    }

    /** A Send indication, with DONT-FRAGMENT (RFC 8656 §10.1) when {@code dontFragment}. */
    public static byte[] sendIndication(InetSocketAddress peer, byte[] data, boolean dontFragment) {
        byte[] transactionId = transactionId();
        ByteBuffer out = ByteBuffer.allocate(2048);
        MessageWriter writer = new MessageWriter(out,
                new MessageType(org.wildrtc.stun.StunMethod.SEND, MessageClass.INDICATION), transactionId);
        XorAddress.write(writer, AttributeType.XOR_PEER_ADDRESS, peer, transactionId);
        writer.attribute(AttributeType.DATA, data);
        if (dontFragment) {
            writer.attribute(AttributeType.DONT_FRAGMENT, new byte[0]);
        }
        int size = writer.finishWithFingerprint();
        return Arrays.copyOf(out.array(), size);
    }

    public static byte[] channelData(int channel, byte[] data) {
        return ByteBuffer.allocate(4 + data.length).putShort((short) channel).putShort((short) data.length)
                .put(data).array();
    }
}
