package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.UnknownAttributes;

/** One request being answered: what came in, who sent it, when, and where the answer goes. */
final class Exchange {
    final StunMessage request;
    final InetSocketAddress client;
    final long nowNanos;
    final long nowSeconds;
    final ClientTransport transport;
    /** Whether the request came over TCP or TLS, where RFC 6062 TCP allocations are possible. */
    final boolean overStream;
    private final ByteBuffer out;
    private final String software;
    private final TurnStats stats;
    private Authenticated auth;
    private boolean challenge;

    /** @param stats where error answers are counted, by code */
    Exchange(StunMessage request, InetSocketAddress client, ByteBuffer out, long nowNanos, long nowSeconds,
             String software, ClientTransport transport, TurnStats stats) {
        this.request = request;
        this.transport = transport;
        this.overStream = transport.isStream();
        this.stats = stats;
        this.client = client;
        this.out = out;
        this.nowNanos = nowNanos;
        this.nowSeconds = nowSeconds;
        this.software = software;
    }

    /** The same exchange answering into another buffer, for an answer that comes later (RFC 6062 Connect). */
    Exchange answeringInto(ByteBuffer later) {
        Exchange copy = new Exchange(request, client, later, nowNanos, nowSeconds, software, transport, stats);
        copy.auth = auth;
        return copy;
    }

    void authenticated(Authenticated auth) {
        this.auth = auth;
    }

    Authenticated auth() {
        return auth;
    }

    /** Marks the answer as a 401 or 438 challenge to an unauthenticated request. */
    void challenged() {
        challenge = true;
    }

    boolean isChallenge() {
        return challenge;
    }

    /** Starts the success response to the request. */
    MessageWriter success() {
        return new MessageWriter(out, new MessageType(request.type().method(), MessageClass.SUCCESS_RESPONSE),
                request.transactionId());
    }

    /** Starts an error response carrying {@code code}; the caller may add attributes, then {@link #finish}. */
    MessageWriter error(ErrorCode code) {
        stats.answered(code);
        return code.write(errorResponse());
    }

    private MessageWriter errorResponse() {
        return new MessageWriter(out, new MessageType(request.type().method(), MessageClass.ERROR_RESPONSE),
                request.transactionId());
    }

    /** An error response with nothing else to say. */
    int fail(ErrorCode code) {
        return finish(error(code));
    }

    /** The 420 answer listing the comprehension-required attributes not understood. */
    int failUnknown(List<Integer> types) {
        stats.answered(ErrorCode.UNKNOWN_ATTRIBUTE);
        return finish(UnknownAttributes.writeError(errorResponse(), types));
    }

    /**
     * Ends a response: SOFTWARE, the integrity the request used when it was authenticated (RFC 8489
     * §9.2.4), and FINGERPRINT when the request had one.
     */
    int finish(MessageWriter writer) {
        writer.text(AttributeType.SOFTWARE, software);
        if (auth != null) {
            auth.integrity().append(writer, auth.key());
        }
        return request.has(AttributeType.FINGERPRINT) ? writer.finishWithFingerprint() : writer.size();
    }
}
