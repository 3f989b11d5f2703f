package org.wildrtc.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.signaling.RoomEvent;

/** What a node sends another comes out as it went in, and bytes that are not a batch are refused. */
class RoomEventCodecTest {
    private static final List<RoomEvent> EVERY_KIND = List.of(
            new RoomEvent.Joined("room-1", "client-a", "peer-a"),
            new RoomEvent.Attached("room-1", "client-a", "peer-a", "node1"),
            new RoomEvent.Delivery("room-1", "client-b", "peer-a", "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}"),
            new RoomEvent.Detached("room-1", "client-a", "node1"),
            new RoomEvent.Left("room-1", "client-a"));

    @Test
    void everyKindOfEventComesBackEqualAndInOrder() {
        assertEquals(EVERY_KIND, RoomEventCodec.decode(RoomEventCodec.encode(EVERY_KIND)));
    }

    @Test
    void textBeyondLatinAndBeyondSixtyFourKilobytesComesBackWhole() {
        String big = "ü€𝄞".repeat(30_000); // 270 000 UTF-8 bytes: past DataOutput.writeUTF's 65 535
        List<RoomEvent> events = List.of(new RoomEvent.Delivery("Zimmer-ä", "", "peer-€", big));
        assertEquals(events, RoomEventCodec.decode(RoomEventCodec.encode(events)));
    }

    @Test
    void anEmptyBatchIsFourBytes() {
        byte[] encoded = RoomEventCodec.encode(List.of());
        assertEquals(4, encoded.length);
        assertEquals(List.of(), RoomEventCodec.decode(encoded));
    }

    @Test
    void aBatchCutAnywhereIsRefused() {
        byte[] encoded = RoomEventCodec.encode(EVERY_KIND);
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThrows(IllegalArgumentException.class, () -> RoomEventCodec.decode(cut), "cut at " + length);
        }
    }

    @Test
    void anUnknownTagTrailingBytesAndImpossibleLengthsAreRefused() {
        byte[] encoded = RoomEventCodec.encode(List.of(new RoomEvent.Left("r", "c")));
        byte[] unknownTag = encoded.clone();
        unknownTag[4] = 99;
        assertThrows(IllegalArgumentException.class, () -> RoomEventCodec.decode(unknownTag));

        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);
        assertThrows(IllegalArgumentException.class, () -> RoomEventCodec.decode(trailing));

        byte[] hugeCount = encoded.clone();
        hugeCount[0] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> RoomEventCodec.decode(hugeCount));

        byte[] negativeString = encoded.clone();
        negativeString[5] = (byte) 0xff;
        assertThrows(IllegalArgumentException.class, () -> RoomEventCodec.decode(negativeString));
    }

    @Test
    void aBatchSurvivesJavaSerializationAsItsBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new RoomEventBatch(EVERY_KIND));
        }
        RoomEventBatch read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (RoomEventBatch) in.readObject();
        }
        assertArrayEquals(RoomEventCodec.encode(EVERY_KIND), eventsOf(read));
    }

    @Test
    void aBatchLongerThanAnOutboxSendsIsRefusedBeforeItIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(RoomEventBatch.MAX_BYTES + 1);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            IOException refused = assertThrows(IOException.class, () -> new RoomEventBatch().readExternal(in));
            assertEquals("room event batch of " + (RoomEventBatch.MAX_BYTES + 1) + " bytes", refused.getMessage());
        }
    }

    private static byte[] eventsOf(RoomEventBatch batch) throws ReflectiveOperationException {
        Field events = RoomEventBatch.class.getDeclaredField("events");
        events.setAccessible(true);
        return (byte[]) events.get(batch);
    }
}
