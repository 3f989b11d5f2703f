package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bandwidth quota (max-bps): datagrams over it are dropped, stream bytes over it pause their reader. */
class TrafficMeterTest {
    private static final long START = 1_000_000_000_000L;
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void datagramsBeyondTheBurstAreRefusedUntilTheBucketRefills() {
        TrafficMeter meter = new TrafficMeter(1000, START);
        assertTrue(meter.admit(1000, START));
        assertFalse(meter.admit(1, START));
        assertTrue(meter.admit(100, START + 100 * MILLI));
    }

    /** A stream's bytes are relayed already when charged: the debt is paid by pausing its reader. */
    @Test
    void streamBytesBeyondTheBurstGoIntoDebtAndPauseTheReaderUntilItIsPaid() {
        TrafficMeter meter = new TrafficMeter(1000, START);
        assertEquals(0, meter.charge(1000, START));
        assertEquals(500 * MILLI, meter.charge(500, START));
        assertEquals(200 * MILLI, meter.debtNanos(START + 300 * MILLI));
        assertEquals(0, meter.debtNanos(START + 500 * MILLI));
        assertFalse(meter.admit(1, START + 500 * MILLI), "a paid debt leaves an empty bucket");
    }

    @Test
    void anUnlimitedMeterNeverPauses() {
        TrafficMeter meter = new TrafficMeter(0, START);
        assertEquals(0, meter.charge(Integer.MAX_VALUE, START));
        assertTrue(meter.admit(Integer.MAX_VALUE, START));
    }

    /** An idle hour at a large quota refills the bucket without overflowing. */
    @Test
    void aLongIdleTimeRefillsToOneSecondsWorth() {
        long quota = 10_000_000_000L;
        TrafficMeter meter = new TrafficMeter(quota, START);
        meter.charge(Integer.MAX_VALUE, START);
        assertEquals(0, meter.debtNanos(START + TimeUnit.HOURS.toNanos(1)));
        assertTrue(meter.admit(Integer.MAX_VALUE, START + TimeUnit.HOURS.toNanos(1)));
    }
}
