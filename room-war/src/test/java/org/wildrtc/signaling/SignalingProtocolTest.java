package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignalingProtocolTest {

    @Test
    void echoesTheMessageInColliderShape() {
        assertEquals(new Reply("{\"msg\":\"hello \\\"you\\\"\",\"error\":\"\"}\n", 0),
                SignalingProtocol.handle("{\"cmd\":\"echo\",\"msg\":\"hello \\\"you\\\"\"}"));
    }

    @Test
    void anUnknownCommandIsAnErrorThatKeepsTheSocket() {
        assertEquals(new Reply("{\"msg\":\"\",\"error\":\"Invalid message: unexpected 'cmd'\"}\n", 0),
                SignalingProtocol.handle("{\"cmd\":\"dance\"}"));
    }

    @Test
    void textThatIsNotJsonIsFatal() {
        Reply reply = SignalingProtocol.handle("{\"cmd\": ");
        assertEquals("{\"msg\":\"\",\"error\":\"Invalid message: not JSON\"}\n", reply.frame());
        assertEquals(1003, reply.closeCode());
    }

    @Test
    void jsonThatIsNotAnObjectIsFatal() {
        Reply reply = SignalingProtocol.handle("[1,2]");
        assertEquals("{\"msg\":\"\",\"error\":\"Invalid message: expected a JSON object\"}\n", reply.frame());
        assertEquals(1003, reply.closeCode());
    }

    @Test
    void aFrameOverTheLimitIsRefusedWith1009() {
        Reply reply = SignalingProtocol.handle("{\"cmd\":\"echo\",\"msg\":\"" + "x".repeat(SignalingProtocol.MAX_FRAME_CHARS) + "\"}");
        assertEquals("{\"msg\":\"\",\"error\":\"Invalid message: longer than 65536 characters\"}\n", reply.frame());
        assertEquals(1009, reply.closeCode());
    }
}
