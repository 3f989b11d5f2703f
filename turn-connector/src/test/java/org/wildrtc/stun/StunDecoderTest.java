package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 5769 test vectors and RFC 8489 §6.3 rejection rules. */
class StunDecoderTest {

    /** RFC 5769 §2.1: a Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT. */
    static final byte[] SAMPLE_REQUEST = Hex.bytes("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff 80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
            00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf""");

    /** RFC 5769 §2.2: a Binding success response, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final byte[] SAMPLE_IPV4_RESPONSE = Hex.bytes("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96""");

    /** RFC 5769 §2.3: the same with XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    static final byte[] SAMPLE_IPV6_RESPONSE = Hex.bytes("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c""");

    @Test
    void decodesTheRfc5769SampleRequest() throws Exception {
        StunMessage message = decode(SAMPLE_REQUEST);
        assertEquals(MessageType.BINDING_REQUEST, message.type());
        assertArrayEquals(Hex.bytes("b7e7a701bc34d686fa87dfae"), message.transactionId());
        assertEquals("evtj:h6vY", text(message, AttributeType.USERNAME).strip());
        assertEquals("STUN test client", text(message, AttributeType.SOFTWARE));
        assertEquals(6, message.attributes().size());
    }

    @Test
    void decodesTheRfc5769Ipv4ResponseAddress() throws Exception {
        StunMessage message = decode(SAMPLE_IPV4_RESPONSE);
        assertEquals(MessageType.BINDING_SUCCESS, message.type());
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853),
                XorAddress.read(message, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
    }

    @Test
    void decodesTheRfc5769Ipv6ResponseAddress() throws Exception {
        StunMessage message = decode(SAMPLE_IPV6_RESPONSE);
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
                XorAddress.read(message, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
    }

    @Test
    void rejectsAMessageShorterThanTheHeader() {
        assertRejected(Arrays.copyOf(SAMPLE_REQUEST, 19), "shorter than a STUN header");
    }

    @Test
    void rejectsWhenTheTopTwoBitsAreSet() {
        byte[] message = SAMPLE_IPV4_RESPONSE.clone();
        message[0] |= (byte) 0x40;
        assertRejected(message, "first two bits");
    }

    @Test
    void rejectsALengthThatIsNotAMultipleOfFour() {
        byte[] message = SAMPLE_IPV4_RESPONSE.clone();
        message[3] = 0x3d;
        assertRejected(message, "not a multiple of 4");
    }

    @Test
    void rejectsALengthThatDisagreesWithTheDatagram() {
        assertRejected(Arrays.copyOf(SAMPLE_IPV4_RESPONSE, SAMPLE_IPV4_RESPONSE.length + 4), "does not match");
    }

    @Test
    void rejectsAWrongMagicCookie() {
        byte[] message = SAMPLE_IPV4_RESPONSE.clone();
        message[4] = 0x22;
        assertRejected(message, "magic cookie");
    }

    @Test
    void rejectsAnAttributeRunningPastTheEnd() {
        byte[] message = Hex.bytes("0001 0008 2112a442 000000000000000000000001 8022 0005 41424344");
        assertRejected(message, "runs past the end");
    }

    @Test
    void acceptsAPaddedValueAndRejectsOneWhosePaddingIsMissing() {
        // A 3-byte value is followed by 1 byte of padding (RFC 8489 §14): 8 bytes in all.
        assertTrue(decodes(Hex.bytes("0001 0008 2112a442 000000000000000000000001 8022 0003 414243 00")));
        // A 5-byte value needs 12 bytes with its padding; the message has 8 after the header.
        assertRejected(Hex.bytes("0001 0008 2112a442 000000000000000000000001 8022 0005 41424344"),
                "runs past the end");
    }

    @Test
    void rejectsAFingerprintThatDoesNotMatch() {
        byte[] message = SAMPLE_REQUEST.clone();
        message[message.length - 1] ^= 1;
        assertRejected(message, "FINGERPRINT does not match");
    }

    @Test
    void rejectsAFingerprintThatIsNotLast() {
        byte[] message = Hex.bytes("0001 0010 2112a442 000000000000000000000001 8028 0004 00000000 8022 0004 41424344");
        assertRejected(message, "not the last attribute");
    }

    @Test
    void ignoresAttributesAfterMessageIntegrityButFingerprint() throws Exception {
        // RFC 8489 §14.5: SOFTWARE after MESSAGE-INTEGRITY is ignored.
        byte[] message = Hex.bytes("0001 0020 2112a442 000000000000000000000001 "
                + "0008 0014 0000000000000000000000000000000000000000 8022 0004 41424344");
        StunMessage decoded = decode(message);
        assertEquals(1, decoded.attributes().size());
        assertTrue(decoded.attribute(AttributeType.SOFTWARE).isEmpty());
    }

    private static StunMessage decode(byte[] bytes) throws StunParseException {
        return StunDecoder.decode(ByteBuffer.wrap(bytes));
    }

    private static boolean decodes(byte[] bytes) {
        try {
            decode(bytes);
            return true;
        } catch (StunParseException e) {
            return false;
        }
    }

    private static void assertRejected(byte[] bytes, String reason) {
        StunParseException e = assertThrows(StunParseException.class, () -> decode(bytes));
        assertTrue(e.getMessage().contains(reason), () -> "reason was: " + e.getMessage());
    }

    private static String text(StunMessage message, int type) {
        return new String(message.value(message.attribute(type).orElseThrow()), StandardCharsets.UTF_8);
    }
}
