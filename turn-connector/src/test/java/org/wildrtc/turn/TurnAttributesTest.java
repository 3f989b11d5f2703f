package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;

/** The formats of the TURN attributes (RFC 8656 §18), each read from a message as a server gets it. */
class TurnAttributesTest {

    @Test
    void requestedTransportIsTheProtocolNumberInTheFirstOfFourBytes() throws Exception {
        assertEquals(17, RequestedTransport.read(message(w -> w.int32(AttributeType.REQUESTED_TRANSPORT, 17 << 24))));
        assertEquals(6, RequestedTransport.read(message(attribute(AttributeType.REQUESTED_TRANSPORT, 6, 0, 0, 0))));
        assertEquals(132, RequestedTransport.read(message(attribute(AttributeType.REQUESTED_TRANSPORT, 132, 0, 0, 0))));
    }

    @Test
    void aMissingRequestedTransportOrOneNotFourBytesLongIsMalformed() {
        assertMalformed(() -> RequestedTransport.read(message(w -> { })));
        assertMalformed(() -> RequestedTransport.read(message(attribute(AttributeType.REQUESTED_TRANSPORT, 17))));
        assertMalformed(() -> RequestedTransport.read(message(attribute(AttributeType.REQUESTED_TRANSPORT, 17, 0, 0, 0, 0))));
    }

    @Test
    void aLifetimeIsAnUnsigned32BitCountOfSecondsAndOneOfAnotherSizeCountsAsAbsent() throws Exception {
        assertEquals(OptionalLong.of(0xFFFFFFFFL), Lifetime.read(message(w -> w.int32(AttributeType.LIFETIME, -1))));
        assertEquals(OptionalLong.of(600), Lifetime.read(message(w -> Lifetime.write(w, 600))));
        assertEquals(OptionalLong.empty(), Lifetime.read(message(w -> { })));
        assertEquals(OptionalLong.empty(), Lifetime.read(message(attribute(AttributeType.LIFETIME, 0, 0))));
    }

    @Test
    void theGrantedLifetimeIsTheRequestedOneBetweenTheDefaultAndTheMaximum() {
        Quotas quotas = new Quotas(100, 3, 0, 3600, 100, 100);
        assertEquals(600, Lifetime.grantedSeconds(OptionalLong.empty(), quotas));
        assertEquals(600, Lifetime.grantedSeconds(OptionalLong.of(1), quotas));
        assertEquals(1800, Lifetime.grantedSeconds(OptionalLong.of(1800), quotas));
        assertEquals(3600, Lifetime.grantedSeconds(OptionalLong.of(0xFFFFFFFFL), quotas));
    }

    @Test
    void evenPortIsOneByteWhoseTopBitReservesTheNextPort() throws Exception {
        assertEquals(RelayPorts.Parity.ANY, EvenPort.read(message(w -> { })));
        assertEquals(RelayPorts.Parity.EVEN, EvenPort.read(message(attribute(AttributeType.EVEN_PORT, 0))));
        assertEquals(RelayPorts.Parity.EVEN_RESERVING_NEXT, EvenPort.read(message(attribute(AttributeType.EVEN_PORT, 0x80))));
        // The other seven bits are reserved: ignored.
        assertEquals(RelayPorts.Parity.EVEN, EvenPort.read(message(attribute(AttributeType.EVEN_PORT, 0x7F))));
    }

    @Test
    void anEvenPortOfAnotherSizeIsMalformed() {
        assertMalformed(() -> EvenPort.read(message(attribute(AttributeType.EVEN_PORT))));
        assertMalformed(() -> EvenPort.read(message(attribute(AttributeType.EVEN_PORT, 0x80, 0))));
        assertMalformed(() -> EvenPort.read(message(attribute(AttributeType.EVEN_PORT, 0x80, 0, 0, 0))));
    }

    @Test
    void aReservationTokenIsEightBytesAsWrittenAndOfAnotherSizeMalformed() throws Exception {
        byte[] token = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(token, ReservationToken.read(message(w -> ReservationToken.write(w, token))).orElseThrow());
        assertEquals(Optional.empty(), ReservationToken.read(message(w -> { })));
        assertMalformed(() -> ReservationToken.read(message(attribute(AttributeType.RESERVATION_TOKEN, 1, 2, 3, 4, 5, 6, 7))));
        assertMalformed(() -> ReservationToken.read(message(
                attribute(AttributeType.RESERVATION_TOKEN, 1, 2, 3, 4, 5, 6, 7, 8, 9))));
    }

    @Test
    void aChannelNumberIsTheFirstTwoOfFourBytesAndWithinTheChannelRange() throws Exception {
        assertEquals(0x4000, ChannelNumber.read(message(w -> w.int32(AttributeType.CHANNEL_NUMBER, 0x4000 << 16))));
        assertEquals(0x7FFF, ChannelNumber.read(message(w -> w.int32(AttributeType.CHANNEL_NUMBER, 0x7FFF << 16))));
        // The last two bytes are reserved: ignored.
        assertEquals(0x4001, ChannelNumber.read(message(attribute(AttributeType.CHANNEL_NUMBER, 0x40, 0x01, 0xFF, 0xFF))));
    }

    @Test
    void aMissingChannelNumberOneOfAnotherSizeOrOneOutsideTheRangeIsMalformed() {
        assertMalformed(() -> ChannelNumber.read(message(w -> { })));
        assertMalformed(() -> ChannelNumber.read(message(attribute(AttributeType.CHANNEL_NUMBER, 0x40, 0x01))));
        assertMalformed(() -> ChannelNumber.read(message(attribute(AttributeType.CHANNEL_NUMBER, 0x40, 0x01, 0, 0, 0))));
        assertMalformed(() -> ChannelNumber.read(message(w -> w.int32(AttributeType.CHANNEL_NUMBER, 0x3FFF << 16))));
        assertMalformed(() -> ChannelNumber.read(message(w -> w.int32(AttributeType.CHANNEL_NUMBER, 0x8000 << 16))));
        assertMalformed(() -> ChannelNumber.read(message(w -> w.int32(AttributeType.CHANNEL_NUMBER, 0))));
    }

    private interface Read {
        void run() throws MalformedAttribute;
    }

    private static void assertMalformed(Read read) {
        assertThrows(MalformedAttribute.class, read::run);
    }

    private static Consumer<MessageWriter> attribute(int type, int... bytes) {
        byte[] value = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            value[i] = (byte) bytes[i];
        }
        return w -> w.attribute(type, value);
    }

    private static StunMessage message(Consumer<MessageWriter> attributes) {
        ByteBuffer out = ByteBuffer.allocate(256);
        MessageWriter writer = new MessageWriter(out, new MessageType(StunMethod.ALLOCATE, MessageClass.REQUEST),
                TurnRequests.transactionId());
        attributes.accept(writer);
        writer.finishWithFingerprint();
        try {
            return StunDecoder.decode(out.flip());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
