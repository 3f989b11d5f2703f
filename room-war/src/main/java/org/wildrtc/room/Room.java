package org.wildrtc.room;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A call room, named by its users; it lives while it has members. */
@Entity
@Table(name = "ROOM")
public class Room {
    @Id
    private String id;

    private Instant createdAt;

    @OneToMany(mappedBy = "room", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("joinedAt")
    private List<Member> members = new ArrayList<>();

    protected Room() {
        // for JPA
    }

    Room(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<Member> members() {
        return members;
    }

    Member add(String clientId, boolean initiator, Instant now) {
        Member member = new Member(clientId, this, initiator, now);
        members.add(member);
        return member;
    }
}
