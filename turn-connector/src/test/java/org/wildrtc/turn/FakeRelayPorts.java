package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Relay ports without sockets: records what would be sent, and can run out. */
public final class FakeRelayPorts implements RelayPorts {
    final List<FakeRelay> opened = new ArrayList<>();
    int capacity = Integer.MAX_VALUE;

    final List<Parity> parities = new ArrayList<>();
    final java.util.Map<String, FakeRelay> reserved = new java.util.HashMap<>();
    /** What to run when each reserved port is claimed or released, by token. */
    private final java.util.Map<String, Runnable> reservationsEnded = new java.util.HashMap<>();

    boolean ipv6 = true;
    boolean dontFragment = true;

    @Override
    public boolean supportsDontFragment() {
        return dontFragment;
    }

    @Override
    public boolean supports(Family family) {
        return family == Family.IPV4 || ipv6;
    }

    @Override
    public Optional<Opened> open(Allocation allocation, Parity parity, Family family, Runnable reservationEnded) {
        if (opened.size() >= capacity) {
            return Optional.empty();
        }
        parities.add(parity);
        int port = 50000 + 2 * opened.size();
        FakeRelay relay = new FakeRelay(new InetSocketAddress(family == Family.IPV6 ? "2001:db8::1" : "198.51.100.1", port));
        opened.add(relay);
        byte[] token = null;
        if (parity == Parity.EVEN_RESERVING_NEXT) {
            token = new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) opened.size()};
            reserved.put(java.util.Arrays.toString(token), new FakeRelay(new InetSocketAddress("198.51.100.1", port + 1)));
            reservationsEnded.put(java.util.Arrays.toString(token), reservationEnded);
        }
        return Optional.of(new Opened(relay, token));
    }

    @Override
    public Optional<Relay> openTcp(Allocation allocation) {
        FakeRelay relay = new FakeRelay(new InetSocketAddress("198.51.100.1", 50000 + 2 * opened.size()));
        opened.add(relay);
        return Optional.of(relay);
    }

    @Override
    public Optional<Relay> claim(Allocation allocation, byte[] token) {
        Optional<Relay> claimed = Optional.ofNullable(reserved.remove(java.util.Arrays.toString(token)));
        claimed.ifPresent(relay -> reservationsEnded.remove(java.util.Arrays.toString(token)).run());
        return claimed;
    }

    /** Releases every reserved port, as their 30 s running out does. */
    void expireReservations() {
        reserved.clear();
        reservationsEnded.values().forEach(Runnable::run);
        reservationsEnded.clear();
    }

    static final class FakeRelay implements Relay {
        final InetSocketAddress address;
        final List<InetSocketAddress> sentTo = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();
        boolean closed;
        boolean dontFragment;

        FakeRelay(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void send(InetSocketAddress peer, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sentTo.add(peer);
            sent.add(bytes);
        }

        @Override
        public void dontFragment() {
            dontFragment = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
