package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.XorAddress;

/**
 * Data indications (RFC 8656 §10.3): peer data for a client that has no channel to that peer.
 * One writer per event loop; it reuses its transaction id buffer.
 */
public final class DataIndication {
    private static final MessageType TYPE = new MessageType(StunMethod.DATA, MessageClass.INDICATION);
    /** Header, XOR-PEER-ADDRESS (IPv6 at most) and the DATA attribute header. */
    public static final int OVERHEAD = 20 + 24 + 4 + 3;

    private final byte[] transactionId = new byte[12];

    /** Writes the indication at {@code out}'s position and returns its size. */
    public int write(ByteBuffer out, InetSocketAddress peer, ByteBuffer data) {
        ThreadLocalRandom.current().nextBytes(transactionId);
        MessageWriter writer = new MessageWriter(out, TYPE, transactionId);
        XorAddress.write(writer, AttributeType.XOR_PEER_ADDRESS, peer, transactionId);
        writer.attribute(AttributeType.DATA, data);
        return writer.size();
    }
}
