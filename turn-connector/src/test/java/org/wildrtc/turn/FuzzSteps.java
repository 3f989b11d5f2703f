package org.wildrtc.turn;

import com.code_intelligence.jazzer.mutation.annotation.ElementOf;
import com.code_intelligence.jazzer.mutation.annotation.InRange;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import java.util.List;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageIntegrity;
import org.wildrtc.stun.StunMethod;

/**
 * What {@link TurnServerFuzzTest} feeds one server, as types Jazzer's mutation framework builds and
 * mutates: requests (method, class, attributes and how they are signed), raw datagrams, clock ticks,
 * and what RFC 6062 peers do.
 */
final class FuzzSteps {
    private FuzzSteps() {
    }

    /** Every method the server knows, and one it does not. */
    enum Method {
        BINDING(StunMethod.BINDING), ALLOCATE(StunMethod.ALLOCATE), REFRESH(StunMethod.REFRESH), SEND(StunMethod.SEND),
        DATA(StunMethod.DATA), CREATE_PERMISSION(StunMethod.CREATE_PERMISSION), CHANNEL_BIND(StunMethod.CHANNEL_BIND),
        CONNECT(StunMethod.CONNECT), CONNECTION_BIND(StunMethod.CONNECTION_BIND),
        CONNECTION_ATTEMPT(StunMethod.CONNECTION_ATTEMPT), UNKNOWN(0x0FF);

        final int number;

        Method(int number) {
            this.number = number;
        }
    }

    /** How the harness signs a request (RFC 8489 §9.2): right, with the SHA-256 key, or wrong in each way. */
    enum Signature {
        NONE, ALICE, ALICE_SHA256_KEY, BOB, REST_USER, WRONG_PASSWORD, UNKNOWN_USER, STALE_NONCE, FORGED_NONCE;

        boolean valid() {
            return this == ALICE || this == ALICE_SHA256_KEY || this == BOB || this == REST_USER;
        }
    }

    sealed interface Step permits Request, Datagram, Tick, ConnectDone, PeerWaiting {
    }

    /** A message the harness writes: the fuzzer's attributes first, then the signature, then FINGERPRINT. */
    record Request(@NotNull Method method, @NotNull MessageClass messageClass, @NotNull Signature signature,
                   @NotNull MessageIntegrity integrity, boolean fingerprint,
                   @NotNull @WithSize(max = 12) List<@NotNull Attribute> attributes) implements Step {
    }

    /** Bytes as they come, answered when they decode. */
    record Datagram(byte @NotNull @WithLength(max = 1500) [] bytes) implements Step {
    }

    /** The clock moves on, and the server expires what is due (RFC 8656 timers). */
    record Tick(@InRange(min = 0, max = 4000) int seconds) implements Step {
    }

    /** The oldest RFC 6062 Connect in progress ends: connected with this id, or {@link TcpPeers#FAILED}, EXISTS or BUSY. */
    record ConnectDone(@ElementOf(integers = {0x1234, 0, -1, (int) TcpPeers.FAILED, (int) TcpPeers.EXISTS,
            (int) TcpPeers.BUSY}) int outcome)
            implements Step {
    }

    /** A peer connection to a TCP relay of alice (or bob) waits for the ConnectionBind of its id. */
    record PeerWaiting(@InRange(min = 0, max = 3) int connectionId, boolean ofAlice) implements Step {
    }

    sealed interface Attribute permits Word, Peer, Known, Any {
    }

    /** A 32-bit attribute, the form most TURN attributes take. */
    record Word(@ElementOf(integers = {AttributeType.LIFETIME, AttributeType.REQUESTED_TRANSPORT,
            AttributeType.CHANNEL_NUMBER, AttributeType.CONNECTION_ID, AttributeType.REQUESTED_ADDRESS_FAMILY,
            AttributeType.ADDITIONAL_ADDRESS_FAMILY, AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT,
            AttributeType.EVEN_PORT}) int type, int value) implements Attribute {
    }

    /** XOR-PEER-ADDRESS, encoded right: IPv6 when 16 bytes or more are given, else IPv4. */
    record Peer(byte @NotNull @WithLength(min = 4, max = 16) [] address, char port) implements Attribute {
    }

    /** An attribute the server knows, with any value. */
    record Known(@ElementOf(integers = {AttributeType.USERNAME, AttributeType.MESSAGE_INTEGRITY,
            AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.REALM, AttributeType.NONCE,
            AttributeType.PASSWORD_ALGORITHM, AttributeType.PASSWORD_ALGORITHMS, AttributeType.DATA,
            AttributeType.XOR_PEER_ADDRESS, AttributeType.DONT_FRAGMENT, AttributeType.EVEN_PORT,
            AttributeType.RESERVATION_TOKEN, AttributeType.REQUESTED_ADDRESS_FAMILY, AttributeType.ICMP,
            AttributeType.FINGERPRINT, AttributeType.SOFTWARE}) int type,
                 byte @NotNull @WithLength(max = 64) [] value) implements Attribute {
    }

    /** Any attribute type at all, comprehension-required or not. */
    record Any(char type, byte @NotNull @WithLength(max = 64) [] value) implements Attribute {
    }
}
