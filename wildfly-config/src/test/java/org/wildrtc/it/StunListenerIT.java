package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.stun.XorAddress;

/** The resource adapter's STUN listener inside the provisioned server. */
class StunListenerIT extends RunningServerTest {
    @Test
    void aBindingRequestGetsTheSendersAddressWithAVerifiedFingerprint() throws Exception {
        try (StunTestClient client = new StunTestClient(TestServer.turn())) {
            // The decoder rejects a message whose FINGERPRINT does not verify.
            StunMessage answer = client.binding();
            assertEquals(MessageType.BINDING_SUCCESS, answer.type());
            assertEquals(client.localAddress(), XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
            assertTrue(answer.attribute(AttributeType.FINGERPRINT).isPresent());
            assertEquals("WildRTC", new String(answer.value(answer.attribute(AttributeType.SOFTWARE).orElseThrow()),
                    StandardCharsets.UTF_8));
        }
    }

    /** The deployment gives the connector's Netty sun.misc.Unsafe (jdk.unsupported); without it every packet costs more. */
    @Test
    void theConnectorsNettyRunsWithUnsafeBuffersInTheContainer() throws Exception {
        String log = Files.readString(Path.of(System.getProperty("it.server.dir"), "standalone", "log", "server.log"));
        assertTrue(log.contains("(epoll, unsafe buffers)"), "the connector's start line says epoll and unsafe buffers");
        assertFalse(log.contains("Netty cannot use sun.misc.Unsafe"), "the connector warned about safe buffers");
    }

    @Test
    void garbageGetsNoAnswerAndTheListenerKeepsServing() throws Exception {
        try (StunTestClient client = new StunTestClient(TestServer.turn())) {
            for (byte[] garbage : StunTestClient.garbage()) {
                client.send(garbage);
            }
            assertTrue(client.silentFor(500), "garbage was answered");
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
        }
    }

    @Test
    void coturnsStunClientSeesItsReflexiveAddress() throws Exception {
        String output = CoturnTools.run(20, "turnutils_stunclient", "-p", String.valueOf(TestServer.port("turn")),
                "127.0.0.1");
        assertTrue(output.contains("UDP reflexive addr: 127.0.0.1:"), output);
    }
}
