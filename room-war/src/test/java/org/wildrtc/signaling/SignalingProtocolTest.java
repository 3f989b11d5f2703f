package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignalingProtocolTest {

    @Test
    void registerCarriesRoomClientAndTheEventsOptIn() {
        assertEquals(new Command.Register("room-1", "abc", false),
                SignalingProtocol.read("{\"cmd\":\"register\",\"roomid\":\"room-1\",\"clientid\":\"abc\"}"));
        assertEquals(new Command.Register("room-1", "abc", true),
                SignalingProtocol.read("{\"cmd\":\"register\",\"roomid\":\"room-1\",\"clientid\":\"abc\",\"events\":true}"));
    }

    @Test
    void registerWithoutIdsIsFatalWithCollidersText() {
        assertRejected("{\"cmd\":\"register\",\"roomid\":\"room-1\"}",
                "missing-ids", "Invalid register request: missing 'clientid' or 'roomid'", 1008);
        assertRejected("{\"cmd\":\"register\",\"roomid\":7,\"clientid\":\"abc\"}",
                "missing-ids", "Invalid register request: missing 'clientid' or 'roomid'", 1008);
    }

    @Test
    void sendCarriesTheRawMessageAndAnOptionalRecipient() {
        assertEquals(new Command.Send("{\"type\":\"bye\"}", null),
                SignalingProtocol.read("{\"cmd\":\"send\",\"msg\":\"{\\\"type\\\":\\\"bye\\\"}\"}"));
        assertEquals(new Command.Send("hi", "peer-2"),
                SignalingProtocol.read("{\"cmd\":\"send\",\"msg\":\"hi\",\"to\":\"peer-2\"}"));
    }

    @Test
    void sendWithoutMessageIsFatal() {
        assertRejected("{\"cmd\":\"send\",\"msg\":\"\"}", "missing-msg", "Invalid send request: missing 'msg'", 1008);
    }

    @Test
    void anUnknownCommandIsAnErrorThatKeepsTheSocket() {
        assertRejected("{\"cmd\":\"dance\"}", "unknown-cmd", "Invalid message: unexpected 'cmd'", 0);
        assertRejected("{\"msg\":\"no cmd\"}", "unknown-cmd", "Invalid message: unexpected 'cmd'", 0);
    }

    @Test
    void textThatIsNotJsonIsFatal() {
        assertRejected("{\"cmd\": ", "not-json", "Invalid message: not JSON", 1003);
        assertRejected("{\"cmd\":\"send\"} trailing", "not-json", "Invalid message: not JSON", 1003);
    }

    @Test
    void aNumberWhoseExponentOverflowsIsNotJson() {
        // Found by SignalingProtocolFuzzTest: the JSON-P parser reads numbers as BigDecimal and throws
        // NumberFormatException beyond its exponent range.
        assertRejected("{\"cmd\":\"send\",\"msg\":\"hi\",\"n\":1e10000000000}", "not-json", "Invalid message: not JSON", 1003);
    }

    @Test
    void jsonThatIsNotAnObjectIsFatal() {
        assertRejected("[1,2]", "not-json", "Invalid message: expected a JSON object", 1003);
    }

    @Test
    void aFrameOverTheLimitIsRefusedWith1009() {
        assertRejected("{\"cmd\":\"send\",\"msg\":\"" + "x".repeat(SignalingProtocol.MAX_FRAME_CHARS) + "\"}",
                "too-big", "Invalid message: longer than 65536 characters", 1009);
    }

    @Test
    void serverFramesHaveCollidersShape() {
        assertEquals("{\"msg\":\"hello \\\"you\\\"\",\"error\":\"\",\"from\":\"p1\"}\n",
                Reply.message("hello \"you\"", "p1").frame());
        assertEquals("{\"msg\":\"\",\"error\":\"\",\"event\":\"left\",\"peer\":\"p1\"}\n", Reply.event("left", "p1").frame());
    }

    private static void assertRejected(String frame, String code, String error, int closeCode) {
        assertEquals(new Command.Rejected(new Reply("{\"msg\":\"\",\"error\":\"" + error + "\",\"code\":\"" + code
                + "\"}\n", closeCode)),
                SignalingProtocol.read(frame));
    }
}
