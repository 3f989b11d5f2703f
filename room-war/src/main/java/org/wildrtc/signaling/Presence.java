package org.wildrtc.signaling;

/**
 * A room member as the signaling side sees it: its ids, its socket if this node holds it now (or the
 * node that does), and its message rate.
 */
final class Presence {
    final String clientId;
    final String peerId;
    /** One for the member, whichever way its messages come in (WebSocket, {@code /message}, Collider's POST). */
    final RateLimit rate;
    SignalingSocket socket;
    /** The node that holds the member's socket when another node does (ClusterNodes), else null. */
    String node;
    /** Whether the others were told it joined; a member is announced when it first registers. */
    boolean announced;

    Presence(String clientId, String peerId, boolean announced, RateLimit rate) {
        this.clientId = clientId;
        this.peerId = peerId;
        this.announced = announced;
        this.rate = rate;
    }

    /** Called under the room's lock for each message the member sends. */
    boolean withinRate() {
        return rate.tryAcquire(System.nanoTime());
    }

    boolean live() {
        return socket != null && socket.isOpen();
    }
}
