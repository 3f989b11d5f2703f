package org.wildrtc.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signaling message waiting for its recipient. A null recipient means "whoever joins next":
 * AppRTC keeps what a member sends while alone and hands it over in the next joiner's /join answer.
 */
@Entity
@Table(name = "QUEUED_MESSAGE", indexes = {
        @Index(name = "QUEUED_MESSAGE_RECIPIENT", columnList = "recipient"),
        @Index(name = "QUEUED_MESSAGE_ROOM", columnList = "roomId")})
public class QueuedMessage {
    /** The longest message kept; the signaling side refuses longer frames and posts. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String roomId;

    /** The recipient's client id, or null for the next joiner. */
    private String recipient;

    @Column(nullable = false)
    private String senderPeerId;

    /**
     * Text, not a @Lob: on PostgreSQL Hibernate maps a @Lob String to a large object, which deleting
     * the row leaves behind.
     */
    @Column(nullable = false, length = MAX_BODY_CHARS)
    private String body;

    private Instant queuedAt;

    protected QueuedMessage() {
        // for JPA
    }

    QueuedMessage(String roomId, String recipient, String senderPeerId, String body, Instant queuedAt) {
        this.roomId = roomId;
        this.recipient = recipient;
        this.senderPeerId = senderPeerId;
        this.body = body;
        this.queuedAt = queuedAt;
    }

    public String senderPeerId() {
        return senderPeerId;
    }

    public String body() {
        return body;
    }
}
