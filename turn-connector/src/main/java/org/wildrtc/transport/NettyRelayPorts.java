package org.wildrtc.transport;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.Relay;
import org.wildrtc.turn.RelayPorts;
import org.wildrtc.turn.TurnStats;

/**
 * Relay sockets from the configured port range, on the event loop of the client's listener so
 * forwarding never crosses threads. Confined to that loop, reservations included.
 */
final class NettyRelayPorts implements RelayPorts {
    private static final Logger LOG = Logger.getLogger(NettyRelayPorts.class);
    /** Ports tried per Allocate before answering 508; a busy range fails fast rather than scanning it all. */
    private static final int ATTEMPTS = 64;
    /** RFC 8656 §7.2: a reserved port is held for about 30 seconds. */
    private static final long RESERVATION_SECONDS = 30;

    private final RelaySockets sockets;
    private final InetAddress relayAddress;
    private final int minPort;
    private final int maxPort;
    private final EventLoop loop;
    private final ClientWriter clients;
    private final TurnStats stats;
    private final Map<ByteBuffer, Reservation> reservations = new HashMap<>();

    NettyRelayPorts(RelaySockets sockets, InetAddress relayAddress, int minPort, int maxPort, EventLoop loop,
                    ClientWriter clients, TurnStats stats) {
        this.sockets = sockets;
        this.relayAddress = relayAddress;
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.loop = loop;
        this.clients = clients;
        this.stats = stats;
    }

    @Override
    public Optional<Opened> open(Allocation allocation, Parity parity) {
        int step = parity == Parity.ANY ? 1 : 2;
        int first = parity == Parity.ANY ? minPort : minPort + (minPort & 1);
        int candidates = (maxPort - first) / step + 1;
        int start = ThreadLocalRandom.current().nextInt(Math.max(1, candidates));
        for (int attempt = 0; attempt < Math.min(ATTEMPTS, candidates); attempt++) {
            int port = first + step * ((start + attempt) % candidates);
            Channel channel = bind(port);
            if (channel == null) {
                continue;
            }
            byte[] token = null;
            if (parity == Parity.EVEN_RESERVING_NEXT) {
                Channel next = port < maxPort ? bind(port + 1) : null;
                if (next == null) {
                    channel.close();
                    continue;
                }
                token = reserve(next, port + 1);
            }
            return Optional.of(new Opened(activate(channel, port, allocation), token));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Relay> claim(Allocation allocation, byte[] token) {
        Reservation reservation = reservations.remove(ByteBuffer.wrap(token));
        if (reservation == null) {
            return Optional.empty();
        }
        reservation.expiry().cancel(false);
        return Optional.of(activate(reservation.channel(), reservation.port(), allocation));
    }

    /** Closes the sockets still held for reservations (shutdown). */
    void closeReservations() {
        List.copyOf(reservations.values()).forEach(reservation -> reservation.channel().close());
        reservations.clear();
    }

    private Channel bind(int port) {
        try {
            return sockets.bind(new InetSocketAddress(relayAddress, port));
        } catch (IOException portTaken) {
            return null;
        }
    }

    private byte[] reserve(Channel channel, int port) {
        byte[] token = new byte[8];
        ThreadLocalRandom.current().nextBytes(token);
        ByteBuffer key = ByteBuffer.wrap(token.clone());
        ScheduledFuture<?> expiry = loop.schedule(() -> {
            if (reservations.remove(key) != null) {
                channel.close();
            }
        }, RESERVATION_SECONDS, TimeUnit.SECONDS);
        reservations.put(key, new Reservation(channel, port, expiry));
        return token;
    }

    private Relay activate(Channel channel, int port, Allocation allocation) {
        InetSocketAddress address = new InetSocketAddress(relayAddress, port);
        channel.config().setOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        channel.pipeline().addLast(new RelayHandler(allocation, clients, stats));
        loop.register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                LOG.warnf(registered.cause(), "Relay socket %s could not join the event loop", address);
                channel.close();
            }
        });
        return new NettyRelay(channel, address);
    }

    /** A bound socket held for the client that got its token. */
    private record Reservation(Channel channel, int port, ScheduledFuture<?> expiry) {
    }
}
