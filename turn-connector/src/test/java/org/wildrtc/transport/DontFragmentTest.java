package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netty.channel.Channel;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DONT-FRAGMENT reaches the kernel: the relay socket's path MTU discovery mode becomes "do". Native
 * epoll sockets, as on every Linux server (the only place DF is offered).
 */
class DontFragmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aRelayAskedForDfHasItsSocketSetToNeverFragment(String host) throws Exception {
        Epoll.ensureAvailability();
        Channel socket = new RelaySockets(true).bind(new InetSocketAddress(host, 0));
        try {
            InetSocketAddress local = (InetSocketAddress) socket.localAddress();
            NettyRelay relay = new NettyRelay(socket, local, local, new OpenedRelays());
            assertNotEquals(DontFragment.DO, socket.config().getOption(DontFragment.option(local)), "the default");
            relay.dontFragment();
            assertEquals(DontFragment.DO, socket.config().getOption(DontFragment.option(local)));
        } finally {
            socket.unsafe().closeForcibly(); // never registered with a loop, so close() cannot run
        }
    }
}
