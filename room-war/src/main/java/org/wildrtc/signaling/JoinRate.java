package org.wildrtc.signaling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Joins per source a minute, bursts of a minute's worth ({@code wildrtc.rooms.joins-per-minute}):
 * every join creates a member, and a new room too, so one source cannot fill the database.
 *
 * <p>A source is an IPv4 address, or an IPv6 /64: a host picks its own interface id, the low 64 bits
 * (RFC 4291 §2.5.1; RFC 8981 temporary addresses), so counting single IPv6 addresses would let it
 * draw a fresh address per join. The table is bounded; a source unseen for a minute is forgotten, which
 * loses nothing, as its bucket is full again by then.
 */
final class JoinRate {
    /** Sources tracked at once; Caffeine evicts the least useful entry beyond this (W-TinyLFU). */
    static final int MAX_SOURCES = 100_000;
    private static final int IPV6_PREFIX_BYTES = 8;

    private final int perMinute;
    private final Ticker ticker;
    private final Cache<String, RateLimit> sources;

    /** @param perMinute 0 for no limit */
    JoinRate(int perMinute, Ticker ticker) {
        this.perMinute = perMinute;
        this.ticker = ticker;
        this.sources = Caffeine.newBuilder()
                .maximumSize(MAX_SOURCES)
                .expireAfterAccess(Duration.ofMinutes(1))
                .ticker(ticker)
                // Upkeep on the calling thread, not the JVM's common pool, which an application server does not manage.
                .executor(Runnable::run)
                .build();
    }

    /** @param address the peer's address as the container reports it (a numeric literal) */
    boolean allow(String address) {
        if (perMinute == 0) {
            return true;
        }
        long now = ticker.read();
        RateLimit bucket = sources.get(source(address), key -> RateLimit.perMinute(perMinute, now));
        synchronized (bucket) {
            return bucket.tryAcquire(now);
        }
    }

    /** IPv4 addresses as they are, IPv6 ones by their /64. */
    static String source(String address) {
        // Only an IPv6 literal holds a colon; InetAddress resolves names, and a literal needs no lookup.
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                return HexFormat.of().formatHex(parsed.getAddress(), 0, IPV6_PREFIX_BYTES) + "::/64";
            }
            return parsed.getHostAddress(); // an IPv4-mapped address counts as its IPv4 address
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
