package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Peer connections of TCP relays waiting for the client's ConnectionBind (RFC 6062 §5.2, §5.3),
 * by CONNECTION-ID. Shared by all client connections: the binding one is a new connection, on any
 * event loop. A connection not bound within 30 seconds is closed.
 */
final class PendingPeerConnections {
    /** RFC 6062 §5.3: the client has 30 seconds to bind a connection. */
    private static final long BIND_SECONDS = 30;

    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(ThreadLocalRandom.current().nextInt());

    private record Pending(Channel peer, String username, ScheduledFuture<?> expiry) {
    }

    /** Holds {@code peer} for {@code username} and returns its CONNECTION-ID. */
    long hold(Channel peer, String username, EventLoop timer) {
        long id = nextId.getAndIncrement() & 0xFFFFFFFFL;
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            Pending unbound = pending.remove(id);
            if (unbound != null) {
                unbound.peer().close();
            }
        }, BIND_SECONDS, TimeUnit.SECONDS);
        pending.put(id, new Pending(peer, username, expiry));
        peer.closeFuture().addListener(closed -> pending.remove(id));
        return id;
    }

    /** The peer connection {@code id} of an allocation of {@code username}, removed; null when there is none. */
    Channel claim(long id, String username) {
        Pending found = pending.get(id);
        if (found == null || !found.username().equals(username) || !pending.remove(id, found)) {
            return null;
        }
        found.expiry().cancel(false);
        return found.peer();
    }
}
