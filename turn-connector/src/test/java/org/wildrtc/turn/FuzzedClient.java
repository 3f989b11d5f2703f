package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToIntFunction;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageIntegrity;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.PasswordAlgorithm;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.stun.XorAddress;
import org.wildrtc.turn.FuzzSteps.Request;

/**
 * One client of a fresh server, playing {@link FuzzSteps}. It signs what the fuzzer has it sign with
 * the nonce the server gave it (and takes the new one a 401 or 438 brings, as clients do), and checks
 * every answer: a well-formed response to its request that fits the transports' buffer, never a way
 * past the authenticator without the password, signed with the request's key once authenticated.
 */
final class FuzzedClient {
    static final String REALM = "fuzz.realm";
    static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.5", 40000);
    /** The answer buffers of the transports (ClientMessages, StreamTcpPeers) hold 2 KiB. */
    private static final int ANSWER_CAPACITY = 2048;
    private static final int MAX_ATTRIBUTES = 12;
    private static final int MAX_VALUE_BYTES = 64;
    private static final long NONCE_LIFETIME_SECONDS = 600;
    private static final long START_NANOS = 1_000_000_000_000L;
    private static final long START_SECONDS = 1_700_000_000L;
    private static final String REST_SECRET = "fuzz-secret";
    /** Fuzzed sessions fail authentication millions of times; each failure's warning would bury the report. */
    private static final java.util.logging.Logger TURN_LOG = java.util.logging.Logger.getLogger("org.wildrtc.turn");

    static {
        TURN_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final FakeRelayPorts relays = new FakeRelayPorts();
    private final PeerConnections peers = new PeerConnections();
    private final TurnStats stats;
    private final TurnServer server;
    private final boolean overStream;
    private final RestCredentials.EphemeralCredential restUser =
            new RestCredentials(List.of(REST_SECRET)).mint("carol", TimeUnit.DAYS.toSeconds(1), START_SECONDS);
    private final String staleNonce;
    private String nonce;
    private long elapsedSeconds;
    /** The request being answered and its key, for a Connect answered later. */
    private StunMessage currentRequest;
    private byte[] currentKey;

    /** A client over UDP, or over a TCP/TLS connection (where RFC 6062 Connect and ConnectionBind work). */
    FuzzedClient(boolean overStream) {
        SharedTurnState shared = new SharedTurnState(new TurnConfig(REALM,
                List.of(new StaticUsers(Map.of("alice", "secret", "bob", "other")), new RestCredentials(List.of(REST_SECRET))),
                new PeerPolicy(List.of(), List.of(), Set.of(address("198.51.100.1")), 50000, 50999),
                new Quotas(10, 2, 0, 3600, 100, 100), "WildRTC fuzz", NONCE_LIFETIME_SECONDS,
                new AuthLimits(5, 0), null, false));
        this.stats = shared.stats();
        this.overStream = overStream;
        this.server = overStream ? new TurnServer(shared, relays, peers, ClientTransport.TCP, Runnable::run) : new TurnServer(shared, relays, Runnable::run);
        this.staleNonce = challenge(START_SECONDS - NONCE_LIFETIME_SECONDS - 1);
        this.nonce = challenge(START_SECONDS);
    }

    void play(FuzzSteps.Step step) {
        if (step instanceof Request request) {
            send(request);
        } else if (step instanceof FuzzSteps.Datagram datagram) {
            receive(datagram.bytes());
        } else if (step instanceof FuzzSteps.Tick tick) {
            elapsedSeconds += tick.seconds();
            server.expire(nowNanos());
        } else if (step instanceof FuzzSteps.ConnectDone done) {
            peers.complete(done.outcome());
        } else if (step instanceof FuzzSteps.PeerWaiting waiting) {
            peers.waiting.put((long) waiting.connectionId(), waiting.ofAlice() ? "alice" : "bob");
        }
        // RFC 8656 §3.1: one allocation per 5-tuple; a dual one has two relays.
        long open = relays.opened.stream().filter(relay -> !relay.closed).count();
        assertTrue(open <= 2, open + " relays open for one client");
    }

    /** After the session: the server still answers a Binding, and closing it releases every relay. */
    void finish() {
        byte[] transactionId = TurnRequests.transactionId();
        StunMessage binding = decode(TurnRequests.message(MessageType.BINDING_REQUEST, transactionId, null, w -> { },
                true));
        ByteBuffer out = ByteBuffer.allocate(ANSWER_CAPACITY);
        StunMessage answer = decodeAnswer(out, server.answer(binding, CLIENT, out, nowNanos(), nowSeconds()), binding);
        assertEquals(MessageType.BINDING_SUCCESS, answer.type());
        assertEquals(CLIENT, XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());

        server.close();
        assertTrue(relays.opened.stream().allMatch(relay -> relay.closed), "a relay was left open");
        TurnStats.Snapshot after = stats.snapshot();
        assertEquals(0, after.allocationCount(), "allocations counted after close");
        assertEquals(0, after.permissions(), "permissions counted after close");
        assertEquals(0, after.channels(), "channels counted after close");
    }

    private void send(Request step) {
        byte[] transactionId = TurnRequests.transactionId();
        TurnRequests.Credentials credentials = credentials(step);
        StunMessage request;
        try {
            request = StunDecoder.decode(ByteBuffer.wrap(TurnRequests.message(
                    new MessageType(step.method().number, step.messageClass()), transactionId, credentials,
                    w -> step.attributes().stream().limit(MAX_ATTRIBUTES).forEach(a -> write(w, a, transactionId)),
                    step.fingerprint())));
        } catch (StunParseException e) {
            return; // the fuzzer's own FINGERPRINT in the middle: the decoder drops it, as a transport would
        }
        currentRequest = request;
        currentKey = step.signature().valid()
                ? credentials.algorithm().key(credentials.username(), REALM, credentials.password()) : null;
        ByteBuffer out = ByteBuffer.allocate(ANSWER_CAPACITY);
        long refusedBefore = refusals();
        int size = server.answer(request, CLIENT, out, nowNanos(), nowSeconds());
        if (step.messageClass() != MessageClass.REQUEST) {
            assertEquals(0, size, "an indication or a response is never answered (RFC 8489 §6.3)");
            return;
        }
        if (size == 0) {
            // RFC 6062 §5.2: Connect is answered once the peer connection is made or has failed.
            assertTrue(step.method() == FuzzSteps.Method.CONNECT || refusals() > refusedBefore,
                    "a request was dropped without a refusal counted");
            return;
        }
        checkAnswer(step, request, decodeAnswer(out, size, request));
    }

    private void checkAnswer(Request step, StunMessage request, StunMessage answer) {
        assertEquals(request.type().method(), answer.type().method());
        assertFalse(request.has(AttributeType.FINGERPRINT) && !answer.has(AttributeType.FINGERPRINT),
                "the request had a FINGERPRINT and the answer none (RFC 8489 §7.3)");
        boolean success = answer.type().messageClass() == MessageClass.SUCCESS_RESPONSE;
        int code = ErrorCode.read(answer);
        assertTrue(success || (code >= 300 && code <= 699), "an error answer without a valid ERROR-CODE: " + code);
        if (step.method() == FuzzSteps.Method.BINDING) {
            // RFC 8489 §6.3: Binding needs no credentials; its answer names the source.
            assertTrue(!success || CLIENT.equals(XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElse(null)));
            return;
        }
        if (code == ErrorCode.UNAUTHENTICATED.code() || code == ErrorCode.STALE_NONCE.code()) {
            assertEquals(REALM, answer.text(AttributeType.REALM).orElseThrow());
            nonce = answer.text(AttributeType.NONCE).orElseThrow();
        }
        MessageIntegrity integrity = MessageIntegrity.of(answer);
        if (!step.signature().valid()) {
            assertTrue(code == 400 || code == 401 || code == 438, "past the authenticator without the password: "
                    + (success ? "success" : code));
            assertEquals(null, integrity, "an answer to an unauthenticated request is signed");
            return;
        }
        assertTrue(!success || integrity != null, "a success answer is not signed (RFC 8489 §9.2.4)");
        assertTrue(integrity == null || integrity.verify(answer, currentKey), "the answer's integrity does not verify");
        if (success && step.method() == FuzzSteps.Method.ALLOCATE) {
            assertTrue(XorAddress.read(answer, AttributeType.XOR_RELAYED_ADDRESS).isPresent(), "no relayed address");
            assertEquals(CLIENT, XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
            assertTrue(answer.int32(AttributeType.LIFETIME).isPresent(), "no lifetime");
        }
        if (code == ErrorCode.UNKNOWN_ATTRIBUTE.code()) {
            byte[] listed = answer.value(answer.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow());
            for (int i = 0; i + 1 < listed.length; i += 2) {
                int type = ((listed[i] & 0xFF) << 8) | (listed[i + 1] & 0xFF);
                assertTrue(AttributeType.isComprehensionRequired(type) && request.has(type),
                        "420 lists 0x" + Integer.toHexString(type));
            }
        }
    }

    /** Bytes from the network: what decodes is answered, with a well-formed response or not at all. */
    private void receive(byte[] bytes) {
        StunMessage message;
        try {
            message = StunDecoder.decode(ByteBuffer.wrap(bytes));
        } catch (StunParseException dropped) {
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(ANSWER_CAPACITY);
        int size = server.answer(message, CLIENT, out, nowNanos(), nowSeconds());
        if (size > 0) {
            decodeAnswer(out, size, message);
        }
    }

    /**
     * The answer decodes and responds to the request's transaction. Nothing more is sure of the answer to
     * a raw datagram: the server replays the answer it gave its transaction id (RFC 8489 §6.3.1), which
     * an earlier datagram may have used for another request.
     */
    private static StunMessage decodeAnswer(ByteBuffer out, int size, StunMessage request) {
        assertTrue(size > 0 && size <= ANSWER_CAPACITY, "answer size " + size);
        StunMessage answer = decode(ByteBuffer.wrap(out.array(), 0, size));
        assertArrayEquals(request.transactionId(), answer.transactionId());
        MessageClass answerClass = answer.type().messageClass();
        assertTrue(answerClass == MessageClass.SUCCESS_RESPONSE || answerClass == MessageClass.ERROR_RESPONSE,
                "answered with " + answerClass);
        return answer;
    }

    private TurnRequests.Credentials credentials(Request step) {
        MessageIntegrity integrity = step.integrity();
        return switch (step.signature()) {
            case NONE -> null;
            case ALICE -> longTerm("alice", "secret", nonce, integrity, PasswordAlgorithm.MD5);
            case ALICE_SHA256_KEY -> longTerm("alice", "secret", nonce, integrity, PasswordAlgorithm.SHA256);
            case BOB -> longTerm("bob", "other", nonce, integrity, PasswordAlgorithm.MD5);
            case REST_USER -> longTerm(restUser.username(), restUser.password(), nonce, integrity, PasswordAlgorithm.MD5);
            case WRONG_PASSWORD -> longTerm("alice", "guess", nonce, integrity, PasswordAlgorithm.MD5);
            case UNKNOWN_USER -> longTerm("mallory", "secret", nonce, integrity, PasswordAlgorithm.MD5);
            case STALE_NONCE -> longTerm("alice", "secret", staleNonce, integrity, PasswordAlgorithm.MD5);
            case FORGED_NONCE -> longTerm("alice", "secret", Nonces.COOKIE + "AAAAAAAAAAAAAAAAAAAAAAAAAAA", integrity,
                    PasswordAlgorithm.MD5);
        };
    }

    private static TurnRequests.Credentials longTerm(String username, String password, String nonce,
                                                     MessageIntegrity integrity, PasswordAlgorithm algorithm) {
        return new TurnRequests.Credentials(username, password, REALM, nonce, integrity, algorithm);
    }

    private static void write(MessageWriter writer, FuzzSteps.Attribute attribute, byte[] transactionId) {
        if (attribute instanceof FuzzSteps.Word word) {
            writer.int32(word.type(), word.value());
        } else if (attribute instanceof FuzzSteps.Peer peer) {
            byte[] ip = Arrays.copyOf(peer.address(), peer.address().length >= 16 ? 16 : 4);
            try {
                XorAddress.write(writer, AttributeType.XOR_PEER_ADDRESS,
                        new InetSocketAddress(InetAddress.getByAddress(ip), peer.port()), transactionId);
            } catch (UnknownHostException impossibleForFourOrSixteenBytes) {
                throw new AssertionError(impossibleForFourOrSixteenBytes);
            }
        } else if (attribute instanceof FuzzSteps.Known known) {
            writer.attribute(known.type(), bounded(known.value()));
        } else if (attribute instanceof FuzzSteps.Any any) {
            writer.attribute(any.type(), bounded(any.value()));
        }
    }

    private static byte[] bounded(byte[] value) {
        return value.length > MAX_VALUE_BYTES ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value;
    }

    /** The nonce a 401 gives at {@code nowSeconds}. */
    private String challenge(long nowSeconds) {
        StunMessage request = decode(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null,
                w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP)));
        ByteBuffer out = ByteBuffer.allocate(ANSWER_CAPACITY);
        StunMessage answer = decodeAnswer(out, server.answer(request, CLIENT, out, START_NANOS, nowSeconds), request);
        return answer.text(AttributeType.NONCE).orElseThrow();
    }

    private long refusals() {
        return stats.snapshot().refused().values().stream().mapToLong(Long::longValue).sum();
    }

    private long nowNanos() {
        return START_NANOS + TimeUnit.SECONDS.toNanos(elapsedSeconds);
    }

    private long nowSeconds() {
        return START_SECONDS + elapsedSeconds;
    }

    private static StunMessage decode(byte[] message) {
        return decode(ByteBuffer.wrap(message));
    }

    /** A message the harness or the server wrote, which must decode. */
    private static StunMessage decode(ByteBuffer message) {
        try {
            return StunDecoder.decode(message);
        } catch (StunParseException e) {
            throw new AssertionError("a message the harness or the server wrote does not decode: " + e.getMessage(), e);
        }
    }

    private static InetAddress address(String literal) {
        return new InetSocketAddress(literal, 0).getAddress();
    }

    /**
     * RFC 6062 peers as the fuzzer has them behave: a Connect waits until a {@link FuzzSteps.ConnectDone}
     * step, whose answer is checked like any other; a ConnectionBind claims a waiting peer connection.
     */
    private final class PeerConnections implements TcpPeers {
        final Map<Long, String> waiting = new HashMap<>();
        private final Queue<Connecting> connecting = new ArrayDeque<>();
        private Connecting completing;
        private int outcome;

        /** A Connect in progress: its request, and the key its answer must be signed with. */
        private record Connecting(StunMessage request, byte[] key, LongConsumer done) {
        }

        @Override
        public void connect(Allocation allocation, InetSocketAddress peer, LongConsumer done) {
            assertTrue(overStream && allocation.isTcp(), "Connect without a TCP allocation over a stream");
            connecting.add(new Connecting(currentRequest, currentKey, done));
        }

        @Override
        public boolean bind(long connectionId, String username) {
            return waiting.remove(connectionId, username);
        }

        /** Ends the oldest Connect in progress; its answer must come now. */
        void complete(int connectionIdOrFailure) {
            completing = connecting.poll();
            if (completing == null) {
                return;
            }
            outcome = connectionIdOrFailure;
            completing.done().accept(connectionIdOrFailure);
            assertEquals(null, completing, "a completed Connect was not answered");
        }

        @Override
        public void answerLater(ToIntFunction<ByteBuffer> writer) {
            assertTrue(completing != null, "an answer written later for no completed Connect");
            ByteBuffer out = ByteBuffer.allocate(ANSWER_CAPACITY);
            StunMessage answer = decodeAnswer(out, writer.applyAsInt(out), completing.request());
            assertEquals(StunMethod.CONNECT, answer.type().method());
            assertTrue(MessageIntegrity.of(answer).verify(answer, completing.key()), "the Connect answer is not signed");
            // RFC 6062 §5.2: the new connection's id, or 446 / 447; 508 when the allocation is busy.
            if (outcome == TcpPeers.FAILED || outcome == TcpPeers.EXISTS || outcome == TcpPeers.BUSY) {
                assertEquals(outcome == TcpPeers.FAILED ? 447 : outcome == TcpPeers.EXISTS ? 446 : 508,
                        ErrorCode.read(answer));
            } else {
                assertEquals(outcome & 0xFFFFFFFFL, answer.int32(AttributeType.CONNECTION_ID).orElseThrow());
            }
            completing = null;
        }
    }
}
