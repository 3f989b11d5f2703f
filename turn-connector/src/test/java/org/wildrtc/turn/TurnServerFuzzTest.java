package org.wildrtc.turn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageIntegrity;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.turn.FuzzSteps.Attribute;
import org.wildrtc.turn.FuzzSteps.ConnectDone;
import org.wildrtc.turn.FuzzSteps.Method;
import org.wildrtc.turn.FuzzSteps.PeerWaiting;
import org.wildrtc.turn.FuzzSteps.Request;
import org.wildrtc.turn.FuzzSteps.Signature;
import org.wildrtc.turn.FuzzSteps.Step;
import org.wildrtc.turn.FuzzSteps.Tick;
import org.wildrtc.turn.FuzzSteps.Word;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link TurnServer#answer} for every method, behind the
 * authenticator too: an input is one client's session with a fresh server over UDP or a stream
 * ({@link FuzzSteps}, checked by {@link FuzzedClient}). The seeds walk each method's success path,
 * so the fuzzer starts from allocations that exist. In {@code mvn test} only the seeds and saved
 * inputs run; {@code mvn verify} fuzzes.
 */
class TurnServerFuzzTest {
    private static final Attribute UDP = new Word(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP);
    private static final Attribute PEER = new FuzzSteps.Peer(new byte[] {8, 8, 8, 8}, (char) 6000);
    private static final Attribute IPV6_PEER = new FuzzSteps.Peer(
            new byte[] {0x2a, 0, 0x14, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, (char) 6000);

    /** The same datagram twice: the second gets the first one's answer (RFC 8489 §6.3.1). */
    private static final Step UNSIGNED_ALLOCATE = new FuzzSteps.Datagram(TurnRequests.request(StunMethod.ALLOCATE,
            new byte[12], null, w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP)));

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of(false, List.of(
                        alice(Method.ALLOCATE, UDP),
                        alice(Method.CREATE_PERMISSION, PEER),
                        alice(Method.CHANNEL_BIND, new Word(AttributeType.CHANNEL_NUMBER, 0x4000 << 16), PEER),
                        new Request(Method.SEND, MessageClass.INDICATION, Signature.NONE, MessageIntegrity.SHA1, true,
                                List.of(PEER, new FuzzSteps.Known(AttributeType.DATA, new byte[] {1, 2, 3}))),
                        alice(Method.REFRESH, new Word(AttributeType.LIFETIME, 600)),
                        new Tick(300),
                        alice(Method.REFRESH, new Word(AttributeType.LIFETIME, 0)))),
                Arguments.of(false, List.of(
                        alice(Method.ALLOCATE, UDP, new Word(AttributeType.ADDITIONAL_ADDRESS_FAMILY, 0x02 << 24)),
                        alice(Method.CREATE_PERMISSION, PEER, IPV6_PEER),
                        alice(Method.CHANNEL_BIND, new Word(AttributeType.CHANNEL_NUMBER, 0x4001 << 16), IPV6_PEER),
                        alice(Method.REFRESH, new Word(AttributeType.REQUESTED_ADDRESS_FAMILY, 0x02 << 24),
                                new Word(AttributeType.LIFETIME, 0)),
                        new Request(Method.SEND, MessageClass.INDICATION, Signature.NONE, MessageIntegrity.SHA1, true,
                                List.of(IPV6_PEER, new FuzzSteps.Known(AttributeType.DATA, new byte[] {6}))),
                        new Tick(700),
                        alice(Method.REFRESH, new Word(AttributeType.LIFETIME, 600)))),
                Arguments.of(false, List.of(
                        alice(Method.ALLOCATE, UDP, new FuzzSteps.Known(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80})),
                        alice(Method.REFRESH, new Word(AttributeType.LIFETIME, 0)),
                        alice(Method.ALLOCATE, UDP, new FuzzSteps.Known(AttributeType.RESERVATION_TOKEN,
                                new byte[] {1, 2, 3, 4, 5, 6, 7, 1})))),
                Arguments.of(true, List.of(
                        alice(Method.ALLOCATE, new Word(AttributeType.REQUESTED_TRANSPORT, TurnRequests.TCP)),
                        alice(Method.CONNECT, PEER),
                        new ConnectDone(0x1234),
                        alice(Method.CONNECT, PEER),
                        new ConnectDone((int) TcpPeers.FAILED),
                        new PeerWaiting(1, true),
                        alice(Method.CONNECTION_BIND, new Word(AttributeType.CONNECTION_ID, 1)))),
                Arguments.of(false, List.of(
                        alice(Method.CREATE_PERMISSION, PEER),
                        bob(Method.ALLOCATE, UDP),
                        alice(Method.REFRESH),
                        signed(Signature.FORGED_NONCE, Method.ALLOCATE, UDP),
                        signed(Signature.UNKNOWN_USER, Method.ALLOCATE, UDP),
                        signed(Signature.STALE_NONCE, Method.ALLOCATE, UDP),
                        signed(Signature.NONE, Method.REFRESH),
                        signed(Signature.WRONG_PASSWORD, Method.REFRESH),
                        signed(Signature.WRONG_PASSWORD, Method.REFRESH),
                        signed(Signature.WRONG_PASSWORD, Method.REFRESH),
                        bob(Method.REFRESH))),
                Arguments.of(false, List.of(UNSIGNED_ALLOCATE, UNSIGNED_ALLOCATE)),
                Arguments.of(false, List.of(
                        new Request(Method.ALLOCATE, MessageClass.REQUEST, Signature.WRONG_PASSWORD, MessageIntegrity.SHA1,
                                false, List.of(UDP)),
                        new Request(Method.ALLOCATE, MessageClass.REQUEST, Signature.ALICE_SHA256_KEY,
                                MessageIntegrity.SHA256, true, List.of(UDP, new FuzzSteps.Any((char) 0x7777, new byte[0]))),
                        new Request(Method.BINDING, MessageClass.REQUEST, Signature.NONE, MessageIntegrity.SHA1, false,
                                List.of()))));
    }

    @MethodSource("sessions")
    @FuzzTest
    void session(boolean overStream, @NotNull @WithSize(max = 16) List<@NotNull Step> steps) {
        FuzzedClient client = new FuzzedClient(overStream);
        steps.forEach(client::play);
        client.finish();
    }

    private static Request alice(Method method, Attribute... attributes) {
        return signed(Signature.ALICE, method, attributes);
    }

    private static Request bob(Method method, Attribute... attributes) {
        return signed(Signature.BOB, method, attributes);
    }

    private static Request signed(Signature signature, Method method, Attribute... attributes) {
        return new Request(method, MessageClass.REQUEST, signature, MessageIntegrity.SHA1, true, List.of(attributes));
    }
}
