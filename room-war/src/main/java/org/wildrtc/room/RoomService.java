package org.wildrtc.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Rooms, members and queued messages in the database, one transaction per operation. Callers
 * hold the room's in-memory lock (see RoomChannels), and the room row is locked too, so a
 * room's occupancy is read and changed atomically even with several nodes on one database.
 */
@ApplicationScoped
@Transactional
public class RoomService {
    private static final Logger LOG = Logger.getLogger(RoomService.class);
    /** AppRTC rooms hold two clients. */
    static final int PAIR_CAPACITY = 2;
    /** Collider's bound on what waits for one client (docs/protocols.md §2). */
    public static final int MAX_QUEUED_PER_RECIPIENT = 1024;
    private static final String QUERY_TIMEOUT_HINT = "jakarta.persistence.query.timeout";
    private static final int COUNT_TIMEOUT_MILLIS = 2000;

    @PersistenceContext(unitName = "wildrtc")
    EntityManager entityManager;

    /** Every expiry set, so that the janitor sweeps when one is due rather than polling. */
    @Inject
    Event<MemberDeadline> deadlines;

    private final Clock clock = Clock.systemUTC();

    /**
     * Adds a new member to the room, creating the room in the requested mode when it does not
     * exist and {@code mayCreate}. The new member has {@code registerWindow} to open its socket.
     *
     * @param mayCreate false while the node drains: an existing room is joined, a new one is not made
     *                  ({@link JoinOutcome.Status#NOT_CREATED})
     * @throws RoomCreatedElsewhere when another node created the room meanwhile: join again
     */
    public JoinOutcome join(String roomId, RoomMode requested, boolean mayCreate, int meshCapacity,
                            Duration registerWindow) {
        JoinOutcome admitted = admit(roomId, requested, mayCreate, meshCapacity, ClientIds.clientId(), registerWindow);
        if (admitted.status() != JoinOutcome.Status.SUCCESS) {
            return admitted;
        }
        List<String> messages = takeQueued(roomId, null).stream().map(QueuedMessage::body).toList();
        return new JoinOutcome(admitted.status(), admitted.mode(), admitted.capacity(), admitted.self(),
                admitted.peers(), messages);
    }

    /**
     * Open registration: adds a member under a key made from an id that someone else minted (an
     * AppRTC room server of the site's own), creating a pair room, as Collider's rooms hold two, when
     * the room does not exist. What waits for the next joiner now waits for this member: it has no
     * {@code /join} answer to receive it in, and gets it when it registers.
     *
     * @param memberKey {@link ClientIds#adopted}
     * @throws RoomCreatedElsewhere as {@link #join}
     */
    public JoinOutcome adopt(String roomId, String memberKey, Duration registerWindow) {
        JoinOutcome admitted = admit(roomId, RoomMode.PAIR, true, PAIR_CAPACITY, memberKey, registerWindow);
        if (admitted.status() == JoinOutcome.Status.SUCCESS) {
            entityManager.createQuery("update QueuedMessage q set q.recipient = :client "
                            + "where q.roomId = :room and q.recipient is null")
                    .setParameter("client", memberKey).setParameter("room", roomId).executeUpdate();
        }
        return admitted;
    }

    /**
     * A new member, the room created in {@code requested} mode when it does not exist (NOT_CREATED
     * unless {@code mayCreate}); FULL when it is.
     */
    private JoinOutcome admit(String roomId, RoomMode requested, boolean mayCreate, int meshCapacity, String clientId,
                              Duration registerWindow) {
        Instant now = clock.instant();
        Room room = entityManager.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
        if (room == null && !mayCreate) {
            return new JoinOutcome(JoinOutcome.Status.NOT_CREATED, requested, 0, null, List.of(), List.of());
        }
        if (room == null) {
            room = create(new Room(roomId, requested, requested == RoomMode.MESH ? meshCapacity : PAIR_CAPACITY, now));
        }
        List<MemberView> peers = room.members().stream().map(MemberView::of).toList();
        if (room.isFull()) {
            LOG.debugf("Room %s is full", roomId);
            return new JoinOutcome(JoinOutcome.Status.FULL, room.mode(), room.capacity(), null, peers, List.of());
        }
        Instant expiry = now.plus(registerWindow);
        Member member = room.add(clientId, ClientIds.peerId(), now, expiry);
        deadlines.fire(new MemberDeadline(expiry));
        LOG.debugf("Client joined room %s (%d member(s))", roomId, room.members().size());
        return new JoinOutcome(JoinOutcome.Status.SUCCESS, room.mode(), room.capacity(), MemberView.of(member), peers,
                List.of());
    }

    /**
     * Inserts the room now rather than at commit, so that a failed insert surfaces here. Most likely
     * another node created the same room at the same moment (a primary-key violation): the join
     * that tries again finds it. Any other failure fails that second try too, and is reported then.
     *
     * @throws RoomCreatedElsewhere when the insert fails
     */
    private Room create(Room room) {
        try {
            entityManager.persist(room);
            entityManager.flush();
        } catch (PersistenceException e) {
            throw new RoomCreatedElsewhere(room.id(), e);
        }
        LOG.debugf("Created %s room %s", room.mode().wireName(), room.id());
        return room;
    }

    /**
     * Rooms by mode and members, for the gauges: two aggregate queries whatever the number of rooms,
     * each bounded in time so a slow database cannot hold the counting thread.
     */
    public RoomCounts counts() {
        Map<RoomMode, Long> rooms = new EnumMap<>(RoomMode.class);
        for (Object[] row : entityManager.createQuery("select r.mode, count(r) from Room r group by r.mode", Object[].class)
                .setHint(QUERY_TIMEOUT_HINT, COUNT_TIMEOUT_MILLIS).getResultList()) {
            rooms.put((RoomMode) row[0], (Long) row[1]);
        }
        long members = entityManager.createQuery("select count(m) from Member m", Long.class)
                .setHint(QUERY_TIMEOUT_HINT, COUNT_TIMEOUT_MILLIS).getSingleResult();
        return new RoomCounts(rooms, members);
    }

    /** The room with its members, if it exists. */
    public Optional<RoomView> room(String roomId) {
        return Optional.ofNullable(entityManager.find(Room.class, roomId))
                .map(r -> new RoomView(r.id(), r.capacity(), r.members().stream().map(MemberView::of).toList()));
    }

    /**
     * The rooms, oldest first, from {@code offset}, at most {@code limit}, with how many there are in all:
     * every node's, as they share the database.
     */
    public RoomPage page(int offset, int limit) {
        long total = entityManager.createQuery("select count(r) from Room r", Long.class).getSingleResult();
        List<RoomSummary> rooms = entityManager.createQuery("select new org.wildrtc.room.RoomSummary("
                        + "r.id, r.mode, size(r.members), r.createdAt) from Room r order by r.createdAt, r.id",
                        RoomSummary.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        return new RoomPage(total, rooms);
    }

    /**
     * Removes the member; an empty room is deleted with what was queued in it. The one left is the
     * initiator from now on (AppRTC) because nobody else is in the room: see {@link JoinOutcome#initiator()}.
     *
     * @return whether the client was a member of the room
     */
    public boolean leave(String roomId, String clientId) {
        Room room = entityManager.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
        Optional<Member> member = room == null ? Optional.empty() : room.member(clientId);
        if (member.isEmpty()) {
            return false;
        }
        room.members().remove(member.get());
        entityManager.createQuery("delete from QueuedMessage q where q.recipient = :client")
                .setParameter("client", clientId).executeUpdate();
        if (room.members().isEmpty()) {
            entityManager.createQuery("delete from QueuedMessage q where q.roomId = :room")
                    .setParameter("room", roomId).executeUpdate();
            entityManager.remove(room);
            LOG.debugf("Room %s is empty and deleted", roomId);
        }
        return true;
    }

    /**
     * Keeps a message for a member that has no live socket, or (recipient null) for the next joiner.
     * At most {@value #MAX_QUEUED_PER_RECIPIENT} messages wait for one recipient, and at most
     * {@code maxRoomChars} characters of messages in the whole room, whoever they wait for: a room
     * of members that never register must not fill the database.
     * <p>
     * The room row is locked, as by {@link #attach} and {@link #join}, so with several nodes a message
     * is either queued before its recipient registers (and handed over then) or sent to the node
     * that holds the recipient's socket ({@link QueueResult#ELSEWHERE}); and a message for the next
     * joiner is refused once someone has joined ({@link QueueResult#NOT_ALONE}).
     *
     * @param localNode the caller's node: a socket it holds is not "elsewhere"
     */
    public QueueOutcome queue(String roomId, String recipient, String senderPeerId, String body, long maxRoomChars,
                              String localNode) {
        Room room = entityManager.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
        if (room != null && recipient == null && room.members().size() > 1) {
            return QueueOutcome.NOT_ALONE;
        }
        String socketNode = room == null || recipient == null ? null
                : room.member(recipient).map(Member::socketNode).orElse(null);
        if (socketNode != null && !socketNode.equals(localNode)) {
            return QueueOutcome.elsewhere(socketNode);
        }
        long waiting = waitingFor("select count(q)", "", roomId, recipient, Long.class).getSingleResult();
        if (waiting >= MAX_QUEUED_PER_RECIPIENT) {
            return QueueOutcome.RECIPIENT_FULL;
        }
        Long roomChars = entityManager.createQuery("select sum(length(q.body)) from QueuedMessage q where q.roomId = :room",
                Long.class).setParameter("room", roomId).getSingleResult();
        if ((roomChars == null ? 0 : roomChars) + body.length() > maxRoomChars) {
            return QueueOutcome.ROOM_FULL;
        }
        entityManager.persist(new QueuedMessage(roomId, recipient, senderPeerId, body, clock.instant()));
        return QueueOutcome.QUEUED;
    }

    /** Removes and returns, oldest first, what waits for the recipient (null: for the next joiner). */
    public List<QueuedMessage> takeQueued(String roomId, String recipient) {
        List<QueuedMessage> messages =
                waitingFor("select q", " order by q.id", roomId, recipient, QueuedMessage.class).getResultList();
        messages.forEach(entityManager::remove);
        return messages;
    }

    /**
     * The member's socket is open on {@code node}: it no longer expires, messages for it go there,
     * and what was queued for it is removed and returned, oldest first. The room row is locked, as
     * by {@link #queue}.
     */
    public List<QueuedMessage> attach(String roomId, String clientId, String node) {
        Room room = entityManager.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
        Optional<Member> member = room == null ? Optional.empty() : room.member(clientId);
        if (member.isEmpty()) {
            return List.of();
        }
        member.get().attachTo(node);
        return takeQueued(roomId, clientId);
    }

    /**
     * The member's socket on {@code node} is gone: it leaves unless it comes back within {@code grace}.
     * A socket it has opened on another node since is left alone.
     */
    public void detached(String clientId, String node, Duration grace) {
        Member member = entityManager.find(Member.class, clientId);
        if (member != null && (member.socketNode() == null || member.socketNode().equals(node))) {
            Instant expiry = clock.instant().plus(grace);
            member.detach(expiry);
            deadlines.fire(new MemberDeadline(expiry));
        }
    }

    /**
     * This node has started: no socket it held before is open. Each of their members, and any member
     * from before sockets were kept with their node, gets the grace period to come back, through any node.
     */
    public int detachAfterRestart(String node, Duration grace) {
        return detachWhere("(m.socketNode = :node or m.socketNode is null)", node, grace);
    }

    /** {@code node} left the cluster with its sockets: each of their members gets the grace period to come back. */
    public int detachNode(String node, Duration grace) {
        return detachWhere("m.socketNode = :node", node, grace);
    }

    private int detachWhere(String socketCondition, String node, Duration grace) {
        Instant expiry = clock.instant().plus(grace);
        int detached = entityManager.createQuery("update Member m set m.expiresAt = :until, m.socketNode = null "
                        + "where m.expiresAt is null and " + socketCondition)
                .setParameter("until", expiry).setParameter("node", node).executeUpdate();
        if (detached > 0) {
            deadlines.fire(new MemberDeadline(expiry));
        }
        return detached;
    }

    /** The earliest time any member has to (re)connect by, on any node; null when no member has one. */
    public Instant earliestExpiry() {
        return entityManager.createQuery("select min(m.expiresAt) from Member m", Instant.class).getSingleResult();
    }

    /** Members whose time to (re)connect has passed. */
    public List<ExpiredMember> expired() {
        return entityManager.createQuery("select new org.wildrtc.room.ExpiredMember(m.room.id, m.clientId) "
                        + "from Member m where m.expiresAt < :now", ExpiredMember.class)
                .setParameter("now", clock.instant()).getResultList();
    }

    private <T> TypedQuery<T> waitingFor(String select, String order, String roomId, String recipient, Class<T> type) {
        if (recipient == null) {
            return entityManager.createQuery(select + " from QueuedMessage q where q.roomId = :room and q.recipient is null"
                    + order, type).setParameter("room", roomId);
        }
        return entityManager.createQuery(select + " from QueuedMessage q where q.roomId = :room and q.recipient = :recipient"
                + order, type).setParameter("room", roomId).setParameter("recipient", recipient);
    }
}
