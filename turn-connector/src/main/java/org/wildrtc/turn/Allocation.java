package org.wildrtc.turn;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One client's allocation (RFC 8656 §2.2): its relayed address, lifetime, permissions and channels.
 * Confined to the event loop that owns the client's socket, so it needs no locks; but for its byte
 * counts, which an RFC 6062 data connection on another loop adds to and an admin reads, and its
 * fixed parts (client, username, transport, creation time), which anyone may read.
 */
public final class Allocation {
    /** RFC 8656 §9: a permission lasts 300 s unless refreshed. */
    static final long PERMISSION_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(300);
    /** RFC 8656 §12: a channel binding lasts 600 s unless refreshed. */
    static final long CHANNEL_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(600);
    private static final int SMALL_TABLE = 2;
    private static final AtomicLongFieldUpdater<Allocation> TO_PEER =
            AtomicLongFieldUpdater.newUpdater(Allocation.class, "bytesToPeer");
    private static final AtomicLongFieldUpdater<Allocation> TO_CLIENT =
            AtomicLongFieldUpdater.newUpdater(Allocation.class, "bytesToClient");

    private final InetSocketAddress client;
    private final String username;
    private final ClientTransport transport;
    private final byte[] allocateTransactionId;
    private final TrafficMeter meter;
    private final TurnStats stats;
    private final long createdNanos;
    /** Added to on the relay path and read by admins; fields with updaters, not two AtomicLongs per allocation. */
    private volatile long bytesToPeer;
    private volatile long bytesToClient;
    private Relay relay;
    /** A dual allocation's IPv6 relay (RFC 8656 §7.2, ADDITIONAL-ADDRESS-FAMILY); null otherwise. */
    private Relay additionalRelay;
    private boolean tcp;
    private long expiresAtNanos;
    /** The address of {@link #relay}, for admins on other threads. */
    private volatile InetSocketAddress relayAddress;
    /** Its entry in the admins' list while it lives. */
    private LiveAllocations.Listing listing;
    // Most allocations have a peer or two (a call): tables start at two slots, not HashMap's 16, as a
    // server holds thousands of allocations.
    private final Map<InetAddress, Long> permissions = new HashMap<>(SMALL_TABLE);
    private final Map<Integer, ChannelBinding> channelsByNumber = new HashMap<>(SMALL_TABLE);
    private final Map<InetSocketAddress, ChannelBinding> channelsByPeer = new HashMap<>(SMALL_TABLE);

    /** @param stats the gauges its permissions and channels count in, from when they are made to when they go */
    Allocation(InetSocketAddress client, String username, ClientTransport transport, byte[] allocateTransactionId,
               TrafficMeter meter, long nowNanos, long expiresAtNanos, TurnStats stats) {
        this.client = client;
        this.username = username;
        this.transport = transport;
        this.allocateTransactionId = allocateTransactionId.clone();
        this.meter = meter;
        this.createdNanos = nowNanos;
        this.expiresAtNanos = expiresAtNanos;
        this.stats = stats;
    }

    public InetSocketAddress client() {
        return client;
    }

    public String username() {
        return username;
    }

    public ClientTransport transport() {
        return transport;
    }

    void listing(LiveAllocations.Listing listing) {
        this.listing = listing;
    }

    LiveAllocations.Listing listing() {
        return listing;
    }

    long createdNanos() {
        return createdNanos;
    }

    void relayedToPeer(int bytes) {
        TO_PEER.addAndGet(this, bytes);
    }

    void relayedToClient(int bytes) {
        TO_CLIENT.addAndGet(this, bytes);
    }

    /** Application bytes relayed from the client to its peers so far. */
    long bytesToPeer() {
        return bytesToPeer;
    }

    /** Application bytes relayed from peers to the client so far. */
    long bytesToClient() {
        return bytesToClient;
    }

    public Relay relay() {
        return relay;
    }

    void relay(Relay relay, boolean tcp) {
        this.relay = relay;
        this.tcp = tcp;
        this.relayAddress = relay.address();
    }

    /** The relayed address the client was given (the IPv4 one of a dual allocation); any thread may ask. */
    InetSocketAddress relayAddress() {
        return relayAddress;
    }

    void additionalRelay(Relay ipv6) {
        this.additionalRelay = ipv6;
    }

    /** Every relay of the allocation: one, or an IPv4 and an IPv6 one for a dual allocation. */
    List<Relay> relays() {
        return additionalRelay == null ? List.of(relay) : List.of(relay, additionalRelay);
    }

    /**
     * The relay that reaches {@code peer}: the one of its address family (RFC 8656 §9.2, §11.2), or
     * null when the allocation has none (443).
     */
    public Relay relayFor(InetAddress peer) {
        if (isIpv4(relay) == peer instanceof Inet4Address) {
            return relay;
        }
        return additionalRelay != null && !(peer instanceof Inet4Address) ? additionalRelay : null;
    }

    /** Whether the allocation has a relay of that family. */
    boolean serves(boolean ipv4) {
        return relays().stream().anyMatch(r -> isIpv4(r) == ipv4);
    }

    /**
     * Closes the relay of one family of a dual allocation, which goes on with the other. That family's
     * permissions and channels go with it: no relay is left to carry their data, which is then dropped
     * as data for a peer without a permission is.
     *
     * @return false when the allocation has no other relay, so only deleting it all would do
     */
    boolean dropRelay(boolean ipv4) {
        if (additionalRelay == null) {
            return false;
        }
        if (isIpv4(relay) == ipv4) {
            relay.close();
            relay = additionalRelay;
            relayAddress = relay.address();
        } else {
            additionalRelay.close();
        }
        additionalRelay = null;
        int permissionsBefore = permissions.size();
        int channelsBefore = channelsByNumber.size();
        permissions.keySet().removeIf(peer -> peer instanceof Inet4Address == ipv4);
        channelsByPeer.keySet().removeIf(peer -> peer.getAddress() instanceof Inet4Address == ipv4);
        channelsByNumber.values().removeIf(binding -> binding.peer().getAddress() instanceof Inet4Address == ipv4);
        countRemoved(permissionsBefore, channelsBefore);
        return true;
    }

    /** Ends the allocation: its relays close, and its permissions and channels leave the gauges. */
    void close() {
        relays().forEach(Relay::close);
        stats.permissionsChanged(-permissions.size());
        stats.channelsChanged(-channelsByNumber.size());
        permissions.clear();
        channelsByNumber.clear();
        channelsByPeer.clear();
    }

    private void countRemoved(int permissionsBefore, int channelsBefore) {
        stats.permissionsChanged(permissions.size() - permissionsBefore);
        stats.channelsChanged(channelsByNumber.size() - channelsBefore);
    }

    private static boolean isIpv4(Relay relay) {
        return relay.address().getAddress() instanceof Inet4Address;
    }

    /** Whether the relay is a TCP one (RFC 6062): peers are reached by Connect, not by datagrams. */
    public boolean isTcp() {
        return tcp;
    }

    public TrafficMeter meter() {
        return meter;
    }

    boolean isRetransmissionOf(byte[] transactionId) {
        return Arrays.equals(allocateTransactionId, transactionId);
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - expiresAtNanos > 0;
    }

    void expiresAt(long nanos) {
        this.expiresAtNanos = nanos;
    }

    long remainingSeconds(long nowNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(expiresAtNanos - nowNanos));
    }

    void permit(InetAddress peer, long nowNanos) {
        if (permissions.put(peer, nowNanos + PERMISSION_LIFETIME_NANOS) == null) {
            stats.permissionsChanged(1);
        }
    }

    /** Whether the table has an entry for {@code peer}, expired or not: permitting it again adds none. */
    boolean holdsPermission(InetAddress peer) {
        return permissions.containsKey(peer);
    }

    /** RFC 8656 §9: permissions match the peer's IP address only, not its port. */
    public boolean hasPermission(InetAddress peer, long nowNanos) {
        Long expiry = permissions.get(peer);
        return expiry != null && nowNanos - expiry <= 0;
    }

    public ChannelBinding channel(int number, long nowNanos) {
        ChannelBinding binding = channelsByNumber.get(number);
        return binding == null || binding.isExpired(nowNanos) ? null : binding;
    }

    public ChannelBinding channelFor(InetSocketAddress peer, long nowNanos) {
        ChannelBinding binding = channelsByPeer.get(peer);
        return binding == null || binding.isExpired(nowNanos) ? null : binding;
    }

    /**
     * Binds or refreshes a channel (RFC 8656 §11.2). A binding also installs or refreshes the permission
     * for the peer's address.
     *
     * @return false when the number is bound to another peer or the peer to another number
     */
    boolean bind(int number, InetSocketAddress peer, long nowNanos) {
        ChannelBinding byNumber = channelsByNumber.get(number);
        ChannelBinding byPeer = channelsByPeer.get(peer);
        if ((byNumber != null && !byNumber.peer().equals(peer)) || (byPeer != null && byPeer.number() != number)) {
            return false;
        }
        if (byNumber == null) {
            // A channel is bound only to a peer of one of the relays' families (PeerCheck); when that
            // family's relay is dropped, the binding goes with it.
            ChannelBinding binding = new ChannelBinding(number, peer, relayFor(peer.getAddress()),
                    nowNanos + CHANNEL_LIFETIME_NANOS);
            channelsByNumber.put(number, binding);
            channelsByPeer.put(peer, binding);
            stats.channelsChanged(1);
        } else {
            byNumber.refresh(nowNanos + CHANNEL_LIFETIME_NANOS);
        }
        permit(peer.getAddress(), nowNanos);
        return true;
    }

    /** Drops expired permissions and channels; a channel number stays unusable 5 minutes after expiry (§12). */
    void expireEntries(long nowNanos) {
        int permissionsBefore = permissions.size();
        int channelsBefore = channelsByNumber.size();
        permissions.values().removeIf(expiry -> nowNanos - expiry > 0);
        channelsByNumber.values().removeIf(binding -> {
            boolean gone = nowNanos - (binding.expiresAtNanos() + PERMISSION_LIFETIME_NANOS) > 0;
            if (gone) {
                channelsByPeer.remove(binding.peer());
            }
            return gone;
        });
        countRemoved(permissionsBefore, channelsBefore);
    }

    public int permissionCount() {
        return permissions.size();
    }

    public int channelCount() {
        return channelsByNumber.size();
    }
}
