package org.wildrtc.turn;

import static org.wildrtc.turn.FamilyAttribute.ABSENT;
import static org.wildrtc.turn.FamilyAttribute.INVALID;
import static org.wildrtc.turn.FamilyAttribute.IPV6;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MappedAddress;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.XorAddress;

/**
 * Allocate (RFC 8656 §7.2): a relayed address for the client's 5-tuple, UDP or TCP (RFC 6062), IPv4
 * or IPv6, or one of each (a dual allocation).
 */
final class AllocateHandler {
    private static final Logger LOG = Logger.getLogger(AllocateHandler.class);
    /** What {@link RelayPorts#open} is told for a relay that reserves no next port. */
    private static final Runnable NOTHING_RESERVED = () -> { };

    private final AllocationTable table;
    private final RelayPorts relayPorts;
    private final Quotas quotas;
    private final QuotaLedger ledger;
    private final TurnStats stats;
    private final SharedTurnState shared;

    AllocateHandler(AllocationTable table, RelayPorts relayPorts, SharedTurnState shared) {
        this.table = table;
        this.relayPorts = relayPorts;
        this.quotas = shared.config.quotas();
        this.ledger = shared.ledger;
        this.stats = shared.stats;
        this.shared = shared;
    }

    int handle(Exchange x) {
        Allocation existing = table.get(x.client);
        if (existing != null) {
            // A retransmitted Allocate gets the same success again; anything else on a used 5-tuple is 437.
            return existing.isRetransmissionOf(x.request.transactionId())
                    ? success(x, existing, null, null) : x.fail(ErrorCode.ALLOCATION_MISMATCH);
        }
        if (shared.draining()) {
            return refuseWhileDraining(x);
        }
        int protocol;
        try {
            protocol = RequestedTransport.read(x.request);
        } catch (MalformedAttribute e) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        if (protocol == RequestedTransport.TCP) {
            return allocateTcp(x);
        }
        if (protocol != RequestedTransport.UDP) {
            return x.fail(ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL);
        }
        // RFC 8656 §7.2: a server that cannot set DF treats DONT-FRAGMENT as an unknown
        // comprehension-required attribute.
        boolean dontFragment = x.request.has(AttributeType.DONT_FRAGMENT);
        if (dontFragment && !relayPorts.supportsDontFragment()) {
            return x.failUnknown(List.of(AttributeType.DONT_FRAGMENT));
        }
        RelayPorts.Parity parity;
        Optional<byte[]> token;
        try {
            parity = EvenPort.read(x.request);
            token = ReservationToken.read(x.request);
        } catch (MalformedAttribute e) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        int requestedFamily = FamilyAttribute.read(x, AttributeType.REQUESTED_ADDRESS_FAMILY);
        Additional additional = Additional.of(x);
        boolean reserveNext = parity == RelayPorts.Parity.EVEN_RESERVING_NEXT;
        // RFC 8656 §7.2: EVEN-PORT excludes RESERVATION-TOKEN; a token excludes either family attribute;
        // a dual allocation reserves no next port.
        boolean dual = additional.family() != ABSENT;
        if ((parity != RelayPorts.Parity.ANY && token.isPresent())
                || (token.isPresent() && (requestedFamily != ABSENT || dual)) || (reserveNext && dual)
                || familiesContradict(requestedFamily, additional.family())) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        RelayPorts.Family family = requestedFamily == IPV6 ? RelayPorts.Family.IPV6 : RelayPorts.Family.IPV4;
        if (!relayPorts.supports(family)) {
            return x.fail(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
        }
        if (token.isPresent()) {
            return grant(x, allocation -> relayPorts.claim(allocation, token.get())
                    .map(relay -> new RelayPorts.Opened(relay, null)), false, false, dontFragment, additional,
                    "an unknown or expired reservation token");
        }
        String username = x.auth().username();
        Runnable reservationEnded = reserveNext ? () -> ledger.giveReservation(username) : NOTHING_RESERVED;
        return grant(x, allocation -> relayPorts.open(allocation, parity, family, reservationEnded), false,
                reserveNext, dontFragment, additional, null);
    }

    /**
     * A draining server makes no new allocation: 300 Try Alternate with ALTERNATE-SERVER when it has
     * an alternate (RFC 8489 §10; the request was authenticated, so the answer carries its integrity
     * and the client can trust the redirect), else 508. Over TLS it is 508 too: RFC 8489 §10 has the
     * client check the alternate's certificate against the name it used for this server (or an
     * ALTERNATE-DOMAIN), and nothing here knows that the configured address holds one for it; the
     * client then goes on to its next ICE server, as it would after a 300 it may not follow.
     */
    private int refuseWhileDraining(Exchange x) {
        InetSocketAddress alternate = shared.config.alternateServer();
        if (alternate == null || x.transport == ClientTransport.TLS) {
            return x.fail(ErrorCode.INSUFFICIENT_CAPACITY);
        }
        return x.finish(MappedAddress.write(x.error(ErrorCode.TRY_ALTERNATE), AttributeType.ALTERNATE_SERVER,
                alternate));
    }

    /**
     * ADDITIONAL-ADDRESS-FAMILY as the request carries it: its family ({@link FamilyAttribute#ABSENT}
     * when absent) and the ADDRESS-ERROR-CODE type to answer with, RFC 8656's or, for a draft client,
     * the draft's.
     */
    private record Additional(int family, int errorAttributeType) {
        static Additional of(Exchange x) {
            if (x.request.has(AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT)
                    && !x.request.has(AttributeType.ADDITIONAL_ADDRESS_FAMILY)) {
                return new Additional(FamilyAttribute.read(x, AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT),
                        AttributeType.ADDRESS_ERROR_CODE_DRAFT);
            }
            return new Additional(FamilyAttribute.read(x, AttributeType.ADDITIONAL_ADDRESS_FAMILY),
                    AttributeType.ADDRESS_ERROR_CODE);
        }
    }

    /**
     * RFC 8656 §7.2: a family value that is neither IPv4 nor IPv6, both family attributes at once, or an
     * additional family other than IPv6 (400).
     */
    private static boolean familiesContradict(int requestedFamily, int additionalFamily) {
        return requestedFamily == INVALID || (requestedFamily != ABSENT && additionalFamily != ABSENT)
                || (additionalFamily != ABSENT && additionalFamily != IPV6);
    }

    /**
     * RFC 6062 §5.1: a TCP relay, only over a TCP or TLS control connection, and without the
     * UDP-only attributes (400 otherwise). TCP relays are IPv4 only: an IPv6 one is 440, an additional
     * IPv6 one is refused in ADDRESS-ERROR-CODE.
     */
    private int allocateTcp(Exchange x) {
        int requestedFamily = FamilyAttribute.read(x, AttributeType.REQUESTED_ADDRESS_FAMILY);
        Additional additional = Additional.of(x);
        if (!x.overStream || x.request.has(AttributeType.EVEN_PORT) || x.request.has(AttributeType.RESERVATION_TOKEN)
                || x.request.has(AttributeType.DONT_FRAGMENT)
                || familiesContradict(requestedFamily, additional.family())) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        if (requestedFamily == IPV6) {
            return x.fail(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
        }
        return grant(x, allocation -> relayPorts.openTcp(allocation).map(relay -> new RelayPorts.Opened(relay, null)),
                true, false, false, additional, null);
    }

    /**
     * Takes a quota place (and one for the reserved port), opens the relay (and, for a dual allocation,
     * the IPv6 one) and records the allocation (RFC 8656 §7.2, last steps).
     *
     * @param reservesNext whether the relay reserves the next port too (EVEN-PORT's R bit)
     * @param additional   whether ADDITIONAL-ADDRESS-FAMILY asked for an IPv6 relay besides the IPv4 one
     * @param clientError  why opening can fail through the client's fault (logged at debug), or null when
     *                     a failure means the port range is exhausted (logged as a warning)
     */
    private int grant(Exchange x, Function<Allocation, Optional<RelayPorts.Opened>> open, boolean tcp,
                      boolean reservesNext, boolean dontFragment, Additional additional, String clientError) {
        String username = x.auth().username();
        ErrorCode overQuota = ledger.take(username);
        if (overQuota != null) {
            return x.fail(overQuota);
        }
        if (reservesNext) {
            // A reserved port is as good as an allocation to whoever holds it for its 30 s: without
            // this, Allocate with the R bit and Refresh 0 in a loop would hold ports outside every quota.
            ErrorCode overReservations = ledger.takeReservation(username);
            if (overReservations != null) {
                ledger.give(username);
                if (overReservations == ErrorCode.INSUFFICIENT_CAPACITY) {
                    stats.refused(Refusal.RESERVATION_LIMIT);
                }
                return x.fail(overReservations);
            }
        }
        long lifetime = Lifetime.grantedSeconds(Lifetime.read(x.request), quotas);
        Allocation allocation = new Allocation(x.client, username, x.transport, x.request.transactionId(),
                new TrafficMeter(quotas.bytesPerSecond(), x.nowNanos), x.nowNanos, Lifetime.expiry(x.nowNanos, lifetime),
                stats);
        Optional<RelayPorts.Opened> opened = open.apply(allocation);
        if (opened.isEmpty()) {
            ledger.give(username);
            if (reservesNext) {
                ledger.giveReservation(username);
            }
            if (clientError != null) {
                LOG.debugf("Allocate from %s failed: %s", x.client, clientError);
            } else {
                LOG.warnf("No relay port for %s: the relay port range is exhausted", x.client);
            }
            return x.fail(ErrorCode.INSUFFICIENT_CAPACITY);
        }
        Relay relay = opened.get().relay();
        allocation.relay(relay, tcp);
        ErrorCode ipv6Refused = additional.family() == IPV6 ? openIpv6Relay(allocation, tcp) : null;
        if (dontFragment) {
            allocation.relays().forEach(Relay::dontFragment);
        }
        table.add(allocation);
        // A revoke between this request's check and now may have looked for the user's allocations
        // before this one was listed: looking again after listing it, one of the two sees the other.
        if (shared.authenticator.isRevoked(x)) {
            table.remove(allocation);
            return shared.authenticator.refuseRevoked(x);
        }
        LOG.debugf("Allocated %s relay %s for %s (%s), %d s", tcp ? "TCP" : "UDP", allocation.relays(), x.client,
                username, lifetime);
        return success(x, allocation, opened.get().reservationToken(),
                ipv6Refused == null ? null
                        : w -> ipv6Refused.writeForFamily(w, additional.errorAttributeType(), IPV6));
    }

    /**
     * The second relay of a dual allocation (RFC 8656 §7.2); when it cannot be had the allocation keeps
     * its IPv4 relay alone and the answer says why.
     *
     * @return null when opened, else the code for ADDRESS-ERROR-CODE
     */
    private ErrorCode openIpv6Relay(Allocation allocation, boolean tcp) {
        if (tcp || !relayPorts.supports(RelayPorts.Family.IPV6)) {
            return ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED;
        }
        Optional<RelayPorts.Opened> ipv6 = relayPorts.open(allocation, RelayPorts.Parity.ANY, RelayPorts.Family.IPV6,
                NOTHING_RESERVED);
        if (ipv6.isEmpty()) {
            LOG.warnf("No IPv6 relay port for %s: the relay port range is exhausted", allocation.client());
            return ErrorCode.INSUFFICIENT_CAPACITY;
        }
        allocation.additionalRelay(ipv6.get().relay());
        return null;
    }

    /** @param ipv6Refused writes ADDRESS-ERROR-CODE when the IPv6 relay of a dual allocation was refused */
    private static int success(Exchange x, Allocation allocation, byte[] reservationToken,
                               Consumer<MessageWriter> ipv6Refused) {
        byte[] transactionId = x.request.transactionId();
        MessageWriter writer = x.success();
        for (Relay relay : allocation.relays()) {
            XorAddress.write(writer, AttributeType.XOR_RELAYED_ADDRESS, relay.address(), transactionId);
        }
        if (ipv6Refused != null) {
            ipv6Refused.accept(writer);
        }
        Lifetime.write(writer, allocation.remainingSeconds(x.nowNanos));
        XorAddress.write(writer, AttributeType.XOR_MAPPED_ADDRESS, x.client, transactionId);
        if (reservationToken != null) {
            ReservationToken.write(writer, reservationToken);
        }
        return x.finish(writer);
    }
}
