package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SweepScheduleTest {
    private static final Instant LAST = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void theNextSweepIsAtTheEarliestExpiry() {
        assertEquals(LAST.plusSeconds(7), SweepSchedule.next(LAST, LAST.plusSeconds(7)));
    }

    @Test
    void expiriesDueSoonerWaitASecondAfterTheLastSweep() {
        assertEquals(LAST.plusSeconds(1), SweepSchedule.next(LAST, LAST.minusSeconds(5)));
        assertEquals(LAST.plusSeconds(1), SweepSchedule.next(LAST, LAST.plusMillis(300)));
    }

    @Test
    void withNoExpiryOrOnlyLaterOnesTheBackstopSweeps() {
        assertEquals(LAST.plusSeconds(30), SweepSchedule.next(LAST, null));
        assertEquals(LAST.plusSeconds(30), SweepSchedule.next(LAST, LAST.plusSeconds(120)));
    }

    @Test
    void theEarlierOfTwoExpiriesEitherOfWhichMayBeMissing() {
        assertEquals(LAST, SweepSchedule.earlier(LAST, LAST.plusSeconds(1)));
        assertEquals(LAST, SweepSchedule.earlier(LAST.plusSeconds(1), LAST));
        assertEquals(LAST, SweepSchedule.earlier(null, LAST));
        assertEquals(LAST, SweepSchedule.earlier(LAST, null));
        assertNull(SweepSchedule.earlier(null, null));
    }
}
