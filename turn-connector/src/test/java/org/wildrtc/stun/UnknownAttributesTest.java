package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8489 §14: only comprehension-required types (below 0x8000) the server does not understand count. */
class UnknownAttributesTest {
    private static final byte[] TRANSACTION_ID = Hex.bytes("0102030405060708090a0b0c");
    private static final Set<Integer> UNDERSTOOD = Set.of(AttributeType.USERNAME);

    @Test
    void aRequestWithNoAttributesHasNothingUnknown() throws Exception {
        assertEquals(List.of(), UnknownAttributes.find(request(), UNDERSTOOD));
    }

    @Test
    void understoodAndComprehensionOptionalTypesAreNotUnknown() throws Exception {
        assertEquals(List.of(), UnknownAttributes.find(request(AttributeType.USERNAME, 0x8022), UNDERSTOOD));
    }

    @Test
    void eachUnknownTypeIsListedOnceInTheOrderItCame() throws Exception {
        assertEquals(List.of(0x0024, 0x0003),
                UnknownAttributes.find(request(0x0024, AttributeType.USERNAME, 0x0003, 0x0024, 0x8022), UNDERSTOOD));
    }

    private static StunMessage request(int... types) throws StunParseException {
        ByteBuffer out = ByteBuffer.allocate(256);
        MessageWriter writer = new MessageWriter(out, MessageType.BINDING_REQUEST, TRANSACTION_ID);
        for (int type : types) {
            writer.attribute(type, new byte[4]);
        }
        return StunDecoder.decode(writer.written());
    }
}
