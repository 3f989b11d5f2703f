package org.wildrtc.signaling;

import org.wildrtc.config.RoomSettings;
import org.wildrtc.room.RoomService;

/** RoomChannels wired as CDI wires them, on a test's rooms and nodes. */
final class TestChannels {
    private TestChannels() {
    }

    /** The only node of its cluster, on a database of its own. */
    static RoomChannels alone(SignalingStats stats) {
        return on(new InMemoryRooms(), stats, new LoneNode());
    }

    static RoomChannels on(RoomService rooms, SignalingStats stats, ClusterNodes nodes) {
        RoomChannels channels = new RoomChannels();
        channels.rooms = rooms;
        channels.stats = stats;
        channels.nodes = nodes;
        channels.settings = RoomSettings.fromSystemProperties();
        channels.init();
        return channels;
    }

    /** A cluster of one, as in standalone.xml: nothing to tell, nobody to tell it to. */
    private static final class LoneNode implements ClusterNodes {
        @Override
        public String localNode() {
            return "node1";
        }

        @Override
        public void tellOthers(RoomEvent event) {
            // nobody else
        }

        @Override
        public boolean tell(String node, RoomEvent event) {
            return false;
        }

        @Override
        public boolean holdIfBackedUp(String node, ReadSwitch sender) {
            return false;
        }
    }
}
