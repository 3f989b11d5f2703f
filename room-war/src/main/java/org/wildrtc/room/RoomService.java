package org.wildrtc.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Rooms and their members, one transaction per operation. */
@ApplicationScoped
public class RoomService {
    private static final Logger LOG = Logger.getLogger(RoomService.class);
    /** AppRTC rooms hold two clients. */
    static final int CAPACITY = 2;

    @PersistenceContext(unitName = "wildrtc")
    EntityManager entityManager;

    private final Clock clock = Clock.systemUTC();

    /** Adds a new member to the room, creating the room when it does not exist. */
    @Transactional
    public JoinResult join(String roomId) {
        Instant now = clock.instant();
        // The row lock serialises joins to one room, so its occupancy is read and changed atomically.
        Room room = entityManager.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
        if (room == null) {
            room = new Room(roomId, now);
            entityManager.persist(room);
        }
        if (room.members().size() >= CAPACITY) {
            LOG.debugf("Room %s is full", roomId);
            return JoinResult.full();
        }
        boolean initiator = room.members().isEmpty();
        Member member = room.add(ClientIds.random(), initiator, now);
        LOG.debugf("Client joined room %s (%d member(s))", roomId, room.members().size());
        return new JoinResult(JoinResult.Status.SUCCESS, member.clientId(), initiator);
    }
}
