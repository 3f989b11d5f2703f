package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Peer connections of TCP relays waiting for the client's ConnectionBind (RFC 6062 §5.2, §5.3),
 * by CONNECTION-ID. Shared by all client connections: the binding one is a new connection, on any
 * event loop. A connection not bound within 30 seconds is closed.
 *
 * <p>An id names its TCP relay, so only a client of that allocation can bind it: one that knows the
 * id (the server tells it to the allocation's control connection alone, and ids are random, so they
 * cannot be guessed from another one), authenticates as the allocation's user, and connects from the
 * allocation's client address, while the allocation lives.
 */
final class PendingPeerConnections {
    /** RFC 6062 §5.3: the client has 30 seconds to bind a connection. */
    private static final long BIND_SECONDS = 30;

    private final ConcurrentHashMap<Long, Held> pending = new ConcurrentHashMap<>();
    private final SecureRandom ids;

    /** A peer connection and the TCP relay that made or accepted it. */
    record Held(Channel peer, TcpRelay owner) {
    }

    /** @param ids where connection ids come from */
    PendingPeerConnections(SecureRandom ids) {
        this.ids = ids;
    }

    /**
     * Holds {@code peer} for {@code owner} and returns its CONNECTION-ID: a random 32-bit value that no
     * other pending connection has (RFC 6062 §6.2.1 leaves its choice to the server). The owner counted
     * it among its unbound connections; {@link TcpRelay#unboundGone()} tells it when it leaves, bound,
     * expired or closed.
     */
    long hold(Channel peer, TcpRelay owner) {
        Held held = new Held(peer, owner);
        long id;
        do {
            id = ids.nextInt() & 0xFFFFFFFFL;
        } while (pending.putIfAbsent(id, held) != null);
        long claimable = id;
        ScheduledFuture<?> expiry = peer.eventLoop().schedule(() -> {
            if (release(claimable, held)) {
                peer.close();
            }
        }, BIND_SECONDS, TimeUnit.SECONDS);
        peer.closeFuture().addListener(closed -> {
            expiry.cancel(false);
            release(claimable, held);
        });
        return id;
    }

    /**
     * The peer connection {@code id}, removed, when it belongs to a live allocation of {@code username}
     * whose client is at {@code from}; null otherwise.
     */
    Held claim(long id, String username, InetAddress from) {
        Held found = pending.get(id);
        if (found == null || !found.owner().isOpen() || !found.owner().allocation().username().equals(username)
                || !found.owner().allocation().client().getAddress().equals(from) || !release(id, found)) {
            return null;
        }
        return found;
    }

    private boolean release(long id, Held held) {
        if (!pending.remove(id, held)) {
            return false;
        }
        held.owner().unboundGone();
        return true;
    }
}
