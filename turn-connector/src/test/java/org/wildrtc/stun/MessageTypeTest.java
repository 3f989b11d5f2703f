package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void bindingRequestIs0x0001AndItsSuccessIs0x0101() {
        assertEquals(0x0001, MessageType.BINDING_REQUEST.encode());
        assertEquals(0x0101, MessageType.BINDING_SUCCESS.encode());
        assertEquals(MessageType.BINDING_SUCCESS, MessageType.BINDING_REQUEST.successResponse());
    }

    @Test
    void classBitsInterleaveWithTheMethodAsRfc8489Section5Draws() {
        // RFC 8656 §17: Allocate error response 0x0113, ChannelBind indication would be 0x0019.
        assertEquals(0x0113, new MessageType(StunMethod.ALLOCATE, MessageClass.ERROR_RESPONSE).encode());
        assertEquals(0x0017, new MessageType(StunMethod.DATA, MessageClass.INDICATION).encode());
    }

    @Test
    void everyMethodAndClassSurvivesARoundTrip() {
        for (int method = 0; method <= 0xFFF; method++) {
            for (MessageClass messageClass : MessageClass.values()) {
                MessageType type = new MessageType(method, messageClass);
                assertEquals(type, MessageType.decode(type.encode()));
                assertEquals(0, type.encode() & 0xC000);
            }
        }
    }
}
