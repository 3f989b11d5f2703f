package org.wildrtc.transport;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.DataIndication;
import org.wildrtc.turn.ExternalAddresses;
import org.wildrtc.turn.Relay;
import org.wildrtc.turn.RelayPorts;
import org.wildrtc.turn.TurnStats;

/**
 * Relay sockets from the configured port range, on the event loop of the client's listener so
 * forwarding never crosses threads. Confined to that loop; reservations are shared by all loops.
 */
final class NettyRelayPorts implements RelayPorts {
    private static final Logger LOG = Logger.getLogger(NettyRelayPorts.class);
    /** Ports tried per Allocate before answering 508; a busy range fails fast rather than scanning it all. */
    private static final int ATTEMPTS = 64;

    private final RelaySockets sockets;
    private final InetAddress relayAddress;
    private final InetAddress relayAddressIpv6;
    private final ExternalAddresses external;
    private final int minPort;
    private final int maxPort;
    private final EventLoop loop;
    private final ClientLink clients;
    private final TurnStats stats;
    private final RelayReservations reservations;
    private final PendingPeerConnections pendingPeers;
    private final OpenedRelays opened = new OpenedRelays();
    private final DataIndication indication = new DataIndication();
    private final TransportConfig.StreamLimits streams;

    NettyRelayPorts(RelaySockets sockets, RelayReservations reservations, PendingPeerConnections pendingPeers,
                    TransportConfig config, EventLoop loop, ClientLink clients, TurnStats stats) {
        this(sockets, reservations, pendingPeers, config.relayAddress(), config.relayAddressIpv6(), config.external(),
                config.minRelayPort(), config.maxRelayPort(), loop, clients, stats, config.streams());
    }

    private NettyRelayPorts(RelaySockets sockets, RelayReservations reservations, PendingPeerConnections pendingPeers,
                            InetAddress relayAddress, InetAddress relayAddressIpv6, ExternalAddresses external,
                            int minPort, int maxPort,
                            EventLoop loop, ClientLink clients, TurnStats stats,
                            TransportConfig.StreamLimits streams) {
        this.reservations = reservations;
        this.pendingPeers = pendingPeers;
        this.relayAddressIpv6 = relayAddressIpv6;
        this.sockets = sockets;
        this.relayAddress = relayAddress;
        this.external = external;
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.loop = loop;
        this.clients = clients;
        this.stats = stats;
        this.streams = streams;
    }

    @Override
    public boolean supports(Family family) {
        return family == Family.IPV4 || relayAddressIpv6 != null;
    }

    @Override
    public boolean supportsDontFragment() {
        return sockets.isNative();
    }

    @Override
    public Optional<Opened> open(Allocation allocation, Parity parity, Family family, Runnable reservationEnded) {
        InetAddress address = family == Family.IPV6 ? relayAddressIpv6 : relayAddress;
        for (int port : candidatePorts(parity == Parity.ANY ? 1 : 2)) {
            Channel channel = bind(address, port);
            if (channel == null) {
                continue;
            }
            byte[] token = null;
            if (parity == Parity.EVEN_RESERVING_NEXT) {
                Channel next = port < maxPort ? bind(address, port + 1) : null;
                if (next == null) {
                    // RFC 8656 §7.2: both ports or neither; this one has not joined the loop yet.
                    RelaySockets.close(channel);
                    continue;
                }
                token = reservations.hold(next, new InetSocketAddress(address, port + 1), loop, reservationEnded);
            }
            return Optional.of(new Opened(activate(channel, new InetSocketAddress(address, port), allocation), token));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Relay> claim(Allocation allocation, byte[] token) {
        RelayReservations.Reservation reservation = reservations.claim(token);
        return reservation == null ? Optional.empty()
                : Optional.of(activate(reservation.channel(), reservation.address(), allocation));
    }

    @Override
    public Optional<Relay> openTcp(Allocation allocation) {
        for (int port : candidatePorts(1)) {
            InetSocketAddress address = new InetSocketAddress(relayAddress, port);
            try {
                return Optional.of(new TcpRelay(sockets.listen(address), address, advertised(address), allocation,
                        clients, pendingPeers, loop, sockets, stats, opened, streams));
            } catch (IOException portTaken) {
                // try the next port
            }
        }
        return Optional.empty();
    }

    /**
     * The ports an Allocate tries, from a random place in the range onwards: every port (step 1) or
     * every even one (step 2), at most {@link #ATTEMPTS} of them.
     */
    private int[] candidatePorts(int step) {
        int first = step == 1 ? minPort : minPort + (minPort & 1);
        int count = (maxPort - first) / step + 1;
        int start = ThreadLocalRandom.current().nextInt(Math.max(1, count));
        int[] ports = new int[Math.min(ATTEMPTS, count)];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = first + step * ((start + i) % count);
        }
        return ports;
    }

    private Channel bind(InetAddress address, int port) {
        try {
            return sockets.bind(new InetSocketAddress(address, port));
        } catch (IOException portTaken) {
            return null;
        }
    }

    private Relay activate(Channel channel, InetSocketAddress address, Allocation allocation) {
        channel.config().setOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        channel.pipeline().addLast(new RelayHandler(allocation, clients, stats, indication));
        loop.register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                LOG.warnf(registered.cause(), "Relay socket %s could not join the event loop", address);
                RelaySockets.close(channel);
            }
        });
        return new NettyRelay(channel, address, advertised(address), opened);
    }

    /** The relayed address clients are told: behind 1:1 NAT, the public address with the same port. */
    private InetSocketAddress advertised(InetSocketAddress bound) {
        InetAddress advertised = external.advertised(bound.getAddress());
        return advertised.equals(bound.getAddress()) ? bound : new InetSocketAddress(advertised, bound.getPort());
    }

    /** The relays opened here, for ChannelData and Connect. */
    OpenedRelays opened() {
        return opened;
    }
}
