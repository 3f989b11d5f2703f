package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
    /** Bounds memory under a flood of distinct requests; the oldest answers go first. */
    private static final int MAX_ENTRIES = 10_000;

    private final Map<Key, Entry> answers = new LinkedHashMap<>();

    private record Key(InetSocketAddress client, ByteBuffer transactionId) {
    }

    private record Entry(byte[] answer, long storedAtNanos) {
    }

    /** Writes the cached answer into {@code out} and returns its size, or 0 when there is none. */
    int replay(InetSocketAddress client, byte[] transactionId, ByteBuffer out, long nowNanos) {
        Entry entry = answers.get(new Key(client, ByteBuffer.wrap(transactionId)));
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
        answers.put(new Key(client, ByteBuffer.wrap(Arrays.copyOf(transactionId, transactionId.length))),
                new Entry(answer, nowNanos));
    }

    private void evict(long nowNanos) {
        Iterator<Entry> oldestFirst = answers.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry oldest = oldestFirst.next();
            if (answers.size() < MAX_ENTRIES && nowNanos - oldest.storedAtNanos() <= KEEP_NANOS) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
