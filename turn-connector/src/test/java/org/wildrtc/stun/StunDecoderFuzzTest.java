package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the decoder and of the attribute readers behind it. Whatever a
 * datagram holds, decoding throws {@link StunParseException} or gives a message whose attributes lie
 * in order inside it, which the readers read without throwing and which writes back to the same
 * attributes. In {@code mvn test} only the seeds below and saved inputs run; {@code mvn verify} fuzzes.
 */
class StunDecoderFuzzTest {
    private static final byte[] ANY_KEY = new byte[16];
    private static final int[] ADDRESS_TYPES = {AttributeType.XOR_MAPPED_ADDRESS, AttributeType.XOR_PEER_ADDRESS,
            AttributeType.XOR_RELAYED_ADDRESS};
    private static final int[] TEXT_TYPES = {AttributeType.USERNAME, AttributeType.REALM, AttributeType.NONCE,
            AttributeType.SOFTWARE};

    static Stream<byte[]> rfc5769Vectors() {
        return Stream.of(StunDecoderTest.SAMPLE_REQUEST, StunDecoderTest.SAMPLE_IPV4_RESPONSE,
                StunDecoderTest.SAMPLE_IPV6_RESPONSE, StunTestClient.bindingRequest(1));
    }

    @MethodSource("rfc5769Vectors")
    @FuzzTest
    void decode(byte[] datagram) {
        StunMessage message;
        try {
            message = StunDecoder.decode(ByteBuffer.wrap(datagram));
        } catch (StunParseException dropped) {
            return;
        }
        assertEquals(StunDecoder.readShort(datagram, 0), message.type().encode());
        assertArrayEquals(Arrays.copyOfRange(datagram, StunMessage.TRANSACTION_ID_OFFSET, StunMessage.HEADER_LENGTH),
                message.transactionId());
        assertAttributesInOrderInside(message, datagram.length);
        readEveryAttribute(message);
        assertWritesBackTheSame(message);
    }

    private static void assertAttributesInOrderInside(StunMessage message, int size) {
        int end = StunMessage.HEADER_LENGTH;
        List<RawAttribute> attributes = message.attributes();
        for (RawAttribute attribute : attributes) {
            // Ignored attributes (after the integrity ones) leave gaps, never overlaps.
            assertTrue(attribute.offset() >= end, () -> "overlapping attributes " + attributes);
            end = attribute.valueOffset() + ((attribute.length() + 3) & ~3);
            assertTrue(end <= size, () -> attribute + " ends past the " + size + "-byte message");
            assertTrue(attribute.type() != AttributeType.FINGERPRINT || end == size, "FINGERPRINT is last");
        }
    }

    /** Every reader the server uses on attribute values, on whatever the attributes hold. */
    private static void readEveryAttribute(StunMessage message) {
        for (int type : ADDRESS_TYPES) {
            XorAddress.readAll(message, type).forEach(address -> address.ifPresent(a ->
                    assertTrue(a.getPort() >= 0 && a.getPort() <= 0xFFFF)));
        }
        for (int type : TEXT_TYPES) {
            message.text(type);
        }
        message.int32(AttributeType.LIFETIME).ifPresent(lifetime -> assertTrue(lifetime >= 0 && lifetime <= 0xFFFFFFFFL));
        ErrorCode.read(message);
        MessageIntegrity integrity = MessageIntegrity.of(message);
        if (integrity != null) {
            integrity.verify(message, ANY_KEY);
        }
    }

    /** The writer and the decoder agree: the decoded attributes, written again, decode the same. */
    private static void assertWritesBackTheSame(StunMessage message) {
        List<RawAttribute> attributes = message.attributes();
        ByteBuffer out = ByteBuffer.allocate(message.bytes().length + 8);
        MessageWriter writer = new MessageWriter(out, message.type(), message.transactionId());
        for (RawAttribute attribute : attributes) {
            if (attribute.type() != AttributeType.FINGERPRINT) {
                writer.attribute(attribute.type(), message.value(attribute));
            }
        }
        int size = message.has(AttributeType.FINGERPRINT) ? writer.finishWithFingerprint() : writer.size();
        StunMessage again;
        try {
            again = StunDecoder.decode(ByteBuffer.wrap(out.array(), 0, size));
        } catch (StunParseException e) {
            throw new AssertionError("a message written from decoded attributes does not decode: " + e.getMessage(), e);
        }
        assertEquals(message.type(), again.type());
        assertEquals(attributes.size(), again.attributes().size());
        for (int i = 0; i < attributes.size(); i++) {
            assertEquals(attributes.get(i).type(), again.attributes().get(i).type());
            if (attributes.get(i).type() != AttributeType.FINGERPRINT) {
                assertArrayEquals(message.value(attributes.get(i)), again.value(again.attributes().get(i)));
            }
        }
    }
}
