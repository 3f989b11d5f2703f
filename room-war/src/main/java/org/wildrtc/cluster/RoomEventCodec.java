package org.wildrtc.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wildrtc.signaling.RoomEvent;

/**
 * Room events as the bytes of one command between nodes: a count, then per event a tag and its
 * strings, each as its UTF-8 length and bytes. Hand-coded because WildFly marshals an arbitrary
 * Serializable with JBoss Marshalling, writing class descriptors and reading record components
 * reflectively, twice per command (once to size the buffer): in the cross-node benchmark that was
 * about half of both nodes' CPU, while a byte[] goes through as it is.
 */
final class RoomEventCodec {
    private static final byte JOINED = 1;
    private static final byte ATTACHED = 2;
    private static final byte DETACHED = 3;
    private static final byte LEFT = 4;
    private static final byte DELIVERY = 5;

    private RoomEventCodec() {
    }

    static byte[] encode(List<RoomEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * events.size());
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(events.size());
            for (RoomEvent event : events) {
                write(out, event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not what {@link #encode} makes */
    static List<RoomEvent> decode(byte[] encoded) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            int count = in.readInt();
            if (count < 0 || count > encoded.length) {
                throw new IllegalArgumentException("room event batch of " + count + " events in " + encoded.length + " bytes");
            }
            List<RoomEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(read(in, encoded.length));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the last room event");
            }
            return events;
        } catch (EOFException e) {
            throw new IllegalArgumentException("room event batch cut short", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
        }
    }

    private static void write(DataOutputStream out, RoomEvent event) throws IOException {
        if (event instanceof RoomEvent.Delivery d) {
            strings(out, DELIVERY, d.roomId(), d.clientId(), d.senderPeerId(), d.msg());
        } else if (event instanceof RoomEvent.Joined j) {
            strings(out, JOINED, j.roomId(), j.clientId(), j.peerId());
        } else if (event instanceof RoomEvent.Attached a) {
            strings(out, ATTACHED, a.roomId(), a.clientId(), a.peerId(), a.node());
        } else if (event instanceof RoomEvent.Detached d) {
            strings(out, DETACHED, d.roomId(), d.clientId(), d.node());
        } else if (event instanceof RoomEvent.Left l) {
            strings(out, LEFT, l.roomId(), l.clientId());
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass());
        }
    }

    private static void strings(DataOutputStream out, byte tag, String... values) throws IOException {
        out.writeByte(tag);
        for (String value : values) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static RoomEvent read(DataInputStream in, int limit) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case DELIVERY -> new RoomEvent.Delivery(string(in, limit), string(in, limit), string(in, limit), string(in, limit));
            case JOINED -> new RoomEvent.Joined(string(in, limit), string(in, limit), string(in, limit));
            case ATTACHED -> new RoomEvent.Attached(string(in, limit), string(in, limit), string(in, limit), string(in, limit));
            case DETACHED -> new RoomEvent.Detached(string(in, limit), string(in, limit), string(in, limit));
            case LEFT -> new RoomEvent.Left(string(in, limit), string(in, limit));
            default -> throw new IllegalArgumentException("unknown room event tag " + tag);
        };
    }

    private static String string(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IllegalArgumentException("string of " + length + " bytes in a batch of " + limit);
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
