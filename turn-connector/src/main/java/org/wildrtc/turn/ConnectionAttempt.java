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

/** ConnectionAttempt indications (RFC 6062 §5.3): a permitted peer connected to a client's TCP relay. */
public final class ConnectionAttempt {
    private static final MessageType TYPE = new MessageType(StunMethod.CONNECTION_ATTEMPT, MessageClass.INDICATION);

    private ConnectionAttempt() {
    }

    /** Writes the indication at {@code out}'s position and returns its size. */
    public static int write(ByteBuffer out, long connectionId, InetSocketAddress peer) {
        byte[] transactionId = new byte[12];
        ThreadLocalRandom.current().nextBytes(transactionId);
        MessageWriter writer = new MessageWriter(out, TYPE, transactionId);
        writer.int32(AttributeType.CONNECTION_ID, (int) connectionId);
        XorAddress.write(writer, AttributeType.XOR_PEER_ADDRESS, peer, transactionId);
        return writer.size();
    }
}
