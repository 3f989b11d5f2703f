package org.wildrtc.room;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A call room, named by its users; it lives while it has members. */
@Entity
@Table(name = "ROOM")
public class Room {
    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private RoomMode mode;

    private int capacity;

    private Instant createdAt;

    @OneToMany(mappedBy = "room", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("joinedAt, clientId")
    private List<Member> members = new ArrayList<>();

    protected Room() {
        // for JPA
    }

    Room(String id, RoomMode mode, int capacity, Instant createdAt) {
        this.id = id;
        this.mode = mode;
        this.capacity = capacity;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public RoomMode mode() {
        return mode;
    }

    public int capacity() {
        return capacity;
    }

    public List<Member> members() {
        return members;
    }

    boolean isFull() {
        return members.size() >= capacity;
    }

    Optional<Member> member(String clientId) {
        return members.stream().filter(m -> m.clientId().equals(clientId)).findFirst();
    }

    Member add(String clientId, String peerId, Instant now, Instant expiresAt) {
        Member member = new Member(clientId, peerId, this, now, expiresAt);
        members.add(member);
        return member;
    }
}
