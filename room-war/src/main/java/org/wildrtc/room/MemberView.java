package org.wildrtc.room;

/** A member as the signaling side needs it, detached from the persistence context. */
public record MemberView(String clientId, String peerId) {
    static MemberView of(Member member) {
        return new MemberView(member.clientId(), member.peerId());
    }
}
