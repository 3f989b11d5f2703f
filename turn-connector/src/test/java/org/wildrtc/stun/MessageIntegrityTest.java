package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5769 §2.1–2.3 carry MESSAGE-INTEGRITY keyed with the short-term password "VOkJxbRl1RmTxUk/WvJxBt". */
class MessageIntegrityTest {
    private static final byte[] KEY = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

    @Test
    void verifiesTheRfc5769Vectors() throws Exception {
        for (byte[] vector : new byte[][] {StunDecoderTest.SAMPLE_REQUEST, StunDecoderTest.SAMPLE_IPV4_RESPONSE,
                StunDecoderTest.SAMPLE_IPV6_RESPONSE}) {
            StunMessage message = StunDecoder.decode(ByteBuffer.wrap(vector));
            assertTrue(MessageIntegrity.SHA1.verify(message, KEY));
            assertFalse(MessageIntegrity.SHA1.verify(message, "wrong".getBytes(StandardCharsets.UTF_8)));
            assertFalse(MessageIntegrity.SHA256.verify(message, KEY));
        }
    }

    @Test
    void whatAppendWritesVerifiesBeforeAFingerprint() throws Exception {
        for (MessageIntegrity integrity : MessageIntegrity.values()) {
            ByteBuffer out = ByteBuffer.allocate(256);
            MessageWriter writer = new MessageWriter(out, MessageType.BINDING_REQUEST, new byte[12]);
            writer.text(AttributeType.USERNAME, "alice");
            integrity.append(writer, KEY);
            writer.finishWithFingerprint();
            StunMessage message = StunDecoder.decode(out.flip());
            assertTrue(integrity.verify(message, KEY), integrity.name());
        }
    }
}
