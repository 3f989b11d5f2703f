package org.wildrtc.transport;

import io.netty.channel.Channel;
import java.util.IdentityHashMap;
import java.util.Map;
import org.wildrtc.turn.Relay;

/**
 * The relays one {@link NettyRelayPorts} opened, by the {@link Relay} their allocation holds. What
 * {@code turn} hands back is a Relay; ChannelData needs its socket and Connect its TCP relay, which
 * are found here rather than by a cast. A relay is forgotten when it closes. Confined to the event loop
 * of the client socket the relays were opened for; the lookups make no garbage.
 */
final class OpenedRelays {
    private final Map<Relay, Channel> datagramSockets = new IdentityHashMap<>();
    private final Map<Relay, TcpRelay> tcpRelays = new IdentityHashMap<>();

    void addDatagram(Relay relay, Channel socket) {
        datagramSockets.put(relay, socket);
    }

    void addTcp(TcpRelay relay) {
        tcpRelays.put(relay, relay);
    }

    void forget(Relay relay) {
        datagramSockets.remove(relay);
        tcpRelays.remove(relay);
    }

    /** The socket of a UDP relay; null for a relay not opened here or closed. */
    Channel datagramSocket(Relay relay) {
        return datagramSockets.get(relay);
    }

    /** The TCP relay (RFC 6062) behind {@code relay}; null for a relay not opened here, closed, or a UDP one. */
    TcpRelay tcp(Relay relay) {
        return tcpRelays.get(relay);
    }
}
