package org.wildrtc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedSnapshotTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger asked = new AtomicInteger();
    private final CachedSnapshot<Integer> snapshot = new CachedSnapshot<>(asked::incrementAndGet, 100, clock::get);

    @Test
    void manyReadsWithinTheAgeAskTheSourceOnce() {
        for (int read = 0; read < 50; read++) {
            assertEquals(1, snapshot.get());
            clock.addAndGet(1);
        }
        assertEquals(1, asked.get());
    }

    @Test
    void aSnapshotThatAgedOutIsTakenAgain() {
        assertEquals(1, snapshot.get());
        clock.addAndGet(99);
        assertEquals(1, snapshot.get());
        clock.addAndGet(1);
        assertEquals(2, snapshot.get());
        assertEquals(2, snapshot.get());
    }

    @Test
    void anAbsentValueIsCachedToo() {
        CachedSnapshot<String> absent = new CachedSnapshot<>(() -> {
            asked.incrementAndGet();
            return null;
        }, 100, clock::get);
        absent.get();
        absent.get();
        assertEquals(1, asked.get());
    }
}
