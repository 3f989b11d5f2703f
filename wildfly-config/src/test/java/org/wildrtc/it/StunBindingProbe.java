package org.wildrtc.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends a STUN Binding request (RFC 8489) to each address given and prints, per address, where the
 * answer came from and the mapped address it carries, or that none came. A program of its own with
 * the JDK alone, so a test can run it inside a network namespace ({@link #command}).
 *
 * <p>The socket is not connected on purpose: a connected one would drop an answer from another
 * source silently, where this one reports it, so a check of the source fails saying what it saw.
 */
public final class StunBindingProbe {
    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;
    private static final long WAIT_MILLIS = 1500;

    private StunBindingProbe() {
    }

    /** What to run (inside a namespace) to probe {@code port} on each of {@code addresses}. */
    static List<String> command(int port, String... addresses) throws Exception {
        String classes = Path.of(StunBindingProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes, StunBindingProbe.class.getName(), String.valueOf(port)));
        command.addAll(List.of(addresses));
        return command;
    }

    /**
     * Reads the probe's line for {@code address}: {@code <address> answered-from <ip>:<port> mapped <ip>:<port>}
     * or {@code <address> no-answer}.
     */
    static String lineFor(String output, String address) {
        return output.lines().filter(line -> line.startsWith(address + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("the probe said nothing about " + address + ": " + output));
    }

    /** {@code port address...} */
    public static void main(String[] arguments) throws Exception {
        int port = Integer.parseInt(arguments[0]);
        for (String address : Arrays.copyOfRange(arguments, 1, arguments.length)) {
            System.out.println(address + " " + probe(new InetSocketAddress(InetAddress.getByName(address), port)));
        }
    }

    private static String probe(InetSocketAddress server) throws IOException {
        byte[] transaction = new byte[12];
        new SecureRandom().nextBytes(transaction);
        ByteBuffer request = ByteBuffer.allocate(20).putShort((short) BINDING_REQUEST).putShort((short) 0)
                .putInt(MAGIC_COOKIE).put(transaction).flip();
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            channel.configureBlocking(false).register(selector, SelectionKey.OP_READ);
            channel.send(request, server);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            ByteBuffer answer = ByteBuffer.allocate(1500);
            for (long left = WAIT_MILLIS; left > 0; left = deadline - System.currentTimeMillis()) {
                selector.select(left);
                selector.selectedKeys().clear();
                SocketAddress source = channel.receive(answer.clear());
                if (source != null && answersTo(answer.flip(), transaction)) {
                    return "answered-from " + text((InetSocketAddress) source) + " mapped " + mapped(answer);
                }
            }
            return "no-answer";
        }
    }

    private static boolean answersTo(ByteBuffer answer, byte[] transaction) {
        if (answer.remaining() < 20 || answer.getShort(0) != BINDING_SUCCESS || answer.getInt(4) != MAGIC_COOKIE) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(answer.array(), 8, 20), transaction);
    }

    /** RFC 8489 §14.2: port and IPv4 address XORed with the magic cookie. */
    private static String mapped(ByteBuffer answer) {
        for (int at = 20; at + 4 <= answer.limit(); at += 4 + ((answer.getShort(at + 2) + 3) & ~3)) {
            if (answer.getShort(at) == XOR_MAPPED_ADDRESS && answer.get(at + 5) == 0x01) {
                int port = (answer.getShort(at + 6) ^ (MAGIC_COOKIE >>> 16)) & 0xFFFF;
                int address = answer.getInt(at + 8) ^ MAGIC_COOKIE;
                return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                        + (address & 0xFF) + ":" + port;
            }
        }
        return "none";
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
