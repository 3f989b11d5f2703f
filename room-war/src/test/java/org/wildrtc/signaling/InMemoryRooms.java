package org.wildrtc.signaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.MemberView;
import org.wildrtc.room.QueueOutcome;
import org.wildrtc.room.QueuedMessage;
import org.wildrtc.room.RoomMode;
import org.wildrtc.room.RoomService;
import org.wildrtc.room.RoomView;

/**
 * RoomService's rules without a database: pair rooms, members in join order, messages queued in order,
 * the node of each socket. One instance may serve several nodes' RoomChannels, as one database does.
 */
final class InMemoryRooms extends RoomService {
    private final Map<String, List<MemberView>> rooms = new LinkedHashMap<>();
    private final List<Queued> queued = new ArrayList<>();
    /** Client id to the node that holds its socket. */
    private final Map<String, String> socketNodes = new HashMap<>();
    private int ids;

    private record Queued(String roomId, String recipient, QueuedMessage message) {
    }

    @Override
    public JoinOutcome join(String roomId, RoomMode requested, boolean mayCreate, int meshCapacity,
                            Duration registerWindow) {
        if (!mayCreate && !rooms.containsKey(roomId)) {
            return new JoinOutcome(JoinOutcome.Status.NOT_CREATED, requested, 0, null, List.of(), List.of());
        }
        JoinOutcome admitted = admit(roomId, "minted-" + ++ids);
        return admitted.self() == null ? admitted : new JoinOutcome(admitted.status(), admitted.mode(), admitted.capacity(),
                admitted.self(), admitted.peers(), take(roomId, null).stream().map(QueuedMessage::body).toList());
    }

    @Override
    public JoinOutcome adopt(String roomId, String memberKey, Duration registerWindow) {
        JoinOutcome admitted = admit(roomId, memberKey);
        if (admitted.self() != null) {
            take(roomId, null).forEach(m -> queued.add(new Queued(roomId, memberKey, m)));
        }
        return admitted;
    }

    private JoinOutcome admit(String roomId, String clientId) {
        List<MemberView> members = rooms.computeIfAbsent(roomId, id -> new ArrayList<>());
        List<MemberView> peers = List.copyOf(members);
        if (members.size() == 2) {
            return new JoinOutcome(JoinOutcome.Status.FULL, RoomMode.PAIR, 2, null, peers, List.of());
        }
        MemberView self = new MemberView(clientId, "peer-" + ++ids);
        members.add(self);
        return new JoinOutcome(JoinOutcome.Status.SUCCESS, RoomMode.PAIR, 2, self, peers, List.of());
    }

    @Override
    public Optional<RoomView> room(String roomId) {
        return Optional.ofNullable(rooms.get(roomId)).map(members -> new RoomView(roomId, 2, members.stream()
                .map(m -> new MemberView(m.clientId(), m.peerId(), socketNodes.get(m.clientId()))).toList()));
    }

    @Override
    public boolean leave(String roomId, String clientId) {
        List<MemberView> members = rooms.getOrDefault(roomId, new ArrayList<>());
        boolean left = members.removeIf(m -> m.clientId().equals(clientId));
        socketNodes.remove(clientId);
        if (members.isEmpty()) {
            rooms.remove(roomId);
        }
        return left;
    }

    @Override
    public QueueOutcome queue(String roomId, String recipient, String senderPeerId, String body, long maxRoomChars,
                              String localNode) {
        List<MemberView> members = rooms.get(roomId);
        if (members != null && recipient == null && members.size() > 1) {
            return QueueOutcome.NOT_ALONE;
        }
        String socketNode = recipient == null ? null : socketNodes.get(recipient);
        if (socketNode != null && !socketNode.equals(localNode)) {
            return QueueOutcome.elsewhere(socketNode);
        }
        queued.add(new Queued(roomId, recipient, new QueuedMessage() {
            @Override
            public String senderPeerId() {
                return senderPeerId;
            }

            @Override
            public String body() {
                return body;
            }
        }));
        return QueueOutcome.QUEUED;
    }

    @Override
    public List<QueuedMessage> takeQueued(String roomId, String recipient) {
        return take(roomId, recipient);
    }

    private List<QueuedMessage> take(String roomId, String recipient) {
        List<QueuedMessage> taken = new ArrayList<>();
        queued.removeIf(q -> q.roomId.equals(roomId) && Objects.equals(q.recipient, recipient) && taken.add(q.message));
        return taken;
    }

    @Override
    public List<QueuedMessage> attach(String roomId, String clientId, String node) {
        socketNodes.put(clientId, node);
        return take(roomId, clientId);
    }

    @Override
    public void detached(String clientId, String node, Duration grace) {
        socketNodes.remove(clientId, node);
    }

    @Override
    public int detachNode(String node, Duration grace) {
        int before = socketNodes.size();
        socketNodes.values().removeIf(node::equals);
        return before - socketNodes.size();
    }
}
