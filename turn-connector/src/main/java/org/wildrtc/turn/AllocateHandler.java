package org.wildrtc.turn;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.XorAddress;

/** Allocate (RFC 8656 §7.2): a relayed UDP address for the client's 5-tuple. */
final class AllocateHandler {
    private static final Logger LOG = Logger.getLogger(AllocateHandler.class);
    /** RFC 8656 §14.7: REQUESTED-TRANSPORT carries the IP protocol number; 17 is UDP, 6 TCP (RFC 6062). */
    private static final int UDP = 17;
    private static final int TCP = 6;
    /** RFC 8656 §14.8: REQUESTED-ADDRESS-FAMILY 0x01 is IPv4, 0x02 IPv6. */
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    /** RFC 8656 §14.6: the R bit of EVEN-PORT asks to reserve the next port too. */
    private static final int RESERVE_NEXT_BIT = 0x80;
    static final int RESERVATION_TOKEN_LENGTH = 8;

    private final AllocationTable table;
    private final RelayPorts relayPorts;
    private final Quotas quotas;
    private final QuotaLedger ledger;

    AllocateHandler(AllocationTable table, RelayPorts relayPorts, Quotas quotas, QuotaLedger ledger) {
        this.table = table;
        this.relayPorts = relayPorts;
        this.quotas = quotas;
        this.ledger = ledger;
    }

    int handle(Exchange x) {
        Allocation existing = table.get(x.client);
        if (existing != null) {
            // A retransmitted Allocate gets the same success again; anything else on a used 5-tuple is 437.
            return existing.isRetransmissionOf(x.request.transactionId())
                    ? success(x, existing, null) : x.fail(ErrorCode.ALLOCATION_MISMATCH);
        }
        OptionalLong transport = x.request.int32(AttributeType.REQUESTED_TRANSPORT);
        if (transport.isEmpty()) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        long protocol = transport.getAsLong() >>> 24;
        if (protocol == TCP) {
            return allocateTcp(x);
        }
        if (protocol != UDP) {
            return x.fail(ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL);
        }
        RelayPorts.Family family = RelayPorts.Family.IPV4;
        Optional<byte[]> requestedFamily = x.request.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY)
                .map(x.request::value);
        if (requestedFamily.isPresent()) {
            int requested = requestedFamily.get().length == 4 ? requestedFamily.get()[0] : -1;
            if (requested != FAMILY_IPV4 && requested != FAMILY_IPV6) {
                return x.fail(ErrorCode.BAD_REQUEST);
            }
            family = requested == FAMILY_IPV6 ? RelayPorts.Family.IPV6 : RelayPorts.Family.IPV4;
            if (!relayPorts.supports(family)) {
                return x.fail(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
            }
        }
        Optional<byte[]> evenPort = x.request.attribute(AttributeType.EVEN_PORT).map(x.request::value);
        Optional<byte[]> token = x.request.attribute(AttributeType.RESERVATION_TOKEN).map(x.request::value);
        // RFC 8656 §7.2: EVEN-PORT and RESERVATION-TOKEN exclude each other; their sizes are fixed (§14.6, §14.9).
        if ((evenPort.isPresent() && token.isPresent()) || evenPort.filter(v -> v.length != 1).isPresent()
                || token.filter(v -> v.length != RESERVATION_TOKEN_LENGTH).isPresent()) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        RelayPorts.Family relayFamily = family;
        Function<Allocation, Optional<RelayPorts.Opened>> open;
        if (token.isPresent()) {
            open = allocation -> relayPorts.claim(allocation, token.get()).map(relay -> new RelayPorts.Opened(relay, null));
        } else {
            RelayPorts.Parity parity = evenPort.isEmpty() ? RelayPorts.Parity.ANY
                    : (evenPort.get()[0] & RESERVE_NEXT_BIT) != 0 ? RelayPorts.Parity.EVEN_RESERVING_NEXT
                    : RelayPorts.Parity.EVEN;
            open = allocation -> relayPorts.open(allocation, parity, relayFamily);
        }
        return grant(x, open, false, token.isPresent() ? "an unknown or expired reservation token" : null);
    }

    /**
     * RFC 6062 §5.1: a TCP relay, only over a TCP or TLS control connection, and without the
     * UDP-only attributes (400 otherwise).
     */
    private int allocateTcp(Exchange x) {
        if (!x.overStream || x.request.has(AttributeType.EVEN_PORT) || x.request.has(AttributeType.RESERVATION_TOKEN)
                || x.request.has(AttributeType.DONT_FRAGMENT)) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        if (x.request.has(AttributeType.REQUESTED_ADDRESS_FAMILY)
                && x.request.value(x.request.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY).orElseThrow())[0]
                != FAMILY_IPV4) {
            return x.fail(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
        }
        return grant(x, allocation -> relayPorts.openTcp(allocation).map(relay -> new RelayPorts.Opened(relay, null)),
                true, null);
    }

    /**
     * Takes a quota place, opens the relay and records the allocation (RFC 8656 §7.2, last steps).
     *
     * @param clientError why opening can fail through the client's fault (logged at debug), or null when
     *                    a failure means the port range is exhausted (logged as a warning)
     */
    private int grant(Exchange x, Function<Allocation, Optional<RelayPorts.Opened>> open, boolean tcp,
                      String clientError) {
        String username = x.auth().username();
        ErrorCode overQuota = ledger.take(username);
        if (overQuota != null) {
            return x.fail(overQuota);
        }
        long lifetime = Lifetimes.grantedSeconds(x.request.int32(AttributeType.LIFETIME), quotas);
        Allocation allocation = new Allocation(x.client, username, x.request.transactionId(),
                new TrafficMeter(quotas.bytesPerSecond(), x.nowNanos), Lifetimes.expiry(x.nowNanos, lifetime));
        Optional<RelayPorts.Opened> opened = open.apply(allocation);
        if (opened.isEmpty()) {
            ledger.give(username);
            if (clientError != null) {
                LOG.debugf("Allocate from %s failed: %s", x.client, clientError);
            } else {
                LOG.warnf("No relay port for %s: the relay port range is exhausted", x.client);
            }
            return x.fail(ErrorCode.INSUFFICIENT_CAPACITY);
        }
        Relay relay = opened.get().relay();
        allocation.relay(relay, tcp);
        table.add(allocation);
        LOG.debugf("Allocated %s relay %s for %s (%s), %d s", tcp ? "TCP" : "UDP", relay.address(), x.client,
                username, lifetime);
        return success(x, allocation, opened.get().reservationToken());
    }

    private static int success(Exchange x, Allocation allocation, byte[] reservationToken) {
        byte[] transactionId = x.request.transactionId();
        MessageWriter writer = x.success();
        XorAddress.write(writer, AttributeType.XOR_RELAYED_ADDRESS, allocation.relay().address(), transactionId);
        writer.int32(AttributeType.LIFETIME, (int) allocation.remainingSeconds(x.nowNanos));
        XorAddress.write(writer, AttributeType.XOR_MAPPED_ADDRESS, x.client, transactionId);
        if (reservationToken != null) {
            writer.attribute(AttributeType.RESERVATION_TOKEN, reservationToken);
        }
        return x.finish(writer);
    }
}
