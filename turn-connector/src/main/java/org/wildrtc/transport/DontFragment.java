package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * DF on a relay socket (RFC 8656 §18.9): Linux path MTU discovery mode "do" (ip(7) IP_MTU_DISCOVER,
 * ipv6(7) IPV6_MTU_DISCOVER), which sets DF and never fragments locally. The JDK 17 socket API has
 * no such option, so only native epoll sockets can.
 */
final class DontFragment {
    /** IPPROTO_IP / IP_MTU_DISCOVER and IPPROTO_IPV6 / IPV6_MTU_DISCOVER from the Linux headers. */
    static final ChannelOption<Integer> IPV4 = new IntegerUnixChannelOption("IP_MTU_DISCOVER", 0, 10);
    static final ChannelOption<Integer> IPV6 = new IntegerUnixChannelOption("IPV6_MTU_DISCOVER", 41, 23);
    /** IP_PMTUDISC_DO and IPV6_PMTUDISC_DO. */
    static final int DO = 2;

    private DontFragment() {
    }

    static ChannelOption<Integer> option(InetSocketAddress local) {
        return local.getAddress() instanceof Inet4Address ? IPV4 : IPV6;
    }

    static void set(Channel channel, InetSocketAddress local) {
        channel.config().setOption(option(local), DO);
    }
}
