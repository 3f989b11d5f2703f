package org.wildrtc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildrtc.signaling.RoomEvent;

/**
 * Coverage-guided fuzzing (Jazzer) of the batch decoder: whatever bytes arrive, they decode into
 * events that survive another encoding unchanged, or are refused with IllegalArgumentException
 * (which the dispatcher logs); nothing else is thrown, and no length in the bytes makes it allocate
 * beyond the batch's own size. In {@code mvn test} only the seeds below and saved inputs run.
 */
class RoomEventCodecFuzzTest {
    static Stream<byte[]> batches() {
        return Stream.of(
                RoomEventCodec.encode(List.of()),
                RoomEventCodec.encode(List.of(new RoomEvent.Delivery("r", "c", "p", "{\"type\":\"bye\"}"))),
                RoomEventCodec.encode(List.of(new RoomEvent.Joined("r", "c", "p"), new RoomEvent.Attached("r", "c", "p", "n"),
                        new RoomEvent.Detached("r", "c", "n"), new RoomEvent.Left("r", "c"))));
    }

    @MethodSource("batches")
    @FuzzTest
    void decode(@NotNull @WithLength(max = 4096) byte[] bytes) {
        List<RoomEvent> events;
        try {
            events = RoomEventCodec.decode(bytes);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(events, RoomEventCodec.decode(RoomEventCodec.encode(events)));
    }
}
