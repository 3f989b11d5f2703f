package org.wildrtc.jca.api;

import java.util.List;
import java.util.Map;

/**
 * Live counters of the STUN/TURN server. Every map has exactly the keys of its fixed set below, zero
 * included, whatever the traffic: no username, address or other unbounded value is ever a key, so a
 * metrics system that turns keys into labels keeps a fixed number of series.
 *
 * @param allocations    allocations now, by transport of the client's connection ({@link #TRANSPORTS})
 * @param permissions    permissions now, all allocations together
 * @param channels       channel bindings now
 * @param tcpConnections RFC 6062 peer data connections now (bound by ConnectionBind or waiting for it)
 * @param relayedPackets packets relayed since start, by {@link #DIRECTIONS}
 * @param relayedBytes   application bytes relayed since start, by {@link #DIRECTIONS}
 * @param bindingRequests STUN Binding requests answered since start
 * @param errors         requests answered with an error since start, by code ({@link #ERROR_CODES})
 * @param authFailures   failed authentications since start, by reason ({@link #AUTH_FAILURE_REASONS})
 * @param peersDenied    CreatePermission, ChannelBind, Connect and Send refused by the peer policy
 * @param packetsDropped packets not relayed (no permission, no allocation, quota, client not reading)
 * @param refused        what each of the server's limits turned away, by a fixed name such as {@code auth_blocked}
 */
public record TurnStatistics(Map<String, Integer> allocations, int permissions, int channels, int tcpConnections,
                             Map<String, Long> relayedPackets, Map<String, Long> relayedBytes, long bindingRequests,
                             Map<String, Long> errors, Map<String, Long> authFailures, long peersDenied,
                             long packetsDropped, Map<String, Long> refused) {
    /** The client transports (RFC 8656 §3.1). */
    public static final List<String> TRANSPORTS = List.of("udp", "tcp", "tls");
    /** {@code to_peer}: from the client, out of the relay; {@code to_client}: from a peer, to the client. */
    public static final List<String> DIRECTIONS = List.of("to_peer", "to_client");
    /** The error codes the server answers with (RFC 8489 §14.8, RFC 8656 §19, RFC 6062 §6.3). */
    public static final List<String> ERROR_CODES = List.of("300", "400", "401", "403", "420", "437", "438", "440",
            "441", "442", "443", "446", "447", "486", "500", "508");
    /**
     * Why authentication failed: a stale nonce (438), a wrong MESSAGE-INTEGRITY, a username no source
     * knows, an ephemeral credential past its expiry, a source over its failure or challenge limit, or
     * a username an admin revoked.
     */
    public static final List<String> AUTH_FAILURE_REASONS = List.of("stale_nonce", "bad_integrity", "unknown_user",
            "expired_credential", "rate_limited", "revoked");

    public TurnStatistics {
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
}
