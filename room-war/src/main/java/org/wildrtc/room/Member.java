package org.wildrtc.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A client in a room. Its client id is secret (it authorises posting, registering and leaving);
 * its peer id is what other members see.
 */
@Entity
@Table(name = "ROOM_MEMBER")
public class Member {
    @Id
    private String clientId;

    @Column(nullable = false, unique = true)
    private String peerId;

    @ManyToOne(optional = false)
    private Room room;

    private Instant joinedAt;

    /** When the member is dropped unless it has a live socket by then; null while it has one. */
    private Instant expiresAt;

    /** The node (jboss.node.name) that holds the member's socket; null while it has none. */
    private String socketNode;

    protected Member() {
        // for JPA
    }

    Member(String clientId, String peerId, Room room, Instant joinedAt, Instant expiresAt) {
        this.clientId = clientId;
        this.peerId = peerId;
        this.room = room;
        this.joinedAt = joinedAt;
        this.expiresAt = expiresAt;
    }

    public String clientId() {
        return clientId;
    }

    public String peerId() {
        return peerId;
    }

    public Room room() {
        return room;
    }

    public String socketNode() {
        return socketNode;
    }

    void attachTo(String node) {
        socketNode = node;
        expiresAt = null;
    }

    void detach(Instant expiry) {
        socketNode = null;
        expiresAt = expiry;
    }
}
