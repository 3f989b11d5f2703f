package org.wildrtc.signaling;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Nodes of one cluster in one JVM: what a node tells another waits, in order, until the test
 * {@link #flush}es, as events cross the network while the nodes go on.
 */
final class InProcessCluster {
    private final Map<String, RoomChannels> nodes = new LinkedHashMap<>();
    private final Queue<Map.Entry<String, RoomEvent>> inTransit = new ArrayDeque<>();

    ClusterNodes node(String name) {
        return new ClusterNodes() {
            @Override
            public String localNode() {
                return name;
            }

            @Override
            public void tellOthers(RoomEvent event) {
                nodes.keySet().stream().filter(other -> !other.equals(name)).forEach(other -> tell(other, event));
            }

            @Override
            public boolean tell(String node, RoomEvent event) {
                if (!nodes.containsKey(node)) {
                    return false;
                }
                inTransit.add(Map.entry(node, event));
                return true;
            }

            @Override
            public boolean holdIfBackedUp(String node, ReadSwitch sender) {
                // nothing waits: events are in transit until the test flushes them
                return false;
            }
        };
    }

    void add(String name, RoomChannels channels) {
        nodes.put(name, channels);
    }

    /** The node is gone: what is in transit to it is lost, and the others are told. */
    void remove(String name) {
        nodes.remove(name);
        nodes.values().forEach(survivor -> survivor.nodeLeft(name));
    }

    /** Delivers what is in transit, and what that sends, until nothing is. */
    void flush() {
        Map.Entry<String, RoomEvent> next;
        while ((next = inTransit.poll()) != null) {
            RoomChannels receiver = nodes.get(next.getKey());
            if (receiver != null) {
                receiver.received(next.getValue());
            }
        }
    }
}
