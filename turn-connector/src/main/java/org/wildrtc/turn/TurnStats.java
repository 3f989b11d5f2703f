package org.wildrtc.turn;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.wildrtc.stun.ErrorCode;

/**
 * Live counters, written by the event loops and read by anyone (the connection factory's callers, at
 * every metrics scrape). Gauges move when what they count is made or removed. Every key is from a
 * fixed set (an enum), never a username or an address, so a reader keeps a fixed number of series.
 */
public final class TurnStats {
    /** The direction keys: from the client out of the relay, and from a peer to the client. */
    public static final String TO_PEER = "to_peer";
    public static final String TO_CLIENT = "to_client";

    private final Map<ClientTransport, AtomicInteger> allocations = new EnumMap<>(ClientTransport.class);
    private final AtomicInteger permissions = new AtomicInteger();
    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger tcpConnections = new AtomicInteger();
    private final LongAdder packetsToPeer = new LongAdder();
    private final LongAdder bytesToPeer = new LongAdder();
    private final LongAdder packetsToClient = new LongAdder();
    private final LongAdder bytesToClient = new LongAdder();
    private final LongAdder bindingRequests = new LongAdder();
    private final LongAdder peersDenied = new LongAdder();
    private final LongAdder packetsDropped = new LongAdder();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final Map<AuthFailure, LongAdder> authFailures = new EnumMap<>(AuthFailure.class);
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);

    public TurnStats() {
        for (ClientTransport transport : ClientTransport.values()) {
            allocations.put(transport, new AtomicInteger());
        }
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, new LongAdder());
        }
        for (AuthFailure reason : AuthFailure.values()) {
            authFailures.put(reason, new LongAdder());
        }
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

    void allocationAdded(ClientTransport transport) {
        allocations.get(transport).incrementAndGet();
    }

    void allocationRemoved(ClientTransport transport) {
        allocations.get(transport).decrementAndGet();
    }

    void permissionsChanged(int delta) {
        permissions.addAndGet(delta);
    }

    void channelsChanged(int delta) {
        channels.addAndGet(delta);
    }

    /** An RFC 6062 peer data connection was made (by Connect, or by a peer connecting to the relay). */
    public void tcpConnectionOpened() {
        tcpConnections.incrementAndGet();
    }

    /** An RFC 6062 peer data connection closed. */
    public void tcpConnectionClosed() {
        tcpConnections.decrementAndGet();
    }

    /** Data of {@code allocation}'s client went out of its relay to a peer. */
    public void relayedToPeer(Allocation allocation, int bytes) {
        packetsToPeer.increment();
        bytesToPeer.add(bytes);
        allocation.relayedToPeer(bytes);
    }

    /** Data from a peer went to {@code allocation}'s client. */
    public void relayedToClient(Allocation allocation, int bytes) {
        packetsToClient.increment();
        bytesToClient.add(bytes);
        allocation.relayedToClient(bytes);
    }

    void bindingAnswered() {
        bindingRequests.increment();
    }

    /** A request was answered with {@code code}. */
    void answered(ErrorCode code) {
        errors.get(code).increment();
    }

    void authFailed(AuthFailure reason) {
        authFailures.get(reason).increment();
    }

    /** CreatePermission, ChannelBind, Connect or Send refused by the peer policy. */
    void peerDenied() {
        peersDenied.increment();
    }

    public void dropped() {
        packetsDropped.increment();
    }

    /** Counts one thing a limit turned away. */
    public void refused(Refusal refusal) {
        refusals.get(refusal).increment();
    }

    public Snapshot snapshot() {
        Map<String, Integer> allocated = new LinkedHashMap<>();
        allocations.forEach((transport, count) -> allocated.put(transport.key(), count.get()));
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((code, count) -> errorCounts.put(Integer.toString(code.code()), count.sum()));
        Map<String, Long> failed = new LinkedHashMap<>();
        authFailures.forEach((reason, count) -> failed.put(reason.key(), count.sum()));
        Map<String, Long> refused = new LinkedHashMap<>();
        refusals.forEach((refusal, count) -> refused.put(refusal.key(), count.sum()));
        return new Snapshot(allocated, permissions.get(), channels.get(), tcpConnections.get(),
                Map.of(TO_PEER, packetsToPeer.sum(), TO_CLIENT, packetsToClient.sum()),
                Map.of(TO_PEER, bytesToPeer.sum(), TO_CLIENT, bytesToClient.sum()), bindingRequests.sum(),
                errorCounts, failed, peersDenied.sum(), packetsDropped.sum(), refused);
    }

    /**
     * The counters at one moment; what the connector's statistics hand out.
     *
     * @param allocations    allocations now, by {@link ClientTransport#key()}
     * @param tcpConnections RFC 6062 peer data connections now
     * @param relayedPackets packets relayed, by {@link #TO_PEER} and {@link #TO_CLIENT}
     * @param relayedBytes   application bytes relayed, by direction
     * @param errors         error answers, by code ("401"), every {@link ErrorCode} present
     * @param authFailures   failed authentications, by {@link AuthFailure#key()}
     * @param refused        what each limit turned away, by {@link Refusal#key()}
     */
    public record Snapshot(Map<String, Integer> allocations, int permissions, int channels, int tcpConnections,
                           Map<String, Long> relayedPackets, Map<String, Long> relayedBytes, long bindingRequests,
                           Map<String, Long> errors, Map<String, Long> authFailures, long peersDenied,
                           long packetsDropped, Map<String, Long> refused) {
        public Snapshot {
            allocations = Map.copyOf(allocations);
            relayedPackets = Map.copyOf(relayedPackets);
            relayedBytes = Map.copyOf(relayedBytes);
            errors = Map.copyOf(errors);
            authFailures = Map.copyOf(authFailures);
            refused = Map.copyOf(refused);
        }

        /** Allocations now, every transport together. */
        public int allocationCount() {
            return allocations.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Packets relayed, both directions together. */
        public long packetsRelayed() {
            return relayedPackets.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Failed authentications, every reason together. */
        public long authFailureCount() {
            return authFailures.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
