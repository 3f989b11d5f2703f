package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.ErrorCode;

/** The quota ledger under event loops that take and give places of one user at once. */
class QuotaLedgerTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 1_000_000;

    /**
     * With a quota of one, a place taken while another thread gives the last one back must not be
     * counted on the user's entry that giving it back just removed: that place would be invisible,
     * and a second holder would be let in.
     */
    @Test
    void placesTakenAndGivenBackAtOnceNeverLetMoreHoldersInThanTheQuota() throws Exception {
        QuotaLedger ledger = new QuotaLedger(new Quotas(1_000, 1, 0, 3600, 10, 10));
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overQuota = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS && overQuota.get() == 0; round++) {
                        if (ledger.take("alice") != null) {
                            continue;
                        }
                        if (holders.incrementAndGet() > 1) {
                            overQuota.incrementAndGet();
                        }
                        Thread.yield();
                        holders.decrementAndGet();
                        ledger.give("alice");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : done) {
                thread.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(0, overQuota.get(), "more holders than the quota of one at once");
        // Every place came back: the user gets exactly its quota again.
        assertNull(ledger.take("alice"));
        assertEquals(ErrorCode.ALLOCATION_QUOTA_REACHED, ledger.take("alice"));
        assertEquals(1, ledger.total());
    }
}
