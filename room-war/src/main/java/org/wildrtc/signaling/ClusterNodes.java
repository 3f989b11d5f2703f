package org.wildrtc.signaling;

/**
 * The other nodes of the cluster, as signaling needs them. Whatever this node tells one node
 * arrives there in the order it was told, and it never waits for the other node: RoomChannels
 * tells them under a room's lock, sometimes on an IO thread.
 */
public interface ClusterNodes {
    /** This node's name (jboss.node.name), as sockets' nodes are kept in the database. */
    String localNode();

    /** Tells every other node; dropped, and logged, for a node that is not keeping up. */
    void tellOthers(RoomEvent event);

    /**
     * Tells one node.
     *
     * @return false when that node is not in the cluster now, or not keeping up: nothing was sent
     */
    boolean tell(String node, RoomEvent event);

    /**
     * Back-pressure toward a node, as a socket's SendBacklog gives toward a socket: when what waits
     * for {@code node} has reached its high mark, {@code sender} is held (not read) until the backlog
     * has drained to its low mark, or the node left.
     *
     * @return whether the sender is now held
     */
    boolean holdIfBackedUp(String node, ReadSwitch sender);
}
