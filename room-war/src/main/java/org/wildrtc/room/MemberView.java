package org.wildrtc.room;

/**
 * A member as the signaling side needs it, detached from the persistence context.
 *
 * @param socketNode the node that holds its socket (jboss.node.name), null while it has none
 */
public record MemberView(String clientId, String peerId, String socketNode) {
    /** A member without a socket. */
    public MemberView(String clientId, String peerId) {
        this(clientId, peerId, null);
    }

    static MemberView of(Member member) {
        return new MemberView(member.clientId(), member.peerId(), member.socketNode());
    }
}
