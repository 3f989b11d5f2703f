package org.wildrtc.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.RoomEvent;

/** Events from one node, run in order on the node they were sent to; Java-serialized on the way. */
record RoomEventBatch(ArrayList<RoomEvent> events) implements Command<Void, RoomChannels, RuntimeException>,
        Serializable {
    RoomEventBatch(List<RoomEvent> events) {
        this(new ArrayList<>(events));
    }

    @Override
    public Void execute(RoomChannels channels) {
        events.forEach(channels::received);
        return null;
    }
}
