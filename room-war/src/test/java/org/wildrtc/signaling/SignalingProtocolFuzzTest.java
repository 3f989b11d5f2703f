package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the WebSocket frame parser. Whatever text a client sends, it
 * reads into a register with both ids, a send with a message, or a refusal whose reply is a Collider
 * error frame with a close code the protocol uses; and a server frame carrying that text stays JSON
 * that gives the text back. In {@code mvn test} only the seeds below and saved inputs run.
 */
class SignalingProtocolFuzzTest {
    private static final Set<Integer> CLOSE_CODES = Set.of(0, Reply.POLICY_VIOLATION, Reply.UNACCEPTABLE_DATA,
            Reply.TOO_BIG);

    static Stream<String> frames() {
        return Stream.of(
                "{\"cmd\":\"register\",\"roomid\":\"room-1\",\"clientid\":\"abc\",\"events\":true}",
                "{\"cmd\":\"send\",\"msg\":\"{\\\"type\\\":\\\"offer\\\",\\\"sdp\\\":\\\"v=0\\\\r\\\\n\\\"}\",\"to\":\"p2\"}",
                "{\"cmd\":\"send\",\"msg\":\"\"}",
                "{\"cmd\":\"dance\"}",
                "{\"cmd\":[1,{\"a\":null}],\"roomid\":7} trailing",
                "[\"cmd\"]");
    }

    @MethodSource("frames")
    @FuzzTest
    void read(@NotNull @WithUtf8Length(max = 10_000) String text) {
        Command command = SignalingProtocol.read(text);
        if (command instanceof Command.Register register) {
            JsonObject frame = parse(text);
            assertEquals(register.roomId(), frame.getString("roomid"));
            assertEquals(register.clientId(), frame.getString("clientid"));
            assertFalse(register.roomId().isEmpty() || register.clientId().isEmpty(), "a register without ids");
            assertEquals(frame.get("events") == JsonValue.TRUE, register.events());
        } else if (command instanceof Command.Send send) {
            JsonObject frame = parse(text);
            assertEquals(send.msg(), frame.getString("msg"));
            assertFalse(send.msg().isEmpty(), "a send without a message");
            assertTrue(send.to() == null || send.to().equals(frame.getString("to")));
        } else {
            Reply reply = ((Command.Rejected) command).reply();
            assertTrue(CLOSE_CODES.contains(reply.closeCode()), "close code " + reply.closeCode());
            assertEquals(text.length() > SignalingProtocol.MAX_FRAME_CHARS, reply.closeCode() == Reply.TOO_BIG);
            JsonObject frame = parse(reply.frame());
            assertEquals("", frame.getString("msg"));
            assertFalse(frame.getString("error").isEmpty(), "a refusal without an error text");
        }
        // Whatever a client sent, relayed to a peer it is one JSON frame with the same text.
        assertEquals(text, parse(Reply.message(text, "peer").frame()).getString("msg"));
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
