package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BindingResponderTest {
    private static final byte[] TRANSACTION_ID = Hex.bytes("0102030405060708090a0b0c");
    private final BindingResponder responder = new BindingResponder("WildRTC test");

    @Test
    void answersWithTheSourceAsXorMappedAddressSoftwareAndFingerprint() throws Exception {
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 54321);
        StunMessage answer = answer(request(), source);

        assertEquals(MessageType.BINDING_SUCCESS, answer.type());
        assertArrayEquals(TRANSACTION_ID, answer.transactionId());
        assertEquals(source, XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
        assertEquals("WildRTC test", new String(answer.value(answer.attribute(AttributeType.SOFTWARE).orElseThrow()),
                StandardCharsets.UTF_8));
        // The decoder verified the FINGERPRINT; it must be there and last.
        assertEquals(AttributeType.FINGERPRINT, answer.attributes().get(answer.attributes().size() - 1).type());
    }

    @Test
    void mapsAnIpv6Source() throws Exception {
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("2001:db8::42"), 3479);
        assertEquals(source, XorAddress.read(answer(request(), source), AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
    }

    @Test
    void answersTheRfc5769SampleRequestWhoseIceAttributesAreUnknownWith420() throws Exception {
        // PRIORITY (0x0024) is comprehension-required and means nothing to a STUN server (RFC 8489 §6.3.1).
        StunMessage answer = answer(StunDecoderTest.SAMPLE_REQUEST, new InetSocketAddress("127.0.0.1", 5000));
        assertEquals(new MessageType(StunMethod.BINDING, MessageClass.ERROR_RESPONSE), answer.type());
        byte[] error = answer.value(answer.attribute(AttributeType.ERROR_CODE).orElseThrow());
        assertEquals(420, (error[2] & 7) * 100 + error[3]);
        assertArrayEquals(Hex.bytes("0024"), answer.value(answer.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow()));
    }

    @Test
    void neverAnswersAnIndication() throws Exception {
        ByteBuffer indication = ByteBuffer.allocate(64);
        new MessageWriter(indication, new MessageType(StunMethod.BINDING, MessageClass.INDICATION), TRANSACTION_ID)
                .finishWithFingerprint();
        StunMessage message = StunDecoder.decode(indication.flip());
        assertEquals(0, responder.answer(message, new InetSocketAddress("127.0.0.1", 5000), ByteBuffer.allocate(2048)));
    }

    @Test
    void neverAnswersAResponse() throws Exception {
        StunMessage response = StunDecoder.decode(ByteBuffer.wrap(StunDecoderTest.SAMPLE_IPV4_RESPONSE));
        assertEquals(0, responder.answer(response, new InetSocketAddress("127.0.0.1", 5000), ByteBuffer.allocate(2048)));
    }

    @Test
    void writesAtTheBufferPosition() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(2048).position(100);
        StunMessage request = StunDecoder.decode(ByteBuffer.wrap(request()));
        int size = responder.answer(request, new InetSocketAddress("127.0.0.1", 5000), out);
        assertEquals(100 + size, out.position());
        assertTrue(size > StunMessage.HEADER_LENGTH);
        StunDecoder.decode(out.flip().position(100));
    }

    private static byte[] request() {
        ByteBuffer out = ByteBuffer.allocate(64);
        int size = new MessageWriter(out, MessageType.BINDING_REQUEST, TRANSACTION_ID).finishWithFingerprint();
        return java.util.Arrays.copyOf(out.array(), size);
    }

    private StunMessage answer(byte[] request, InetSocketAddress source) throws StunParseException {
        ByteBuffer out = ByteBuffer.allocate(2048);
        int size = responder.answer(StunDecoder.decode(ByteBuffer.wrap(request)), source, out);
        assertTrue(size > 0);
        return StunDecoder.decode(out.flip());
    }
}
