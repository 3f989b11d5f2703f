package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.stun.XorAddress;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.TurnTestClient;

/**
 * Our test TURN client against coturn's turnserver: what our client sends and expects is what a
 * reference server does, so the tests that use it against our server prove more than consistency.
 */
class CoturnCrossCheckIT {
    private static final String SECRET = "cross-check";
    private static Process turnserver;
    private static InetSocketAddress server;

    @BeforeAll
    static void startCoturn() throws Exception {
        int port = FreePorts.udpAndTcp();
        server = new InetSocketAddress("127.0.0.1", port);
        turnserver = new ProcessBuilder(CoturnTools.path("turnserver"), "-n", "--listening-ip=127.0.0.1",
                "--listening-port=" + port, "--relay-ip=127.0.0.1", "--min-port=47000", "--max-port=47499",
                "--use-auth-secret", "--static-auth-secret=" + SECRET, "--realm=cross.check", "--allow-loopback-peers",
                "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay", "--log-file=stdout")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (StunTestClient probe = new StunTestClient(server)) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    probe.binding();
                    return;
                } catch (java.net.SocketTimeoutException notYet) {
                    Thread.sleep(100);
                }
            }
        }
        throw new IllegalStateException("coturn did not answer on " + server);
    }

    @AfterAll
    static void stopCoturn() throws InterruptedException {
        if (turnserver != null) {
            turnserver.destroy();
            if (!turnserver.waitFor(5, TimeUnit.SECONDS)) {
                turnserver.destroyForcibly();
            }
        }
    }

    @Test
    void ourClientAllocatesBindsAndRelaysThroughCoturn() throws Exception {
        RestCredentials.EphemeralCredential credential = new RestCredentials(List.of(SECRET)).mint("java", 600,
                System.currentTimeMillis() / 1000);
        try (TurnTestClient client = new TurnTestClient(server, credential.username(), credential.password());
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            InetSocketAddress relayed = client.allocate();
            assertEquals(0, client.createPermission(peerAddress));

            client.sendIndication(peerAddress, "indication".getBytes());
            assertArrayEquals("indication".getBytes(), receive(peer));
            peer.send(new DatagramPacket("data".getBytes(), 4, relayed));
            StunMessage data = StunDecoder.decode(ByteBuffer.wrap(client.receive()));
            assertEquals(StunMethod.DATA, data.type().method());
            assertEquals(peerAddress, XorAddress.read(data, AttributeType.XOR_PEER_ADDRESS).orElseThrow());

            assertEquals(0, client.channelBind(0x4001, peerAddress));
            client.channelData(0x4001, "channel".getBytes());
            assertArrayEquals("channel".getBytes(), receive(peer));
            assertEquals(0, client.refresh(0));
        }
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
