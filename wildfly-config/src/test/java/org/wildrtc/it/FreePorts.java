package org.wildrtc.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Ports on loopback that nothing listens on, checked before a test starts a server on them. */
final class FreePorts {
    private FreePorts() {
    }

    /** A free TCP port, as the kernel picks one. */
    static int tcp() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A port free for both UDP and TCP: coturn and the connector bind with SO_REUSEPORT and would
     * share a taken port silently, so both protocols are checked.
     */
    static int udpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = tcp();
            if (udpFree(port)) {
                return port;
            }
        }
        throw new IOException("no port free for both UDP and TCP on loopback after 20 attempts");
    }

    /**
     * A port offset (WildFly's jboss.socket.binding.port-offset) at which each of {@code tcpPorts}
     * and {@code udpAndTcpPorts} is free, picked at random from 1000 up to what keeps the highest
     * port below 65536, and checked: a node of a test cluster takes every port of its configuration
     * shifted by it.
     */
    static int offset(int[] tcpPorts, int[] udpAndTcpPorts) throws IOException {
        int highest = IntStream.concat(IntStream.of(tcpPorts), IntStream.of(udpAndTcpPorts)).max().orElse(0);
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 65_536 - highest);
            if (allFree(offset, tcpPorts, udpAndTcpPorts)) {
                return offset;
            }
        }
        throw new IOException("no port offset with all the server's ports free after 100 attempts");
    }

    private static boolean allFree(int offset, int[] tcpPorts, int[] udpAndTcpPorts) {
        for (int port : tcpPorts) {
            if (!tcpFree(port + offset)) {
                return false;
            }
        }
        for (int port : udpAndTcpPorts) {
            if (!tcpFree(port + offset) || !udpFree(port + offset)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
