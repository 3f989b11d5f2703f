package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.BindingResponder;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.UnknownAttributes;

/**
 * The STUN/TURN server's decisions for one listening socket: bytes in, answers out, relays opened
 * and closed through {@link RelayPorts}. Confined to one event loop; no I/O of its own.
 */
public final class TurnServer {
    private static final Logger LOG = Logger.getLogger(TurnServer.class);

    /** Comprehension-required attributes the TURN requests understand; any other one gets 420. */
    private static final Set<Integer> UNDERSTOOD = Set.of(
            AttributeType.USERNAME, AttributeType.MESSAGE_INTEGRITY, AttributeType.MESSAGE_INTEGRITY_SHA256,
            AttributeType.REALM, AttributeType.NONCE, AttributeType.PASSWORD_ALGORITHM,
            AttributeType.CHANNEL_NUMBER, AttributeType.LIFETIME, AttributeType.XOR_PEER_ADDRESS,
            AttributeType.DATA, AttributeType.REQUESTED_ADDRESS_FAMILY, AttributeType.REQUESTED_TRANSPORT,
            AttributeType.DONT_FRAGMENT, AttributeType.EVEN_PORT, AttributeType.RESERVATION_TOKEN,
            AttributeType.CONNECTION_ID);

    private final TurnConfig config;
    private final TurnStats stats;
    private final AllocationTable table;
    private final BindingResponder binding;
    private final Authenticator authenticator;
    private final AllocateHandler allocate;
    private final RefreshHandler refresh;
    private final CreatePermissionHandler createPermission;
    private final ChannelBindHandler channelBind;
    private final SendHandler send;
    private final ConnectHandler connect;
    private final ConnectionBindHandler connectionBind;
    private final ClientTransport transport;
    private final boolean overStream;
    private final TransactionCache transactions;

    /**
     * The server of one UDP listener's event loop ({@code loop}, where its allocations live and an
     * admin's revoke closes them); {@code shared} is what all loops have in common.
     */
    public TurnServer(SharedTurnState shared, RelayPorts relayPorts, Executor loop) {
        this(shared, relayPorts, null, ClientTransport.UDP, loop);
    }

    /**
     * The server of one TCP or TLS client connection ({@code transport}), which may hold a TCP relay
     * (RFC 6062) whose peer connections {@code tcpPeers} makes.
     */
    public TurnServer(SharedTurnState shared, RelayPorts relayPorts, TcpPeers tcpPeers, ClientTransport transport,
                      Executor loop) {
        this.config = shared.config;
        this.stats = shared.stats;
        this.transport = transport;
        this.table = new AllocationTable(shared, loop);
        this.binding = new BindingResponder(config.software());
        this.authenticator = shared.authenticator;
        PeerCheck peerCheck = new PeerCheck(config.peerPolicy(), stats);
        this.allocate = new AllocateHandler(table, relayPorts, shared);
        this.refresh = new RefreshHandler(table, config.quotas());
        PermissionCap permissionCap = new PermissionCap(config.quotas().maxPermissionsPerAllocation(), stats);
        this.createPermission = new CreatePermissionHandler(peerCheck, permissionCap);
        this.channelBind = new ChannelBindHandler(peerCheck, permissionCap);
        this.send = new SendHandler(stats, config.peerPolicy());
        this.overStream = transport.isStream();
        this.transactions = new TransactionCache(overStream ? TransactionCache.STREAM_ENTRIES
                : TransactionCache.DATAGRAM_ENTRIES);
        this.connect = overStream ? new ConnectHandler(peerCheck, tcpPeers) : null;
        this.connectionBind = overStream ? new ConnectionBindHandler(tcpPeers) : null;
    }

    /**
     * Handles one message from {@code client}; writes any answer at {@code out}'s position.
     *
     * @return the answer's size, or 0 when nothing is to be sent back
     */
    public int answer(StunMessage message, InetSocketAddress client, ByteBuffer out, long nowNanos, long nowSeconds) {
        int method = message.type().method();
        MessageClass messageClass = message.type().messageClass();
        if (method == StunMethod.BINDING) {
            return answerBinding(message, client, out);
        }
        if (messageClass == MessageClass.INDICATION && method == StunMethod.SEND) {
            Allocation allocation = table.get(client);
            if (allocation != null) {
                send.handle(message, allocation, nowNanos);
            }
            return 0;
        }
        if (messageClass != MessageClass.REQUEST) {
            return 0;
        }
        byte[] transactionId = message.transactionId();
        int replayed = transactions.replay(client, transactionId, out, nowNanos);
        if (replayed > 0) {
            return replayed;
        }
        Exchange x = new Exchange(message, client, out, nowNanos, nowSeconds, config.software(), transport, stats);
        int size = process(x);
        // A challenge is not kept: making it again costs as little, and a retransmission must pass the
        // challenge limit like the first (a replayed 401 reflects as well as a new one).
        if (size > 0 && !x.isChallenge()) {
            transactions.store(client, transactionId, out, size, nowNanos);
        }
        return size;
    }

    /** A Binding answer, counted; its only error is a 420 for attributes it does not understand. */
    private int answerBinding(StunMessage message, InetSocketAddress client, ByteBuffer out) {
        int start = out.position();
        int size = binding.answer(message, client, out);
        if (size > 0) {
            stats.bindingAnswered();
            if (MessageType.decode(out.getShort(start) & 0x3FFF).messageClass() == MessageClass.ERROR_RESPONSE) {
                stats.answered(ErrorCode.UNKNOWN_ATTRIBUTE);
            }
        }
        return size;
    }

    private int process(Exchange x) {
        StunMessage message = x.request;
        int method = message.type().method();
        if (authenticator.isBlocked(x)) {
            return 0;
        }
        int refused = authenticator.authenticate(x);
        if (x.auth() == null) {
            return refused;
        }
        List<Integer> unknown = UnknownAttributes.find(message, UNDERSTOOD);
        if (!unknown.isEmpty()) {
            return x.failUnknown(unknown);
        }
        // An admin's revoke: no new allocation, and no longer lifetime for one the revoke missed.
        if ((method == StunMethod.ALLOCATE || method == StunMethod.REFRESH) && authenticator.isRevoked(x)) {
            return authenticator.refuseRevoked(x);
        }
        if (method == StunMethod.ALLOCATE) {
            return allocate.handle(x);
        }
        Allocation allocation = table.get(x.client);
        if (method == StunMethod.CONNECTION_BIND) {
            // RFC 6062 §5.4: it comes on a new connection (TCP or TLS) that has no allocation of its own.
            // A control connection that turned into a data connection would strand its allocation.
            return overStream && allocation == null ? connectionBind.handle(x) : x.fail(ErrorCode.BAD_REQUEST);
        }
        if (allocation == null) {
            return x.fail(ErrorCode.ALLOCATION_MISMATCH);
        }
        // RFC 8656 §5: requests on an allocation must use the credentials that created it.
        if (!allocation.username().equals(x.auth().username())) {
            return x.fail(ErrorCode.WRONG_CREDENTIALS);
        }
        return switch (method) {
            case StunMethod.REFRESH -> refresh.handle(x, allocation);
            case StunMethod.CREATE_PERMISSION -> createPermission.handle(x, allocation);
            case StunMethod.CHANNEL_BIND -> channelBind.handle(x, allocation);
            case StunMethod.CONNECT -> overStream ? connect.handle(x, allocation) : x.fail(ErrorCode.BAD_REQUEST);
            default -> x.fail(ErrorCode.BAD_REQUEST);
        };
    }

    /** The allocation of a client; null when it has none. */
    public Allocation allocation(InetSocketAddress client) {
        return table.get(client);
    }

    /**
     * ChannelData from {@code client} (RFC 8656 §12.4), the hot path: the binding whose peer its data
     * goes to, from the binding's relay; or null to drop it, when the client has no allocation, the
     * channel is not bound (or was bound to a family whose relay is gone), the length field claims more
     * than the {@code received} bytes after the header, or the allocation is over its bandwidth quota.
     * Counted either way.
     */
    public ChannelBinding channelData(InetSocketAddress client, int number, int length, int received, long nowNanos) {
        Allocation allocation = table.get(client);
        ChannelBinding channel = allocation == null ? null : allocation.channel(number, nowNanos);
        if (channel == null || length > received || !allocation.meter().admit(length, nowNanos)) {
            stats.dropped();
            return null;
        }
        stats.relayedToPeer(allocation, length);
        return channel;
    }

    /** Expires allocations, permissions and channels (RFC 8656 timers). */
    public void expire(long nowNanos) {
        for (Allocation gone : table.expire(nowNanos)) {
            LOG.debugf("The allocation of %s expired", gone.client());
        }
    }

    /** Deletes every allocation and closes its relay (shutdown). */
    public void close() {
        table.clear();
    }
}
