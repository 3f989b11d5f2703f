package org.wildrtc.signaling;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.room.ClientIds;
import org.wildrtc.room.ExpiredMember;
import org.wildrtc.room.IdRule;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.MemberView;
import org.wildrtc.room.QueueOutcome;
import org.wildrtc.room.QueueResult;
import org.wildrtc.room.QueuedMessage;
import org.wildrtc.room.RoomCreatedElsewhere;
import org.wildrtc.room.RoomMode;
import org.wildrtc.room.RoomService;
import org.wildrtc.room.RoomView;

/**
 * Every change to a room goes through here: joins, leaves, registrations, messages. Each room has
 * one lock ({@link RoomChannel#lock}); under it the database is changed first (RoomService, its own
 * transaction) and then the in-memory members, so a message is either delivered to a live socket
 * or queued, never lost between the two. Messages between live sockets touch no database.
 * <p>
 * With several nodes, each keeps the rooms its sockets are in, and tells the others what changed
 * ({@link RoomEvent}, through {@link ClusterNodes}); a message for a socket another node holds is
 * sent to that node, one unicast. The database stays the authority on who is in a room and where
 * each socket is: see {@link RoomService#queue} for how a message and a register on two nodes meet.
 */
@ApplicationScoped
public class RoomChannels {
    private static final Logger LOG = Logger.getLogger(RoomChannels.class);
    static final String JOINED = "joined";
    static final String LEFT = "left";
    private static final int NORMAL_CLOSURE = 1000;
    /** Collider's text for a client that finds its room full. */
    private static final String MAX_CAPACITY = "Max room capacity reached";
    /** {@link #trySend}'s answer when only {@link #send} can do it. */
    static final Reply SLOW_PATH = new Reply("", 0);

    @Inject
    RoomService rooms;

    @Inject
    SignalingStats stats;

    @Inject
    ClusterNodes nodes;

    @Inject
    RoomSettings settings;

    private final ConcurrentMap<String, RoomChannel> channels = new ConcurrentHashMap<>();
    private JoinRate joinRate;

    @PostConstruct
    void init() {
        joinRate = new JoinRate(settings.joinsPerMinute(), Ticker.systemTicker());
    }

    /** This node's name, as the database keeps where each socket is. */
    public String localNode() {
        return nodes.localNode();
    }

    /**
     * Whether {@code /join} from this source address is within {@code wildrtc.rooms.joins-per-minute};
     * every attempt counts, a FULL one too.
     */
    public boolean mayJoin(String sourceAddress) {
        if (joinRate.allow(sourceAddress)) {
            return true;
        }
        stats.refused(SignalingRefusal.JOIN_RATE);
        return false;
    }

    /**
     * {@code /join}: a new member, or FULL; NOT_CREATED when the room does not exist and
     * {@code mayCreate} is false (the node drains).
     */
    public JoinOutcome join(String roomId, RoomMode requested, boolean mayCreate) {
        return withChannel(roomId, channel -> admit(channel,
                () -> rooms.join(roomId, requested, mayCreate, settings.meshCapacity(), settings.registerWindow())));
    }

    /**
     * Rooms this node has in memory: those with a member whose socket is, was or may be here. With
     * several nodes, a room can be counted by more than one.
     */
    public int roomsInMemory() {
        return channels.size();
    }

    /**
     * Open registration: a member for an id we did not mint; null when the room is full. A pair room
     * is created for it when none exists (RoomService#adopt).
     */
    private Presence adopt(RoomChannel channel, String clientId) {
        JoinOutcome outcome = admit(channel, () -> rooms.adopt(channel.roomId,
                ClientIds.adopted(channel.roomId, clientId), settings.registerWindow()));
        return outcome.status() == JoinOutcome.Status.SUCCESS ? channel.members.get(outcome.self().clientId()) : null;
    }

    /**
     * Adds the member the database admitted to the room in memory. A join that lost the race to create
     * its room joins the room the winner created.
     */
    private JoinOutcome admit(RoomChannel channel, Supplier<JoinOutcome> admission) {
        JoinOutcome outcome;
        try {
            outcome = admission.get();
        } catch (RoomCreatedElsewhere raced) {
            LOG.debugf("Room %s was created elsewhere at the same time; joining it", channel.roomId);
            outcome = admission.get();
        }
        if (outcome.status() == JoinOutcome.Status.SUCCESS) {
            channel.capacity = outcome.capacity();
            MemberView self = outcome.self();
            channel.members.put(self.clientId(), presence(self, false));
            nodes.tellOthers(new RoomEvent.Joined(channel.roomId, self.clientId(), self.peerId()));
        }
        return outcome;
    }

    /**
     * The member a client id on the wire names: a member {@code /join} made, under its own id, or one
     * open registration adopted, under {@link ClientIds#adopted}.
     */
    private static Presence member(RoomChannel channel, String clientId) {
        Presence minted = channel.members.get(clientId);
        return minted != null ? minted : channel.members.get(ClientIds.adopted(channel.roomId, clientId));
    }

    /** {@code /leave} and Collider's DELETE: the member leaves and its socket is closed. */
    public void leave(String roomId, String clientId) {
        withChannel(roomId, channel -> {
            Presence member = member(channel, clientId);
            // A member another node added is in the database only: its id is its key.
            String key = member == null ? clientId : member.clientId;
            if (rooms.leave(roomId, key)) {
                departed(channel, key, "left the room");
            }
            return null;
        });
    }

    /**
     * {@code /message}: as {@code send} from that member to every other one. An HTTP sender cannot be
     * paused as a socket is, so toward a backed-up socket it is refused instead, before anything is
     * delivered: it may send the same message again.
     */
    public PostResult post(String roomId, String clientId, String body) {
        return post(roomId, clientId, body, null);
    }

    /**
     * Collider's POST: as {@link #post(String, String, String)}; with open registration an unknown
     * client first takes a place in the room, as Collider adds any client that sends (the room
     * created when it does not exist), counted as a join of {@code source}.
     *
     * @param source the client's address, for {@code wildrtc.rooms.joins-per-minute}
     */
    public PostResult colliderPost(String roomId, String clientId, String body, String source) {
        return post(roomId, clientId, body, settings.openRegistration() ? source : null);
    }

    /** @param adoptFrom the source of a client that may be adopted; null: only members may post */
    private PostResult post(String roomId, String clientId, String body, String adoptFrom) {
        return withChannel(roomId, channel -> {
            Presence sender = member(channel, clientId);
            if (sender == null) {
                if (adoptFrom == null) {
                    return channel.exists() ? PostResult.UNKNOWN_CLIENT : PostResult.UNKNOWN_ROOM;
                }
                if (channel.exists() && channel.isFull()) {
                    return PostResult.ROOM_FULL;
                }
                if (!mayJoin(adoptFrom)) {
                    return PostResult.TOO_MANY_JOINS;
                }
                sender = adopt(channel, clientId);
                if (sender == null) {
                    return PostResult.ROOM_FULL;
                }
            }
            if (channel.reachesBackedUp(sender)) {
                stats.refused(SignalingRefusal.BACKED_UP);
                return PostResult.BACKED_UP;
            }
            if (!sender.withinRate()) {
                stats.refused(SignalingRefusal.MESSAGE_RATE);
                return PostResult.TOO_MANY_MESSAGES;
            }
            return deliver(channel, sender, body, null);
        });
    }

    /** What the sender is told when its message is refused, the same over a socket and over HTTP. */
    public String refusal(PostResult result) {
        return switch (result) {
            case ACCEPTED -> "";
            case UNKNOWN_ROOM -> "Unknown room";
            case UNKNOWN_CLIENT -> "Unknown client";
            case QUEUE_FULL -> "Too many messages queued for the client";
            case ROOM_QUEUE_FULL -> "Too many messages queued in the room";
            case TOO_MANY_MESSAGES -> "Too many messages: the limit is " + settings.messagesPerSecond() + " per second";
            case BACKED_UP -> "A recipient is not reading its messages fast enough; try again later";
            case ROOM_FULL -> MAX_CAPACITY;
            case TOO_MANY_JOINS -> "Too many joins from this address; try again later";
        };
    }

    /** A member whose socket stayed away too long (RoomJanitor). */
    void expire(ExpiredMember expired) {
        withChannel(expired.roomId(), channel -> {
            Presence member = channel.members.get(expired.clientId());
            // The database has it expired; a member another node added may be missing here.
            if ((member == null || !member.live()) && rooms.leave(expired.roomId(), expired.clientId())) {
                LOG.debugf("A member of room %s did not (re)connect in time and left", expired.roomId());
                departed(channel, expired.clientId(), "expired");
            }
            return null;
        });
    }

    /** {@code register}: binds the socket to a member and hands it what was queued for it. */
    Reply register(SignalingSocket socket, Command.Register register) {
        if (socket.registered()) {
            return Reply.fatal(SignalingError.DUPLICATE_REGISTER, "Duplicated register request");
        }
        return withChannel(register.roomId(), channel -> {
            Presence member = member(channel, register.clientId());
            if (member == null) {
                if (channel.exists() && channel.isFull()) {
                    return Reply.fatal(SignalingError.ROOM_FULL, MAX_CAPACITY);
                }
                if (!settings.openRegistration()) {
                    return Reply.fatal(SignalingError.UNKNOWN_CLIENT,
                            "Invalid register request: unknown client, join the room first");
                }
                if (!IdRule.valid(register.roomId()) || !IdRule.valid(register.clientId())) {
                    return Reply.fatal(SignalingError.INVALID_IDS,
                            "Invalid register request: 'roomid' and 'clientid' are " + IdRule.DESCRIPTION);
                }
                member = adopt(channel, register.clientId());
                if (member == null) {
                    return Reply.fatal(SignalingError.ROOM_FULL, MAX_CAPACITY);
                }
            }
            if (member.live()) {
                return Reply.fatal(SignalingError.ALREADY_REGISTERED, "Duplicated registration");
            }
            List<String> queued = new ArrayList<>();
            for (QueuedMessage message : rooms.attach(channel.roomId, member.clientId, nodes.localNode())) {
                queued.add(Reply.message(message.body(), message.senderPeerId()).frame());
            }
            member.socket = socket;
            member.node = null;
            socket.bind(channel.roomId, member.clientId, register.events());
            socket.catchUp(queued);
            nodes.tellOthers(new RoomEvent.Attached(channel.roomId, member.clientId, member.peerId, nodes.localNode()));
            if (!member.announced) {
                member.announced = true;
                channel.announce(member, JOINED);
            }
            return null;
        });
    }

    /** {@code send}: to one member ({@code to}) or all the others; queued for those without a socket. */
    Reply send(SignalingSocket socket, Command.Send send) {
        if (!socket.registered()) {
            return Reply.fatal(SignalingError.NOT_REGISTERED, "Client not registered");
        }
        return withChannel(socket.roomId(), channel -> {
            Presence sender = channel.members.get(socket.clientId());
            if (sender == null || sender.socket != socket) {
                return Reply.fatal(SignalingError.NOT_REGISTERED, "Client not registered");
            }
            return sendAs(channel, sender, send);
        });
    }

    /**
     * {@code send}'s fast path, for the socket's IO thread: delivers when the room is in memory, its
     * lock is free and every recipient is live, so it neither waits nor touches the database.
     *
     * @return {@link #SLOW_PATH} when {@link #send} must do it on a worker; else as {@link #send},
     *         never a reply that closes the socket
     */
    Reply trySend(SignalingSocket socket, Command.Send send) {
        if (!socket.registered()) {
            return SLOW_PATH;
        }
        RoomChannel channel = channels.get(socket.roomId());
        if (channel == null || !channel.lock.tryLock()) {
            return SLOW_PATH;
        }
        try {
            Presence sender = channel.members.get(socket.clientId());
            if (channel.retired || !channel.loaded || sender == null || sender.socket != socket
                    || !channel.deliversLive(sender, send.to())) {
                return SLOW_PATH;
            }
            return sendAs(channel, sender, send);
        } finally {
            channel.lock.unlock();
        }
    }

    /** The socket is gone; its member keeps its place for the grace period. */
    void closed(SignalingSocket socket) {
        if (!socket.registered()) {
            return;
        }
        withChannel(socket.roomId(), channel -> {
            Presence member = channel.members.get(socket.clientId());
            if (member != null && member.socket == socket) {
                member.socket = null;
                rooms.detached(member.clientId, nodes.localNode(), settings.grace());
                nodes.tellOthers(new RoomEvent.Detached(channel.roomId, member.clientId, nodes.localNode()));
            }
            return null;
        });
    }

    /** A socket's {@code send}, under the room's lock: null when delivered or queued, else the error. */
    private Reply sendAs(RoomChannel channel, Presence sender, Command.Send send) {
        if (send.to() != null) {
            Presence target = channel.byPeer(send.to());
            if (target == null || target == sender) {
                return Reply.error(SignalingError.UNKNOWN_PEER, "Invalid send request: unknown peer");
            }
        }
        PostResult result;
        if (!sender.withinRate()) {
            stats.refused(SignalingRefusal.MESSAGE_RATE);
            result = PostResult.TOO_MANY_MESSAGES;
        } else {
            result = deliver(channel, sender, send.msg(), send.to());
        }
        return result == PostResult.ACCEPTED ? null : Reply.error(SignalingError.of(result), refusal(result));
    }

    /**
     * Sends to every live recipient, here or on the node that holds its socket, and queues for the
     * others; {@code to}, when not null, names an existing other member.
     */
    private PostResult deliver(RoomChannel channel, Presence sender, String msg, String to) {
        if (to == null && channel.members.size() == 1) {
            // Alone: AppRTC keeps it for whoever joins next.
            QueueOutcome kept = store(channel, null, sender.peerId, msg);
            if (kept.result() != QueueResult.NOT_ALONE) {
                return queued(kept.result());
            }
            // Someone joined through another node meanwhile: deliver to the room as it is now.
            merge(channel, rooms.room(channel.roomId).orElse(null), false);
            if (channel.members.size() == 1) {
                return refuseBackedUp();
            }
        }
        Presence target = to == null ? null : channel.byPeer(to);
        String frame = null;
        PostResult result = PostResult.ACCEPTED;
        for (Presence recipient : channel.members.values()) {
            if (recipient == sender || (target != null && recipient != target)) {
                continue;
            }
            PostResult delivered = PostResult.ACCEPTED;
            if (recipient.live()) {
                if (frame == null) {
                    frame = Reply.message(msg, sender.peerId).frame();
                }
                sendHere(recipient, frame);
            } else {
                delivered = deliverElsewhere(channel, recipient, sender.peerId, msg);
            }
            if (delivered != PostResult.ACCEPTED) {
                result = delivered;
            } else if (sender.socket != null && pushBack(recipient, sender.socket)) {
                stats.pushedBack();
            }
        }
        return result;
    }

    private void sendHere(Presence recipient, String frame) {
        recipient.socket.send(frame);
        stats.delivered();
    }

    /** A recipient without a socket here: to the node that holds it, else the database. */
    private PostResult deliverElsewhere(RoomChannel channel, Presence recipient, String senderPeerId, String msg) {
        if (recipient.node != null) {
            return forward(channel, recipient, senderPeerId, msg);
        }
        return storeOrForward(channel, recipient, senderPeerId, msg);
    }

    /**
     * After a message from {@code sender} went to {@code recipient}: the sender's socket is not read
     * while the recipient's socket, or what waits for the recipient's node, is backed up.
     */
    private boolean pushBack(Presence recipient, SignalingSocket sender) {
        if (recipient.live()) {
            return recipient.socket.pushBack(sender);
        }
        return recipient.node != null && nodes.holdIfBackedUp(recipient.node, sender.reads());
    }

    /** Queued for the recipient, or sent to the node the database says holds its socket. */
    private PostResult storeOrForward(RoomChannel channel, Presence recipient, String senderPeerId, String msg) {
        QueueOutcome kept = store(channel, recipient.clientId, senderPeerId, msg);
        if (kept.result() == QueueResult.ELSEWHERE) {
            recipient.node = kept.socketNode();
            return forward(channel, recipient, senderPeerId, msg);
        }
        return queued(kept.result());
    }

    private PostResult forward(RoomChannel channel, Presence recipient, String senderPeerId, String msg) {
        if (nodes.tell(recipient.node, new RoomEvent.Delivery(channel.roomId, recipient.clientId, senderPeerId, msg))) {
            return PostResult.ACCEPTED;
        }
        return refuseBackedUp();
    }

    private PostResult refuseBackedUp() {
        stats.refused(SignalingRefusal.BACKED_UP);
        return PostResult.BACKED_UP;
    }

    private QueueOutcome store(RoomChannel channel, String recipient, String senderPeerId, String msg) {
        return rooms.queue(channel.roomId, recipient, senderPeerId, msg, settings.roomQueueChars(), nodes.localNode());
    }

    private PostResult queued(QueueResult result) {
        return switch (result) {
            case QUEUED -> {
                stats.queued();
                yield PostResult.ACCEPTED;
            }
            case RECIPIENT_FULL -> {
                stats.refused(SignalingRefusal.RECIPIENT_QUEUE);
                yield PostResult.QUEUE_FULL;
            }
            case ROOM_FULL -> {
                stats.refused(SignalingRefusal.ROOM_QUEUE);
                yield PostResult.ROOM_QUEUE_FULL;
            }
            // Handled by the callers, which know where to send instead.
            case ELSEWHERE, NOT_ALONE -> throw new IllegalStateException("not a queueing outcome: " + result);
        };
    }

    /**
     * What another node told this one (ClusterNodes' receiving side). Only rooms this node has in
     * memory change; the others are read from the database when first used. A message is delivered
     * to the socket here, or queued; it is never sent on to a third node but by the database's word.
     */
    public void received(RoomEvent event) {
        if (event instanceof RoomEvent.Delivery delivery) {
            withChannel(delivery.roomId(), channel -> {
                deliverHere(channel, delivery);
                return null;
            });
        } else if (event instanceof RoomEvent.Joined joined) {
            ifLoaded(joined.roomId(), channel -> channel.members.putIfAbsent(joined.clientId(),
                    presence(new MemberView(joined.clientId(), joined.peerId()), false)));
        } else if (event instanceof RoomEvent.Attached attached) {
            ifLoaded(attached.roomId(), channel -> attachedElsewhere(channel, attached));
        } else if (event instanceof RoomEvent.Detached detached) {
            ifLoaded(detached.roomId(), channel -> {
                Presence member = channel.members.get(detached.clientId());
                if (member != null && detached.node().equals(member.node)) {
                    member.node = null;
                }
            });
        } else if (event instanceof RoomEvent.Left left) {
            ifLoaded(left.roomId(), channel -> depart(channel, channel.members.remove(left.clientId()), "left the room"));
        }
    }

    private void deliverHere(RoomChannel channel, RoomEvent.Delivery delivery) {
        Presence recipient = channel.members.get(delivery.clientId());
        if (recipient == null) {
            LOG.debugf("A message for a member who left room %s is dropped", delivery.roomId());
        } else if (recipient.live()) {
            sendHere(recipient, Reply.message(delivery.msg(), delivery.senderPeerId()).frame());
        } else {
            storeOrForward(channel, recipient, delivery.senderPeerId(), delivery.msg());
        }
    }

    /** The member's socket is on another node now; a socket it had here is closed. */
    private void attachedElsewhere(RoomChannel channel, RoomEvent.Attached attached) {
        Presence member = channel.members.computeIfAbsent(attached.clientId(),
                id -> presence(new MemberView(id, attached.peerId()), false));
        if (member.live()) {
            SignalingSocket replaced = member.socket;
            member.socket = null;
            replaced.close(NORMAL_CLOSURE, "registered on another node");
        }
        member.node = attached.node();
        if (!member.announced) {
            member.announced = true;
            channel.announce(member, JOINED);
        }
    }

    /**
     * A node left the cluster, stopped or dead: the sockets it held are gone. Their members get the
     * grace period to register again, through any node, as when a socket closes.
     */
    public void nodeLeft(String node) {
        int detached = rooms.detachNode(node, settings.grace());
        for (RoomChannel channel : channels.values()) {
            ifLoaded(channel.roomId, loaded -> loaded.members.values().stream()
                    .filter(member -> node.equals(member.node)).forEach(member -> member.node = null));
        }
        LOG.infof("Node %s left the cluster; %d room member(s) whose sockets it held have %d s to register again",
                node, detached, settings.grace().toSeconds());
    }

    private Presence presence(MemberView member, boolean announced) {
        return new Presence(member.clientId(), member.peerId(), announced,
                RateLimit.messages(settings.messagesPerSecond(), System.nanoTime()));
    }

    /** The member left through this node: its socket here, if any, closes, and the others are told. */
    private void departed(RoomChannel channel, String clientId, String reason) {
        depart(channel, channel.members.remove(clientId), reason);
        nodes.tellOthers(new RoomEvent.Left(channel.roomId, clientId));
    }

    private static void depart(RoomChannel channel, Presence member, String reason) {
        if (member == null) {
            return;
        }
        if (member.live()) {
            member.socket.close(NORMAL_CLOSURE, reason);
        }
        channel.announce(member, LEFT);
    }

    /**
     * Runs the action under the room's lock, loading the room from the database the first time.
     * A room that ends up empty is dropped from memory; anyone still holding it looks again.
     */
    private <T> T withChannel(String roomId, Function<RoomChannel, T> action) {
        while (true) {
            RoomChannel channel = channels.computeIfAbsent(roomId, RoomChannel::new);
            channel.lock.lock();
            try {
                if (channel.retired) {
                    continue;
                }
                try {
                    if (!channel.loaded) {
                        merge(channel, rooms.room(roomId).orElse(null), true);
                        channel.loaded = true;
                    }
                    return action.apply(channel);
                } finally {
                    retireIfEmpty(channel);
                }
            } finally {
                channel.lock.unlock();
            }
        }
    }

    /** As {@link #withChannel}, for a room this node has in memory; nothing for the others. */
    private void ifLoaded(String roomId, Consumer<RoomChannel> action) {
        RoomChannel channel = channels.get(roomId);
        if (channel == null) {
            return;
        }
        channel.lock.lock();
        try {
            if (channel.retired || !channel.loaded) {
                // Retired: the room is gone here. Not loaded: whoever loads it reads the change.
                return;
            }
            try {
                action.accept(channel);
            } finally {
                retireIfEmpty(channel);
            }
        } finally {
            channel.lock.unlock();
        }
    }

    private void retireIfEmpty(RoomChannel channel) {
        if (!channel.exists()) {
            channel.retired = true;
            channels.remove(channel.roomId, channel);
        }
    }

    /**
     * Makes the members in memory those of the room in the database, with the node of each socket
     * another node holds.
     *
     * @param loading true when the room is first read: its members were announced before (at their
     *                register, or before a restart); else a member new here is announced now if its
     *                socket is open elsewhere, and one gone from the database departs
     */
    private void merge(RoomChannel channel, RoomView room, boolean loading) {
        List<MemberView> members = room == null ? List.of() : room.members();
        if (room != null) {
            channel.capacity = room.capacity();
        }
        for (MemberView view : members) {
            Presence member = channel.members.get(view.clientId());
            if (member == null) {
                member = presence(view, loading);
                channel.members.put(view.clientId(), member);
            }
            if (!member.live() && view.socketNode() != null && !view.socketNode().equals(nodes.localNode())) {
                member.node = view.socketNode();
                if (!member.announced) {
                    member.announced = true;
                    channel.announce(member, JOINED);
                }
            }
        }
        if (!loading) {
            for (String gone : channel.members.keySet().stream()
                    .filter(id -> members.stream().noneMatch(view -> view.clientId().equals(id))).toList()) {
                depart(channel, channel.members.remove(gone), "left the room");
            }
        }
    }
}
