package org.wildrtc.stun;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.AuthLimits;
import org.wildrtc.turn.FakeRelayPorts;
import org.wildrtc.turn.PeerPolicy;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.StaticUsers;
import org.wildrtc.turn.TurnConfig;
import org.wildrtc.turn.TurnServer;
import org.wildrtc.turn.SharedTurnState;

/**
 * A seeded mutation fuzzer: valid messages with bytes flipped, lengths rewritten, truncated or
 * extended. Whatever comes in, the decoder either decodes or throws {@link StunParseException},
 * and the server answers or stays silent: no other exception ever escapes.
 */
class DecoderFuzzTest {
    private static final long SEED = 8489L;
    private static final int ROUNDS = 200_000;

    @Test
    void mutatedMessagesNeverThrowAnythingButAParseException() {
        Random random = new Random(SEED);
        List<byte[]> seeds = List.of(StunDecoderTest.SAMPLE_REQUEST, StunDecoderTest.SAMPLE_IPV4_RESPONSE,
                StunDecoderTest.SAMPLE_IPV6_RESPONSE, StunTestClient.bindingRequest(1));
        TurnServer server = new TurnServer(new SharedTurnState(new TurnConfig("fuzz", List.of(new StaticUsers(Map.of("u", "p"))),
                new PeerPolicy(List.of(), List.of(), Set.of(), 49152, 65535), new Quotas(10, 10, 0, 3600, 100, 100), "fuzz", 600, new AuthLimits(1_000_000, 0))),
                new FakeRelayPorts());
        InetSocketAddress client = new InetSocketAddress("203.0.113.1", 1);
        ByteBuffer out = ByteBuffer.allocate(4096);
        int decoded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] message = mutate(seeds.get(random.nextInt(seeds.size())), random);
            if (random.nextBoolean()) {
                // A valid FINGERPRINT lets the mutation through the decoder to the attribute walk and handlers.
                refreshFingerprint(message);
            }
            try {
                StunMessage parsed = StunDecoder.decode(ByteBuffer.wrap(message));
                decoded++;
                out.clear();
                server.answer(parsed, client, out, round, 1_700_000_000L);
            } catch (StunParseException expected) {
                // dropped, as a transport would
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " escaped with " + e + " on " + java.util.HexFormat.of()
                        .formatHex(message), e);
            }
        }
        assertTrue(decoded > ROUNDS / 5, "the mutations should leave many messages decodable: " + decoded);
    }

    private static void refreshFingerprint(byte[] message) {
        int at = message.length - 8;
        if (at >= StunMessage.HEADER_LENGTH && message[at] == (byte) 0x80 && message[at + 1] == 0x28) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(message, 0, at);
            ByteBuffer.wrap(message).putInt(at + 4, (int) crc.getValue() ^ 0x5354554E);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] message = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                // Rewrite an attribute length, keeping the header consistent so the attribute walk runs.
                int at = 20 + 4 * random.nextInt((message.length - 20) / 4);
                message[at + 2] = (byte) random.nextInt(256);
                message[at + 3] = (byte) random.nextInt(256);
            }
            case 2 -> message = java.util.Arrays.copyOf(message, random.nextInt(message.length + 1));
            case 3 -> {
                message = java.util.Arrays.copyOf(message, message.length + 4 * (1 + random.nextInt(8)));
                ByteBuffer.wrap(message).putShort(2, (short) (message.length - 20));
                for (int i = seed.length; i < message.length; i++) {
                    message[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                // A TURN method in place of the original one, so the request handlers see garbage too.
                int[] methods = {StunMethod.ALLOCATE, StunMethod.REFRESH, StunMethod.CREATE_PERMISSION,
                        StunMethod.CHANNEL_BIND, StunMethod.SEND};
                int type = new MessageType(methods[random.nextInt(methods.length)],
                        MessageClass.values()[random.nextInt(2)]).encode();
                ByteBuffer.wrap(message).putShort(0, (short) type);
                message[random.nextInt(message.length)] ^= (byte) random.nextInt(256);
            }
        }
        return message;
    }
}
