package org.wildrtc.cluster;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.List;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.RoomEvent;
import org.wildrtc.signaling.SignalingProtocol;

/**
 * Events from one node, run in order on the node they were sent to. Externalizable with the events
 * as {@link RoomEventCodec} bytes: the marshaller writes one class name and one array, and reads
 * no fields reflectively.
 */
public final class RoomEventBatch implements Command<Void, RoomChannels, RuntimeException>, Externalizable {
    /**
     * More than an outbox ever sends at once: its largest batch of messages as long as a frame may be,
     * at three UTF-8 bytes per char, with 1 KiB of ids each. A length beyond is refused unread.
     */
    static final int MAX_BYTES = Outbox.MAX_BATCH * (3 * SignalingProtocol.MAX_FRAME_CHARS + 1024);

    private byte[] events;

    /** For the marshaller, which fills it through {@link #readExternal}. */
    public RoomEventBatch() {
    }

    RoomEventBatch(List<RoomEvent> events) {
        this.events = RoomEventCodec.encode(events);
    }

    @Override
    public Void execute(RoomChannels channels) {
        RoomEventCodec.decode(events).forEach(channels::received);
        return null;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeInt(events.length);
        out.write(events);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("room event batch of " + length + " bytes");
        }
        events = new byte[length];
        in.readFully(events);
    }
}
