package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.TurnTestClient;

/**
 * TURN relaying by the connector inside the provisioned server, driven by coturn's own client
 * (turnutils_uclient, over UDP, TCP and TLS, with IPv4, IPv6 and dual relays, and RFC 6062 TCP relays)
 * against coturn's echo peer (turnutils_peer), both on loopback.
 */
class TurnRelayIT extends RunningServerTest {
    /** Bounded loads: 2 clients (each an RTP and an RTCP allocation) × 100 messages, 5 ms apart. */
    static final String[] LOAD = {"-n", "100", "-l", "120", "-m", "2", "-z", "5"};

    @Test
    void coturnsClientRelaysThroughUsWithLongTermCredentialsAndLosesNothing() throws Exception {
        assertNothingLost(uclient("-u", "alice", "-w", "alice-password"));
    }

    @Test
    void coturnsClientRelaysThroughUsWithRestCredentialsAndLosesNothing() throws Exception {
        assertNothingLost(uclient("-W", "it-secret", "-u", "bob"));
    }

    @Test
    void coturnsClientRelaysWithSendIndicationsToo() throws Exception {
        assertNothingLost(uclient("-s", "-W", "it-secret", "-u", "carol"));
    }

    @Test
    void coturnsClientRelaysOverTcpToo() throws Exception {
        assertNothingLost(uclient("-t", "-W", "it-secret", "-u", "dave"));
    }

    @Test
    void coturnsClientRelaysOverTlsToo() throws Exception {
        assertNothingLost(uclientOn(TestServer.port("turns"), "-t", "-S", "-W", "it-secret", "-u", "erin"));
    }

    @Test
    void coturnsClientGetsAnIpv6RelayToAnIpv6Peer() throws Exception {
        assertNothingLost(uclientVia(TestServer.port("turn"), "::1", "-x", "-W", "it-secret", "-u", "frank"));
    }

    /**
     * Arquillian starts the test server without WildFly's start scripts. Started the README's way, the
     * JVM takes its options from bin/standalone.conf, whose -Djava.net.preferIPv4Stack=true (WildFly's
     * default) would leave it no IPv6 socket for the relays above: the build takes it out.
     */
    @Test
    void theShippedStartScriptsOptionsLeaveJavaItsIpv6Sockets() throws Exception {
        ProcessBuilder source = new ProcessBuilder("sh", "-c", ". bin/standalone.conf && printf %s \"$JAVA_OPTS\"")
                .directory(new java.io.File(System.getProperty("it.server.dir"))).redirectErrorStream(true);
        source.environment().remove("JAVA_OPTS");
        Process process = source.start();
        String javaOptions = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertTrue(javaOptions.contains("-Djboss.modules.system.pkgs="), javaOptions);
        assertTrue(!javaOptions.contains("preferIPv4Stack"), javaOptions);
    }

    /**
     * RFC 8656 dual allocations (-Z): an IPv4 and an IPv6 relay in one Allocate. uclient then refreshes
     * naming one family at random, which would be 443 had the IPv6 relay not been opened.
     */
    @Test
    void coturnsClientGetsADualAllocationAndRefreshesEitherFamily() throws Exception {
        assertNothingLost(uclient("-Z", "-W", "it-secret", "-u", "grace"));
    }

    /** DONT-FRAGMENT in the Allocate (-g): our relays set DF rather than answer 420. */
    @Test
    void coturnsClientAsksForDontFragmentAndRelaysWithIt() throws Exception {
        assertNothingLost(uclient("-g", "-W", "it-secret", "-u", "heidi"));
    }

    /** RFC 6062 TCP relays (-T: two clients, each with a TCP relay, talk to each other through them). */
    @Test
    void coturnsClientRelaysThroughTcpRelays() throws Exception {
        assertNothingLost(uclient("-T", "-W", "it-secret", "-u", "ivan"));
    }

    @Test
    void coturnsClientRelaysThroughTcpRelaysOverTls() throws Exception {
        assertNothingLost(uclientOn(TestServer.port("turns"), "-T", "-S", "-W", "it-secret", "-u", "judy"));
    }

    @Test
    void aWrongPasswordGetsNoAllocation() throws Exception {
        try (TurnTestClient client = new TurnTestClient(TestServer.turn(), "alice", "not-the-password")) {
            IOException refused = assertThrows(IOException.class, client::allocate);
            assertEquals("Allocate failed with 401", refused.getMessage());
        }
    }

    @Test
    void theCredentialsFromParamsAllocateAndALoopbackPeerOutsideTheAllowListIs403() throws Exception {
        JsonObject params = Json.object(TestServer.get("/params").body());
        JsonObject turn = Json.object(params.getString("pc_config")).getJsonArray("iceServers").getJsonObject(1);
        try (TurnTestClient client = new TurnTestClient(TestServer.turn(), turn.getString("username"),
                turn.getString("credential"))) {
            InetSocketAddress relayed = client.allocate();
            assertTrue(relayed.getPort() >= 46000 && relayed.getPort() <= 46999, relayed.toString());
            assertEquals(0, client.createPermission(new InetSocketAddress("127.0.0.1", 9)));
            // Only 127.0.0.1/32 is allowed for the tests; the rest of loopback stays closed.
            assertEquals(403, client.createPermission(new InetSocketAddress("127.0.0.2", 9)));
            assertEquals(403, client.createPermission(new InetSocketAddress("10.0.0.1", 9)));
            assertEquals(0, client.refresh(0));
        }
    }

    private static String uclient(String... credentials) throws Exception {
        return uclientOn(TestServer.port("turn"), credentials);
    }

    private static String uclientOn(int port, String... credentials) throws Exception {
        return uclientVia(port, "127.0.0.1", credentials);
    }

    private static String uclientVia(int port, String peerAddress, String... credentials) throws Exception {
        int peerPort = TestServer.port("peer");
        try (AutoCloseable peer = CoturnTools.echoPeer(peerAddress, peerPort)) {
            String[] arguments = concat(concat(credentials, LOAD), new String[] {"-p", String.valueOf(port),
                    "-e", peerAddress, "-r", String.valueOf(peerPort), "127.0.0.1"});
            return CoturnTools.run(60, "turnutils_uclient", arguments);
        }
    }

    static void assertNothingLost(String output) {
        assertTrue(output.contains("Total lost packets 0 (0.000000%)"), output);
        // A STUN error answer; uclient also prints "error" for the TLS versions it probes and we refuse.
        assertTrue(!java.util.regex.Pattern.compile("error \\d{3}").matcher(output).find(), output);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
