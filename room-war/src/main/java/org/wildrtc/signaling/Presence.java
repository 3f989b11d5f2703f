package org.wildrtc.signaling;

/** A room member as the signaling side sees it: its ids and its socket, if it has one now. */
final class Presence {
    final String clientId;
    final String peerId;
    SignalingSocket socket;
    /** Whether the others were told it joined; a member is announced when it first registers. */
    boolean announced;

    Presence(String clientId, String peerId, boolean announced) {
        this.clientId = clientId;
        this.peerId = peerId;
        this.announced = announced;
    }

    boolean live() {
        return socket != null && socket.isOpen();
    }
}
