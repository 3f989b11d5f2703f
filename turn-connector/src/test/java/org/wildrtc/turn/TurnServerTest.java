package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageIntegrity;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.PasswordAlgorithm;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.XorAddress;

/** The TURN rules of RFC 8656 and RFC 8489 §9.2, one test per rule, without sockets. */
class TurnServerTest {
    private static final String REALM = "test.realm";
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.5", 40000);
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.77", 6000);
    /** The fake relays' address: the server's own. */
    private static final java.net.InetAddress RELAY_IP = new InetSocketAddress("198.51.100.1", 0).getAddress();
    private static final long START = 1_000_000_000_000L;
    private static final long NOW_SECONDS = 1_700_000_000L;
    /** Five failures a minute; challenges unlimited (their limit has tests of its own). */
    private static final AuthLimits NO_CHALLENGE_LIMIT = new AuthLimits(5, 0);

    private final FakeRelayPorts relays = new FakeRelayPorts();
    private final RestCredentials rest = new RestCredentials(List.of("shared"));
    private TurnStats stats;
    private SharedTurnState shared;
    private TurnServer server = server(new Quotas(100, 3, 0, 3600, 100, 100), List.of());
    private long now = START;

    private TurnServer server(Quotas quotas, List<Cidr> allowedPeers) {
        return server(config(quotas, allowedPeers, NO_CHALLENGE_LIMIT));
    }

    private TurnServer server(TurnConfig config) {
        shared = new SharedTurnState(config);
        stats = shared.stats();
        return new TurnServer(shared, relays, Runnable::run);
    }

    /**
     * The peers and clients of these tests have documentation addresses (RFC 5737, RFC 3849), which the
     * default policy refuses; they stand for public ones here, allowed as an admin would allow them.
     */
    private TurnConfig config(Quotas quotas, List<Cidr> allowedPeers, AuthLimits authLimits) {
        return config(quotas, allowedPeers, authLimits, null, false);
    }

    private TurnConfig config(Quotas quotas, List<Cidr> allowedPeers, AuthLimits authLimits,
                              InetSocketAddress alternateServer, boolean strictExpiry) {
        List<Cidr> allowed = new java.util.ArrayList<>(allowedPeers);
        allowed.addAll(PeerPolicy.parseList("203.0.113.0/24, 2001:db8::/32"));
        return new TurnConfig(REALM,
                List.of(new StaticUsers(Map.of("alice", "secret", "bob", "other")), rest),
                new PeerPolicy(allowed, List.of(), Set.of(RELAY_IP), 50000, 50999), quotas, "WildRTC test", 600,
                authLimits, alternateServer, strictExpiry);
    }

    // --- authentication (RFC 8489 §9.2.4)

    @Test
    void aRequestWithoutCredentialsIsChallengedWithRealmNonceAndPasswordAlgorithms() {
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null,
                udp()));
        assertError(answer, 401);
        assertEquals(REALM, answer.text(AttributeType.REALM).orElseThrow());
        assertTrue(answer.text(AttributeType.NONCE).orElseThrow().startsWith("obMatJos2"));
        assertArrayEquals(PasswordAlgorithm.offered(),
                answer.value(answer.attribute(AttributeType.PASSWORD_ALGORITHMS).orElseThrow()));
    }

    @Test
    void allocateWithLongTermCredentialsGetsARelayedAddressSignedWithTheSameKey() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp()));

        assertEquals(MessageClass.SUCCESS_RESPONSE, answer.type().messageClass());
        assertEquals(relays.opened.get(0).address, XorAddress.read(answer, AttributeType.XOR_RELAYED_ADDRESS).orElseThrow());
        assertEquals(CLIENT, XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
        assertEquals(600, answer.int32(AttributeType.LIFETIME).orElseThrow());
        assertTrue(MessageIntegrity.SHA1.verify(answer, PasswordAlgorithm.MD5.key("alice", REALM, "secret")));
    }

    @Test
    void aWrongPasswordIs401AndTooManyFailuresSilenceTheSource() {
        TurnRequests.Credentials wrong = credentials("alice", "guess");
        TurnRequests.Credentials right = credentials("alice", "secret");
        for (int i = 0; i < 5; i++) {
            assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), wrong, udp())), 401);
        }
        assertEquals(0, answerSize(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), right, udp())));
        assertEquals(5, stats.snapshot().authFailures().get("bad_integrity"));
        assertEquals(1, stats.snapshot().authFailures().get("rate_limited"), "the silenced request");
    }

    @Test
    void failuresWithANonceNeverIssuedToTheSourceDoNotSilenceIt() {
        // What a spoofer of CLIENT's address can send: a nonce made up, or one issued to its own address.
        InetSocketAddress spoofer = new InetSocketAddress("203.0.113.66", 5000);
        String spoofersNonce = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null,
                udp()), spoofer).text(AttributeType.NONCE).orElseThrow();
        for (String nonce : List.of(spoofersNonce, "obMatJos2gAAAmadeUpmadeUpmadeUpmadeUp00")) {
            TurnRequests.Credentials forged = new TurnRequests.Credentials("alice", "guess", REALM, nonce);
            for (int i = 0; i < 5; i++) {
                assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), forged,
                        udp())), 401);
            }
        }
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials("alice", "secret"), udp())).type().messageClass());
        assertEquals(10, stats.snapshot().authFailures().get("bad_integrity"), "still counted as failed authentications");
        assertEquals(0, stats.snapshot().refused().get("auth_blocked"));
    }

    @Test
    void challengesOverUdpAreLimitedPerSourceAndSecondAndRetransmissionsCountToo() {
        server = server(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), new AuthLimits(5, 3)));
        // A nonce issued 700 s ago (another second, another window), stale now.
        TurnRequests.Credentials stale = new TurnRequests.Credentials("alice", "secret", REALM,
                sendAt(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp()),
                        NOW_SECONDS - 700).text(AttributeType.NONCE).orElseThrow());
        byte[] first = TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp());
        assertError(send(first), 401);
        for (int i = 0; i < 2; i++) {
            assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp())), 401);
        }
        // Over the limit: dropped, a retransmission of an answered request as well (no replayed 401).
        assertEquals(0, answerSize(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp())));
        assertEquals(0, answerSize(first));
        // A 438 is a challenge too.
        assertEquals(0, answerSize(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), stale,
                udp())));
        assertEquals(3, stats.snapshot().refused().get("challenge_rate"));

        assertError(send(first, new InetSocketAddress("203.0.113.6", 40000)), 401);
        assertError(sendAt(first, NOW_SECONDS + 1), 401);
    }

    @Test
    void challengesOverAStreamAreNotLimited() {
        server = new TurnServer(new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(),
                new AuthLimits(5, 3))), relays, new FakeTcpPeers(),
                ClientTransport.TCP, Runnable::run);
        for (int i = 0; i < 5; i++) {
            assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp())), 401);
        }
    }

    @Test
    void anUnknownUserIs401() {
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("mallory", "secret"), udp())), 401);
    }

    @Test
    void anExpiredNonceIs438WithAFreshOne() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        now += TimeUnit.SECONDS.toNanos(601);
        StunMessage answer = sendAt(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp()),
                NOW_SECONDS + 601);
        assertError(answer, 438);
        assertTrue(answer.text(AttributeType.NONCE).isPresent());
    }

    @Test
    void credentialsWithoutANonceAre400() {
        byte[] request = TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp().andThen(
                w -> MessageIntegrity.SHA1.append(w.text(AttributeType.USERNAME, "alice"), new byte[16])));
        assertError(send(request), 400);
    }

    @Test
    void restCredentialsAreAcceptedUntilTheyExpire() {
        RestCredentials.EphemeralCredential valid = new RestCredentials(List.of("shared")).mint("carol", 60, NOW_SECONDS);
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials(valid.username(), valid.password()), udp())).type().messageClass());

        RestCredentials.EphemeralCredential expired = new RestCredentials(List.of("shared")).mint("dave", 60, NOW_SECONDS - 120);
        InetSocketAddress otherClient = new InetSocketAddress("203.0.113.6", 1);
        StunMessage challenge = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp()),
                otherClient);
        TurnRequests.Credentials daves = new TurnRequests.Credentials(expired.username(), expired.password(), REALM,
                challenge.text(AttributeType.NONCE).orElseThrow());
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), daves, udp()),
                otherClient), 401);
    }

    @Test
    void sha256IntegrityAndPasswordAlgorithmAreHonoured() {
        TurnRequests.Credentials plain = credentials("alice", "secret");
        TurnRequests.Credentials sha256 = new TurnRequests.Credentials("alice", "secret", REALM, plain.nonce(),
                MessageIntegrity.SHA256, PasswordAlgorithm.SHA256);
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), sha256, udp()));
        assertEquals(MessageClass.SUCCESS_RESPONSE, answer.type().messageClass());
        assertTrue(MessageIntegrity.SHA256.verify(answer, PasswordAlgorithm.SHA256.key("alice", REALM, "secret")));
    }

    // --- Allocate (RFC 8656 §7.2)

    @Test
    void aRetransmittedAllocateGetsTheSameAnswerAndAnotherOneIs437() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        byte[] request = TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp());
        StunMessage first = send(request);
        StunMessage again = send(request);
        assertEquals(XorAddress.read(first, AttributeType.XOR_RELAYED_ADDRESS), XorAddress.read(again, AttributeType.XOR_RELAYED_ADDRESS));
        assertEquals(1, relays.opened.size());
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp())), 437);
    }

    @Test
    void allocateNeedsRequestedTransportUdp() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, w -> { })), 400);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.REQUESTED_TRANSPORT, 6 << 24))), 400);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.REQUESTED_TRANSPORT, 132 << 24))), 442);
    }

    @Test
    void anIpv6RelayServesIpv6PeersOnly() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                udp().andThen(w -> w.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0}))));
        assertEquals(new InetSocketAddress("2001:db8::1", 50000),
                XorAddress.read(answer, AttributeType.XOR_RELAYED_ADDRESS).orElseThrow());
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, new InetSocketAddress("2001:db8::77", 5))
                .type().messageClass());
        assertError(createPermission(alice, PEER), 443);
        assertError(createPermission(alice, new InetSocketAddress("fe80::1", 5)), 403);
    }

    @Test
    void anIpv6RelayWithoutAnIpv6RelayAddressIs440AndAnUnknownFamily400() {
        relays.ipv6 = false;
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials("alice", "secret"),
                udp().andThen(w -> w.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0})))), 440);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials("alice", "secret"),
                udp().andThen(w -> w.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {9, 0, 0, 0})))), 400);
    }

    // --- dual allocations (RFC 8656 §7.2, ADDITIONAL-ADDRESS-FAMILY) and DONT-FRAGMENT

    private static final InetSocketAddress IPV6_PEER = new InetSocketAddress("2001:db8::77", 6000);

    @Test
    void aDualAllocationRelaysToIpv4AndIpv6PeersEachFromItsOwnRelay() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                udp().andThen(additionalFamily(2))));
        assertEquals(List.of(new InetSocketAddress("198.51.100.1", 50000), new InetSocketAddress("2001:db8::1", 50002)),
                XorAddress.readAll(answer, AttributeType.XOR_RELAYED_ADDRESS).stream().map(Optional::orElseThrow).toList());
        assertFalse(answer.has(AttributeType.ADDRESS_ERROR_CODE));

        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, PEER).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, IPV6_PEER).type().messageClass());
        answerSize(TurnRequests.sendIndication(PEER, new byte[] {4}));
        answerSize(TurnRequests.sendIndication(IPV6_PEER, new byte[] {6}));
        assertEquals(List.of(PEER), relays.opened.get(0).sentTo);
        assertEquals(List.of(IPV6_PEER), relays.opened.get(1).sentTo);
        assertEquals(1, stats.snapshot().allocationCount(), "one allocation, two relays");
    }

    @Test
    void refreshingOneFamilyWithLifetimeZeroClosesOnlyThatRelayOfADualAllocation() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp().andThen(additionalFamily(2))));
        StunMessage refreshed = send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                requestedFamily(2).andThen(w -> w.int32(AttributeType.LIFETIME, 0))));
        assertEquals(0, refreshed.int32(AttributeType.LIFETIME).orElseThrow());
        assertTrue(relays.opened.get(1).closed);
        assertFalse(relays.opened.get(0).closed);
        assertError(createPermission(alice, IPV6_PEER), 443);
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, PEER).type().messageClass());
        // The family it no longer has is 443; a refresh of the one it has works.
        assertError(send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                requestedFamily(2))), 443);
        assertEquals(600, send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                requestedFamily(1))).int32(AttributeType.LIFETIME).orElseThrow());
    }

    @Test
    void droppingOneFamilyOfADualAllocationDropsItsPermissionsAndChannelsAndItsDataSilently() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp().andThen(additionalFamily(2))));
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, IPV6_PEER).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4001, IPV6_PEER).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4002, PEER).type().messageClass());

        send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                requestedFamily(2).andThen(w -> w.int32(AttributeType.LIFETIME, 0))));
        Allocation allocation = server.allocation(CLIENT);
        assertFalse(allocation.hasPermission(IPV6_PEER.getAddress(), now));
        assertEquals(null, allocation.channel(0x4001, now));
        assertEquals(1, allocation.permissionCount());
        assertEquals(1, allocation.channelCount());
        assertEquals(PEER, allocation.channel(0x4002, now).peer(), "the IPv4 family keeps its own");
        assertEquals(1, stats.snapshot().permissions(), "the gauges follow");
        assertEquals(1, stats.snapshot().channels());

        long droppedBefore = stats.snapshot().packetsDropped();
        assertEquals(0, answerSize(TurnRequests.sendIndication(IPV6_PEER, new byte[] {6})));
        assertEquals(droppedBefore + 1, stats.snapshot().packetsDropped());
        assertTrue(relays.opened.get(1).sentTo.isEmpty());
        answerSize(TurnRequests.sendIndication(PEER, new byte[] {4}));
        assertEquals(List.of(PEER), relays.opened.get(0).sentTo);
    }

    @Test
    void theAllocationListNamesTheRelayLeftAfterOneFamilyIsDropped() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp().andThen(additionalFamily(2))));
        assertEquals(relays.opened.get(0).address(), shared.allocations().page(0, 1, now).allocations().get(0).relay());
        send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                requestedFamily(1).andThen(w -> w.int32(AttributeType.LIFETIME, 0))));
        assertEquals(relays.opened.get(1).address(), shared.allocations().page(0, 1, now).allocations().get(0).relay());
    }

    @Test
    void aDualAllocationWithoutIpv6RelaysKeepsItsIpv4RelayAndSaysWhyInAddressErrorCode() {
        relays.ipv6 = false;
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret"), udp().andThen(additionalFamily(2))));
        assertEquals(List.of(new InetSocketAddress("198.51.100.1", 50000)),
                XorAddress.readAll(answer, AttributeType.XOR_RELAYED_ADDRESS).stream().map(Optional::orElseThrow).toList());
        byte[] addressError = answer.value(answer.attribute(AttributeType.ADDRESS_ERROR_CODE).orElseThrow());
        assertEquals(2, addressError[0], "family IPv6");
        assertEquals(440, (addressError[2] & 7) * 100 + addressError[3]);
    }

    @Test
    void aClientOfTheDraftAsksWithItsCodepointAndIsAnsweredWithTheDraftAddressErrorCode() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        StunMessage dual = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                udp().andThen(w -> w.attribute(AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT, new byte[] {2, 0, 0, 0}))));
        assertEquals(2, XorAddress.readAll(dual, AttributeType.XOR_RELAYED_ADDRESS).size());

        relays.ipv6 = false;
        InetSocketAddress other = new InetSocketAddress("203.0.113.6", 1);
        StunMessage ipv4Only = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("bob", "other", other),
                udp().andThen(w -> w.attribute(AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT, new byte[] {2, 0, 0, 0}))), other);
        assertEquals(1, XorAddress.readAll(ipv4Only, AttributeType.XOR_RELAYED_ADDRESS).size());
        assertTrue(ipv4Only.has(AttributeType.ADDRESS_ERROR_CODE_DRAFT));
        assertFalse(ipv4Only.has(AttributeType.ADDRESS_ERROR_CODE));
    }

    @Test
    void familyAttributesThatContradictEachOtherAre400() {
        List<Consumer<MessageWriter>> contradictions = List.of(
                requestedFamily(1).andThen(additionalFamily(2)),
                additionalFamily(1),
                additionalFamily(2).andThen(w -> w.attribute(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80})),
                requestedFamily(1).andThen(w -> w.attribute(AttributeType.RESERVATION_TOKEN, new byte[8])));
        for (Consumer<MessageWriter> attributes : contradictions) {
            assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                    credentials("alice", "secret"), udp().andThen(attributes))), 400);
        }
        assertTrue(relays.opened.isEmpty());
    }

    @Test
    void dontFragmentIsAppliedToTheRelayOrIs420WhereRelaysCannotSetDf() {
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials("alice", "secret"),
                udp().andThen(w -> w.attribute(AttributeType.DONT_FRAGMENT, new byte[0])))).type().messageClass());
        assertTrue(relays.opened.get(0).dontFragment);

        relays.dontFragment = false;
        InetSocketAddress other = new InetSocketAddress("203.0.113.6", 1);
        StunMessage refused = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("bob", "other", other), udp().andThen(w -> w.attribute(AttributeType.DONT_FRAGMENT, new byte[0]))),
                other);
        assertError(refused, 420);
        assertArrayEquals(new byte[] {0x00, 0x1A}, refused.value(refused.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow()));
    }

    @Test
    void aSendIndicationWithDontFragmentSetsDfOnItsRelay() {
        TurnRequests.Credentials alice = allocate("alice");
        createPermission(alice, PEER);
        answerSize(TurnRequests.sendIndication(PEER, new byte[] {1}));
        assertFalse(relays.opened.get(0).dontFragment);
        answerSize(TurnRequests.sendIndication(PEER, new byte[] {2}, true));
        assertTrue(relays.opened.get(0).dontFragment);
        assertEquals(2, relays.opened.get(0).sent.size());
    }

    @Test
    void anUnknownComprehensionRequiredAttributeIs420() {
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret"), udp().andThen(w -> w.attribute(0x7F01, new byte[] {0}))));
        assertError(answer, 420);
        assertArrayEquals(new byte[] {0x7F, 0x01}, answer.value(answer.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow()));
    }

    /** RFC 8489 §14.9 sets no bound; a TCP request naming a thousand types must still get a small answer. */
    @Test
    void a420ListsAtMostThirtyTwoUnknownAttributes() {
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret"), udp().andThen(w -> {
                    for (int type = 0x4000; type < 0x4000 + 1000; type++) {
                        w.attribute(type, new byte[0]);
                    }
                })));
        assertError(answer, 420);
        byte[] listed = answer.value(answer.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow());
        assertEquals(2 * 32, listed.length);
        assertArrayEquals(new byte[] {0x40, 0x00, 0x40, 0x01}, java.util.Arrays.copyOf(listed, 4));
    }

    @Test
    void evenPortWithTheRBitReservesTheNextPortForATokenThatAnotherAllocateClaims() {
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret"), udp().andThen(w -> w.attribute(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80}))));
        assertEquals(List.of(RelayPorts.Parity.EVEN_RESERVING_NEXT), relays.parities);
        byte[] token = answer.value(answer.attribute(AttributeType.RESERVATION_TOKEN).orElseThrow());
        int rtpPort = XorAddress.read(answer, AttributeType.XOR_RELAYED_ADDRESS).orElseThrow().getPort();

        InetSocketAddress rtcpClient = new InetSocketAddress("203.0.113.5", 40001);
        TurnRequests.Credentials rtcp = credentials("alice", "secret", rtcpClient);
        StunMessage claimed = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), rtcp,
                udp().andThen(w -> w.attribute(AttributeType.RESERVATION_TOKEN, token))), rtcpClient);
        assertEquals(rtpPort + 1, XorAddress.read(claimed, AttributeType.XOR_RELAYED_ADDRESS).orElseThrow().getPort());
        // A token works once.
        InetSocketAddress third = new InetSocketAddress("203.0.113.5", 40002);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret", third), udp().andThen(w -> w.attribute(AttributeType.RESERVATION_TOKEN, token))),
                third), 508);
    }

    @Test
    void aReservedPortHoldsAPlaceOfItsUsersQuotaUntilItIsReleased() {
        // Allocate with the R bit, Refresh 0, again: each round leaves a port reserved for 30 s.
        TurnRequests.Credentials alice = credentials("alice", "secret");
        List<Integer> outcomes = new java.util.ArrayList<>();
        for (int round = 0; round < 4; round++) {
            StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                    udp().andThen(reserveNext())));
            outcomes.add(answer.type().messageClass() == MessageClass.SUCCESS_RESPONSE ? 0 : ErrorCode.read(answer));
            send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                    w -> w.int32(AttributeType.LIFETIME, 0)));
        }
        // Quota 3: two reservations held, so the third round's allocation and reservation do not fit.
        assertEquals(List.of(0, 0, 486, 486), outcomes);
        assertEquals(MessageClass.SUCCESS_RESPONSE, allocateFrom(new InetSocketAddress("203.0.113.5", 1), "alice")
                .type().messageClass(), "a place is left for an allocation alone");

        relays.expireReservations();
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), alice, udp().andThen(reserveNext()))).type().messageClass());
    }

    @Test
    void aClaimedReservationGivesItsPlaceBackToItsUser() {
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret"), udp().andThen(reserveNext())));
        byte[] token = answer.value(answer.attribute(AttributeType.RESERVATION_TOKEN).orElseThrow());
        InetSocketAddress rtcpClient = new InetSocketAddress("203.0.113.5", 40001);
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials("alice", "secret", rtcpClient),
                udp().andThen(w -> w.attribute(AttributeType.RESERVATION_TOKEN, token))), rtcpClient).type().messageClass());
        // Two allocations now, the reservation gone: the quota of 3 has one place left.
        assertEquals(MessageClass.SUCCESS_RESPONSE, allocateFrom(new InetSocketAddress("203.0.113.5", 1), "alice")
                .type().messageClass());
        assertError(allocateFrom(new InetSocketAddress("203.0.113.5", 2), "alice"), 486);
    }

    @Test
    void reservationsAreCappedOnTheWholeServerWith508() {
        server = server(new Quotas(100, 100, 0, 3600, 100, 2), List.of());
        for (int i = 0; i < 3; i++) {
            InetSocketAddress client = new InetSocketAddress("203.0.113.9", 1000 + i);
            StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                    credentials(i == 2 ? "bob" : "alice", i == 2 ? "other" : "secret", client),
                    udp().andThen(reserveNext())), client);
            if (i < 2) {
                assertEquals(MessageClass.SUCCESS_RESPONSE, answer.type().messageClass());
            } else {
                assertError(answer, 508);
            }
        }
        assertEquals(1, stats.snapshot().refused().get("reservation_limit"));
        assertEquals(2, stats.snapshot().allocationCount(), "the refused one took no allocation place");
    }

    @Test
    void evenPortAndReservationTokenTogetherAre400() {
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials("alice", "secret"),
                udp().andThen(w -> w.attribute(AttributeType.EVEN_PORT, new byte[] {0})
                        .attribute(AttributeType.RESERVATION_TOKEN, new byte[8])))), 400);
    }

    @Test
    void turnAttributesOfTheWrongSizeAre400() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                w -> w.attribute(AttributeType.REQUESTED_TRANSPORT, new byte[] {17, 0, 0}))), 400);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                udp().andThen(w -> w.attribute(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80, 0})))), 400);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                udp().andThen(w -> w.attribute(AttributeType.RESERVATION_TOKEN, new byte[7])))), 400);
        allocate("alice");
        byte[] id = TurnRequests.transactionId();
        assertError(send(TurnRequests.request(StunMethod.CHANNEL_BIND, id, alice, TurnRequests.peer(PEER, id)
                .andThen(w -> w.attribute(AttributeType.CHANNEL_NUMBER, new byte[] {0x40, 0x01})))), 400);
        assertEquals(0, server.allocation(CLIENT).channelCount());
    }

    @Test
    void theLifetimeIsClampedBetweenTheDefaultAndTheMaximum() {
        assertEquals(3600, send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials("alice", "secret"),
                udp().andThen(w -> w.int32(AttributeType.LIFETIME, 99999)))).int32(AttributeType.LIFETIME).orElseThrow());
    }

    @Test
    void theUserQuotaIs486AndTheServerQuotaOrAFullPortRangeIs508() {
        for (int i = 0; i < 3; i++) {
            assertEquals(MessageClass.SUCCESS_RESPONSE, allocateFrom(new InetSocketAddress("203.0.113.9", 1000 + i), "alice").type().messageClass());
        }
        assertError(allocateFrom(new InetSocketAddress("203.0.113.9", 2000), "alice"), 486);

        server = server(new Quotas(1, 3, 0, 3600, 100, 100), List.of());
        allocateFrom(new InetSocketAddress("203.0.113.10", 1), "bob");
        assertError(allocateFrom(new InetSocketAddress("203.0.113.10", 2), "bob"), 508);

        server = server(new Quotas(100, 3, 0, 3600, 100, 100), List.of());
        relays.capacity = relays.opened.size();
        assertError(allocateFrom(new InetSocketAddress("203.0.113.11", 1), "bob"), 508);
    }

    // --- Refresh (RFC 8656 §8.2)

    @Test
    void refreshWithLifetimeZeroDeletesTheAllocation() {
        TurnRequests.Credentials alice = allocate("alice");
        StunMessage answer = send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.LIFETIME, 0)));
        assertEquals(0, answer.int32(AttributeType.LIFETIME).orElseThrow());
        assertTrue(relays.opened.get(0).closed);
        assertError(send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice, w -> { })), 437);
    }

    @Test
    void aRetransmittedRefreshGetsTheFirstAnswerAgain() {
        TurnRequests.Credentials alice = allocate("alice");
        byte[] delete = TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.LIFETIME, 0));
        StunMessage first = send(delete);
        StunMessage retransmitted = send(delete);
        assertEquals(MessageClass.SUCCESS_RESPONSE, retransmitted.type().messageClass());
        assertArrayEquals(first.transactionId(), retransmitted.transactionId());
        now += TimeUnit.SECONDS.toNanos(41);
        assertError(send(delete), 437);
    }

    @Test
    void requestsOnAnAllocationMustUseItsCredentials() {
        allocate("alice");
        assertError(send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(),
                credentials("bob", "other"), w -> { })), 441);
    }

    @Test
    void anAllocationExpiresWithItsLifetime() {
        allocate("alice");
        server.expire(now + TimeUnit.SECONDS.toNanos(599));
        assertFalse(relays.opened.get(0).closed);
        server.expire(now + TimeUnit.SECONDS.toNanos(601));
        assertTrue(relays.opened.get(0).closed);
        assertEquals(0, stats.snapshot().allocationCount());
    }

    // --- CreatePermission, ChannelBind, Send (RFC 8656 §9–12)

    @Test
    void permissionsToLoopbackAndPrivatePeersAreRefusedWith403ByDefault() {
        TurnRequests.Credentials alice = allocate("alice");
        for (String address : List.of("127.0.0.1", "10.1.2.3", "192.168.1.1", "172.16.0.1", "169.254.1.1", "100.64.0.1", "224.0.0.1", "0.0.0.0")) {
            assertError(createPermission(alice, new InetSocketAddress(address, 5000)), 403);
        }
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, PEER).type().messageClass());
    }

    @Test
    void anAdminCanAllowABlockThatIsDeniedByDefault() {
        server = server(new Quotas(100, 3, 0, 3600, 100, 100), List.of(Cidr.parse("127.0.0.1/32")));
        TurnRequests.Credentials alice = allocate("alice");
        assertEquals(MessageClass.SUCCESS_RESPONSE,
                createPermission(alice, new InetSocketAddress("127.0.0.1", 5000)).type().messageClass());
        assertError(createPermission(alice, new InetSocketAddress("127.0.0.2", 5000)), 403);
    }

    @Test
    void anotherClientsRelayOnThisServerIsAPeerButNoOtherPortOfTheServerIs() {
        TurnRequests.Credentials alice = allocate("alice");
        InetSocketAddress otherRelay = new InetSocketAddress(RELAY_IP, 50002);
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, otherRelay).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4001, otherRelay).type().messageClass());
        assertError(createPermission(alice, new InetSocketAddress(RELAY_IP, 9990)), 403);
        assertError(channelBind(alice, 0x4002, new InetSocketAddress(RELAY_IP, 8443)), 403);
        // The permission covers the IP; a Send indication to a non-relay port of the server is still dropped.
        answerSize(TurnRequests.sendIndication(new InetSocketAddress(RELAY_IP, 9990), new byte[] {1}));
        answerSize(TurnRequests.sendIndication(otherRelay, new byte[] {2}));
        assertEquals(List.of(otherRelay), relays.opened.get(0).sentTo);
    }

    @Test
    void permissionsPerAllocationAreCappedWith508ForCreatePermissionAndChannelBind() {
        server = server(new Quotas(100, 3, 0, 3600, 2, 100), List.of());
        TurnRequests.Credentials alice = allocate("alice");
        InetSocketAddress second = new InetSocketAddress("203.0.113.78", 6000);
        InetSocketAddress third = new InetSocketAddress("203.0.113.79", 6000);
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, PEER).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, second).type().messageClass());
        assertError(createPermission(alice, third), 508);
        // All or nothing: a request naming a held address and a new one installs neither.
        byte[] id = TurnRequests.transactionId();
        assertError(send(TurnRequests.request(StunMethod.CREATE_PERMISSION, id, alice,
                TurnRequests.peer(PEER, id).andThen(TurnRequests.peer(third, id)))), 508);
        assertError(channelBind(alice, 0x4001, third), 508);
        // Refreshing, or binding a channel to another port of a permitted address, adds no permission.
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, PEER).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE,
                channelBind(alice, 0x4002, new InetSocketAddress(PEER.getAddress(), 7000)).type().messageClass());
        assertEquals(3, stats.snapshot().refused().get("permission_limit"));

        // Expired permissions make room again.
        server.expire(now + TimeUnit.SECONDS.toNanos(301));
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, third).type().messageClass());
    }

    @Test
    void anIpv6PeerOnAnIpv4RelayIs443() {
        assertError(createPermission(allocate("alice"), new InetSocketAddress("2001:db8::1", 5000)), 443);
    }

    @Test
    void sendIndicationsReachOnlyPermittedPeers() {
        TurnRequests.Credentials alice = allocate("alice");
        answerSize(TurnRequests.sendIndication(PEER, new byte[] {1, 2, 3}));
        assertTrue(relays.opened.get(0).sent.isEmpty());

        createPermission(alice, PEER);
        // RFC 8656 §9: a permission covers the peer's IP address, any port.
        InetSocketAddress otherPort = new InetSocketAddress(PEER.getAddress(), 7000);
        assertEquals(0, answerSize(TurnRequests.sendIndication(otherPort, new byte[] {1, 2, 3})));
        assertEquals(List.of(otherPort), relays.opened.get(0).sentTo);
        assertArrayEquals(new byte[] {1, 2, 3}, relays.opened.get(0).sent.get(0));
    }

    @Test
    void permissionsExpireAfterFiveMinutes() {
        TurnRequests.Credentials alice = allocate("alice");
        createPermission(alice, PEER);
        Allocation allocation = server.allocation(CLIENT);
        assertTrue(allocation.hasPermission(PEER.getAddress(), now + TimeUnit.SECONDS.toNanos(299)));
        assertFalse(allocation.hasPermission(PEER.getAddress(), now + TimeUnit.SECONDS.toNanos(301)));
    }

    @Test
    void channelBindBindsANumberToAPeerAndInstallsAPermission() {
        TurnRequests.Credentials alice = allocate("alice");
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4001, PEER).type().messageClass());
        Allocation allocation = server.allocation(CLIENT);
        assertEquals(PEER, allocation.channel(0x4001, now).peer());
        assertEquals(0x4001, allocation.channelFor(PEER, now).number());
        assertTrue(allocation.hasPermission(PEER.getAddress(), now));
        // Rebinding the same pair refreshes it; the number or the peer bound elsewhere is 400.
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4001, PEER).type().messageClass());
        assertError(channelBind(alice, 0x4002, PEER), 400);
        assertError(channelBind(alice, 0x4001, new InetSocketAddress("203.0.113.78", 6000)), 400);
    }

    @Test
    void channelDataGoesToTheBoundPeerFromItsRelayAndIsDroppedUnboundOrLongerThanReceived() {
        TurnRequests.Credentials alice = allocate("alice");
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4001, PEER).type().messageClass());
        ChannelBinding channel = server.channelData(CLIENT, 0x4001, 10, 10, now);
        assertEquals(PEER, channel.peer());
        assertTrue(channel.relay() == relays.opened.get(0), "the allocation's relay");
        // RFC 8656 §12.4: a length beyond what came, an unbound channel or a client without allocation: drop.
        assertEquals(null, server.channelData(CLIENT, 0x4001, 11, 10, now));
        assertEquals(null, server.channelData(CLIENT, 0x4002, 10, 10, now));
        assertEquals(null, server.channelData(new InetSocketAddress("203.0.113.6", 40000), 0x4001, 10, 10, now));
        assertEquals(3, stats.snapshot().packetsDropped());
        assertEquals(1, stats.snapshot().packetsRelayed());
    }

    @Test
    void channelNumbersOutsideTheRangeAre400() {
        TurnRequests.Credentials alice = allocate("alice");
        assertError(channelBind(alice, 0x3FFF, PEER), 400);
        assertError(channelBind(alice, 0x8000, PEER), 400);
        // RFC 5766 clients pick from 0x4000-0x7FFF.
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x7FFF, PEER).type().messageClass());
        assertError(channelBind(alice, 0x4001, new InetSocketAddress("192.168.0.1", 1)), 403);
    }

    @Test
    void requestsWithoutAnAllocationAre437() {
        TurnRequests.Credentials alice = credentials("alice", "secret");
        assertError(createPermission(alice, PEER), 437);
        assertError(channelBind(alice, 0x4001, PEER), 437);
    }

    // --- RFC 6062 TCP relays

    @Test
    void aTcpAllocationNeedsAStreamControlConnectionAndConnectAnswersLater() {
        FakeTcpPeers peers = new FakeTcpPeers();
        server = new TurnServer(new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT)), relays, peers, ClientTransport.TCP, Runnable::run);
        TurnRequests.Credentials alice = credentials("alice", "secret");
        StunMessage allocated = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.REQUESTED_TRANSPORT, 6 << 24)));
        assertEquals(MessageClass.SUCCESS_RESPONSE, allocated.type().messageClass());
        assertTrue(server.allocation(CLIENT).isTcp());
        // Channels are for UDP relays only.
        assertError(channelBind(alice, 0x4001, PEER), 400);

        byte[] id = TurnRequests.transactionId();
        assertEquals(0, answerSize(TurnRequests.request(StunMethod.CONNECT, id, alice, TurnRequests.peer(PEER, id))));
        assertEquals(List.of(PEER), peers.connected);
        StunMessage answer = peers.complete(0x1234);
        assertEquals(MessageClass.SUCCESS_RESPONSE, answer.type().messageClass());
        assertEquals(0x1234, answer.int32(AttributeType.CONNECTION_ID).orElseThrow());
        assertTrue(MessageIntegrity.SHA1.verify(answer, PasswordAlgorithm.MD5.key("alice", REALM, "secret")));

        byte[] second = TurnRequests.transactionId();
        answerSize(TurnRequests.request(StunMethod.CONNECT, second, alice, TurnRequests.peer(PEER, second)));
        assertEquals(447, ErrorCode.read(peers.complete(TcpPeers.FAILED)));
        assertError(send(TurnRequests.request(StunMethod.CONNECT, TurnRequests.transactionId(), alice,
                TurnRequests.peer(new InetSocketAddress("10.0.0.1", 80), TurnRequests.transactionId()))), 403);
    }

    /** CONNECTION-ID is 32 bits unsigned (RFC 6062 §6.2.1): an id whose int value is -1 is an id, not a failure. */
    @Test
    void connectAnswersEveryThirtyTwoBitConnectionIdAndABusyAllocationWith508() {
        FakeTcpPeers peers = new FakeTcpPeers();
        server = new TurnServer(new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT)), relays, peers, ClientTransport.TCP, Runnable::run);
        TurnRequests.Credentials alice = credentials("alice", "secret");
        send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.TCP)));
        for (long id : new long[] {0xFFFFFFFFL, 0xFFFFFFFEL, 0x80000000L, 0}) {
            byte[] transaction = TurnRequests.transactionId();
            answerSize(TurnRequests.request(StunMethod.CONNECT, transaction, alice, TurnRequests.peer(PEER, transaction)));
            StunMessage answer = peers.complete(id);
            assertEquals(MessageClass.SUCCESS_RESPONSE, answer.type().messageClass(), "id " + id);
            assertEquals(id, answer.int32(AttributeType.CONNECTION_ID).orElseThrow());
        }
        byte[] transaction = TurnRequests.transactionId();
        answerSize(TurnRequests.request(StunMethod.CONNECT, transaction, alice, TurnRequests.peer(PEER, transaction)));
        assertEquals(508, ErrorCode.read(peers.complete(TcpPeers.BUSY)));
    }

    /**
     * RFC 6062 §5.4: ConnectionBind belongs on a new connection. On the control connection it would turn
     * the connection into a pipe and strand its allocation, relay port and quota place.
     */
    @Test
    void connectionBindOnAConnectionThatHoldsAnAllocationIs400() {
        FakeTcpPeers peers = new FakeTcpPeers();
        server = new TurnServer(new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT)), relays, peers, ClientTransport.TCP, Runnable::run);
        TurnRequests.Credentials alice = credentials("alice", "secret");
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), alice, w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.TCP)))
                .type().messageClass());
        peers.pending.put(77L, "alice");
        assertError(send(TurnRequests.request(StunMethod.CONNECTION_BIND, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.CONNECTION_ID, 77))), 400);
        assertEquals("alice", peers.pending.get(77L), "the pending connection was not claimed");
        assertTrue(server.allocation(CLIENT).isTcp());
    }

    /** A stream has one client, which does not retransmit over it (RFC 8489 §6.2.2): a few answers are kept. */
    @Test
    void aStreamConnectionKeepsOnlyItsLastFewAnswers() {
        server = new TurnServer(new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT)), relays,
                new FakeTcpPeers(), ClientTransport.TCP, Runnable::run);
        TurnRequests.Credentials alice = allocate("alice");
        byte[] delete = TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.LIFETIME, 0));
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(delete).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(delete).type().messageClass(), "a retransmission is answered");
        for (int i = 0; i < TransactionCache.STREAM_ENTRIES; i++) {
            assertError(createPermission(alice, PEER), 437);
        }
        assertError(send(delete), 437);
    }

    @Test
    void connectionBindTiesAPendingConnectionOfTheSameUser() {
        FakeTcpPeers peers = new FakeTcpPeers();
        server = new TurnServer(new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT)), relays, peers, ClientTransport.TCP, Runnable::run);
        peers.pending.put(77L, "alice");
        TurnRequests.Credentials bob = credentials("bob", "other");
        assertError(send(TurnRequests.request(StunMethod.CONNECTION_BIND, TurnRequests.transactionId(), bob,
                w -> w.int32(AttributeType.CONNECTION_ID, 77))), 400);
        TurnRequests.Credentials alice = credentials("alice", "secret");
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.CONNECTION_BIND,
                TurnRequests.transactionId(), alice, w -> w.int32(AttributeType.CONNECTION_ID, 77))).type().messageClass());
    }

    @Test
    void aTcpAllocationOverUdpIs400() {
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(),
                credentials("alice", "secret"), w -> w.int32(AttributeType.REQUESTED_TRANSPORT, 6 << 24))), 400);
    }

    /** TcpPeers that records Connects and answers them when the test says. */
    private static final class FakeTcpPeers implements TcpPeers {
        final List<InetSocketAddress> connected = new java.util.ArrayList<>();
        final Map<Long, String> pending = new java.util.HashMap<>();
        private java.util.function.LongConsumer done;
        private java.util.function.ToIntFunction<ByteBuffer> lateAnswer;

        @Override
        public void connect(Allocation allocation, InetSocketAddress peer, java.util.function.LongConsumer done) {
            connected.add(peer);
            this.done = done;
        }

        @Override
        public boolean bind(long connectionId, String username) {
            return pending.remove(connectionId, username);
        }

        @Override
        public void answerLater(java.util.function.ToIntFunction<ByteBuffer> writer) {
            lateAnswer = writer;
        }

        StunMessage complete(long outcome) {
            done.accept(outcome);
            ByteBuffer out = ByteBuffer.allocate(2048);
            lateAnswer.applyAsInt(out);
            try {
                return StunDecoder.decode(out.flip());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    // --- drain (RFC 8489 §10: Try Alternate)

    @Test
    void drainingRefusesNewAllocatesWith508AndLetsExistingOnesGoOn() {
        TurnRequests.Credentials alice = allocate("alice");
        shared.drain(true);
        InetSocketAddress other = new InetSocketAddress("203.0.113.6", 1);
        assertError(allocateFrom(other, "bob"), 508);
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.REFRESH,
                TurnRequests.transactionId(), alice, w -> w.int32(AttributeType.LIFETIME, 600))).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, createPermission(alice, PEER).type().messageClass());
        assertEquals(MessageClass.SUCCESS_RESPONSE, channelBind(alice, 0x4000, PEER).type().messageClass());

        shared.drain(false);
        assertEquals(MessageClass.SUCCESS_RESPONSE, allocateFrom(other, "bob").type().messageClass());
    }

    @Test
    void drainingWithAnAlternateAnswers300NamingItSigned() {
        InetSocketAddress alternate = AlternateServer.parse("[2001:db8::7]:3478");
        server = server(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT, alternate, false));
        shared.drain(true);
        StunMessage answer = allocateFrom(CLIENT, "alice");
        assertError(answer, 300);
        byte[] value = answer.value(answer.attribute(AttributeType.ALTERNATE_SERVER).orElseThrow());
        assertEquals(2, value[1], "IPv6 family");
        assertEquals(3478, ((value[2] & 0xFF) << 8) | (value[3] & 0xFF));
        assertEquals(alternate.getAddress(), address(java.util.Arrays.copyOfRange(value, 4, value.length)));
        assertTrue(MessageIntegrity.SHA1.verify(answer, PasswordAlgorithm.MD5.key("alice", REALM, "secret")),
                "the redirect carries the request's integrity");
        assertEquals(1, stats.snapshot().errors().get("300"));
    }

    @Test
    void drainingOverTlsIs508EvenWithAnAlternate() {
        SharedTurnState tlsShared = new SharedTurnState(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(),
                NO_CHALLENGE_LIMIT, AlternateServer.parse("192.0.2.9:3478"), false));
        server = new TurnServer(tlsShared, relays, new FakeTcpPeers(), ClientTransport.TLS, Runnable::run);
        tlsShared.drain(true);
        assertError(allocateFrom(CLIENT, "alice"), 508);
    }

    // --- REST secret rotation and expiry

    @Test
    void aCredentialOfAnOldSecretWorksWhileItIsListedAndFailsOnceRemoved() {
        RestCredentials.EphemeralCredential old = rest.mint("carol", 600, NOW_SECONDS);
        rest.secrets(List.of("next", "shared"));
        TurnRequests.Credentials carol = credentials(old.username(), old.password());
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), carol, udp())).type().messageClass());
        RestCredentials.EphemeralCredential minted = rest.mint("dave", 600, NOW_SECONDS);
        assertEquals(new RestCredentials(List.of("next")).mint("dave", 600, NOW_SECONDS).password(), minted.password(),
                "minted with the first");

        rest.secrets(List.of("next"));
        assertError(send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), carol,
                w -> w.int32(AttributeType.LIFETIME, 600))), 401);
        assertEquals(1, stats.snapshot().authFailures().get("bad_integrity"));
        InetSocketAddress other = new InetSocketAddress("203.0.113.6", 1);
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials(minted.username(), minted.password(), other), udp()), other)
                .type().messageClass());
    }

    @Test
    void byDefaultAnExpiredCredentialKeepsItsAllocationButMakesNoNewOne() {
        RestCredentials.EphemeralCredential carol = rest.mint("carol", 60, NOW_SECONDS);
        TurnRequests.Credentials credentials = credentials(carol.username(), carol.password());
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials, udp())).type().messageClass());
        long later = NOW_SECONDS + 120;
        assertEquals(MessageClass.SUCCESS_RESPONSE, sendAt(TurnRequests.request(StunMethod.REFRESH,
                TurnRequests.transactionId(), credentials, w -> w.int32(AttributeType.LIFETIME, 600)), later)
                .type().messageClass());
        byte[] id = TurnRequests.transactionId();
        assertEquals(MessageClass.SUCCESS_RESPONSE, sendAt(TurnRequests.request(StunMethod.CREATE_PERMISSION, id,
                credentials, TurnRequests.peer(PEER, id)), later).type().messageClass());

        InetSocketAddress other = new InetSocketAddress("203.0.113.6", 1);
        TurnRequests.Credentials elsewhere = credentials(carol.username(), carol.password(), other);
        assertError(sendAt(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), elsewhere, udp()),
                other, later), 401);
        assertEquals(1, stats.snapshot().authFailures().get("expired_credential"));
    }

    @Test
    void withStrictExpiryAnExpiredCredentialCannotRefresh() {
        server = server(config(new Quotas(100, 3, 0, 3600, 100, 100), List.of(), NO_CHALLENGE_LIMIT, null, true));
        RestCredentials.EphemeralCredential carol = rest.mint("carol", 60, NOW_SECONDS);
        TurnRequests.Credentials credentials = credentials(carol.username(), carol.password());
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials, udp())).type().messageClass());
        assertError(sendAt(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), credentials,
                w -> w.int32(AttributeType.LIFETIME, 600)), NOW_SECONDS + 61), 401);
        assertEquals(1, stats.snapshot().authFailures().get("expired_credential"));
    }

    // --- revoke

    @Test
    void aRevokedUserLosesItsAllocationAndGets403OnAllocateAndRefresh() {
        TurnRequests.Credentials alice = allocate("alice");
        assertEquals(1, shared.revoke("alice", NOW_SECONDS));
        assertEquals(0, stats.snapshot().allocationCount());
        assertError(send(TurnRequests.request(StunMethod.REFRESH, TurnRequests.transactionId(), alice,
                w -> w.int32(AttributeType.LIFETIME, 600))), 403);
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), alice, udp())), 403);
        assertEquals(2, stats.snapshot().authFailures().get("revoked"));
        assertEquals(MessageClass.SUCCESS_RESPONSE,
                allocateFrom(new InetSocketAddress("203.0.113.6", 1), "bob").type().messageClass(), "others go on");
        assertEquals(0, shared.revoke("carol", NOW_SECONDS), "nothing to close");
    }

    @Test
    void aRevokedRestCredentialIsRefusedUntilItsExpiryOnly() {
        RestCredentials.EphemeralCredential carol = new RestCredentials(List.of("shared")).mint("carol", 60, NOW_SECONDS);
        TurnRequests.Credentials credentials = credentials(carol.username(), carol.password());
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials, udp())).type().messageClass());
        assertEquals(1, shared.revoke(carol.username(), NOW_SECONDS));
        assertError(send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials, udp())),
                403);
        RestCredentials.EphemeralCredential later = new RestCredentials(List.of("shared")).mint("carol", 60, NOW_SECONDS + 1);
        assertEquals(MessageClass.SUCCESS_RESPONSE, send(TurnRequests.request(StunMethod.ALLOCATE,
                TurnRequests.transactionId(), credentials(later.username(), later.password()), udp()))
                .type().messageClass(), "a new credential of the same user is another username");
    }

    private static java.net.InetAddress address(byte[] ip) {
        try {
            return java.net.InetAddress.getByAddress(ip);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // --- helpers

    private TurnRequests.Credentials credentials(String user, String password) {
        return credentials(user, password, CLIENT);
    }

    private TurnRequests.Credentials credentials(String user, String password, InetSocketAddress client) {
        StunMessage challenge = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null, udp()),
                client);
        return new TurnRequests.Credentials(user, password, REALM, challenge.text(AttributeType.NONCE).orElseThrow());
    }

    private TurnRequests.Credentials allocate(String user) {
        TurnRequests.Credentials credentials = credentials(user, user.equals("alice") ? "secret" : "other");
        StunMessage answer = send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials, udp()));
        assertEquals(MessageClass.SUCCESS_RESPONSE, answer.type().messageClass(), () -> "error " + ErrorCode.read(answer));
        return credentials;
    }

    private StunMessage allocateFrom(InetSocketAddress client, String user) {
        TurnRequests.Credentials credentials = credentials(user, user.equals("alice") ? "secret" : "other", client);
        return send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), credentials, udp()), client);
    }

    private StunMessage createPermission(TurnRequests.Credentials credentials, InetSocketAddress peer) {
        byte[] id = TurnRequests.transactionId();
        return send(TurnRequests.request(StunMethod.CREATE_PERMISSION, id, credentials, TurnRequests.peer(peer, id)));
    }

    private StunMessage channelBind(TurnRequests.Credentials credentials, int number, InetSocketAddress peer) {
        byte[] id = TurnRequests.transactionId();
        return send(TurnRequests.request(StunMethod.CHANNEL_BIND, id, credentials,
                TurnRequests.peer(peer, id).andThen(w -> w.int32(AttributeType.CHANNEL_NUMBER, number << 16))));
    }

    private static Consumer<MessageWriter> requestedFamily(int family) {
        return w -> w.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {(byte) family, 0, 0, 0});
    }

    private static Consumer<MessageWriter> additionalFamily(int family) {
        return w -> w.attribute(AttributeType.ADDITIONAL_ADDRESS_FAMILY, new byte[] {(byte) family, 0, 0, 0});
    }

    /** EVEN-PORT with the R bit (RFC 8656 §18.7): reserve the next port too. */
    private static Consumer<MessageWriter> reserveNext() {
        return w -> w.attribute(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80});
    }

    private static Consumer<MessageWriter> udp() {
        return w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP);
    }

    private StunMessage send(byte[] request) {
        return send(request, CLIENT);
    }

    private StunMessage send(byte[] request, InetSocketAddress client) {
        return sendAt(request, client, NOW_SECONDS);
    }

    private StunMessage sendAt(byte[] request, long nowSeconds) {
        return sendAt(request, CLIENT, nowSeconds);
    }

    private StunMessage sendAt(byte[] request, InetSocketAddress client, long nowSeconds) {
        try {
            ByteBuffer out = ByteBuffer.allocate(2048);
            int size = server.answer(StunDecoder.decode(ByteBuffer.wrap(request)), client, out, now, nowSeconds);
            assertTrue(size > 0, "no answer");
            return StunDecoder.decode(out.flip());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int answerSize(byte[] request) {
        try {
            return server.answer(StunDecoder.decode(ByteBuffer.wrap(request)), CLIENT, ByteBuffer.allocate(2048), now,
                    NOW_SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertError(StunMessage answer, int code) {
        assertEquals(MessageClass.ERROR_RESPONSE, answer.type().messageClass(), "expected error " + code);
        assertEquals(code, ErrorCode.read(answer));
    }
}
