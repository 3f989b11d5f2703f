package org.wildrtc.room;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A client in a room, known by its unguessable client id. */
@Entity
@Table(name = "ROOM_MEMBER")
public class Member {
    @Id
    private String clientId;

    @ManyToOne(optional = false)
    private Room room;

    private boolean initiator;

    private Instant joinedAt;

    protected Member() {
        // for JPA
    }

    Member(String clientId, Room room, boolean initiator, Instant joinedAt) {
        this.clientId = clientId;
        this.room = room;
        this.initiator = initiator;
        this.joinedAt = joinedAt;
    }

    public String clientId() {
        return clientId;
    }

    public boolean initiator() {
        return initiator;
    }
}
