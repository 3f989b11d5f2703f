package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers to recent requests, by client and transaction id, so a retransmitted request gets the
 * answer the first one got instead of being processed twice (RFC 8489 §6.3.1: a Refresh with
 * lifetime 0 retransmitted must not turn into 437). Kept 40 s, the longest a UDP client
 * retransmits (RFC 8489 §6.2.1, Ti). Confined to one event loop.
 */
final class TransactionCache {
    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(40);
    /** The clients of a UDP listener: bounds memory under a flood of distinct requests. */
    static final int DATAGRAM_ENTRIES = 10_000;
    /**
     * A TCP or TLS connection has one client, which does not retransmit over a reliable transport
     * (RFC 8489 §6.2.2): a few answers cover one that does anyway.
     */
    static final int STREAM_ENTRIES = 4;

    private final Map<Key, Entry> answers = new LinkedHashMap<>();
    private final int maxEntries;

    /**
     * A client and its 96-bit transaction id (RFC 8489 §5), the id as two numbers rather than a copy
     * in an array: one small object per answer kept, as a client may make thousands of allocations.
     */
    private record Key(InetSocketAddress client, long idHigh, int idLow) {
        static Key of(InetSocketAddress client, byte[] transactionId) {
            ByteBuffer id = ByteBuffer.wrap(transactionId);
            return new Key(client, id.getLong(), id.getInt());
        }
    }

    private record Entry(byte[] answer, long storedAtNanos) {
    }

    /** @param maxEntries how many answers are kept at most; the oldest go first */
    TransactionCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Writes the cached answer into {@code out} and returns its size, or 0 when there is none. */
    int replay(InetSocketAddress client, byte[] transactionId, ByteBuffer out, long nowNanos) {
        Entry entry = answers.get(Key.of(client, transactionId));
        if (entry == null || nowNanos - entry.storedAtNanos() > KEEP_NANOS) {
            return 0;
        }
        out.put(entry.answer());
        return entry.answer().length;
    }

    /** Remembers the {@code size} bytes just written before {@code out}'s position. */
    void store(InetSocketAddress client, byte[] transactionId, ByteBuffer out, int size, long nowNanos) {
        evict(nowNanos);
        byte[] answer = new byte[size];
        out.duplicate().position(out.position() - size).get(answer);
        answers.put(Key.of(client, transactionId), new Entry(answer, nowNanos));
    }

    private void evict(long nowNanos) {
        Iterator<Entry> oldestFirst = answers.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry oldest = oldestFirst.next();
            if (answers.size() < maxEntries && nowNanos - oldest.storedAtNanos() <= KEEP_NANOS) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
